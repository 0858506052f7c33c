"""The one result type every check returns.

A finding is plain data so it crosses into JavaScript as JSON unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Display order: what needs action first, then what could not be judged, then what is fine.
STATUSES = ("fail", "warn", "unknown", "ok")
LANGS = ("zh", "en")
# What a finding is about:
# - browser: this browser, computer and network; it holds for the workstation's tab too;
# - help-tab: the help site's own tab (permission, autoplay and secure context are kept per
#   site, so these facts say nothing about the workstation): never a warning or a problem;
# - workstation: the workstation's own tab, from the probe the agent runs there;
# - settings: the help site's configuration, addressed to its administrator;
# - team: what an admin entered or dropped on the page (client version, working hours,
#   assignment rules, a session log): the team's setup, not this browser.
SCOPES = ("browser", "help-tab", "workstation", "settings", "team")


def text(zh: str, en: str) -> dict[str, str]:
    """Bilingual text, the shape every title, message and fix has."""
    return {"zh": zh, "en": en}


def no_text() -> dict[str, str]:
    return text("", "")


def _check_text(value, name: str) -> None:
    if not (isinstance(value, dict) and all(isinstance(value.get(lang), str) for lang in LANGS)):
        raise ValueError(f"finding {name} needs 'zh' and 'en' strings, got {value!r}")


@dataclass
class Finding:
    id: str
    check: str
    status: str
    title: dict
    message: dict
    fix: dict
    step: str
    scope: str
    data: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Fail loudly inside the check (the runner isolates it) rather than sending
        # JavaScript a half-formed finding it would have to guard against.
        if self.status not in STATUSES:
            raise ValueError(f"finding {self.id}: unknown status {self.status!r}")
        for name in ("title", "message", "fix"):
            _check_text(getattr(self, name), name)
        if not self.step:
            raise ValueError(f"finding {self.id}: no step")
        if self.scope not in SCOPES:
            raise ValueError(f"finding {self.id}: unknown scope {self.scope!r}")
        if self.scope == "help-tab" and self.status in ("warn", "fail"):
            raise ValueError(f"finding {self.id}: the help site's own tab is never a warning or a problem")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "check": self.check,
            "status": self.status,
            "title": dict(self.title),
            "message": dict(self.message),
            "fix": dict(self.fix),
            "step": self.step,
            "scope": self.scope,
            "data": dict(self.data),
        }


def finding_maker(check: str, scope: str):
    """A constructor bound to one check and its usual scope, so check modules name only what varies."""
    default_scope = scope

    def make(
        id: str,
        status: str,
        step: str,
        title: dict,
        message: dict,
        fix: dict | None = None,
        data: dict | None = None,
        scope: str | None = None,
    ) -> Finding:
        return Finding(
            id=id,
            check=check,
            status=status,
            title=title,
            message=message,
            fix=fix or no_text(),
            step=step,
            scope=scope or default_scope,
            data=data or {},
        )

    return make
