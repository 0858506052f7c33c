"""Serves the built site on 127.0.0.1 with the headers a real deployment should send.

Python's http.server alone does not know .mjs, and sends no cache headers; the
versioned runtime under assets/runtime/ may be cached for good.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients (and linkchecker) reuse connections
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".xml": "application/xml",
    }

    def end_headers(self):
        if "/assets/runtime/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):  # quiet: tests and `make serve` print their own status
        pass


def start(site_dir: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Start serving in a background thread; port 0 picks a free one."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: http.server.ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=str(ROOT / "site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    handler = functools.partial(SiteHandler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Serving {args.dir} on http://127.0.0.1:{args.port}/  (Ctrl+C to stop)")
        server.serve_forever()


if __name__ == "__main__":
    main()
