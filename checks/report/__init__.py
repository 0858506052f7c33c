"""Saved diagnostic reports: facts, not wording, re-judged by any copy of the site.

- document: build a report from a run (facts, the agent's answers, the probe's facts, when),
  read one back from JSON, a file or a share link with a clear message for what is not a
  readable report, and encode the share link (schemas/report.schema.json);
- judge: the report's facts judged by this site's checks, in both languages, with who and when;
- compare: two reports (the facts and findings that differ) or several (findings grouped by how
  many reports have them: all, some, one).
"""

from .compare import compare
from .document import build, encode, link, read
from .judge import judge


def validate(report) -> dict:
    """{"ok", "report" (the report read, or None), "errors", "warnings"}."""
    data, errors, warnings = read(report)
    return {"ok": data is not None, "report": data, "errors": errors, "warnings": warnings}


__all__ = ["build", "compare", "encode", "judge", "link", "read", "validate"]
