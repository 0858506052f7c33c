"""Admin checks: what an admin or team lead types, pastes or drops on the page, checked in
the same worker (nothing leaves the browser) and from a terminal. Findings have scope "team".

- version: a client version (as typed, or copied whole from an About dialog) against the
  minimum version and the known-defects table in the settings;
- hours: a working-hours schedule: are new chats assigned now, and when the next window opens;
- rules: assignment rules (groups, members, channels, limits, online status) and their defects;
- session_log: a session-log CSV export, streamed: gaps, instant closes, stuck sessions, spread.
"""
