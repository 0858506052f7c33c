"""One set of facts per branch of every finding, with the findings it must produce.

Shared by the per-check tests, the step-id test, the JSON test, the branch-coverage
test and the Pyodide test, so every one of them sees every branch.

A scenario's facts are judged against fixed premises (PREMISES: browser minimums, the
service time zone, the probe thresholds), applied over whatever settings the tests run
with, so every scenario means the same under any deployment overlay. The per-check tests
read what they expect from the settings instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Real user-agent strings, as browsers send them.
UA = {
    "chrome120_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "edge120_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
    "firefox121_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "firefox102_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Firefox/102.0",
    "safari17_mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Safari/605.1.15",
    "safari_ios17": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1.2 Mobile/15E148 Safari/604.1",
    "chrome_android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.6099.144 Mobile Safari/537.36",
    "chrome_ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    "firefox_ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
    "qq_chromium94": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/94.0.4606.71 Safari/537.36 Core/1.94.202.400 QQBrowser/11.5.5240.400",
    "qq_chromium123": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36 Core/1.123.0.0 QQBrowser/13.0.6071.400",
    "360_chromium": "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/63.0.3239.132 Safari/537.36 QIHU 360SE",
    "360_ie_mode": "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; "
    ".NET CLR 2.0.50727; .NET CLR 3.0.30729; .NET CLR 3.5.30729; 360SE)",
    "sogou_ie_mode": "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0; SE 2.X MetaSr 1.0)",
    "ie11": "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
    "chrome80_win7": "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/80.0.3987.163 Safari/537.36",
    "edge18_legacy": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19042",
    "opera106": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
    "samsung23": "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    "samsung_old": "Mozilla/5.0 (Linux; Android 9; SM-G960F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/10.1 Chrome/71.0.3578.99 Mobile Safari/537.36",
    "curl": "curl/8.4.0",
}
# The page sends its user agent; the notification findings name that browser's menus.
FAMILY_UA = {
    "chrome": UA["chrome120_win"],
    "edge": UA["edge120_win"],
    "firefox": UA["firefox121_win"],
    "safari": UA["safari17_mac"],
    "other": UA["opera106"],
    None: None,
}


def with_chromium(ua: str, major: int) -> str:
    """The same real user agent on another Chromium version (Chrome/<major>.0.0.0)."""
    return re.sub(r"Chrome/[\d.]+", f"Chrome/{major}.0.0.0", ua)


UA_DATA = {
    "edge_full": {
        "brands": [
            {"brand": "Not_A Brand", "version": "8"},
            {"brand": "Chromium", "version": "120"},
            {"brand": "Microsoft Edge", "version": "120"},
        ],
        "fullVersionList": [
            {"brand": "Not_A Brand", "version": "8.0.0.0"},
            {"brand": "Chromium", "version": "120.0.6099.130"},
            {"brand": "Microsoft Edge", "version": "120.0.2210.91"},
        ],
        "platform": "Windows",
        "platformVersion": "15.0.0",
        "mobile": False,
    },
    "chrome_brands_only": {
        "brands": [
            {"brand": "Google Chrome", "version": "120"},
            {"brand": "Chromium", "version": "120"},
            {"brand": "Not?A_Brand", "version": "24"},
        ],
        "fullVersionList": None,
        "platform": "Windows",
        "platformVersion": None,
        "mobile": False,
    },
    "chromium_only": {
        "brands": [{"brand": "Not)A;Brand", "version": "99"}, {"brand": "Chromium", "version": "118"}],
        "fullVersionList": None,
        "platform": "Linux",
        "platformVersion": None,
        "mobile": False,
    },
    "brave": {
        "brands": [
            {"brand": "Brave", "version": "120"},
            {"brand": "Chromium", "version": "120"},
            {"brand": "Not_A Brand", "version": "24"},
        ],
        "fullVersionList": None,
        "platform": "Windows",
        "platformVersion": None,
        "mobile": False,
    },
    "brave_old": {
        "brands": [{"brand": "Brave", "version": "100"}, {"brand": "Chromium", "version": "100"}],
        "fullVersionList": None,
        "platform": "Windows",
        "platformVersion": None,
        "mobile": False,
    },
    "chrome_no_version": {
        "brands": [{"brand": "Google Chrome", "version": ""}, {"brand": "Not A;Brand", "version": "99"}],
        "fullVersionList": None,
        "platform": "Windows",
        "platformVersion": None,
        "mobile": False,
    },
}


@dataclass
class Scenario:
    check: str
    name: str
    facts: dict
    # finding id -> status, or (status, step) or (status, step, scope) where they vary by branch
    # (a step of None: not checked).
    expect: dict
    # ids that must NOT appear (a folded or skipped finding).
    absent: tuple = ()
    change_settings: Callable[[dict], None] | None = None
    extra: dict = field(default_factory=dict)
    # Other areas the run has facts for (the runner tells each check which are present).
    others: tuple = ()
    # Why these facts break the contract (schemas/facts.schema.json) on purpose: what a broken
    # or older collector might send. Empty: the facts follow the contract, and a test checks that.
    off_contract: str = ""

    @property
    def areas(self) -> frozenset:
        return frozenset({self.check, *self.others})

    def run_facts(self) -> dict:
        """The whole run's facts: this check's, and a stand-in for each other area present."""
        return {self.check: self.facts, **{name: copy.deepcopy(AREA_STANDINS[name]) for name in self.others}}

    @property
    def id(self) -> str:
        return f"{self.check}:{self.name}"

    def prepare(self, settings: dict) -> dict:
        """The settings this scenario is judged with: its check's premises, then its own change."""
        for path, value in PREMISES.get(self.check, {}).items():
            _set(path, copy.deepcopy(value))(settings)
        if self.change_settings:
            self.change_settings(settings)
        return settings


def _hosts(*spec) -> list[dict]:
    """("ok", ms) or ("timeout"|"network"|None|"other text", None) per host."""
    out = []
    for i, (kind, ms) in enumerate(spec, start=1):
        url = f"https://h{i}.example.com/"
        if kind == "ok":
            out.append({"url": url, "ok": True, "ms": ms, "error": None})
        else:
            out.append({"url": url, "ok": False, "ms": ms, "error": kind})
    return out


def _ws(**over) -> dict:
    base = {
        "url": "wss://echo.example.com/",
        "opened": True,
        "open_ms": 120.0,
        "echo_ok": True,
        "echo_ms": 45.5,
        "error": None,
        "close_code": None,
    }
    return {**base, **over}


def _clock(offset_ms=None, error=None) -> dict:
    return {"source": "https://help.example.com/", "offset_ms": offset_ms, "rtt_ms": 40.0, "error": error}


# Instants (epoch milliseconds) for the zone offsets: a day in January 2026, and the 2026 clock changes.
NOW = 1_768_000_000_000  # 2026-01-09
US_DST_2026 = 1_772_953_200_000  # 2026-03-08 07:00 UTC: New York moves to UTC-4
US_STD_2026 = 1_793_512_800_000  # 2026-11-01 06:00 UTC: back to UTC-5
EU_DST_2026 = 1_774_746_000_000  # 2026-03-29 01:00 UTC: London to UTC+1, Paris and Berlin to UTC+2
EU_STD_2026 = 1_792_890_000_000  # 2026-10-25 01:00 UTC: back


def _zo(at: int, local: int, service: int | None) -> dict:
    return {"at": at, "local": local, "service": service}


def _set(path: str, value):
    def change(settings: dict) -> None:
        *parents, last = path.split(".")
        node = settings
        for key in parents:
            node = node.setdefault(key, {})
        if value is DELETE:
            node.pop(last, None)
        else:
            node[last] = value

    return change


DELETE = object()

C, N, B, W, BG = "connectivity", "notifications", "browser", "workstation", "background"
# The least facts that make an area present in a run.
AREA_STANDINS = {W: {"v": 1}, BG: {}, C: {}, N: {}, B: {}}
MEIQIA_HOSTS = ["https://app.meiqia.com/", "https://static.meiqia.com/", "https://new-api.meiqia.com/"]
CLOCK_PREMISES = {"probe.clock_skew_warn_s": 60, "probe.clock_skew_fail_s": 300}
# What the scenarios' facts are measured against (the Meiqia defaults of settings.toml, written
# out so that a deployment overlay cannot move them).
PREMISES = {
    C: {
        "probe.websocket_echo_url": "",
        "probe.timeout_ms": 8000,
        "probe.latency_warn_ms": 1000,
        "probe.clock_skew_warn_s": 60,
        "probe.clock_skew_fail_s": 300,
    },
    B: {
        "browsers": {"chrome": 109, "edge": 109, "firefox": 115, "safari": 15},
        "service_timezone": "Asia/Shanghai",
    },
    N: {"workstation_url": "https://app.meiqia.com/"},
    W: {"workstation_url": "https://app.meiqia.com/", "probe.hosts": MEIQIA_HOSTS, **CLOCK_PREMISES},
    BG: {"workstation_url": "https://app.meiqia.com/"},
}


def probe_facts(**over) -> dict:
    """What the probe reads in a healthy workstation tab, with some facts changed."""
    base = {
        "v": 1,
        "origin": "https://app.meiqia.com",
        "secure_context": True,
        "permission": "granted",
        "permission_query": "granted",
        "has_been_active": True,
        "is_active": False,
        "autoplay_policy": None,
        "visibility": "visible",
        "has_focus": True,
        "was_discarded": False,
        "since_load_ms": 3_600_000,
        "navigation_type": "navigate",
        "online": True,
        "connection": {"effectiveType": "4g", "rtt": 50, "downlink": 10, "saveData": False},
        "service_worker": True,
        "push_subscribed": False,
        "resources": [
            {"host": "app.meiqia.com", "count": 20, "failed": 0, "no_status": 0},
            {"host": "static.meiqia.com", "count": 31, "failed": 0, "no_status": 4},
        ],
        "clock": {"offset_ms": 800, "rtt_ms": 40, "error": None},
        "user_agent": UA["chrome120_win"],
        "at": 1_767_000_000_000,
    }
    return {**base, **over}


def background_facts(**over) -> dict:
    """A background test that ran its course: hidden for 2 minutes, ticking every second."""
    base = {
        "planned_ms": 120_000,
        "elapsed_ms": 125_000,
        "hidden_ms": 121_000,
        "ticks": 124,
        "hidden_ticks": 120,
        "max_gap_ms": 1_010,
        "froze": False,
        "discarded": False,
        "completed": True,
    }
    return {**base, **over}


OK_HOSTS = _hosts(("ok", 80.0), ("ok", 120.0), ("ok", 95.0))
# The help site's own tab in Chromium with default settings: never asked, sound suspended until a click.
HELP_TAB_DEFAULT = {
    "supported": True,
    "permission": "default",
    "permission_query": "prompt",
    "secure_context": True,
    "audio_state": "suspended",
    "autoplay_policy": None,
    "user_agent": UA["chrome120_win"],
    "answers": {"saw_notification": None, "heard_sound": None, "os_dnd_on": None},
}
# Why the test notification cannot show on the help site itself.
HELP_TAB_BLOCKED = {
    "never-asked": {"permission": "default", "permission_query": "prompt"},
    "prompt-only": {"permission_query": "prompt"},
    "denied": {"secure_context": True, "permission": "denied"},
    "query-denied-wins": {"permission": "granted", "permission_query": "denied"},
    "insecure": {"secure_context": False, "permission": "denied"},
    "unsupported": {"supported": False, "secure_context": True},
}

SCENARIOS = [
    # --- connectivity: online / connection quality ---
    Scenario(C, "online-ok", {"online": True}, {"conn-online": "ok"}, absent=("conn-quality",)),
    Scenario(
        C,
        "offline",
        {
            "online": False,
            "connection": {"effectiveType": "2g"},
            "hosts": _hosts(("network", None)),
            "websocket": _ws(opened=False),
            "clock": _clock(error="network"),
        },
        {"conn-online": "fail", "conn-hosts": "unknown", "conn-websocket": "unknown", "conn-clock": "unknown"},
        absent=("conn-quality", "conn-host-1", "conn-latency"),
    ),
    Scenario(C, "online-unknown", {"online": None}, {"conn-online": "unknown"}),
    Scenario(
        C,
        "quality-2g",
        {"online": True, "connection": {"effectiveType": "2g", "rtt": 1800, "downlink": 0.2, "saveData": False}},
        {"conn-quality": "warn"},
    ),
    Scenario(
        C, "quality-slow-2g", {"online": True, "connection": {"effectiveType": "slow-2g"}}, {"conn-quality": "warn"}
    ),
    Scenario(
        C,
        "quality-save-data",
        {"online": True, "connection": {"effectiveType": "4g", "saveData": True}},
        {"conn-quality": "warn"},
    ),
    Scenario(
        C,
        "quality-4g",
        {"online": True, "connection": {"effectiveType": "4g", "rtt": 50, "downlink": 10.0, "saveData": False}},
        {"conn-quality": "ok"},
    ),
    Scenario(C, "quality-empty", {"online": True, "connection": {}}, {}, absent=("conn-quality",)),
    # --- connectivity: hosts and latency ---
    Scenario(
        C,
        "hosts-all-ok",
        {"online": True, "hosts": OK_HOSTS},
        {"conn-hosts": ("ok", "net-hosts")},
        absent=("conn-latency",),
    ),
    Scenario(C, "hosts-one-ok-untimed", {"online": True, "hosts": _hosts(("ok", None))}, {"conn-hosts": "ok"}),
    Scenario(
        C,
        "hosts-none-configured",
        {"online": True},
        {"conn-hosts": ("unknown", "net-hosts", "settings")},
        change_settings=_set("probe.hosts", []),
    ),
    Scenario(C, "hosts-not-run", {"online": True, "hosts": []}, {"conn-hosts": ("unknown", "net-hosts", "browser")}),
    Scenario(
        C,
        "hosts-all-fail",
        {"online": True, "hosts": _hosts(("timeout", 8000.0), ("network", None), (None, None))},
        {"conn-hosts": "fail"},
        absent=("conn-host-1", "conn-latency"),
    ),
    Scenario(C, "hosts-only-one-fails-online-unknown", {"hosts": _hosts(("network", None))}, {"conn-hosts": "fail"}),
    Scenario(
        C,
        "hosts-some-fail",
        {
            "online": True,
            "hosts": _hosts(("ok", 90.0), ("timeout", None), ("network", None), (None, None)),
        },
        {"conn-host-2": "fail", "conn-host-3": "fail", "conn-host-4": "fail"},
        absent=("conn-hosts", "conn-host-1"),
    ),
    Scenario(
        C,
        "hosts-unknown-error-text",
        {"online": True, "hosts": _hosts(("ok", 90.0), ("ERR_CERT_DATE_INVALID", None))},
        {"conn-host-2": "fail"},
        off_contract="an error the collector does not send: read as a failed connection",
    ),
    Scenario(
        C,
        "latency-some-slow",
        {"online": True, "hosts": _hosts(("ok", 1500.0), ("ok", 100.0))},
        {"conn-hosts": "ok", "conn-latency": ("warn", "net-hosts")},
    ),
    Scenario(
        C,
        "latency-all-slow",
        {"online": True, "hosts": _hosts(("ok", 1500.0), ("ok", 2300.0))},
        {"conn-latency": ("warn", "net-crossborder")},
    ),
    # --- connectivity: WebSocket ---
    Scenario(
        C,
        "ws-not-configured",
        {"online": True, "hosts": OK_HOSTS, "websocket": None},
        {"conn-websocket": ("unknown", "net-websocket", "settings")},
    ),
    Scenario(
        C,
        "ws-configured-not-run",
        {"online": True, "hosts": OK_HOSTS},
        {"conn-websocket": "unknown"},
        change_settings=_set("probe.websocket_echo_url", "wss://echo.example.com/"),
    ),
    Scenario(
        C,
        "ws-incomplete",
        {"online": True, "hosts": OK_HOSTS, "websocket": {"url": "wss://e/"}},
        {"conn-websocket": "unknown"},
        off_contract="a WebSocket result without opened and echo_ok",
    ),
    Scenario(C, "ws-ok", {"online": True, "hosts": OK_HOSTS, "websocket": _ws()}, {"conn-websocket": "ok"}),
    Scenario(
        C,
        "ws-blocked-https-works",
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": _ws(opened=False, open_ms=None, echo_ok=False, echo_ms=None, error="error", close_code=1006),
        },
        {"conn-websocket": "fail"},
    ),
    Scenario(
        C,
        "ws-blocked-timeout",
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": _ws(opened=False, echo_ok=False, error="timeout", close_code=4001),
        },
        {"conn-websocket": "fail"},
    ),
    Scenario(
        C,
        "ws-cannot-connect-no-host-data",
        {"online": True, "websocket": _ws(opened=False, echo_ok=False, error="error")},
        {"conn-websocket": "fail"},
    ),
    Scenario(
        C,
        "ws-skipped-no-host-reachable",
        {
            "online": True,
            "hosts": _hosts(("network", None)),
            "websocket": _ws(opened=False, echo_ok=False, close_code=1006),
        },
        {"conn-hosts": "fail", "conn-websocket": "unknown"},
    ),
    Scenario(
        C,
        "ws-stripped",
        {"online": True, "hosts": OK_HOSTS, "websocket": _ws(echo_ok=False, echo_ms=None, error="timeout")},
        {"conn-websocket": "fail"},
    ),
    # A "mute" server: it opens and never echoes.
    Scenario(
        C,
        "ws-mute",
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": _ws(echo_ok=False, echo_ms=None, other_messages=0, error="timeout"),
        },
        {"conn-websocket": ("fail", "net-websocket", "browser")},
    ),
    # A server that sends something back, but not the test message.
    Scenario(
        C,
        "ws-other-messages",
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": _ws(echo_ok=False, echo_ms=None, other_messages=2, error="timeout"),
        },
        {"conn-websocket": ("unknown", "net-websocket")},
    ),
    Scenario(
        C,
        "ws-echo-among-other-messages",
        {"online": True, "hosts": OK_HOSTS, "websocket": _ws(other_messages=1)},
        {"conn-websocket": "ok"},
    ),
    # The echo address refused by the browser itself: the settings' fault, never "blocked".
    *[
        Scenario(
            C,
            f"ws-echo-address-{error}",
            {
                "online": online,
                "hosts": OK_HOSTS,
                "websocket": _ws(url=url, opened=False, open_ms=None, echo_ok=False, echo_ms=None, error=error),
            },
            {"conn-websocket-config": ("unknown", "net-websocket", "settings")},
            absent=("conn-websocket",),
        )
        for error, url, online in (
            ("SyntaxError", "wss//echo.example.com", True),
            ("SecurityError", "ws://echo.example.com/", True),
            ("SyntaxError", "echo.example.com", False),
        )
    ],
    # --- connectivity: clock ---
    Scenario(C, "clock-missing", {"online": True}, {"conn-clock": "unknown"}),
    Scenario(
        C, "clock-error", {"online": True, "clock": _clock(error="Date header not exposed")}, {"conn-clock": "unknown"}
    ),
    Scenario(C, "clock-no-offset", {"online": True, "clock": _clock()}, {"conn-clock": "unknown"}),
    Scenario(C, "clock-ok", {"online": True, "clock": _clock(offset_ms=1200.0)}, {"conn-clock": "ok"}),
    Scenario(C, "clock-warn-slow", {"online": True, "clock": _clock(offset_ms=90_000.0)}, {"conn-clock": "warn"}),
    Scenario(C, "clock-fail-fast", {"online": True, "clock": _clock(offset_ms=-600_000.0)}, {"conn-clock": "fail"}),
    Scenario(
        C, "clock-days-behind", {"online": True, "clock": _clock(offset_ms=2 * 86_400_000.0)}, {"conn-clock": "fail"}
    ),
    # --- notifications: the workstation's HTTPS (from the settings) and the probe pointer ---
    Scenario(
        N,
        "workstation-https",
        {},
        {"notify-secure": ("ok", "notify-secure", "settings"), "notify-probe": ("unknown", None, "workstation")},
    ),
    Scenario(
        N,
        "workstation-http",
        {"secure_context": True},
        {"notify-secure": ("fail", "notify-secure", "settings")},
        change_settings=_set("workstation_url", "http://kf.intranet.example/"),
    ),
    # The help site's own scheme says nothing about the workstation.
    Scenario(N, "help-site-on-http", {"secure_context": False}, {"notify-secure": "ok"}),
    Scenario(N, "probe-facts-given", {}, {"notify-secure": "ok"}, absent=("notify-probe",), others=(W,)),
    # --- notifications: the help site's own tab, as Chromium with default settings shows it ---
    Scenario(
        N,
        "help-site-never-asked",
        HELP_TAB_DEFAULT,
        {"notify-test-seen": ("unknown", "notify-os-dnd", "help-tab")},
        absent=("notify-permission", "notify-sound", "notify-tab"),
    ),
    # --- notifications: the agent's answers ---
    Scenario(
        N,
        "answers-none",
        {"permission": "granted", "secure_context": True, "supported": True},
        {
            "notify-test-seen": ("unknown", "notify-os-dnd", "browser"),
            "notify-test-heard": ("unknown", "notify-sound", "browser"),
            "notify-os-dnd": ("unknown", "notify-os-dnd", "browser"),
        },
    ),
    Scenario(
        N,
        "answers-all-good",
        {"permission": "granted", "answers": {"saw_notification": True, "heard_sound": True, "os_dnd_on": False}},
        {"notify-test-seen": "ok", "notify-test-heard": "ok", "notify-os-dnd": "ok"},
    ),
    Scenario(
        N,
        "answers-all-bad",
        {"permission": "granted", "answers": {"saw_notification": False, "heard_sound": False, "os_dnd_on": True}},
        {
            "notify-test-seen": ("fail", "notify-os-dnd", "browser"),
            "notify-test-heard": ("fail", "notify-sound"),
            "notify-os-dnd": "fail",
        },
    ),
    Scenario(N, "not-seen-permission-unknown", {"answers": {"saw_notification": False}}, {"notify-test-seen": "fail"}),
    *[
        Scenario(
            N,
            f"not-seen-help-site-{name}",
            {**facts, "answers": {"saw_notification": False}},
            {"notify-test-seen": ("unknown", "notify-os-dnd", "help-tab")},
        )
        for name, facts in HELP_TAB_BLOCKED.items()
    ],
    *[
        Scenario(
            N,
            f"not-tried-help-site-{name}",
            facts,
            {"notify-test-seen": ("unknown", "notify-os-dnd", "help-tab")},
        )
        for name, facts in HELP_TAB_BLOCKED.items()
    ],
    Scenario(
        N,
        "seen-although-help-site-denied",
        {"permission": "denied", "answers": {"saw_notification": True}},
        {"notify-test-seen": ("unknown", "notify-os-dnd", "help-tab")},
    ),
    # --- browser: name and version ---
    Scenario(B, "no-identity", {}, {"browser-version": "unknown"}),
    Scenario(B, "chrome-ok", {"user_agent": UA["chrome120_win"]}, {"browser-version": "ok"}),
    Scenario(
        B,
        "edge-hints-ok",
        {"user_agent": UA["edge120_win"], "ua_data": UA_DATA["edge_full"]},
        {"browser-version": "ok"},
    ),
    Scenario(B, "chrome80-old", {"user_agent": UA["chrome80_win7"]}, {"browser-version": "fail"}),
    Scenario(B, "firefox102-old", {"user_agent": UA["firefox102_win"]}, {"browser-version": "fail"}),
    Scenario(B, "qq-old-core", {"user_agent": UA["qq_chromium94"]}, {"browser-version": "fail"}),
    Scenario(B, "qq-fast-mode", {"user_agent": UA["qq_chromium123"]}, {"browser-version": "warn"}),
    Scenario(
        B,
        "360-no-core-version",
        {"user_agent": "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) Chromium/ Safari/537.36 360SE"},
        {"browser-version": "warn"},
    ),
    Scenario(B, "chrome-version-missing", {"ua_data": UA_DATA["chrome_no_version"]}, {"browser-version": "unknown"}),
    Scenario(B, "brave-ok", {"ua_data": UA_DATA["brave"]}, {"browser-version": "ok"}),
    Scenario(B, "brave-old", {"ua_data": UA_DATA["brave_old"]}, {"browser-version": "fail"}),
    Scenario(
        B,
        "safari-no-minimum",
        {"user_agent": UA["safari17_mac"]},
        {"browser-version": "ok"},
        change_settings=_set("browsers.safari", DELETE),
    ),
    Scenario(B, "unrecognised", {"user_agent": UA["curl"]}, {"browser-version": "unknown"}),
    # --- browser: features, storage, private window ---
    Scenario(
        B, "features-ok", {"websocket_supported": True, "notification_supported": True}, {"browser-features": "ok"}
    ),
    Scenario(
        B,
        "features-no-ws",
        {"websocket_supported": False, "notification_supported": True},
        {"browser-features": "fail"},
    ),
    Scenario(
        B,
        "features-none",
        {"websocket_supported": False, "notification_supported": False},
        {"browser-features": "fail"},
    ),
    Scenario(
        B,
        "features-no-notification",
        {"websocket_supported": True, "notification_supported": False},
        {"browser-features": "fail"},
    ),
    Scenario(B, "features-unknown", {"websocket_supported": True}, {"browser-features": "unknown"}),
    Scenario(B, "storage-ok", {"cookies": True, "local_storage": True, "indexed_db": True}, {"browser-storage": "ok"}),
    Scenario(
        B,
        "storage-blocked",
        {"cookies": False, "local_storage": True, "indexed_db": False},
        {"browser-storage": "fail"},
    ),
    Scenario(B, "storage-unknown", {"cookies": True}, {"browser-storage": "unknown"}),
    # A page cannot tell a private window: never "no sign of one".
    Scenario(B, "private-chrome", {"user_agent": UA["chrome120_win"]}, {"browser-private": "unknown"}),
    Scenario(B, "private-firefox", {"user_agent": UA["firefox121_win"]}, {"browser-private": "unknown"}),
    # --- browser: time zone, by UTC offsets now and at each change in the coming year ---
    *[
        Scenario(
            B,
            f"tz-same-clock-{zone.split('/')[1].lower()}",
            {"time_zone": zone, "utc_offset_min": 480, "zone_offsets": [_zo(NOW, 480, 480)]},
            {"browser-timezone": ("ok", "net-crossborder")},
        )
        for zone in ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore")
    ],
    Scenario(
        B,
        "tz-new-york",
        {
            "time_zone": "America/New_York",
            "utc_offset_min": -300,
            "zone_offsets": [_zo(NOW, -300, 480), _zo(US_DST_2026, -240, 480), _zo(US_STD_2026, -300, 480)],
        },
        {"browser-timezone": ("warn", "net-crossborder")},
    ),
    Scenario(
        B,
        "tz-parts-at-next-change",
        {
            "time_zone": "Europe/London",
            "zone_offsets": [_zo(NOW, 0, 0), _zo(EU_DST_2026, 60, 0), _zo(EU_STD_2026, 0, 0)],
        },
        {"browser-timezone": "warn"},
        change_settings=_set("service_timezone", "Africa/Abidjan"),
    ),
    Scenario(
        B,
        "tz-same-through-changes",
        {
            "time_zone": "Europe/Paris",
            "zone_offsets": [_zo(NOW, 60, 60), _zo(EU_DST_2026, 120, 120), _zo(EU_STD_2026, 60, 60)],
        },
        {"browser-timezone": "ok"},
        change_settings=_set("service_timezone", "Europe/Berlin"),
    ),
    Scenario(B, "tz-offsets-without-name", {"zone_offsets": [_zo(NOW, 480, 480)]}, {"browser-timezone": "ok"}),
    Scenario(
        B,
        "tz-service-offset-unknown",
        {"time_zone": "Asia/Taipei", "zone_offsets": [{"at": NOW, "local": 480, "service": None}]},
        {"browser-timezone": "unknown"},
    ),
    Scenario(B, "tz-same-name-no-offsets", {"time_zone": "Asia/Shanghai"}, {"browser-timezone": "ok"}),
    Scenario(B, "tz-alias-no-offsets", {"time_zone": "Asia/Chongqing"}, {"browser-timezone": "ok"}),
    Scenario(B, "tz-other-name-no-offsets", {"time_zone": "Asia/Hong_Kong"}, {"browser-timezone": "unknown"}),
    Scenario(B, "tz-missing", {}, {"browser-timezone": "unknown"}),
    Scenario(
        B,
        "tz-no-service-zone",
        {"time_zone": "Europe/Berlin"},
        {},
        absent=("browser-timezone",),
        change_settings=_set("service_timezone", ""),
    ),
    Scenario(
        B,
        "tz-instant-out-of-range",
        {"time_zone": "Asia/Taipei", "zone_offsets": [{"at": 1e300, "local": 480, "service": 480 * 60}]},
        {"browser-timezone": "unknown"},
        off_contract="an instant and an offset no browser sends",
    ),
    # --- workstation (the probe) ---
    Scenario(
        W,
        "healthy",
        probe_facts(),
        {
            "ws-origin": ("ok", "notify-browser-permission"),
            "ws-secure": ("ok", "notify-secure"),
            "ws-permission": ("ok", "notify-browser-permission"),
            "ws-sound": ("ok", "notify-sound"),
            "ws-tab": ("ok", "notify-tab-sleep"),
            "ws-online": ("ok", "net-online"),
            "ws-resources": ("ok", "net-hosts"),
            "ws-clock": ("ok", "net-clock"),
        },
    ),
    Scenario(W, "origin-elsewhere", probe_facts(origin="http://127.0.0.1:9001"), {"ws-origin": "warn"}),
    Scenario(W, "origin-missing", probe_facts(origin=None), {"ws-origin": "unknown", "ws-secure": "ok"}),
    Scenario(W, "origin-vendor-host", probe_facts(origin="https://new-api.meiqia.com"), {"ws-origin": "ok"}),
    # Only the last two labels are compared, three under a country's generic second level.
    Scenario(W, "origin-other-com-cn", probe_facts(origin="https://kf.meiqia.com.cn"), {"ws-origin": "warn"}),
    Scenario(W, "origin-malformed", probe_facts(origin="http://[::1"), {"ws-origin": "unknown"}),
    Scenario(
        W,
        "insecure",
        probe_facts(origin="http://app.meiqia.com", secure_context=False, permission="denied"),
        {"ws-secure": "fail"},
        absent=("ws-permission",),
    ),
    Scenario(W, "secure-unknown", probe_facts(secure_context=None), {"ws-secure": "unknown", "ws-permission": "ok"}),
    *[
        Scenario(
            W,
            f"permission-denied-{b}",
            probe_facts(permission="denied", permission_query="denied", user_agent=FAMILY_UA[b]),
            {"ws-permission": ("fail", "notify-browser-permission")},
        )
        for b in ("chrome", "edge", "firefox", "safari", "other", None)
    ],
    Scenario(
        W,
        "permission-query-denied-wins",
        probe_facts(permission="granted", permission_query="denied"),
        {"ws-permission": "fail"},
    ),
    Scenario(
        W,
        "permission-never-asked",
        probe_facts(permission="default", permission_query="prompt"),
        {"ws-permission": ("warn", "notify-shared-pc")},
    ),
    Scenario(
        W, "permission-unknown", probe_facts(permission=None, permission_query=None), {"ws-permission": "unknown"}
    ),
    Scenario(
        W,
        "sound-reloaded-not-clicked",
        probe_facts(has_been_active=False, navigation_type="reload", since_load_ms=600_000),
        {"ws-sound": ("warn", "notify-sound")},
    ),
    *[
        Scenario(
            W,
            f"sound-loaded-not-clicked-{b}",
            probe_facts(has_been_active=False, since_load_ms=None, user_agent=FAMILY_UA[b]),
            {"ws-sound": "warn"},
        )
        for b in ("chrome", "edge", "firefox", "safari")
    ],
    Scenario(
        W,
        "sound-autoplay-allowed",
        probe_facts(has_been_active=False, autoplay_policy="allowed"),
        {"ws-sound": "ok"},
    ),
    Scenario(W, "sound-clicked-by-the-probe", probe_facts(is_active=True), {"ws-sound": "ok"}),
    Scenario(
        W,
        "sound-policy-only",
        probe_facts(has_been_active=None, is_active=None, autoplay_policy="disallowed"),
        {"ws-sound": "warn"},
    ),
    Scenario(
        W,
        "sound-unknown",
        probe_facts(has_been_active=None, is_active=None, autoplay_policy=None),
        {"ws-sound": "unknown"},
    ),
    Scenario(W, "tab-discarded", probe_facts(was_discarded=True), {"ws-tab": "warn"}),
    Scenario(W, "tab-hidden", probe_facts(visibility="hidden", has_focus=False), {"ws-tab": "warn"}),
    Scenario(W, "tab-unknown", probe_facts(visibility=None, was_discarded=None), {"ws-tab": "unknown"}),
    Scenario(
        W,
        "offline",
        probe_facts(online=False, clock={"offset_ms": None, "rtt_ms": None, "error": "network"}),
        {"ws-online": "fail", "ws-clock": "unknown"},
    ),
    Scenario(W, "online-unknown", probe_facts(online=None), {"ws-online": "unknown"}),
    Scenario(
        W,
        "resources-failing",
        probe_facts(
            resources=[
                {"host": "app.meiqia.com", "count": 20, "failed": 0, "no_status": 0},
                {"host": "static.meiqia.com", "count": 31, "failed": 3, "no_status": 0},
                {"host": "fonts.example.net", "count": 2, "failed": 2, "no_status": None},
            ]
        ),
        {"ws-resources": ("warn", "net-hosts")},
    ),
    Scenario(
        W,
        "resources-one-host",
        probe_facts(resources=[{"host": "app.meiqia.com", "count": 1}]),
        {"ws-resources": "ok"},
    ),
    Scenario(W, "resources-none", probe_facts(resources=[]), {"ws-resources": "unknown"}),
    Scenario(
        W,
        "resources-malformed",
        probe_facts(resources=[{"host": "app.meiqia.com"}, {"count": 3}, "app.meiqia.com"]),
        {"ws-resources": "unknown"},
        off_contract="entries without a host or a count, and one that is not an object",
    ),
    Scenario(W, "resources-missing", probe_facts(resources=None), {"ws-resources": "unknown"}),
    Scenario(W, "clock-10-min-behind", probe_facts(clock={"offset_ms": 600_000, "rtt_ms": 30}), {"ws-clock": "fail"}),
    Scenario(W, "clock-90-s-ahead", probe_facts(clock={"offset_ms": -90_000, "rtt_ms": 30}), {"ws-clock": "warn"}),
    Scenario(
        W,
        "clock-days-ahead",
        probe_facts(clock={"offset_ms": -3 * 86_400_000, "rtt_ms": 30}),
        {"ws-clock": "fail"},
    ),
    Scenario(
        W, "clock-no-date", probe_facts(clock={"offset_ms": None, "error": "no Date header"}), {"ws-clock": "unknown"}
    ),
    Scenario(W, "unknown-browser", probe_facts(permission="denied", user_agent=UA["curl"]), {"ws-permission": "fail"}),
    Scenario(W, "bare", {"v": 1}, {"ws-origin": "unknown", "ws-permission": "unknown", "ws-clock": "unknown"}),
    # --- background test ---
    Scenario(BG, "not-run", {}, {"bg-throttle": ("unknown", "notify-tab-sleep")}),
    Scenario(BG, "stopped-early", background_facts(completed=False), {"bg-throttle": "unknown"}),
    Scenario(BG, "discarded", background_facts(discarded=True, completed=False), {"bg-throttle": "warn"}),
    Scenario(BG, "froze", background_facts(froze=True), {"bg-throttle": "warn"}),
    Scenario(BG, "hardly-hidden", background_facts(hidden_ms=3_000), {"bg-throttle": "unknown"}),
    Scenario(BG, "hidden-not-measured", background_facts(hidden_ms=None), {"bg-throttle": "unknown"}),
    Scenario(
        BG, "no-ticks-while-hidden", background_facts(hidden_ticks=0, max_gap_ms=121_000), {"bg-throttle": "warn"}
    ),
    Scenario(BG, "no-gap-recorded", background_facts(max_gap_ms=None), {"bg-throttle": "unknown"}),
    Scenario(
        BG,
        "once-a-minute",
        background_facts(planned_ms=360_000, hidden_ms=361_000, hidden_ticks=300, max_gap_ms=60_200),
        {"bg-throttle": "warn"},
    ),
    Scenario(BG, "once-a-second-short", background_facts(), {"bg-throttle": "ok"}),
    Scenario(
        BG,
        "once-a-second-long",
        background_facts(planned_ms=420_000, hidden_ms=421_000, hidden_ticks=415, max_gap_ms=1_300),
        {"bg-throttle": "ok"},
    ),
    Scenario(BG, "no-throttling-seen", background_facts(max_gap_ms=500), {"bg-throttle": "ok"}),
]
