"""The same checks under Pyodide (Python 3.14, as in the browser) give exactly the
native results, for every branch scenario and for bad input."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

from checks import run_json
from hooks.runtime_assets import write_checks_zip

from .fact_scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"

RUNNER = """
import { loadPyodide } from %(pyodide_mjs)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index_url)s });
py.unpackArchive(new Uint8Array(fs.readFileSync(%(checks_zip)s)), "zip", { extractDir: "/home/pyodide/app" });
py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
const runJson = py.pyimport("checks").run_json;
const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = {
  version: py.runPython("import sys; '%%d.%%d' %% sys.version_info[:2]"),
  results: cases.map(([facts, settings, only]) => runJson(facts, settings, only)),
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
    (tmp_path / "in.json").write_text(json.dumps(inputs))
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
