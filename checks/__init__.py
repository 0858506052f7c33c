"""The troubleshooting site's in-browser checks: facts in, findings out.

Plain standard-library Python. It runs natively under pytest and, unchanged, in
the browser under Pyodide, where JavaScript collects the facts and passes them in
as a dict (through run_json, as JSON). Nothing here imports a browser module.

- connectivity.run(facts, settings): online state and connection estimate, with
  hosts (reachability, latency), websocket_echo (WebSocket) and clock_skew (clock);
- notifications.run(facts, settings): HTTPS and permission, with sound_autoplay,
  background_tab and agent_answers (what only the agent can tell); browser_menus holds
  each browser's menu paths;
- browser.run(facts, settings): feature support, with version, storage (storage,
  private window) and timezone_match; user_agent.parse_browser names the browser and
  is re-exported as browser.parse_browser;
- runner.run_checks(facts, settings, only) runs them, each isolated, and summarises;
  runner.run_json is the worker's JSON entry point;
- findings (the Finding type), facts (reading facts defensively), site_settings
  (reading settings.toml values), wording (numbers, durations, lists).

Facts, as docs/assets/js/facts.js collects them (every key optional; null or a wrong
type means "not collected"):
connectivity: online, connection {effectiveType, rtt, downlink, saveData},
  hosts [{url, ok, ms, error}], websocket {url, opened, open_ms, echo_ok, echo_ms, error, close_code},
  clock {source, offset_ms (server − local), rtt_ms, error}
notifications: supported, permission, permission_query, secure_context, audio_state,
  autoplay_policy, visibility, was_discarded, user_agent,
  answers {saw_notification, heard_sound, os_dnd_on}
browser: user_agent, ua_data {brands, fullVersionList},
  cookies, local_storage, indexed_db, storage_quota (bytes), websocket_supported,
  notification_supported, time_zone, utc_offset_min (east of UTC)
"""

from .findings import Finding
from .runner import CHECKS, run_checks, run_json

__all__ = ["CHECKS", "Finding", "__version__", "run_checks", "run_json"]
__version__ = "1.0.0"
