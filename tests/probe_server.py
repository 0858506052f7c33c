"""A local stand-in for the chat product's hosts, on 127.0.0.1.

One aiohttp server plays the probed HTTPS hosts, the WebSocket echo endpoint and
the time source. Tests change its behaviour by setting attributes on `state`.
"""

from __future__ import annotations

import asyncio
import email.utils
import threading
import time
from dataclasses import dataclass

from aiohttp import WSMsgType, web


@dataclass
class ProbeState:
    delay_ms: int = 0  # the hosts answer this late
    slow_hosts: tuple[str, ...] = ()  # only these ("app", "static", "api") do; empty: every host
    # "echo" | "refuse" (HTTP 403 to the upgrade) | "mute" (open, never echo)
    # | "other" (answers every message with different text)
    ws_mode: str = "echo"
    skew_s: float = 0.0  # the time source's clock minus the real one


class ProbeServer:
    def __init__(self) -> None:
        self.state = ProbeState()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    # -- handlers ---------------------------------------------------------
    async def host(self, request: web.Request) -> web.Response:
        slow = not self.state.slow_hosts or request.match_info["host"] in self.state.slow_hosts
        if self.state.delay_ms and slow:
            await asyncio.sleep(self.state.delay_ms / 1000)
        return web.Response(text="ok")

    async def time(self, request: web.Request) -> web.Response:
        stamp = email.utils.formatdate(time.time() + self.state.skew_s, usegmt=True)
        return web.Response(
            text="",
            headers={
                "Date": stamp,
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Expose-Headers": "Date",
            },
        )

    async def ws(self, request: web.Request) -> web.StreamResponse:
        if self.state.ws_mode == "refuse":
            return web.Response(status=403, text="websocket blocked")
        sock = web.WebSocketResponse()
        await sock.prepare(request)
        async for msg in sock:
            if msg.type == WSMsgType.TEXT and self.state.ws_mode == "echo":
                await sock.send_str(msg.data)
            elif msg.type == WSMsgType.TEXT and self.state.ws_mode == "other":
                await sock.send_str(f"received: {msg.data}")
        return sock

    # -- lifecycle --------------------------------------------------------
    def reset(self) -> None:
        self.state = ProbeState()

    def start(self) -> ProbeServer:
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/time", self.time)
        app.router.add_get("/ws", self.ws)
        app.router.add_get("/{host}/", self.host)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def settings_overlay(self) -> str:
        base = f"127.0.0.1:{self.port}"
        return (
            "[probe]\n"
            f'hosts = ["http://{base}/app/", "http://{base}/static/", "http://{base}/api/"]\n'
            f'websocket_echo_url = "ws://{base}/ws"\n'
            f'time_url = "http://{base}/time"\n'
            "timeout_ms = 4000\n"
            "latency_warn_ms = 800\n"
        )
