"""Serves the built site on 127.0.0.1 with the headers a real deployment should send.

Python's http.server alone does not know .mjs, and sends no cache headers; the
versioned runtime under assets/runtime/ may be cached for good. `main()` (make serve) also
sends the site's Content-Security-Policy as a header, as the README's nginx sample does.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".wasm", ".map"}


@functools.lru_cache(maxsize=256)
def _gzip_cached(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


def _gzipped(path: Path) -> bytes:
    # The build's own .gz (hooks/precompress.py), as nginx's gzip_static would send it.
    ready = path.with_name(path.name + ".gz")
    if ready.is_file() and ready.stat().st_mtime >= path.stat().st_mtime:
        return ready.read_bytes()
    return _gzip_cached(str(path), path.stat().st_mtime)


def csp_headers(site_dir: Path) -> dict[str, str]:
    """The built site's policy (the <meta> of its pages) as a header, plus frame-ancestors."""
    sys.path.insert(0, str(ROOT))
    from hooks import csp

    meta = csp.built_policy(site_dir)
    if meta is None:
        raise SystemExit(f"{site_dir}: no Content-Security-Policy <meta> in index.html (not a `make build` site?)")
    return {"Content-Security-Policy": csp.header_policy(meta)}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients (and linkchecker) reuse connections
    extra_headers: ClassVar[dict[str, str]] = {}  # set per server by make_server()
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".xml": "application/xml",
    }

    def send_head(self):
        """Send text assets gzip-compressed when the client accepts it, as a production
        web server would; the wasm and zip runtime files shrink too (wasm about 2.7x)."""
        path = Path(self.translate_path(self.path))
        wants_dir = self.path.split("?")[0].endswith("/")
        if path.is_dir():
            if not wants_dir:
                return super().send_head()  # redirects to the slash form
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
            or not path.is_file()
            or (wants_dir and path.name != "index.html")  # "/page.html/" is a 404, as without gzip
            or "If-Modified-Since" in self.headers  # let the base class answer 304
        ):
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's 404.html, with status 404, at any depth (its URLs are
        absolute from the site root), as nginx's `error_page 404 /404.html` sends it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        if "/assets/runtime/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):  # quiet: tests and `make serve` print their own status
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that closes the page mid-download is not a server error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def make_server(site_dir: Path, port: int = 0, headers: dict[str, str] | None = None) -> SiteServer:
    """A server for `site_dir` on 127.0.0.1; port 0 picks a free one."""
    handler_class = type("Handler", (SiteHandler,), {"extra_headers": headers if headers is not None else {}})
    return SiteServer(("127.0.0.1", port), functools.partial(handler_class, directory=str(site_dir)))


def start(site_dir: Path, port: int = 0, headers: dict[str, str] | None = None) -> SiteServer:
    """Start serving in a background thread (tests, benchmarks)."""
    server = make_server(site_dir, port, headers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: SiteServer) -> None:
    server.shutdown()
    server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=str(ROOT / "site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-csp", action="store_true", help="do not send the site's CSP as a header")
    args = parser.parse_args()
    headers = {} if args.no_csp else csp_headers(Path(args.dir))
    with make_server(Path(args.dir), args.port, headers) as server:
        print(f"Serving {args.dir} on http://127.0.0.1:{args.port}/  (Ctrl+C to stop)")
        server.serve_forever()


if __name__ == "__main__":
    main()
