"""The same checks under Pyodide (Python 3.14, as in the browser) give exactly the
native results, for every branch scenario and for bad input."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from checks import run_json

from .fact_scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"

RUNNER = """
import { loadPyodide } from %(pyodide_mjs)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index_url)s });
py.FS.mkdirTree("/home/pyodide/app/checks");
for (const name of fs.readdirSync(%(checks_dir)s)) {
  if (name.endsWith(".py")) py.FS.writeFile(`/home/pyodide/app/checks/${name}`, fs.readFileSync(`${%(checks_dir)s}/${name}`));
}
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
        if scenario.change_settings:
            scenario.change_settings(settings)
        out.append([json.dumps({scenario.check: scenario.facts}), json.dumps(settings), "null"])
    out.append(["{broken", json.dumps(settings_source), "null"])
    return out


@pytest.mark.skipif(shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").is_file(),
                    reason="needs node and node_modules/pyodide (make setup)")
def test_pyodide_gives_the_native_results(settings_source, tmp_path):
    script = tmp_path / "run.mjs"
    script.write_text(RUNNER % {
        "pyodide_mjs": json.dumps((PYODIDE / "pyodide.mjs").as_uri()),
        "index_url": json.dumps(str(PYODIDE) + "/"),
        "checks_dir": json.dumps(str(ROOT / "checks")),
    })
    inputs = cases(settings_source)
    (tmp_path / "in.json").write_text(json.dumps(inputs))
    subprocess.run(["node", str(script), str(tmp_path / "in.json"), str(tmp_path / "out.json")],
                   check=True, capture_output=True, text=True, timeout=120)
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["version"] == "3.14"
    native = [run_json(*case) for case in inputs]
    assert [json.loads(r) for r in out["results"]] == [json.loads(r) for r in native]
