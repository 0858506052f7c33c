"""Connectivity, part 1 of 3: can the configured hosts be reached, and how fast.

A no-cors fetch only tells success from failure, so a failed host is reported with
the one thing a page can tell: timed out, or failed (DNS, TLS and a block look alike).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import site_settings
from ..facts import choice, flag, number, records, string
from ..findings import Finding, finding_maker, text
from ..wording import cjk_gap, join, ms, seconds_from_ms

finding = finding_maker("connectivity", "browser")
# How a host's fetch failed: it timed out, or it failed (DNS, TLS and a block look alike to a page).
HOST_ERRORS = ("timeout", "network")


@dataclass
class HostResult:
    position: int  # 1-based place in the facts list, for a stable finding id
    url: str
    reachable: bool
    ms: float | None
    error: str | None


def host_results(facts: dict) -> list[HostResult] | None:
    entries = records(facts, "hosts")
    if entries is None:
        return None
    results = []
    for position, entry in enumerate(entries, start=1):
        url = string(entry, "url") or f"#{position}"
        results.append(
            HostResult(
                position, url, flag(entry, "ok") is True, number(entry, "ms"), choice(entry, "error", HOST_ERRORS)
            )
        )
    return results


def _failure_reason(host: HostResult, settings: dict) -> dict:
    if host.error == "timeout":
        s = seconds_from_ms(site_settings.probe_number(settings, "timeout_ms"))
        return text(f"{s} 秒内没有响应（超时）", f"no answer within {s} s (timed out)")
    return text(
        "连接失败（DNS 错误、TLS 错误或被拦截，网页无法区分）",
        "the connection failed (a DNS error, a TLS error or a block: a web page cannot tell which)",
    )


def host_findings(hosts: list[HostResult] | None, online: bool | None, settings: dict) -> list[Finding]:
    if online is False:
        return [
            finding(
                "conn-hosts",
                "unknown",
                "net-hosts",
                text("已跳过地址访问测试", "Host test skipped"),
                text(
                    "浏览器处于离线状态，所以没有判断各地址能否访问。",
                    "The browser is offline, so the hosts were not judged.",
                ),
                text("恢复联网后，再运行一次检测。", "Run the checks again once you are back online."),
                {"skipped": "offline"},
            )
        ]
    if not hosts:
        configured = site_settings.probe_hosts(settings)
        why = (
            text("地址访问测试没有运行，或没有返回结果。", "The host test did not run or returned no results.")
            if configured
            else text(
                "本站的设置里没有要测试的地址。管理员可以在设置的 probe.hosts 中列出工作台用到的地址。",
                "The site's settings name no hosts to test. An administrator can list the workstation's hosts in "
                "probe.hosts in the site's settings.",
            )
        )
        return [
            finding(
                "conn-hosts",
                "unknown",
                "net-hosts",
                text("没有地址访问结果", "No host results"),
                why,
                text(
                    "在浏览器里直接打开工作台地址，看能否正常加载。",
                    "Open the workstation's address in the browser and see whether it loads.",
                ),
                {"configured_hosts": configured},
                scope="browser" if configured else "settings",
            )
        ]
    reachable = [h for h in hosts if h.reachable]
    failed = [h for h in hosts if not h.reachable]
    out = []
    if not reachable:
        out.append(_no_host_reachable(failed, online, settings))
    elif failed:
        out += [_host_unreachable(h, len(reachable), settings) for h in failed]
    else:
        out.append(_all_hosts_reachable(hosts))
    latency = _latency(reachable, settings)
    if latency:
        out.append(latency)
    return out


def _no_host_reachable(failed: list[HostResult], online: bool | None, settings: dict) -> Finding:
    reasons = [(h.url, _failure_reason(h, settings)) for h in failed]
    # Each item carries its own punctuation, so items are separated by semicolons.
    listing = text(
        "；".join(f"{url}：{r['zh']}" for url, r in reasons), "; ".join(f"{url}: {r['en']}" for url, r in reasons)
    )
    product = site_settings.product_name(settings)
    status = site_settings.status_page(settings)
    status_zh = f"先看{status['zh']}有没有故障通知，"
    status_en = f"check {status['en']} for an outage notice, then "
    n = len(failed)
    timeouts = sum(1 for h in failed if h.error == "timeout")
    if n == 1:
        what = text("唯一的测试地址访问不了", "The only host tested could not be reached")
    else:
        what = text(f"{n} 个地址都访问不了", f"None of the {n} hosts could be reached")
    if online:
        what = text(
            f"浏览器显示已联网，但{cjk_gap(what['zh'])}",
            f"The browser says it is online, but {what['en'][0].lower()}{what['en'][1:]}",
        )
    return finding(
        "conn-hosts",
        "fail",
        "net-hosts",
        text("所有地址都无法访问", "No host could be reached"),
        text(f"{what['zh']}：{listing['zh']}。", f"{what['en']}: {listing['en']}."),
        text(
            "换一个网络（例如手机热点）再试。如果其他网站也打不开，是网络本身或代理、防火墙的问题，请联系网络管理员；"
            f"如果只有{product['zh']}打不开，{status_zh}再把检测结果发给{site_settings.internal_contact(settings)['zh']}。",
            "Try another network, such as a phone hotspot. If other websites fail too, the network, a proxy or a "
            "firewall is the cause: contact your network administrator. If only "
            f"{product['en']} fails, {status_en}send these results to "
            f"{site_settings.internal_contact(settings)['en']}.",
        ),
        {"hosts": [h.url for h in failed], "timeouts": timeouts},
    )


def _host_unreachable(host: HostResult, reachable_count: int, settings: dict) -> Finding:
    reason = _failure_reason(host, settings)
    others = (
        text("另一个地址可以访问", "The other host answered")
        if reachable_count == 1
        else text(f"其他 {reachable_count} 个地址可以访问", f"The other {reachable_count} hosts answered")
    )
    return finding(
        f"conn-host-{host.position}",
        "fail",
        "net-hosts",
        text(f"无法访问 {host.url}", f"Cannot reach {host.url}"),
        text(
            f"{host.url}：{reason['zh']}。{others['zh']}，所以网络本身是通的，问题出在这个地址或通往它的路径上。",
            f"{host.url}: {reason['en']}. {others['en']}, so the network works: the problem is this host or the "
            "path to it.",
        ),
        text(
            "浏览器扩展（如广告拦截）、公司代理或防火墙可能拦截了这个地址：关闭扩展或在无痕窗口中再测一次，"
            "并请网络管理员放行它。",
            "A browser extension (such as an ad blocker), a company proxy or a firewall may block this address: "
            "test again with extensions off or in a private window, and ask your network administrator to allow it.",
        ),
        {"url": host.url, "error": host.error, "ms": host.ms},
    )


def _all_hosts_reachable(hosts: list[HostResult]) -> Finding:
    timed = [h for h in hosts if h.ms is not None]
    n = len(hosts)
    if timed:
        slowest = max(timed, key=lambda h: h.ms)
        detail = text(
            f"最慢的是 {slowest.url}，用时 {ms(slowest.ms)} 毫秒。",
            f"The slowest, {slowest.url}, answered in {ms(slowest.ms)} ms.",
        )
        max_ms = slowest.ms
    else:
        detail = text("浏览器没有报告用时。", "The browser did not report the times.")
        max_ms = None
    return finding(
        "conn-hosts",
        "ok",
        "net-hosts",
        text(f"{n} 个地址都能访问", "Both hosts are reachable" if n == 2 else f"All {n} hosts are reachable")
        if n > 1
        else text("测试地址可以访问", "The host is reachable"),
        detail,
        data={"hosts": [h.url for h in hosts], "max_ms": max_ms},
    )


def _latency(reachable: list[HostResult], settings: dict) -> Finding | None:
    limit = site_settings.probe_number(settings, "latency_warn_ms")
    slow = [h for h in reachable if h.ms is not None and h.ms > limit]
    if not slow:
        return None
    listing = {
        lang: join([f"{h.url}（{ms(h.ms)} 毫秒）" if lang == "zh" else f"{h.url} ({ms(h.ms)} ms)" for h in slow], lang)
        for lang in ("zh", "en")
    }
    message = text(
        f"访问较慢：{listing['zh']}，超过了 {ms(limit)} 毫秒的提醒阈值。慢速连接会让消息延迟，或让工作台反复重连。",
        f"Slow answers: {listing['en']}, above the {ms(limit)} ms warning threshold. A slow link delays "
        "messages or makes the workstation reconnect again and again.",
    )
    data = {"slow": [{"url": h.url, "ms": h.ms} for h in slow], "threshold_ms": limit}
    if len(slow) == len(reachable):
        # Everything slow points at the path as a whole: distance, VPN, or cross-border routing.
        return finding(
            "conn-latency",
            "warn",
            "net-crossborder",
            text("所有地址都很慢", "All hosts are slow"),
            message,
            text(
                "所有地址都慢，常见原因是网络拥堵、VPN 或代理绕路，或者在中国大陆以外访问部署在国内的服务（跨境线路和 DNS）。"
                "换一个网络对比一下；如果你在境外，请看链接的步骤。",
                "When every host is slow, the usual causes are a congested network, a VPN or proxy taking a detour, "
                "or reaching servers in mainland China from abroad (cross-border routing and DNS). Compare with "
                "another network; if you are abroad, see the linked step.",
            ),
            {**data, "all_slow": True},
        )
    return finding(
        "conn-latency",
        "warn",
        "net-hosts",
        text("部分地址访问较慢", "Some hosts are slow"),
        message,
        text(
            "只有部分地址慢，可能是通往它们的线路拥堵，或被代理、安全软件检查。稍后再测一次；如果一直这样，把结果发给网络管理员。",
            "Only some hosts are slow: the route to them may be congested, or a proxy or security software may be "
            "inspecting the traffic. Test again later; if it persists, send the results to your network administrator.",
        ),
        {**data, "all_slow": False},
    )
