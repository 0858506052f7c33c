"""What only a terminal can see: DNS answers, the stage a connection failed at, the certificate's
issuer (TLS inspection) and the proxy variables. Bilingual findings of the connectivity check,
about this computer and its network (scope "browser", as the rest of the check)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..findings import Finding, finding_maker, text
from ..wording import ms
from .certificate import classify

finding = finding_maker("connectivity", "browser")
PROXY_NAMES = "HTTP_PROXY、HTTPS_PROXY、ALL_PROXY、NO_PROXY"


def native_findings(collected: dict, settings: dict, expected: tuple[str, ...], ca_file: bool) -> list[Finding]:
    probes = collected["hosts"] + ([collected["time"]] if collected["time"] else [])
    out = [_dns(probes), _connections(probes, collected["timeout_s"]), _tls(probes, expected, ca_file)]
    out.append(_proxy(collected["proxy"]))
    return [f for f in out if f]


def _listing(items: list[tuple[str, str]]) -> dict:
    """[(zh, en), ...] as one sentence's list: ； in Chinese, ; in English."""
    return text("；".join(zh for zh, _ in items), "; ".join(en for _, en in items))


def _dns(probes: list[dict]) -> Finding | None:
    failed = [p for p in probes if p["failed_at"] == "dns"]
    resolved = list({p["host"]: p for p in probes if "addresses" in p}.values())  # one line per name
    if failed:
        items = _listing([(f"{p['host']}（{p['error']}）", f"{p['host']} ({p['error']})") for p in failed])
        return finding(
            "native-dns",
            "fail",
            "net-hosts",
            text("域名无法解析", "A host name does not resolve"),
            text(
                f"无法解析：{items['zh']}。这台电脑的 DNS 查不到这些域名的地址，浏览器和工作台也就连不上它们。",
                f"Cannot resolve: {items['en']}. This computer's DNS finds no address for these names, so neither "
                "the browser nor the workstation can reach them.",
            ),
            text(
                "检查网络连接和 DNS 设置，并换一个网络（例如手机热点）对比。在公司网络里，请把这些域名发给网络管理员，"
                "确认内部 DNS 能解析它们。",
                "Check the network connection and the DNS settings, and compare with another network, such as a "
                "phone hotspot. On a company network, send these names to your network administrator to check that "
                "the internal DNS resolves them.",
            ),
            {"failed": [{"host": p["host"], "error": p["error"]} for p in failed]},
        )
    if not resolved:
        return None
    items = _listing(
        [
            (
                f"{p['host']} → {', '.join(p['addresses'])}（{ms(p['dns_ms'])} 毫秒）",
                f"{p['host']} → {', '.join(p['addresses'])} ({ms(p['dns_ms'])} ms)",
            )
            for p in resolved
        ]
    )
    return finding(
        "native-dns",
        "ok",
        "net-hosts",
        text("域名解析正常", "Host names resolve"),
        text(f"{items['zh']}。", f"{items['en']}."),
        data={"answers": [{"host": p["host"], "addresses": p["addresses"], "ms": p["dns_ms"]} for p in resolved]},
    )


def _where(p: dict) -> str:
    """host, or host:port when the URL names a port."""
    return urlsplit(p["url"]).netloc.rpartition("@")[2]


def stage_reason(p: dict, timeout: float) -> tuple[str, str]:
    """Why a host failed, as this computer saw it: its name, its URL, no answer, or the stage and its error."""
    if p["failed_at"] == "dns":
        return f"域名无法解析（{p['error']}）", f"the name does not resolve ({p['error']})"
    if p["failed_at"] == "url":
        return "不是 http(s) 地址", "not an http(s) address"
    if p["timed_out"]:
        return f"{timeout:g} 秒内没有响应", f"no answer within {timeout:g} s"
    stage = {"tcp": "TCP", "tls": "TLS", "http": "HTTP"}[p["failed_at"]]
    error = p["verify"]["message"] if "verify" in p else p["error"]
    return f"{stage} 失败（{error}）", f"{stage} failed ({error})"


def _stage_failure(p: dict, timeout: float) -> tuple[str, str]:
    where = _where(p)
    zh, en = stage_reason(p, timeout)
    return f"{where}：{zh}", f"{where}: {en}"


def _timings(p: dict) -> tuple[str, str]:
    tls = "tls_ms" in p
    zh = f"{_where(p)}：TCP {ms(p['tcp_ms'])} 毫秒" + (f"，TLS {ms(p['tls_ms'])} 毫秒" if tls else "")
    en = f"{_where(p)}: TCP {ms(p['tcp_ms'])} ms" + (f", TLS {ms(p['tls_ms'])} ms" if tls else "")
    return (
        f"{zh}，HTTP {p['status']} 用时 {ms(p['http_ms'])} 毫秒",
        f"{en}, HTTP {p['status']} in {ms(p['http_ms'])} ms",
    )


def _inspected(p: dict) -> bool:
    return classify(p.get("certificate"), p.get("verify"), (), False) == "inspection-fail"


def _connections(probes: list[dict], timeout: float) -> Finding | None:
    """Past DNS: the stage each host failed at (an inspecting certificate is _tls's), or the timings."""
    reached = [p for p in probes if "addresses" in p]
    failed = [p for p in reached if p["failed_at"] and not _inspected(p)]
    if failed:
        items = _listing([_stage_failure(p, timeout) for p in failed])
        return finding(
            "native-connect",
            "fail",
            "net-hosts",
            text("连接失败", "Connections fail"),
            text(
                f"域名能解析，但连接失败：{items['zh']}。TCP 失败是端口被防火墙拦截，或对方没有在这个端口提供服务；"
                "TLS 失败是证书或加密协商出了问题；HTTP 失败是连接建立后对方没有正常应答。",
                f"The names resolve, but connecting fails: {items['en']}. A TCP failure means a firewall blocks the "
                "port or nothing listens on it; a TLS failure means a problem with the certificate or the "
                "encryption; an HTTP failure means the server did not answer properly once connected.",
            ),
            text(
                "换一个网络（例如手机热点）对比。如果只在这个网络失败，请把这些结果发给网络管理员，请他放行这些地址和端口。",
                "Compare with another network, such as a phone hotspot. If it fails only on this network, send these "
                "results to your network administrator and ask for these hosts and ports to be allowed.",
            ),
            {"failed": [{k: p.get(k) for k in ("url", "failed_at", "error", "timed_out", "verify")} for p in failed]},
        )
    done = [p for p in reached if p["failed_at"] is None]
    if not done:
        return None
    items = _listing([_timings(p) for p in done])
    keys = ("url", "address", "dns_ms", "tcp_ms", "tls_ms", "http_ms", "status")
    return finding(
        "native-connect",
        "ok",
        "net-hosts",
        text("连接正常", "Connections work"),
        text(f"{items['zh']}。", f"{items['en']}."),
        data={"hosts": [{k: p.get(k) for k in keys} for p in done]},
    )


INSPECTION_FIX = text(
    "请网络管理员把工作台的域名加入代理或防火墙“HTTPS 检查”（SSL 解密）的例外；如果是杀毒软件，在它的“网页防护”或"
    "“HTTPS 扫描”设置里排除这些域名，或暂时关闭后再测一次。",
    "Ask your network administrator to exempt the workstation's hosts from HTTPS inspection (SSL decryption) on the "
    "proxy or firewall; if it is antivirus software, exclude these hosts in its web protection or HTTPS scanning "
    "settings, or turn that off for a moment and test again.",
)


def _issuers(group: list[dict]) -> dict:
    return _listing(
        [
            (f"{_where(p)} 的证书由“{p['certificate']['issuer']}”签发", f"{_where(p)}: {p['certificate']['issuer']}")
            for p in group
        ]
    )


def _tls(probes: list[dict], expected: tuple[str, ...], ca_file: bool) -> Finding | None:
    """Who issued each certificate: a certificate no public CA vouches for means something re-signs HTTPS."""
    kinds: dict[str, list[dict]] = {}
    for p in probes:
        kinds.setdefault(classify(p.get("certificate"), p.get("verify"), expected, ca_file), []).append(p)
    data = {
        "certificates": [
            {"url": p["url"], **p["certificate"], "verify": p.get("verify")} for p in probes if p.get("certificate")
        ]
    }
    if "inspection-fail" in kinds:
        group = kinds["inspection-fail"]
        names = _issuers(group)
        reasons = "；".join(sorted({p["verify"]["message"] for p in group}))
        return finding(
            "native-tls",
            "fail",
            "net-websocket",
            text("HTTPS 被拦截检查（TLS 解密）", "HTTPS is intercepted (TLS inspection)"),
            text(
                f"{names['zh']}，证书校验失败（{reasons}），没有公共证书机构为它担保。这通常是公司代理、防火墙或杀毒软件"
                "在解密检查 HTTPS：它用自己的证书替换了网站的证书。浏览器页面看不到这一点；被检查的连接常常让 WebSocket "
                "断开，或消息收不到。",
                f"Certificate issuers: {names['en']}. Verification failed ({reasons}): no public certificate "
                "authority vouches for it. This is usually a company proxy, a firewall or antivirus software "
                "decrypting HTTPS to inspect it, with its own certificate in place of the site's. A web page cannot "
                "see this; inspected connections often drop WebSocket or lose messages.",
            ),
            INSPECTION_FIX,
            data,
        )
    if "inspection" in kinds or "unfamiliar" in kinds:
        known = kinds.get("inspection", [])
        group = known + kinds.get("unfamiliar", [])
        names = _issuers(group)
        if known:
            why = text(
                "签发者是代理或安全软件的名字，而这台电脑信任它，所以 HTTPS 正在被解密检查。",
                "The issuer is the name of a proxy or security product, and this computer trusts it: HTTPS is being "
                "decrypted and inspected.",
            )
        else:
            why = text(
                "签发者不在本检测认识的公共证书机构之列。如果它是贵公司代理或安全软件的名字，HTTPS 正在被解密检查。",
                "The issuer is not one of the public certificate authorities this check knows. If it names your "
                "company's proxy or security software, HTTPS is being decrypted and inspected.",
            )
        return finding(
            "native-tls",
            "warn",
            "net-websocket",
            text("HTTPS 可能被检查（TLS 解密）", "HTTPS may be inspected (TLS inspection)"),
            text(
                f"{names['zh']}。{why['zh']}浏览器页面看不到这一点；被检查的连接常常让 WebSocket 断开，或消息收不到。",
                f"Certificate issuers: {names['en']}. {why['en']} A web page cannot see this; inspected connections "
                "often drop WebSocket or lose messages.",
            ),
            text(
                INSPECTION_FIX["zh"] + "如果这个签发者其实是公共证书机构，用 --expect-issuer 写上它的名字。",
                INSPECTION_FIX["en"] + " If the issuer is in fact a public certificate authority, name it with "
                "--expect-issuer.",
            ),
            data,
        )
    if "ok" not in kinds:
        return None
    names = _issuers(kinds["ok"])
    return finding(
        "native-tls",
        "ok",
        "net-websocket",
        text("没有发现 HTTPS 解密检查", "No sign of HTTPS inspection"),
        text(
            f"{names['zh']}，都是受信任的签发者，没有发现 HTTPS 被解密检查的迹象。",
            f"Certificate issuers: {names['en']}. All are trusted issuers, with no sign of HTTPS inspection.",
        ),
        data=data,
    )


def _proxy(variables: list[dict]) -> Finding:
    if not variables:
        return finding(
            "native-proxy",
            "ok",
            "net-hosts",
            text("没有代理环境变量", "No proxy variables"),
            text(
                f"环境变量里没有 {PROXY_NAMES}。本检测直接连接各地址。",
                "No HTTP_PROXY, HTTPS_PROXY, ALL_PROXY or NO_PROXY in the environment. This check connects directly.",
            ),
            data={"variables": []},
        )
    listing = _listing([(f"{v['name']}={v['value']}",) * 2 for v in variables])
    return finding(
        "native-proxy",
        "ok",
        "net-hosts",
        text("设置了代理环境变量", "Proxy variables are set"),
        text(
            f"{listing['zh']}。本检测不经过代理，直接连接各地址；浏览器可能用系统的代理设置。如果这里连不上、浏览器却能打开，"
            "说明这个网络只允许经过代理访问外网。",
            f"{listing['en']}. This check connects directly, not through them; a browser may use the system's proxy "
            "settings. If hosts fail here but open in the browser, this network only lets traffic out through the "
            "proxy.",
        ),
        data={"variables": variables},
    )
