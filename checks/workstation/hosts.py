"""Workstation: which site the probe ran on, and what that tab loaded, per host.

Hosts are compared by their registrable domain (the last two labels, three under a
country's generic second level such as com.cn), so app.meiqia.com and static.meiqia.com
are the same product. No public-suffix list: the checks are standard library only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import site_settings
from ..facts import number, records, string
from ..findings import Finding, finding_maker, text
from ..wording import join

finding = finding_maker("workstation", "workstation")

GENERIC_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac"}


def host_of(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return None


def _domain(resource_host: str) -> str:
    """A Resource Timing host may carry a port ("127.0.0.1:8766"); compare without it."""
    return registrable_domain(host_of(f"//{resource_host}") or resource_host)


def registrable_domain(host: str) -> str:
    host = host.lower().rstrip(".")
    labels = host.split(".")
    if ":" in host or host.replace(".", "").isdigit() or len(labels) <= 2:
        return host  # an IP address, localhost or already a domain
    if labels[-2] in GENERIC_SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def product_domains(settings: dict) -> set[str]:
    """The registrable domains of the workstation and the hosts the site probes."""
    urls = [site_settings.workstation_url(settings), *site_settings.probe_hosts(settings)]
    return {registrable_domain(h) for h in map(host_of, urls) if h}


def origin_finding(origin: str | None, settings: dict) -> Finding:
    url = site_settings.workstation_url(settings)
    host = host_of(origin)
    data = {"origin": origin, "workstation_url": url}
    if host is None:
        return finding(
            "ws-origin",
            "unknown",
            "notify-browser-permission",
            text("不知道检测脚本在哪个网站上运行", "The probe did not say where it ran"),
            text(
                "检测脚本没有报告它运行在哪个网站上，所以无法确认下面的结果来自工作台。",
                "The probe did not report which site it ran on, so the results below may not be the workstation's.",
            ),
            text(
                f"打开工作台（{url}），在工作台的标签页上再运行一次检测脚本。",
                f"Open the workstation ({url}) and run the probe again on its tab.",
            ),
            data,
        )
    if registrable_domain(host) in product_domains(settings):
        return finding(
            "ws-origin",
            "ok",
            "notify-browser-permission",
            text("检测脚本在工作台上运行", "The probe ran on the workstation"),
            text(
                f"检测脚本在 {origin} 上运行，下面是这个工作台标签页自己的情况。",
                f"The probe ran on {origin}: what follows describes that workstation tab itself.",
            ),
            data=data,
        )
    # A warning, so it is read first: every other result describes that other tab.
    return finding(
        "ws-origin",
        "warn",
        "notify-browser-permission",
        text("检测脚本不是在工作台上运行的", "The probe ran on another site"),
        text(
            f"检测脚本在 {origin} 上运行，而不是在配置的工作台（{url}）上。下面的结果说的是那个标签页。",
            f"The probe ran on {origin}, not on the configured workstation ({url}). The results below describe "
            "that tab.",
        ),
        text(
            f"如果那不是你的工作台，请打开工作台（{url}），在工作台的标签页上再运行一次检测脚本。",
            f"If that is not your workstation, open the workstation ({url}) and run the probe again on its tab.",
        ),
        data,
    )


def resources_finding(facts: dict, settings: dict) -> Finding:
    entries = records(facts, "resources")
    rows = []
    for entry in entries or []:
        host = string(entry, "host")
        count = number(entry, "count")
        if host and count is not None:
            rows.append((host, int(count), int(number(entry, "failed") or 0)))
    if not rows:
        return finding(
            "ws-resources",
            "unknown",
            "net-hosts",
            text("不知道工作台加载了什么", "What the workstation loaded is not known"),
            text(
                "检测脚本没有报告工作台标签页加载了哪些内容。",
                "The probe did not report what the workstation tab loaded.",
            ),
            text(
                "刷新工作台后再运行一次检测脚本；也可以看本页各地址的访问结果。",
                "Reload the workstation and run the probe again; the host results on this page help too.",
            ),
            {"hosts": 0},
        )
    # The tab's own site and the product's hosts matter; a failed image, font or tracker on
    # some other site is normal on real pages and must not cry wolf.
    domains = product_domains(settings) | {registrable_domain(h) for h in [host_of(string(facts, "origin"))] if h}
    failing = [(host, count, failed) for host, count, failed in rows if failed > 0]
    elsewhere = sum(failed for host, _, failed in failing if _domain(host) not in domains)
    failing = [row for row in failing if _domain(row[0]) in domains]
    if failing:
        listing = {"zh": [], "en": []}
        for host, count, failed in failing:
            ours = _domain(host) in product_domains(settings)
            own = text("，是工作台自己的地址", ", one of the workstation's own hosts") if ours else text("", "")
            listing["zh"].append(f"{host}（{count} 个请求中 {failed} 个出错{own['zh']}）")
            listing["en"].append(f"{host} ({failed} of {count} failed{own['en']})")
        product = site_settings.product_name(settings)
        return finding(
            "ws-resources",
            "warn",
            "net-hosts",
            text("工作台的部分内容加载出错", "Some of the workstation's requests failed"),
            text(
                f"工作台标签页加载的内容中，这些地址返回了 HTTP 错误：{join(listing['zh'], 'zh')}。"
                "出错的请求可能让工作台的部分功能失效。",
                f"Of what the workstation tab loaded, these hosts answered with an HTTP error: "
                f"{join(listing['en'], 'en')}. Failed requests can break parts of the workstation.",
            ),
            text(
                f"刷新工作台后再运行一次检测脚本。仍然出错时，先看{site_settings.status_page(settings)['zh']}，"
                f"再把这些结果发给{site_settings.internal_contact(settings)['zh']}，或者{product['zh']}的客服支持。",
                "Reload the workstation and run the probe again. If the errors remain, check "
                f"{site_settings.status_page(settings)['en']}, then send these results to "
                f"{site_settings.internal_contact(settings)['en']}, or to {product['en']}'s support.",
            ),
            {"failing": [{"host": h, "count": c, "failed": f} for h, c, f in failing], "hosts": len(rows)},
        )
    n = len(rows)
    others = (
        text(
            f"另有 {elsewhere} 个发往其他网站的请求出错（例如图片或统计脚本），通常不影响收消息。",
            f" {elsewhere} request{'' if elsewhere == 1 else 's'} to other sites failed (images or trackers, say), "
            "which does not usually affect messages.",
        )
        if elsewhere
        else text("", "")
    )
    return finding(
        "ws-resources",
        "ok",
        "net-hosts",
        text("工作台加载的内容没有出错", "Nothing the workstation loaded failed"),
        text(
            f"工作台标签页从 {n} 个地址加载了内容，工作台自己的地址没有返回 HTTP 错误。{others['zh']}"
            "浏览器不报告其他网站未开放的请求结果，这部分无法判断。",
            f"The workstation tab loaded from {n} host{'' if n == 1 else 's'}, and none of the workstation's own "
            f"hosts answered with an HTTP error.{others['en']} The browser does not report the outcome of some "
            "requests to other sites; those cannot be judged.",
        ),
        data={"hosts": n, "failed_elsewhere": elsewhere},
    )
