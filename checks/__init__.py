"""The troubleshooting site's in-browser checks: facts in, findings out.

Plain standard-library Python. It runs natively under pytest and, unchanged, in
the browser under Pyodide, where JavaScript collects the facts and passes them in
as a dict (through run_json, as JSON). Nothing here imports a browser module.

Each area the user sees is a subpackage with run(facts, settings, areas) (areas: the
areas the run has facts for), CHECK, SCOPE and FIRST_STEP, run in this order:
- connectivity: online state and connection estimate, with hosts (reachability,
  latency), websocket_echo (WebSocket, and an echo address the settings got wrong) and
  clock_skew (the clock, also used for the workstation's server);
- workstation: the facts the probe reads in the workstation's own tab (its origin,
  HTTPS, notification permission, sound, tab state, online, what it loaded, its clock);
- notifications: the workstation's HTTPS from the settings, a pointer to the probe when
  the run has no probe facts, and what only the agent can answer (agent_answers);
  browser_menus holds each browser's menu paths;
- browser: feature support, with version, storage (storage, private window) and
  timezone_match (UTC offsets); user_agent.parse_browser names the browser and is
  re-exported as browser.parse_browser;
- background: the background test (does this browser slow down, freeze or discard a
  hidden tab).
Every finding has a scope: what it is about (findings.SCOPES). The help site's own tab
("help-tab") is never a warning or a problem: its permission, autoplay and secure context
are its own, not the workstation's.

- runner.run_checks(facts, settings, only) runs them, each isolated, and summarises;
  runner.run_json is the worker's JSON entry point;
- findings (the Finding type), facts (reading facts defensively), site_settings
  (reading settings.toml values), wording (numbers, durations, lists).

The facts' shape (every key optional; null or a wrong type means "not collected") is
one contract for the page collectors, the probe and these checks:
schemas/facts.schema.json. The unit tests hold every scenario's facts to it, and hold
every key a check reads to a key it declares.
"""

from .api import call_json
from .findings import Finding
from .runner import CHECKS, run_checks, run_json

__all__ = ["CHECKS", "Finding", "__version__", "call_json", "run_checks", "run_json"]
__version__ = "1.0.0"
