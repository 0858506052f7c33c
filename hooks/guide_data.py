"""Loads the site's single sources: steps.toml, symptoms.toml, settings.toml and strings.toml.

Build hooks and tests read them through here, so the files are parsed and validated in one place.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import re
import tomllib
from pathlib import Path

from hooks import settings_schema

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")


class DataError(ValueError):
    """A source file is malformed; the message names the file and the entry."""


def _load(name: str) -> dict:
    path = ROOT / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{name}: {exc}") from exc


def _bilingual(value, where: str) -> dict:
    if not (
        isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS)
    ):
        raise DataError(f"{where}: needs non-empty 'zh' and 'en' text")
    return value


def _phrases(value, where: str) -> dict:
    """Optional words agents use for a step's problem: a list of short, distinct texts per language."""
    if not (isinstance(value, dict) and set(value) == set(LANGS)):
        raise DataError(f"{where}: needs a list for 'zh' and for 'en', and nothing else")
    for lang in LANGS:
        items = value[lang]
        if not (isinstance(items, list) and items and all(isinstance(i, str) and i.strip() for i in items)):
            raise DataError(f"{where}: {lang!r} must be a non-empty list of non-empty texts")
        if len(set(items)) != len(items):
            raise DataError(f"{where}: {lang!r} lists a phrase twice")
    return value


@functools.cache
def steps_source() -> dict:
    """Sections and steps, validated: unique ids, known sections, text in both languages."""
    data = _load("steps.toml")
    sections = data.get("section", [])
    steps = data.get("step", [])
    section_ids = [s["id"] for s in sections]
    seen: set[str] = set()
    for s in sections:
        _bilingual(s.get("title"), f"steps.toml section {s.get('id')!r} title")
        _reference(s, f"steps.toml section {s.get('id')!r}")
    by_id = {s["id"]: s for s in sections}
    for st in steps:
        sid = st.get("id", "")
        if sid in seen or sid in section_ids:
            raise DataError(f"steps.toml: duplicate id {sid!r}")
        seen.add(sid)
        if st.get("section") not in section_ids:
            raise DataError(f"steps.toml step {sid!r}: unknown section {st.get('section')!r}")
        _bilingual(st.get("title"), f"steps.toml step {sid!r} title")
        _bilingual(st.get("do"), f"steps.toml step {sid!r} do")
        if "phrases" in st:
            _phrases(st["phrases"], f"steps.toml step {sid!r} phrases")
        _reference(st, f"steps.toml step {sid!r}")
        st["reference"] = st.get("reference", by_id[st["section"]].get("reference", False))
    return {"sections": sections, "steps": steps}


def _reference(entry: dict, where: str) -> None:
    if not isinstance(entry.get("reference", False), bool):
        raise DataError(f"{where}: reference must be true or false")


def action_steps_by_section() -> dict[str, list[dict]]:
    """The steps to do (not `reference`), by section; sections with none are left out. The
    "I tried this" boxes, the printed checklist and the request's steps tried use these."""
    out = {sec: [st for st in steps if not st["reference"]] for sec, steps in steps_by_section().items()}
    return {sec: steps for sec, steps in out.items() if steps}


def steps_by_section() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {s["id"]: [] for s in steps_source()["sections"]}
    for st in steps_source()["steps"]:
        out[st["section"]].append(st)
    return out


def step(step_id: str) -> dict:
    for st in steps_source()["steps"]:
        if st["id"] == step_id:
            return st
    raise DataError(f"unknown step id {step_id!r} (see steps.toml)")


SYMPTOM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PATH_LENGTH = (3, 5)


def read_symptoms(path: Path) -> list[dict]:
    """The symptoms of the home page's chooser (symptoms.toml), validated: stable anchor ids,
    each once; label (and any hint) in both languages; 3 to 5 known, distinct step ids."""
    name = path.name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{name}: {exc}") from exc
    symptoms = data.get("symptom")
    if not isinstance(symptoms, list) or not symptoms:
        raise DataError(f"{name}: needs at least one [[symptom]]")
    known = {st["id"] for st in steps_source()["steps"]}
    seen: set[str] = set()
    for number, entry in enumerate(symptoms, 1):
        sid = entry.get("id")
        where = f"{name} symptom {sid!r}" if isinstance(sid, str) else f"{name} symptom #{number}"
        if not (isinstance(sid, str) and SYMPTOM_ID.fullmatch(sid)):
            raise DataError(f"{where}: id must be lowercase letters, digits and hyphens")
        if sid in seen:
            raise DataError(f"{where}: duplicate id")
        seen.add(sid)
        _bilingual(entry.get("label"), f"{where} label")
        if "hint" in entry:
            _bilingual(entry["hint"], f"{where} hint")
        steps = entry.get("steps")
        low, high = PATH_LENGTH
        if not (isinstance(steps, list) and low <= len(steps) <= high):
            raise DataError(f"{where}: steps must list {low} to {high} step ids")
        for step_id in steps:
            if step_id not in known:
                raise DataError(f"{where}: unknown step id {step_id!r} (see steps.toml)")
        if len(set(steps)) != len(steps):
            raise DataError(f"{where}: a step is listed twice")
        unknown_keys = set(entry) - {"id", "label", "hint", "steps"}
        if unknown_keys:
            raise DataError(f"{where}: unknown keys {sorted(unknown_keys)}")
    return symptoms


@functools.cache
def symptoms_source() -> list[dict]:
    return read_symptoms(ROOT / "symptoms.toml")


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            _merge(base[key], value)
            if isinstance(value, dict) and isinstance(base.get(key), dict) and set(value) != set(LANGS)
            else value
        )
    return out


OVERLAY_ENV = "HELP_SETTINGS_OVERRIDE"


def overlay_paths() -> list[str]:
    """The overlays named by $HELP_SETTINGS_OVERRIDE, applied in order (os.pathsep between paths)."""
    return [path for path in os.environ.get(OVERLAY_ENV, "").split(os.pathsep) if path.strip()]


def _validate(data: dict, where: str) -> None:
    found = settings_schema.problems(data)
    if found:
        raise DataError("\n".join(f"{where}: {key}: {problem}" for key, problem in found))


@functools.cache
def settings() -> dict:
    """settings.toml, with the deployment overlays named by $HELP_SETTINGS_OVERRIDE merged over it
    (TOML files holding only the keys to change: another product, hosts for an intranet, test servers).

    Validated after settings.toml and again after each overlay (schemas/settings.schema.json and
    hooks/settings_schema.py), so an error names the key and the file that introduced it."""
    merged = _load("settings.toml")
    _validate(merged, "settings.toml")
    for path in overlay_paths():
        where = f"{OVERLAY_ENV}={path}"
        try:
            with open(path, "rb") as fh:
                merged = _merge(merged, tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DataError(f"{where}: {exc}") from exc
        _validate(merged, where)
    return merged


@functools.cache
def strings() -> dict:
    return _load("strings.toml")


def localize(value, lang: str):
    """Collapse every {zh, en} leaf to the given language, recursively."""
    if isinstance(value, dict):
        if set(value) == set(LANGS):
            return value[lang]
        return {k: localize(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, lang) for v in value]
    return value


# checks/native/ collects facts from a terminal (sockets, TLS, the websockets library): never zipped for Pyodide.
NATIVE_ONLY = "checks/native/"


def runtime_sources() -> list[Path]:
    """The checks/ modules the browser runtime gets, in a stable order."""
    files = sorted((ROOT / "checks").rglob("*.py"))
    return [path for path in files if not path.relative_to(ROOT).as_posix().startswith(NATIVE_ONLY)]


@functools.cache
def runtime_manifest() -> dict:
    """Versioned names of the runtime and the checks archive (immutable, cacheable paths)."""
    pkg = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())
    digest = hashlib.sha256()
    for path in runtime_sources():
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return {
        "pyodide_version": pkg["version"],
        "pyodide_dir": f"assets/runtime/pyodide-{pkg['version']}/",
        "checks_zip": f"assets/runtime/checks-{digest.hexdigest()[:12]}.zip",
        # The QR code's library, unpacked by the worker only when a share link's QR code is drawn.
        "segno_zip": f"assets/runtime/segno-{importlib.metadata.version('segno')}.zip",
        # Time zones for the working-hours check, unpacked only when it first runs.
        "tzdata_zip": f"assets/runtime/tzdata-{importlib.metadata.version('tzdata')}.zip",
    }


def clear_caches() -> None:
    for cached in (steps_source, symptoms_source, settings, strings, runtime_manifest):
        cached.cache_clear()
