"""One contract for the facts: schemas/facts.schema.json.

Every scenario's facts follow it (unless a scenario says why it breaks it on purpose),
every fact key a check reads is declared in it, and the values a check accepts for a
key are the values the schema allows.
"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

import jsonschema
import pytest

from checks import CHECKS

from .fact_scenarios import SCENARIOS, Scenario

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
READERS = {"flag", "number", "choice", "string", "mapping", "records"}


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


def errors(facts: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(facts)]


def test_every_check_has_an_area_in_the_schema():
    assert set(SCHEMA["properties"]) == set(CHECKS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario_facts_follow_the_contract(scenario: Scenario):
    found = errors({scenario.check: scenario.facts})
    if scenario.off_contract:
        assert found, f"marked off-contract ({scenario.off_contract}) but valid"
    else:
        assert not found, found


def test_a_collector_error_follows_the_contract():
    assert not errors({name: {"collect_error": "timeout after 10000 ms"} for name in CHECKS})
    assert errors({"browser": {"collect_error": 3}})
    assert errors({"browser": {"no_such_fact": True}})
    assert errors({"no_such_area": {}})


def _properties(node, out: dict[str, list]) -> None:
    """Every property name declared anywhere in the schema, with each declaration (refs resolved)."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            out.setdefault(name, []).append(_resolve(sub))
        for value in node.values():
            _properties(value, out)
    elif isinstance(node, list):
        for value in node:
            _properties(value, out)


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


@functools.cache
def declared() -> dict[str, list]:
    out: dict[str, list] = {}
    _properties(SCHEMA, out)
    return out


def _constants(tree: ast.Module) -> dict[str, tuple]:
    """Module-level NAME = ("a", "b") tuples, and NAME = (*OTHER, "c")."""
    out: dict[str, tuple] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = _literal_tuple(node.value, out)
            if value is not None:
                out[node.targets[0].id] = value
    return out


def _literal_tuple(node, known: dict[str, tuple]) -> tuple | None:
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if not isinstance(node, ast.Tuple):
        return None
    items: list = []
    for elt in node.elts:
        if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
            items.append(elt.value)
        elif isinstance(elt, ast.Starred) and isinstance(elt.value, ast.Name) and elt.value.id in known:
            items.extend(known[elt.value.id])
        else:
            return None
    return tuple(items)


def fact_reads() -> list[tuple[str, str, str, tuple | None]]:
    """(file, reader, key, allowed values for choice) for each read of a literal key in checks/."""
    reads = []
    for path in sorted((ROOT / "checks").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in READERS):
                continue
            if len(node.args) < 2 or not isinstance(node.args[1], ast.Constant):
                continue
            allowed = _literal_tuple(node.args[2], constants) if node.func.id == "choice" else None
            reads.append((path.relative_to(ROOT).as_posix(), node.func.id, node.args[1].value, allowed))
    return reads


def test_the_scan_finds_the_reads():
    reads = {(reader, key) for _, reader, key, _ in fact_reads()}
    # A few reads each check is known to make: if the scan misses these, it misses others too.
    assert {
        ("flag", "online"),
        ("records", "hosts"),
        ("choice", "navigation_type"),
        ("records", "zone_offsets"),
    } <= reads
    assert all(allowed for _, reader, _, allowed in fact_reads() if reader == "choice"), (
        "a choice() the scan cannot read"
    )


@pytest.mark.parametrize(("path", "reader", "key", "allowed"), fact_reads(), ids=str)
def test_every_fact_a_check_reads_is_declared(path, reader, key, allowed):
    declarations = declared()
    assert key in declarations, f"{path}: {reader}(…, {key!r}) reads a fact the schema does not declare"
    if reader == "choice":
        enums = [set(d["enum"]) - {None} for d in declarations[key] if "enum" in d]
        assert set(allowed) in enums, f"{path}: choice {key!r} {allowed} differs from the schema's enums {enums}"
