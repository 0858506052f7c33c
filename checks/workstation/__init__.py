"""Workstation: the facts the probe read in the workstation's own tab.

Notification permission, autoplay, tab state and the secure context are kept per site
(and per page), so only the workstation's tab knows its own; the agent runs the probe
there (a bookmarklet, or a line pasted into the developer console) and it hands the facts
to the help site. Here: which site it ran on, HTTPS, online, and the server's clock;
permission, sound and the tab in tab.py; the site and what it loaded in hosts.py.
The shape of the facts: schemas/facts.schema.json, "workstation".
"""

from __future__ import annotations

from .. import site_settings
from ..connectivity.clock_skew import clock_finding
from ..facts import choice, flag, mapping, notification_permission, number, string
from ..findings import Finding, finding_maker, text
from ..notifications.browser_menus import menu_family
from .hosts import host_of, origin_finding, resources_finding
from .tab import permission_finding, sound_finding, tab_finding

CHECK = "workstation"
SCOPE = "workstation"
FIRST_STEP = "notify-browser-permission"  # where the probe is offered
WORKSTATION_SERVER = {"zh": "工作台服务器", "en": "the workstation's server"}

finding = finding_maker(CHECK, SCOPE)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    origin = string(facts, "origin")
    probed_host = host_of(origin)
    host = {"zh": probed_host, "en": probed_host} if probed_host else site_settings.workstation_host(settings)
    product = site_settings.product_name(settings)
    family = menu_family(string(facts, "user_agent"))
    secure = flag(facts, "secure_context")
    online = flag(facts, "online")
    findings = [origin_finding(origin, settings), _secure(secure, origin, settings)]
    # Without HTTPS the browser refuses notifications whatever the permission says: ws-secure explains.
    if secure is not False:
        permission = notification_permission(facts)
        data = {
            "permission": choice(facts, "permission", ("granted", "denied", "default")),
            "permission_query": choice(facts, "permission_query", ("granted", "denied", "prompt")),
            "resolved": permission,
            "browser": family,
        }
        findings.append(permission_finding(permission, family, host, data))
    sound_facts = {
        "has_been_active": flag(facts, "has_been_active"),
        "is_active": flag(facts, "is_active"),
        "autoplay_policy": choice(facts, "autoplay_policy", ("allowed", "allowed-muted", "disallowed")),
        "since_load_ms": number(facts, "since_load_ms"),
        "navigation_type": choice(facts, "navigation_type", ("navigate", "reload", "back_forward", "prerender")),
    }
    findings.append(sound_finding(sound_facts, family, host))
    findings.append(
        tab_finding(choice(facts, "visibility", ("visible", "hidden")), flag(facts, "was_discarded"), host, product)
    )
    findings.append(_online(online))
    findings.append(resources_finding(facts, settings))
    findings.append(
        clock_finding(
            mapping(facts, "clock"),
            online,
            settings,
            finding_id="ws-clock",
            check=CHECK,
            scope=SCOPE,
            server=WORKSTATION_SERVER,
        )
    )
    return findings


def _secure(secure: bool | None, origin: str | None, settings: dict) -> Finding:
    url = site_settings.workstation_url(settings)
    where = origin or url
    if secure is False:
        return finding(
            "ws-secure",
            "fail",
            "notify-secure",
            text("工作台不是通过 HTTPS 打开的", "The workstation is not on HTTPS"),
            text(
                f"工作台标签页（{where}）不在安全环境（HTTPS）中：浏览器不允许它显示通知，连接也没有加密保护。",
                f"The workstation tab ({where}) is not in a secure context (HTTPS): the browser does not let it "
                "show notifications, and its connection is not protected.",
            ),
            text(
                f"用 https:// 开头的地址打开工作台（{url}）。如果浏览器提示证书错误，请联系管理员，不要忽略提示继续访问。",
                f"Open the workstation with its https:// address ({url}). If the browser warns about the "
                "certificate, contact your administrator instead of clicking through.",
            ),
            {"secure_context": False, "origin": origin},
        )
    if secure is True:
        return finding(
            "ws-secure",
            "ok",
            "notify-secure",
            text("工作台通过 HTTPS 打开", "The workstation is on HTTPS"),
            text(
                "工作台标签页在安全环境（HTTPS）中，可以请求显示通知。",
                "The workstation tab is in a secure context (HTTPS), so it may ask to show notifications.",
            ),
            data={"secure_context": True, "origin": origin},
        )
    return finding(
        "ws-secure",
        "unknown",
        "notify-secure",
        text("不知道工作台是否为 HTTPS", "Whether the workstation is on HTTPS is not known"),
        text(
            "检测脚本没有读到工作台标签页是否在安全环境中。",
            "The probe could not read whether the workstation tab is in a secure context.",
        ),
        text(
            f"看工作台的地址栏：地址应以 https:// 开头（{url}），并显示锁形图标。",
            f"Look at the workstation's address bar: the address should start with https:// ({url}) and show a lock "
            "icon.",
        ),
        {"secure_context": None, "origin": origin},
    )


def _online(online: bool | None) -> Finding:
    if online is False:
        return finding(
            "ws-online",
            "fail",
            "net-online",
            text("工作台标签页处于离线状态", "The workstation tab was offline"),
            text(
                "检测脚本运行时，浏览器报告工作台所在的电脑没有联网，所以收不到任何消息。",
                "When the probe ran, the browser reported no network connection on the workstation's computer, so "
                "no messages can arrive.",
            ),
            text(
                "检查网线或 Wi-Fi、飞行模式和 VPN。恢复联网后刷新工作台，再运行一次检测脚本。",
                "Check the cable or Wi-Fi, airplane mode and any VPN. Once you are back online, reload the "
                "workstation and run the probe again.",
            ),
            {"online": False},
        )
    if online is True:
        return finding(
            "ws-online",
            "ok",
            "net-online",
            text("工作台标签页在线", "The workstation tab was online"),
            text(
                "检测脚本运行时，浏览器报告已联网。",
                "When the probe ran, the browser reported a network connection.",
            ),
            data={"online": True},
        )
    return finding(
        "ws-online",
        "unknown",
        "net-online",
        text("不知道工作台标签页是否在线", "Whether the workstation tab was online is not known"),
        text("检测脚本没有读到联网状态。", "The probe could not read the online state."),
        text(
            "如果其他网站也打不开，检查网线或 Wi-Fi、飞行模式和 VPN。",
            "If other websites do not load either, check the cable or Wi-Fi, airplane mode and any VPN.",
        ),
        {"online": None},
    )
