"""A stand-in for the agent workstation, on its own 127.0.0.1 port (another origin than the help site).

It serves one page for the workstation probe to run on, and its clock can be set wrong: every
response's `Date` header is `skew_s` seconds off, the HEAD the probe sends included. With
`broken_image`, the page loads an image that answers 404, a failed resource for the probe to count.
"""

from __future__ import annotations

import email.utils
import http.server
import threading
import time

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workstation stand-in</title></head>
<body><h1>Workstation stand-in</h1><p>Chats would be here.</p>{extra}</body></html>
"""


class WorkstationServer:
    def __init__(self) -> None:
        self.skew_s = 0.0
        self.broken_image = False
        self.heads: list[str] = []  # paths of the HEAD requests, in order
        self.requests: list[str] = []  # every request, "METHOD path"
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def date_time_string(self, timestamp=None):  # the Date header of every response
                return email.utils.formatdate((timestamp or time.time()) + owner.skew_s, usegmt=True)

            def _answer(self, body: bytes | None):
                owner.requests.append(f"{self.command} {self.path}")
                if self.path.startswith("/missing"):
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    if body is not None:
                        self.wfile.write(b"not found")
                    return
                extra = '<img src="/missing.png" alt="">' if owner.broken_image else ""
                page = PAGE.format(extra=extra).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if body is not None:
                    self.wfile.write(page)

            def do_GET(self):
                self._answer(b"")

            def do_HEAD(self):
                owner.heads.append(self.path)
                self._answer(None)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"

    def reset(self) -> None:
        self.skew_s = 0.0
        self.broken_image = False
        self.heads.clear()
        self.requests.clear()

    def start(self) -> WorkstationServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
