"""Guards the branch table: every place a check builds a finding must be reached by
some scenario in fact_scenarios.py, so a new branch cannot go untested."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

from checks import CHECKS

from .fact_scenarios import SCENARIOS
from .test_branches import run_scenario

PACKAGE = Path(next(iter(CHECKS.values())).__file__).resolve().parent


def finding_calls(path: Path) -> list[tuple[int, int, str]]:
    """(first line, last line, source) of every finding(...) call in a check module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.end_lineno, ast.get_source_segment(path.read_text(encoding="utf-8"), node).splitlines()[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "finding"
    ]


# Every module of the package that builds findings (the checks and their parts).
CHECK_FILES = {p for p in PACKAGE.glob("*.py") if finding_calls(p)}


def executed_lines(settings_source) -> set[tuple[Path, int]]:
    import copy

    seen: set[tuple[Path, int]] = set()
    files = {str(p) for p in CHECK_FILES}

    def tracer(frame, event, arg):
        if frame.f_code.co_filename not in files:
            return None

        def local(frame, event, arg):
            if event == "line":
                seen.add((Path(frame.f_code.co_filename), frame.f_lineno))
            return local

        return local

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        for scenario in SCENARIOS:
            run_scenario(scenario, copy.deepcopy(settings_source))
    finally:
        sys.settrace(previous)
    return seen


def test_the_guard_sees_every_check_module():
    names = {p.name for p in CHECK_FILES}
    assert {"connectivity.py", "notifications.py", "browser.py", "host_reachability.py", "websocket_echo.py",
            "clock_skew.py", "sound_autoplay.py", "background_tab.py", "agent_answers.py", "browser_version.py",
            "browser_storage.py", "timezone_match.py"} <= names


def test_every_finding_site_is_reached(settings_source):
    seen = executed_lines(settings_source)
    missed = []
    for path in sorted(CHECK_FILES):
        for first, last, line in finding_calls(path):
            if not any((path, n) in seen for n in range(first, last + 1)):
                missed.append(f"{path.name}:{first} {line.strip()}")
    assert not missed, "branches no scenario reaches:\n" + "\n".join(missed)
