"""checks/ must run unchanged under Pyodide: standard library only, no browser
module, no threads (Thread.start() raises there)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "js",
    "pyodide",
    "pyodide_js",
    "threading",
    "_thread",
    "multiprocessing",
    "concurrent",
    "asyncio",
    "socket",
    "ssl",
    "subprocess",
    "zoneinfo",
}  # zoneinfo: no tzdata in the self-hosted runtime


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def module_level_imports(path: Path) -> set[str]:
    """What a module imports as it loads: every import outside a function body."""
    names = set()

    def visit(node) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Import):
                names.update(alias.name.split(".")[0] for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0:
                names.add(child.module.split(".")[0])
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


# The one exception: the QR code, drawn by segno, which the worker unpacks on demand and which
# qr.py imports inside its function (the bare-interpreter test below shows checks/ loads without it).
ALLOWED_OUTSIDE = {"checks/report/qr.py": {"segno"}}
# Forbidden modules one file may import inside a function, never as it loads: the working-hours
# check, whose time zones need tzdata, which the worker loads only for that check.
ALLOWED_IN_A_FUNCTION = {"checks/admin/hours.py": {"zoneinfo"}}


# The terminal's own collectors (sockets, ssl, websockets): never zipped for the browser
# (hooks/guide_data.runtime_sources()), so outside these rules.
NATIVE = "checks/native/"


def runtime_files() -> list[Path]:
    return [p for p in sorted((ROOT / "checks").rglob("*.py")) if not p.relative_to(ROOT).as_posix().startswith(NATIVE)]


def test_source_imports_only_the_standard_library():
    files = runtime_files()
    assert files and len(files) < len(list((ROOT / "checks").rglob("*.py")))
    for path in files:
        names = imported_modules(path)
        late = ALLOWED_IN_A_FUNCTION.get(path.relative_to(ROOT).as_posix(), set())
        assert not names & (FORBIDDEN - late), (path.name, names & FORBIDDEN)
        assert not module_level_imports(path) & FORBIDDEN, (path.name, module_level_imports(path) & FORBIDDEN)
        allowed = ALLOWED_OUTSIDE.get(path.relative_to(ROOT).as_posix(), set())
        outside = {n for n in names if n not in sys.stdlib_module_names and n != "__future__"} - allowed
        assert not outside, (path.name, outside)


def test_package_imports_in_a_bare_interpreter():
    # -I -S: no environment, no user paths, no site-packages: only the standard library is reachable.
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); before = set(sys.modules); import checks; "
        "new = sorted({m.split('.')[0] for m in set(sys.modules) - before}); print(json.dumps(new))"
    )
    out = subprocess.run([sys.executable, "-I", "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert "checks" in loaded
    assert all(name == "checks" or name in sys.stdlib_module_names for name in loaded), loaded
    assert not set(loaded) & {"js", "pyodide", "pyodide_js"}


def test_function_level_imports_are_told_apart(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import zoneinfo as z\nclass C:\n    import asyncio\ntry:\n    from socket import socket\nexcept ImportError:\n"
        "    pass\ndef f():\n    import ssl\n    from threading import Thread\n",
        encoding="utf-8",
    )
    assert module_level_imports(source) == {"zoneinfo", "asyncio", "socket"}
    assert imported_modules(source) == {"zoneinfo", "asyncio", "socket", "ssl", "threading"}


def _native_imports(node, in_function: bool = False):
    """(line, inside a function) of each relative import of checks.native under node."""
    for child in ast.iter_child_nodes(node):
        names = (
            (child.module or "").split(".") + [a.name for a in child.names] if isinstance(child, ast.ImportFrom) else []
        )
        if "native" in names and child.level:
            yield child.lineno, in_function
        yield from _native_imports(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))


def test_the_runtime_never_loads_the_native_collectors():
    """checks/native/ is imported only inside cli.py's connectivity command, never as a module loads."""
    found = {}
    for path in runtime_files():
        for line, in_function in _native_imports(ast.parse(path.read_text(encoding="utf-8"))):
            found[(path.name, line)] = in_function
    assert found and all(found.values()) and {name for name, _ in found} == {"cli.py"}, found
