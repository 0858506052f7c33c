"""Local servers on 127.0.0.1 for the terminal's connectivity check (tests/unit/test_native_*.py, test_cli.py):
certificates made by the openssl command at test time, an HTTPS server whose Date can run ahead, a TLS
server with a self-signed "inspection" certificate, a silent port, a port that hangs up, a refused port,
and WebSocket servers (echo, mute, greet, close, forbidden) over ws:// and wss://."""

from __future__ import annotations

import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from websockets.sync.server import serve

CA_NAME = "Workstation Test CA"
INSPECTION_NAME = "Corporate SSL Inspection"
LEAF_EXT = (
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
    "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
)
EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path) -> dict[str, Path]:
    """ca.pem (the CA the tests trust), leaf.pem/leaf.key signed by it for 127.0.0.1, and
    inspect.pem/inspect.key: self-signed, named like a TLS-inspecting proxy's."""
    assert shutil.which("openssl"), "the openssl command makes the test certificates"
    subj_ca = f"/CN={CA_NAME}/O=Workstation Checks Tests"
    ca_ext = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
    _openssl(
        "req", "-x509", *EC, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3", "-subj", subj_ca, *ca_ext, cwd=folder
    )
    _openssl("req", *EC, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "leaf.ext").write_text(LEAF_EXT, encoding="ascii")
    _openssl(
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        "leaf.pem", "-days", "2", "-extfile", "leaf.ext", cwd=folder,
    )  # fmt: skip
    _openssl(
        "req", "-x509", *EC, "-keyout", "inspect.key", "-out", "inspect.pem", "-days", "2", "-subj",
        f"/CN={INSPECTION_NAME}", "-addext", "subjectAltName=IP:127.0.0.1", cwd=folder,
    )  # fmt: skip
    return {name: folder / f"{name}.pem" for name in ("ca", "leaf", "inspect")} | {
        "leaf_key": folder / "leaf.key",
        "inspect_key": folder / "inspect.key",
    }


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


class DateHandler(BaseHTTPRequestHandler):
    """HEAD (or GET) answered with 204 and a Date skewed by the server's `skew` seconds; /nodate sends none."""

    def do_HEAD(self) -> None:
        if self.path.startswith("/nodate"):
            self.send_response_only(204)
        else:
            self.send_response(204)
        self.end_headers()

    do_GET = do_HEAD

    def date_time_string(self, timestamp=None) -> str:
        return super().date_time_string(time.time() + self.server.skew)

    def log_message(self, *args) -> None:  # quiet test output
        pass


def _quick(server):
    """serve_forever checking for shutdown every 50 ms instead of 500: a fast teardown."""
    return lambda: server.serve_forever(poll_interval=0.05)


@contextmanager
def _thread(server, run):
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(5)


@contextmanager
def http_server(context: ssl.SSLContext | None = None, skew: float = 0):
    """An HTTP(S) server on 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), DateHandler)
    server.skew = skew
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if context else "http"
    with _thread(server, _quick(server)), server:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}/"


class _HangUp(socketserver.BaseRequestHandler):
    def handle(self) -> None:  # closes the connection without a word
        pass


@contextmanager
def hang_up_server():
    """Accepts TCP connections and closes them at once: the HTTP stage fails."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _HangUp)
    with _thread(server, _quick(server)), server:
        yield f"http://127.0.0.1:{server.server_address[1]}/"


@contextmanager
def silent_port():
    """A port that accepts TCP (the kernel's backlog) but never says anything: TLS and WebSocket time out."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def refused_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ws_handler(connection) -> None:
    path = connection.request.path
    if path == "/mute":
        for _ in connection:  # reads and never answers
            pass
        return
    if path == "/close":
        connection.close(code=4000, reason="closing at once")
        return
    if path == "/greet":
        connection.send("hello from the server")
    for message in connection:
        connection.send(message)


def _refuse(connection, request):
    if request.path == "/forbidden":
        return connection.respond(403, "Forbidden\n")
    return None


@contextmanager
def websocket_server(context: ssl.SSLContext | None = None):
    """WebSocket paths /echo, /mute, /greet, /close and /forbidden on 127.0.0.1; yields ws(s)://127.0.0.1:port."""
    server = serve(_ws_handler, "127.0.0.1", 0, ssl=context, process_request=_refuse, compression=None)
    scheme = "wss" if context else "ws"
    with _thread(server, server.serve_forever):
        yield f"{scheme}://127.0.0.1:{server.socket.getsockname()[1]}"


@dataclass
class Servers:
    certs: dict
    https: str  # trusted leaf, the right time
    https_ahead: str  # trusted leaf, Date 10 minutes ahead
    http: str  # plain HTTP, the right time
    inspect: str  # self-signed "Corporate SSL Inspection" leaf
    hang_up: str
    silent: int
    ws: str
    wss: str


@contextmanager
def all_servers(folder: Path):
    certs = make_certificates(folder)
    leaf = server_context(certs["leaf"], certs["leaf_key"])
    inspect = server_context(certs["inspect"], certs["inspect_key"])
    with ExitStack() as stack:
        yield Servers(
            certs=certs,
            https=stack.enter_context(http_server(leaf)),
            https_ahead=stack.enter_context(http_server(leaf, skew=600)),
            http=stack.enter_context(http_server()),
            inspect=stack.enter_context(http_server(inspect)),
            hang_up=stack.enter_context(hang_up_server()),
            silent=stack.enter_context(silent_port()),
            ws=stack.enter_context(websocket_server()),
            wss=stack.enter_context(websocket_server(server_context(certs["leaf"], certs["leaf_key"]))),
        )
