"""One host from a terminal: DNS, TCP, TLS (with the certificate's issuer) and an HTTP HEAD with its Date.

Each stage is timed and stops the probe when it fails, so a failure names its stage: what a
browser's fetch cannot tell apart (DNS, a refused port, a TLS error) is told apart here.
Direct connections only: the proxy variables are reported, never used.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from .certificate import describe, unverified_leaf


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The system's trust store (which $SSL_CERT_FILE may replace), or only the CAs in ca_file."""
    return ssl.create_default_context(cafile=ca_file)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _timed_out(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError)  # socket.timeout is TimeoutError since Python 3.10


def _connect(infos: list, timeout: float) -> tuple[socket.socket | None, OSError | None]:
    """The first address that accepts a TCP connection, in the resolver's order."""
    error = None
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(address)
            return sock, None
        except OSError as exc:
            sock.close()
            error = exc
    return None, error


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def probe(url: str, context: ssl.SSLContext, timeout: float, user_agent: str) -> dict:
    """What happened at each stage; "failed_at" names the stage that stopped it (None: an HTTP answer came)."""
    out: dict = {"url": url, "failed_at": None, "error": None, "timed_out": False, "ms": None}
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return {**out, "failed_at": "url", "error": "not an http(s) URL"}
    host, secure = parts.hostname, parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    out.update(host=host, port=port)
    started = time.perf_counter()

    def fail(stage: str, exc: BaseException) -> dict:
        out.update(failed_at=stage, error=_reason(exc), timed_out=_timed_out(exc), ms=_ms(started))
        return out

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        out["dns_ms"] = _ms(started)
        return fail("dns", exc)
    out["dns_ms"] = _ms(started)
    out["addresses"] = list(dict.fromkeys(info[4][0] for info in infos))
    at = time.perf_counter()
    sock, error = _connect(infos, timeout)
    if sock is None:
        return fail("tcp", error)
    out["tcp_ms"] = _ms(at)
    out["address"] = sock.getpeername()[0]
    with sock:
        conn = sock
        if secure:
            at = time.perf_counter()
            try:
                conn = context.wrap_socket(sock, server_hostname=host)
            except ssl.SSLCertVerificationError as exc:
                out["verify"] = {"code": exc.verify_code, "message": exc.verify_message}
                out["certificate"] = unverified_leaf(out["address"], port, host, timeout)
                return fail("tls", exc)
            except OSError as exc:  # ssl.SSLError is an OSError; so is a timeout mid-handshake
                return fail("tls", exc)
            out["tls_ms"] = _ms(at)
            out["tls_version"] = conn.version()
            chain = getattr(conn, "get_verified_chain", list)()  # Python 3.13+: the chain as DER; before: []
            out["certificate"] = describe(conn.getpeercert(), [c for c in chain if isinstance(c, bytes)])
        with conn:
            return _head(conn, parts, out, started, fail, user_agent)


def _head(conn, parts, out: dict, started: float, fail, user_agent: str) -> dict:
    """HEAD over the open connection; the Date header against the middle of the round trip."""
    host = parts.netloc.rpartition("@")[2]
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    request = (
        f"HEAD {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {user_agent}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    )
    wall = time.time()
    at = time.perf_counter()
    try:
        conn.sendall(request.encode("ascii"))
        response = http.client.HTTPResponse(conn, method="HEAD")
        response.begin()
    except (OSError, http.client.HTTPException) as exc:
        return fail("http", exc)
    out["http_ms"] = _ms(at)
    out["status"] = response.status
    response.close()
    out["ms"] = _ms(started)
    header = response.getheader("Date")
    out["date"] = header
    try:
        server = parsedate_to_datetime(header).timestamp()
    except ValueError:
        out["clock_error"] = "no readable Date header"
        return out
    # The Date header has whole seconds: compare its middle with the middle of the round trip,
    # as the browser does (offset = server − local; positive: this computer is behind).
    out["offset_ms"] = round((server + 0.5 - (wall + out["http_ms"] / 2000)) * 1000)
    return out
