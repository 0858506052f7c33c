"""The terminal's connectivity check (checks/native/) against local servers on 127.0.0.1: a healthy
HTTPS host with a CA made for the test, a refused port, a self-signed "inspection" certificate, a
silent port, a port that hangs up, WebSocket echo / mute / greet / close / forbidden servers, a Date
ten minutes ahead, and proxy variables; the findings are the browser judge's where the facts are
the same, plus the native ones, worded by the house rules in both languages."""

from __future__ import annotations

import json
import socket
import ssl
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from referencing import Registry, Resource

from checks import cli, connectivity, native
from checks.native import certificate, findings, host_probe, proxy, terminal_words, websocket_echo

from .native_servers import CA_NAME, INSPECTION_NAME, all_servers, refused_port, silent_port
from .test_branches import CJK, HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

ROOT = Path(__file__).resolve().parents[2]
# Seconds per step. Where nothing should time out, a bound no loaded machine reaches; where the
# scenario is a wait (a mute WebSocket, a silent port), a short one: the wait is the whole test.
T = "10"
WAIT = "1.5"
PROXY_NAMES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with all_servers(tmp_path_factory.mktemp("native")) as found:
        yield found


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    """No overlay, no proxy variable and no SSL_CERT_FILE from the machine running the tests."""
    monkeypatch.delenv(cli.OVERLAY_ENV, raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    for name in PROXY_NAMES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def settings(_clean_environment) -> dict:
    """What the command reads here: settings.toml without the test run's overlay (the second pass sets one)."""
    return cli.load_settings()


def connectivity_json(capsys, *argv, timeout: str = T) -> tuple[int, dict]:
    code = cli.main(["connectivity", "--json", "--timeout", timeout, *argv])
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def by_id(report: dict) -> dict:
    return {f["id"]: f for f in report["findings"]}


def report_validator() -> jsonschema.Draft202012Validator:
    schemas = {
        name: json.loads((ROOT / "schemas" / name).read_text()) for name in ("report.schema.json", "facts.schema.json")
    }
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return jsonschema.Draft202012Validator(schemas["report.schema.json"], registry=registry)


def assert_worded_by_the_rules(found: list[dict]) -> None:
    """test_branches' rules for Chinese and English, on the terminal's findings too."""
    for f in found:
        for key in ("title", "message", "fix"):
            zh, en = f[key]["zh"], f[key]["en"]
            assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], zh)
            assert not UNSPACED_LATIN.search(zh), (f["id"], UNSPACED_LATIN.search(zh), zh)
            assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], zh)
            assert not CJK.findall(en), (f["id"], en)
            if zh and key != "title":
                assert zh[-1] in "。？！）”", (f["id"], zh)
        if f["status"] != "ok":
            assert f["fix"]["zh"] and f["fix"]["en"], f["id"]


# --- whole runs through the command ---


def test_healthy_host_and_websocket_exit_0(capsys, servers, settings):
    code, report = connectivity_json(
        capsys, "--host", servers.https, "--echo-url", servers.wss + "/echo", "--ca-file", str(servers.certs["ca"])
    )
    found = by_id(report)
    assert code == 0, {f["id"]: f["message"]["en"] for f in report["findings"] if f["status"] != "ok"}
    assert sorted(found) == [
        "conn-clock",
        "conn-hosts",
        "conn-websocket",
        "native-connect",
        "native-dns",
        "native-proxy",
        "native-tls",
    ]
    assert {f["status"] for f in report["findings"]} == {"ok"}
    # A saved report any copy of the site can read, with the terminal's own parts beside it.
    report_validator().validate(report)
    assert report["kind"] == "diagnostic-report" and report["product"] == settings["product_name"]["en"]
    facts = report["facts"]["connectivity"]
    assert facts["hosts"] == [{"url": servers.https, "ok": True, "ms": facts["hosts"][0]["ms"], "error": None}]
    assert facts["websocket"]["echo_ok"] is True and facts["websocket"]["opened"] is True
    assert abs(facts["clock"]["offset_ms"]) < 2000 and facts["clock"]["source"] == servers.https
    # The browser's judge on the same facts gives the same findings (its "browser is online" aside).
    settings["probe"].update(hosts=[servers.https], websocket_echo_url=servers.wss + "/echo", timeout_ms=400)
    browser = [f.to_dict() for f in connectivity.run(facts, settings) if f.id != "conn-online"]
    assert [f for f in report["findings"] if f["id"].startswith("conn-")] == browser
    host = report["native"]["hosts"][0]
    assert host["addresses"] == ["127.0.0.1"] and host["status"] == 204 and host["tls_version"].startswith("TLS")
    assert host["certificate"]["issuer"] == f"CN={CA_NAME}, O=Workstation Checks Tests"
    assert host["certificate"]["self_signed"] is False
    assert CA_NAME in found["native-tls"]["message"]["zh"] and CA_NAME in found["native-tls"]["message"]["en"]


def test_healthy_text_in_both_languages(capsys, servers):
    args = ["connectivity", "--timeout", T, "--host", servers.https, "--echo-url", servers.wss + "/echo"]
    args += ["--ca-file", str(servers.certs["ca"])]
    assert cli.main(args) == 0
    zh = capsys.readouterr().out
    assert zh.startswith("[正常] 测试地址可以访问：") and "[正常] 域名解析正常：127.0.0.1 → 127.0.0.1（" in zh
    assert "[正常] 连接正常：127.0.0.1:" in zh and "TLS " in zh and "HTTP 204 用时 " in zh
    assert cli.main([*args, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "[OK] WebSocket works: Connecting to wss://" in en and "[OK] No sign of HTTPS inspection: " in en
    assert len(zh.splitlines()) == len(en.splitlines()) == 7


def test_refused_port_exit_2(capsys, servers):
    port = refused_port()
    url = f"https://127.0.0.1:{port}/"
    code, report = connectivity_json(capsys, "--host", url, "--ca-file", str(servers.certs["ca"]))
    found = by_id(report)
    assert code == 2
    assert found["conn-hosts"]["status"] == "fail" and found["conn-hosts"]["data"]["hosts"] == [url]
    # The stage it failed at, not the page's "a web page cannot tell which".
    assert found["conn-hosts"]["message"]["en"] == (
        f"The only host tested could not be reached: {url}: TCP failed (Connection refused)."
    )
    assert found["conn-hosts"]["message"]["zh"] == f"唯一的测试地址访问不了：{url}：TCP 失败（Connection refused）。"
    connect = found["native-connect"]
    assert connect["status"] == "fail"
    assert f"127.0.0.1:{port}: TCP failed (Connection refused)" in connect["message"]["en"]
    assert f"127.0.0.1:{port}：TCP 失败（Connection refused）" in connect["message"]["zh"]
    assert report["native"]["hosts"][0]["failed_at"] == "tcp"
    # Nothing answered, so nothing gave the time: said, not guessed.
    assert (
        found["conn-clock"]["status"] == "unknown" and "tcp: Connection refused" in found["conn-clock"]["message"]["en"]
    )
    assert "native-tls" not in found and found["native-dns"]["status"] == "ok"
    report_validator().validate(report)


def test_inspection_certificate_is_named_exit_2(capsys, servers):
    code, report = connectivity_json(
        capsys, "--host", servers.inspect, servers.https, "--ca-file", str(servers.certs["ca"])
    )
    found = by_id(report)
    assert code == 2
    tls = found["native-tls"]
    assert tls["status"] == "fail" and tls["step"] == "net-websocket" and tls["scope"] == "browser"
    assert f"“CN={INSPECTION_NAME}”" in tls["message"]["zh"] and f"CN={INSPECTION_NAME}" in tls["message"]["en"]
    assert "self-signed certificate" in tls["message"]["en"] and "A web page cannot see this" in tls["message"]["en"]
    assert tls["data"]["certificates"][0]["verify"]["code"] == certificate.SELF_SIGNED_LEAF
    assert tls["data"]["certificates"][0]["self_signed"] is True
    # The browser sees only a failed host; the inspected host is not also a "connection failure".
    assert found["conn-host-1"]["status"] == "fail" and found["native-connect"]["status"] == "ok"
    assert servers.https.split("//")[1].rstrip("/") in found["native-connect"]["message"]["en"]
    report_validator().validate(report)


def test_unfamiliar_issuer_warns_unless_expected(capsys, servers, monkeypatch):
    # The test CA trusted the way a company installs its inspection CA: in the trust store, not named on the command.
    monkeypatch.setenv("SSL_CERT_FILE", str(servers.certs["ca"]))
    code, report = connectivity_json(capsys, "--host", servers.https, "--echo-url", servers.wss + "/echo")
    tls = by_id(report)["native-tls"]
    assert code == 1 and tls["status"] == "warn"
    assert f"“CN={CA_NAME}, O=Workstation Checks Tests”" in tls["message"]["zh"]
    assert "not one of the public certificate authorities" in tls["message"]["en"]
    assert "--expect-issuer" in tls["fix"]["en"]
    code, report = connectivity_json(
        capsys, "--host", servers.https, "--echo-url", servers.wss + "/echo", "--expect-issuer", "workstation checks"
    )
    assert code == 0 and by_id(report)["native-tls"]["status"] == "ok"


def test_mute_websocket_gives_the_browser_finding_exit_2(capsys, servers):
    code, report = connectivity_json(
        capsys,
        "--host",
        servers.https,
        "--echo-url",
        servers.ws + "/mute",
        "--ca-file",
        str(servers.certs["ca"]),
        timeout=WAIT,
    )
    ws = by_id(report)["conn-websocket"]
    assert code == 2 and ws["status"] == "fail"
    assert ws["title"]["en"] == "WebSocket connects but messages do not come back"
    assert f"(no answer within {WAIT} s)" in ws["message"]["en"] and f"{WAIT} 秒内没有响应" in ws["message"]["zh"]
    facts = report["facts"]["connectivity"]["websocket"]
    assert facts["opened"] is True and facts["echo_ok"] is False and facts["error"] == "timeout"
    assert report["native"]["websocket"]["detail"] == f"no echo within {WAIT} s"


def test_websocket_variants(servers):
    context = host_probe.tls_context(str(servers.certs["ca"]))
    greet = websocket_echo.echo(servers.ws + "/greet", context, 10)
    assert greet["echo_ok"] is True and greet["other_messages"] == 1 and greet["echo_ms"] is not None
    closed = websocket_echo.echo(servers.ws + "/close", context, 10)
    assert closed["opened"] is True and closed["error"] == "closed" and closed["close_code"] == 4000
    refused = websocket_echo.echo(servers.ws + "/forbidden", context, 10)
    assert refused["opened"] is False and refused["error"] == "error" and "403" in refused["detail"]
    with silent_port() as port:
        hung = websocket_echo.echo(f"ws://127.0.0.1:{port}/", context, 0.3)
    assert hung["opened"] is False and hung["error"] == "timeout"
    bad = websocket_echo.echo("wss://", context, 0.3)
    assert bad["error"] == "SyntaxError" and bad["opened"] is False
    # The browser calls a greeting that is not the echo "other messages" and still an echo when it comes.
    judge = connectivity.websocket_echo.websocket_finding
    assert judge({"websocket": {k: greet[k] for k in native.WEBSOCKET_KEYS}}, None, None, {}).status == "ok"


def test_websocket_blocked_while_https_works(capsys, servers):
    code, report = connectivity_json(
        capsys, "--host", servers.https, "--echo-url", servers.ws + "/forbidden", "--ca-file", str(servers.certs["ca"])
    )
    ws = by_id(report)["conn-websocket"]
    assert code == 2 and ws["title"]["en"] == "WebSocket blocked while HTTPS works"
    assert ws["message"]["en"].startswith("This computer reached 1 host over HTTPS but could not open a WebSocket")
    assert ws["message"]["zh"].startswith("这台电脑能通过 HTTPS 访问 1 个地址，却连不上 WebSocket 地址")


def test_date_ahead_means_this_clock_is_behind(capsys, servers):
    # The browser's convention (facts.schema.json clock): offset = server − local; positive: this computer is behind.
    code, report = connectivity_json(
        capsys, "--host", servers.https, "--time-url", servers.https_ahead, "--ca-file", str(servers.certs["ca"])
    )
    clock = report["facts"]["connectivity"]["clock"]
    assert clock["source"] == servers.https_ahead
    assert 598_000 <= clock["offset_ms"] <= 602_000
    found = by_id(report)["conn-clock"]
    assert found["status"] == "fail" and found["data"]["direction"] == "behind"
    assert "about 10 minutes behind" in found["message"]["en"] and "慢约 10 分钟" in found["message"]["zh"]
    assert code == 2


def test_no_readable_date_and_plain_http(capsys, servers):
    code, report = connectivity_json(capsys, "--host", servers.http + "nodate?x=1")
    clock = report["facts"]["connectivity"]["clock"]
    assert clock["offset_ms"] is None if "offset_ms" in clock else True
    assert clock["error"] == "no readable Date header" and by_id(report)["conn-clock"]["status"] == "unknown"
    connect = by_id(report)["native-connect"]
    assert connect["status"] == "ok" and "TLS" not in connect["message"]["en"]
    assert "native-tls" not in by_id(report)
    assert code == 1  # no echo URL set, no time: unknowns


def test_silent_port_times_out_and_a_hang_up_fails_at_http(capsys, servers):
    with silent_port() as port:
        code, report = connectivity_json(capsys, "--host", f"https://127.0.0.1:{port}/", servers.hang_up, timeout=WAIT)
    hosts = report["facts"]["connectivity"]["hosts"]
    assert [h["error"] for h in hosts] == ["timeout", "network"]
    connect = by_id(report)["native-connect"]["message"]["en"]
    assert f"127.0.0.1:{port}: no answer within {WAIT} s" in connect
    assert "HTTP failed (Remote end closed connection without response)" in connect
    assert by_id(report)["conn-hosts"]["status"] == "fail" and code == 2


def test_dns_failure(capsys, servers, monkeypatch):
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        if host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    code, report = connectivity_json(
        capsys, "--host", "https://nowhere.invalid/", servers.https, "--ca-file", str(servers.certs["ca"])
    )
    dns = by_id(report)["native-dns"]
    assert code == 2 and dns["status"] == "fail"
    assert dns["message"]["en"].startswith("Cannot resolve: nowhere.invalid (Name or service not known).")
    assert dns["message"]["zh"].startswith("无法解析：nowhere.invalid（Name or service not known）。")
    host = by_id(report)["conn-host-1"]
    assert host["status"] == "fail"
    assert host["message"]["en"].startswith(
        "https://nowhere.invalid/: the name does not resolve (Name or service not known). The other host answered"
    )
    assert host["message"]["zh"].startswith("https://nowhere.invalid/：域名无法解析（Name or service not known）。")
    assert host["fix"] == terminal_words.HOST_FIX and "extension" not in host["fix"]["en"]
    # The browser's judge, given the same facts, keeps the page's words.
    page = {f.id: f for f in connectivity.run(report["facts"]["connectivity"], cli.load_settings())}["conn-host-1"]
    assert "a web page cannot tell which" in page.message["en"] and "网页无法区分" in page.message["zh"]
    assert "browser extension" in page.fix["en"]


def test_proxy_variables_are_reported_masked_and_not_used(capsys, servers, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", f"http://agent:s3cret@127.0.0.1:{refused_port()}")
    monkeypatch.setenv("all_proxy", "socks5://token@proxy.example:1080")
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1")
    monkeypatch.setenv("http_proxy", " ")  # empty: not a setting
    code, report = connectivity_json(
        capsys, "--host", servers.https, "--echo-url", servers.wss + "/echo", "--ca-file", str(servers.certs["ca"])
    )
    assert "s3cret" not in json.dumps(report) and "token@" not in json.dumps(report)
    variables = report["native"]["proxy"]
    assert [v["name"] for v in variables] == ["HTTPS_PROXY", "all_proxy", "no_proxy"]
    assert variables[0]["value"].startswith("http://***@127.0.0.1:")
    assert variables[1]["value"] == "socks5://***@proxy.example:1080"
    found = by_id(report)["native-proxy"]
    assert found["status"] == "ok" and "HTTPS_PROXY=http://***@127.0.0.1:" in found["message"]["en"]
    assert code == 0  # the proxy points nowhere, yet everything works: the probes go direct


def test_masking():
    assert proxy.mask("http://u:p@h:1/") == "http://***@h:1/"
    assert proxy.mask("user:pw@proxy:3128") == "***@proxy:3128"
    assert proxy.mask("http://proxy:3128") == "http://proxy:3128"
    assert proxy.proxy_variables({"Http_Proxy": "http://a@b", "PATH": "/bin"}) == [
        {"name": "Http_Proxy", "value": "http://***@b"}
    ]


# --- the pieces ---


def test_probe_refuses_a_non_http_url():
    assert host_probe.probe("ftp://example.org/", ssl.create_default_context(), 0.1, "t")["failed_at"] == "url"
    assert host_probe.probe("https:///path", ssl.create_default_context(), 0.1, "t")["failed_at"] == "url"


def test_certificate_pieces(servers, monkeypatch):
    leaf_der = ssl.PEM_cert_to_DER_cert(servers.certs["leaf"].read_text())
    ca_der = ssl.PEM_cert_to_DER_cert(servers.certs["ca"].read_text())
    assert certificate.decode_der(b"not a certificate") is None
    assert certificate.describe(None) is None
    decoded = certificate.describe(certificate.decode_der(leaf_der), [leaf_der, ca_der, b"junk"])
    assert decoded["chain"] == [f"CN={CA_NAME}, O=Workstation Checks Tests"] and decoded["subject"] == "CN=127.0.0.1"
    assert certificate.unverified_leaf("127.0.0.1", refused_port(), "127.0.0.1", 0.3) is None
    assert certificate._label({}) == "?" and certificate._label({"organizationName": "X"}) == "O=X"
    # Python 3.13's verified chain, where there is one, is listed above the leaf.
    monkeypatch.setattr(ssl.SSLSocket, "get_verified_chain", lambda self: [leaf_der, ca_der], raising=False)
    found = host_probe.probe(servers.https, host_probe.tls_context(str(servers.certs["ca"])), 10, "t")
    assert found["certificate"]["chain"] == [f"CN={CA_NAME}, O=Workstation Checks Tests"]


def _cert(issuer: dict, self_signed: bool = False) -> dict:
    return {"issuer_names": issuer, "self_signed": self_signed, "issuer": certificate._label(issuer)}


@pytest.mark.parametrize(
    ("issuer", "verify", "expected", "ca_file", "kind"),
    [
        ({"organizationName": "DigiCert Inc", "commonName": "GeoTrust G2"}, None, (), False, "ok"),
        ({"organizationName": "Let's Encrypt", "commonName": "R11"}, None, (), False, "ok"),
        ({"organizationName": "Fortinet", "commonName": "FortiGate CA"}, None, (), False, "inspection"),
        ({"commonName": "Kaspersky Anti-Virus Personal Root"}, None, (), True, "inspection"),
        ({"commonName": "Acme Internal CA"}, None, (), False, "unfamiliar"),
        ({"commonName": "Acme Internal CA"}, None, ("acme",), False, "ok"),
        ({"commonName": "Acme Internal CA"}, None, (), True, "ok"),
        ({"commonName": "Acme Internal CA"}, {"code": 20, "message": "unable to get local issuer certificate"}, (), False, "inspection-fail"),
        ({"commonName": "Acme Root"}, {"code": 19, "message": "self-signed certificate in certificate chain"}, (), False, "inspection-fail"),
        ({"organizationName": "DigiCert Inc"}, {"code": 20, "message": "unable to get local issuer certificate"}, (), False, "untrusted"),
        ({"organizationName": "DigiCert Inc"}, {"code": 62, "message": "Hostname mismatch"}, (), False, "untrusted"),
    ],
)  # fmt: skip
def test_classify(issuer, verify, expected, ca_file, kind):
    assert certificate.classify(_cert(issuer), verify, expected, ca_file) == kind


def test_classify_self_signed_without_a_self_signed_code():
    assert certificate.classify(_cert({"commonName": "x"}, True), {"code": 10, "message": "expired"}, (), False) == (
        "inspection-fail"
    )
    assert certificate.classify(None, None, (), False) is None


def _probe(url: str, **extra) -> dict:
    host = urlsplit(url).hostname
    return {"url": url, "host": host, "port": 443, "failed_at": None, "error": None, "timed_out": False, **extra}


def test_native_findings_for_crafted_facts(settings):
    ok_tls = {"addresses": ["192.0.2.1"], "dns_ms": 3, "tcp_ms": 10, "tls_ms": 20, "http_ms": 30, "status": 200}
    known = _probe(
        "https://a.example/",
        **ok_tls,
        certificate=_cert({"organizationName": "Zscaler Inc.", "commonName": "Zscaler Root"}),
    )
    untrusted = _probe(
        "https://b.example:8443/",
        addresses=["192.0.2.2"],
        dns_ms=3,
        failed_at="tls",
        error="certificate verify failed",
        verify={"code": 62, "message": "Hostname mismatch, certificate is not valid for 'b.example'."},
        certificate=_cert({"organizationName": "DigiCert Inc"}),
    )
    collected = {"hosts": [known, untrusted], "time": None, "timeout_s": 1.0, "proxy": []}
    found = {f.id: f.to_dict() for f in findings.native_findings(collected, settings, (), False)}
    assert found["native-tls"]["status"] == "warn"
    assert "proxy or security product" in found["native-tls"]["message"]["en"]
    assert "Zscaler" in found["native-tls"]["message"]["zh"]
    connect = found["native-connect"]["message"]["en"]
    assert connect.startswith("The names resolve, but connecting fails: b.example:8443: TLS failed (Hostname mismatch")
    assert_worded_by_the_rules(list(found.values()))
    # A URL that never got as far as DNS gives no native finding but the proxies'.
    nothing = {"hosts": [_probe("ftp://x/", failed_at="url")], "time": None, "timeout_s": 1.0, "proxy": []}
    assert [f.id for f in findings.native_findings(nothing, settings, (), False)] == ["native-proxy"]
    # Only a certificate that failed for another reason: no TLS verdict, the connection failure says it.
    only_untrusted = {**collected, "hosts": [untrusted]}
    assert "native-tls" not in {f.id for f in findings.native_findings(only_untrusted, settings, (), False)}


def test_clock_without_any_probe():
    assert native._clock([], None) is None


def test_wording_of_every_scenario(capsys, servers, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://u:p@proxy.example:3128")
    runs = [
        ["--host", servers.https, servers.inspect, f"https://127.0.0.1:{refused_port()}/", servers.hang_up],
        ["--host", servers.https, "--echo-url", servers.ws + "/forbidden", "--time-url", servers.https_ahead],
        ["--host", servers.https, "--echo-url", servers.wss + "/echo"],
    ]
    seen = []
    for extra in runs:
        _, report = connectivity_json(capsys, *extra, "--ca-file", str(servers.certs["ca"]))
        seen += report["findings"]  # the judge's findings too, as reworded for the terminal
    monkeypatch.setenv("SSL_CERT_FILE", str(servers.certs["ca"]))
    _, report = connectivity_json(capsys, "--host", servers.https)
    seen += report["findings"]
    assert {(f["id"], f["status"]) for f in seen} >= {
        ("native-tls", "fail"),
        ("native-tls", "warn"),
        ("native-tls", "ok"),
        ("native-connect", "fail"),
        ("native-connect", "ok"),
        ("native-dns", "ok"),
        ("native-proxy", "ok"),
    }
    assert_worded_by_the_rules(seen)


def test_default_timeout_comes_from_the_settings(capsys, servers, settings):
    code = cli.main(["connectivity", "--json", "--host", servers.https, "--ca-file", str(servers.certs["ca"])])
    report = json.loads(capsys.readouterr().out)
    assert report["native"]["timeout_s"] == settings["probe"]["timeout_ms"] / 1000
    assert code == 1  # no echo URL in settings.toml: WebSocket not tested
    ws = by_id(report)["conn-websocket"]
    assert ws["status"] == "unknown" and ws["scope"] == "settings"
    assert ws["message"]["en"].startswith("No WebSocket echo address was given (probe.websocket_echo_url in the")
    assert "--echo-url" in ws["message"]["zh"] and ws["fix"]["en"].startswith("Run again with --echo-url wss://")
    assert "page" not in ws["message"]["en"] and "本页" not in ws["message"]["zh"]
    page = {f.id: f for f in connectivity.run(report["facts"]["connectivity"], settings)}["conn-websocket"]
    assert "so this page cannot test WebSocket" in page.message["en"]  # the browser's words, unchanged


def test_settings_echo_url_that_is_not_one_is_the_settings_fault(capsys, servers, tmp_path, monkeypatch):
    overlay = tmp_path / "o.toml"
    overlay.write_text('[probe]\nwebsocket_echo_url = "wss://"\n', encoding="utf-8")
    monkeypatch.setenv(cli.OVERLAY_ENV, str(overlay))
    code, report = connectivity_json(capsys, "--host", servers.https, "--ca-file", str(servers.certs["ca"]))
    found = by_id(report)["conn-websocket-config"]
    assert found["scope"] == "settings" and found["status"] == "unknown" and code == 1
    assert found["message"]["en"].startswith("The WebSocket echo address (wss://) is not a valid WebSocket address,")
    assert "browser" not in found["message"]["en"] and "浏览器" not in found["message"]["zh"]
    assert "--echo-url" in found["fix"]["en"]


def test_terminal_words_for_crafted_facts(settings):
    """Each failure a host can have, in place of the page's reason; other findings pass unchanged."""
    probes = [
        _probe("ftp://x/", failed_at="url", error="not an http(s) URL", ms=None),
        _probe(
            "https://slow.example/",
            addresses=["192.0.2.3"],
            dns_ms=1,
            failed_at="tcp",
            error="timed out",
            timed_out=True,
            ms=2000.0,
        ),
    ]
    collected = {"hosts": probes, "time": None, "timeout_s": 2.0, "proxy": []}
    facts = native.browser_facts({**collected, "websocket": None, "clock": None})["connectivity"]
    judged = connectivity.run(facts, settings)
    found = {f.id: f for f in terminal_words.reword(judged, collected, settings)}
    assert found["conn-hosts"].message["en"] == (
        "None of the 2 hosts could be reached: ftp://x/: not an http(s) address; "
        "https://slow.example/: no answer within 2 s."
    )
    assert "ftp://x/：不是 http(s) 地址；https://slow.example/：2 秒内没有响应。" in found["conn-hosts"].message["zh"]
    assert found["conn-online"] is next(f for f in judged if f.id == "conn-online")
