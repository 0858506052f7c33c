"""The same checks under Pyodide (Python 3.14, as in the browser) give exactly the
native results, for every branch scenario and for bad input; and so does call_json, the
worker's second entry point (the support request, reports and their share links)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

from checks import call_json, run_json
from checks.report import build, link
from hooks import guide_data
from hooks.runtime_assets import write_checks_zip

from .fact_scenarios import SCENARIOS
from .request_data import HOSTILE, META, filled_values, request_form, typical_facts, typical_probe, with_channels

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"

RUNNER = """
import { loadPyodide } from %(pyodide_mjs)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index_url)s });
py.unpackArchive(new Uint8Array(fs.readFileSync(%(checks_zip)s)), "zip", { extractDir: "/home/pyodide/app" });
py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
const { run_json: runJson, call_json: callJson } = py.pyimport("checks");
const { runs, calls } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = {
  version: py.runPython("import sys; '%%d.%%d' %% sys.version_info[:2]"),
  results: runs.map(([facts, settings, only]) => runJson(facts, settings, only)),
  calls: calls.map(([fn, args]) => callJson(fn, args)),
};
fs.writeFileSync(process.argv[3], JSON.stringify(out));
"""


def cases(settings_source) -> list[list[str]]:
    out = []
    for scenario in SCENARIOS:
        settings = copy.deepcopy(settings_source)
        scenario.prepare(settings)
        out.append([json.dumps(scenario.run_facts()), json.dumps(settings), json.dumps([scenario.check])])
    out.append(["{broken", json.dumps(settings_source), "null"])
    return out


def calls(settings_source) -> list[list[str]]:
    """call_json cases: each function, in both languages, with good and bad input."""
    site = with_channels(settings_source)
    site["support"]["email"] = "help@support.example"
    steps = guide_data.steps_source()["steps"]
    facts = typical_facts()
    found = run_checks_json(facts, site)
    hostile = filled_values() | {"what_happened": "\n".join(HOSTILE) + " 13812345678 sk-abcdefghijklmnop1234"}
    report = build(facts, None, typical_probe(), META, settings_source)
    offline = build({**facts, "connectivity": {"online": False}}, None, None, META, settings_source)
    out = []
    for lang in ("zh", "en"):
        for values in (filled_values(), hostile, {}):
            args = {"form": request_form(), "values": values, "settings": site, "steps": steps, "findings": found}
            out.append(["request.render", json.dumps(args | {"lang": lang})])
        out.append(["request.environment", json.dumps({"facts": facts, "lang": lang})])
        out.append(["report.link", json.dumps({"report": report, "settings": settings_source, "lang": lang})])
    text = json.dumps(report)
    out += [
        [
            "report.build",
            json.dumps({"facts": facts, "probe": typical_probe(), "meta": META, "settings": settings_source}),
        ],
        ["report.judge", json.dumps({"report": text, "settings": settings_source})],
        ["report.judge", json.dumps({"report": link(report, settings_source)["url"], "settings": settings_source})],
        ["report.validate", json.dumps({"report": text[: len(text) // 2]})],
        ["report.validate", json.dumps({"report": '{"schema": 2, "kind": "diagnostic-report", "facts": {}}'})],
        ["report.compare", json.dumps({"reports": [report, offline], "settings": settings_source})],
        [
            "report.compare",
            json.dumps({"reports": [report, offline, offline, "{", text, offline], "settings": settings_source}),
        ],
        ["report.judge", "{broken"],
        ["no.such.function", "{}"],
    ]
    return out


def run_checks_json(facts: dict, settings: dict) -> list[dict]:
    return json.loads(run_json(json.dumps(facts), json.dumps(settings)))["findings"]


def test_pyodide_gives_the_native_results(settings_source, tmp_path):
    # Never skipped: without node or the npm runtime the setup is broken.
    assert shutil.which("node") and (PYODIDE / "pyodide.mjs").is_file(), (
        "needs node and node_modules/pyodide (make setup)"
    )
    archive = tmp_path / "checks.zip"
    write_checks_zip(archive)
    script = tmp_path / "run.mjs"
    script.write_text(
        RUNNER
        % {
            "pyodide_mjs": json.dumps((PYODIDE / "pyodide.mjs").as_uri()),
            "index_url": json.dumps(str(PYODIDE) + "/"),
            "checks_zip": json.dumps(str(archive)),
        }
    )
    inputs = cases(settings_source)
    call_inputs = calls(settings_source)
    (tmp_path / "in.json").write_text(json.dumps({"runs": inputs, "calls": call_inputs}))
    done = subprocess.run(
        ["node", str(script), str(tmp_path / "in.json"), str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, [line[:300] for line in done.stderr.splitlines()[-25:]]
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["version"] == "3.14"
    native = [run_json(*case) for case in inputs]
    assert [json.loads(r) for r in out["results"]] == [json.loads(r) for r in native]
    native_calls = [json.loads(call_json(*case)) for case in call_inputs]
    assert [json.loads(r) for r in out["calls"]] == native_calls
    assert sum("result" in c for c in native_calls) == len(native_calls) - 2  # the last two are malformed
