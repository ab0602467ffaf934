"""Socket Mode half of the fake Slack: ``hello``, envelopes, acks, ``disconnect``.

A connection URL comes from ``apps.connections.open`` and carries a single-use ticket, as
Slack's does; connecting with an unknown or used ticket answers 401 before the upgrade.
Envelopes go to the newest live connection. Acks (``{"envelope_id", "payload"?}``) are
recorded with their arrival time, so tests can assert the 3-second deadline.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from .slack_models import Ack


def new_envelope_id() -> str:
    """A uuid4-looking id, like Slack's."""
    return "-".join(secrets.token_hex(n) for n in (4, 2, 2, 2, 6))


@dataclass(eq=False)
class SocketConnection:
    """One app WebSocket; ``received`` keeps every JSON frame the app sent on it."""

    id: int
    ws: web.WebSocketResponse
    opened_at: float = field(default_factory=time.monotonic)
    received: list[dict[str, Any]] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return not self.ws.closed


class SocketMode:
    """Serves ``/socket`` and keeps envelopes, acks and connections for the fake."""

    def __init__(self, *, app_id: Callable[[], str]) -> None:
        self._app_id = app_id
        self._tickets: set[str] = set()
        self._ids = 0
        self.connections: list[SocketConnection] = []
        self.connects = 0
        self.acks: dict[str, Ack] = {}
        self.unknown_acks: list[dict[str, Any]] = []
        self._sent_at: dict[str, float] = {}
        self._ack_listeners: dict[str, Callable[[Ack], None]] = {}
        self.changed = asyncio.Event()  # set on every connect, close and ack

    # ------------------------------------------------------------------ tickets
    def issue_ticket(self) -> str:
        ticket = secrets.token_hex(16)
        self._tickets.add(ticket)
        return ticket

    # ------------------------------------------------------------------ connections
    def live_connections(self) -> list[SocketConnection]:
        return [c for c in self.connections if c.live]

    async def wait_connected(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until ``count`` connections were opened in total and one is live."""
        async with asyncio.timeout(timeout):
            while self.connects < count or not self.live_connections():
                self.changed.clear()
                await self.changed.wait()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            return web.Response(status=401, text="invalid or used ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self._ids += 1
        conn = SocketConnection(self._ids, ws)
        self.connections.append(conn)
        self.connects += 1
        try:
            await self._send(
                conn,
                {
                    "type": "hello",
                    "num_connections": len(self.live_connections()),
                    "debug_info": {
                        "host": "fake-slack",
                        "build_number": 1,
                        "approximate_connection_time": 18060,
                    },
                    "connection_info": {"app_id": self._app_id()},
                },
            )
            self.changed.set()
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    self._on_frame(conn, msg.data)
        finally:
            self.changed.set()
        return ws

    def _on_frame(self, conn: SocketConnection, data: str) -> None:
        try:
            frame = json.loads(data)
        except ValueError:
            return
        if not isinstance(frame, dict):
            return
        conn.received.append(frame)
        envelope_id = frame.get("envelope_id")
        if envelope_id is None:
            return
        sent = self._sent_at.get(str(envelope_id))
        if sent is None or envelope_id in self.acks:
            self.unknown_acks.append(frame)  # never sent, or acked twice
            return
        now = time.monotonic()
        payload = frame.get("payload")
        ack = Ack(str(envelope_id), payload if isinstance(payload, dict) else None, now, now - sent)
        self.acks[ack.envelope_id] = ack
        listener = self._ack_listeners.pop(ack.envelope_id, None)
        if listener is not None:
            listener(ack)
        self.changed.set()

    async def _send(self, conn: SocketConnection, frame: dict[str, Any]) -> None:
        # The app may go away mid-send (it reconnects and Slack would redeliver).
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await conn.ws.send_str(json.dumps(frame))

    # ------------------------------------------------------------------ envelopes
    async def deliver(
        self,
        type_: str,
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool,
        on_ack: Callable[[Ack], None] | None = None,
        connect_timeout: float = 5.0,
        extra: dict[str, Any] | None = None,
        envelope_id: str | None = None,
    ) -> str:
        """Send one envelope to the newest live connection; returns its ``envelope_id``."""
        try:
            async with asyncio.timeout(connect_timeout):
                while not self.live_connections():
                    self.changed.clear()
                    await self.changed.wait()
        except TimeoutError:
            raise RuntimeError(
                f"cannot deliver {type_}: no app is connected to the fake Socket Mode endpoint"
            ) from None
        conn = self.live_connections()[-1]
        envelope_id = envelope_id or new_envelope_id()
        envelope = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": type_,
            "accepts_response_payload": accepts_response_payload,
            **(extra or {}),
        }
        if on_ack is not None:
            self._ack_listeners[envelope_id] = on_ack
        self._sent_at[envelope_id] = time.monotonic()
        await self._send(conn, envelope)
        return envelope_id

    async def wait_for_ack(self, envelope_id: str, timeout: float) -> Ack:
        async with asyncio.timeout(timeout):
            while envelope_id not in self.acks:
                self.changed.clear()
                await self.changed.wait()
        return self.acks[envelope_id]

    # ------------------------------------------------------------------ knobs
    async def request_reconnect(self, reason: str = "refresh_requested") -> None:
        """Send ``{"type": "disconnect"}``: slack_sdk opens a new URL and drops the old one."""
        for conn in self.live_connections():
            frame = {
                "type": "disconnect",
                "reason": reason,
                "debug_info": {"host": "fake-slack"},
            }
            await self._send(conn, frame)

    async def close_all(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        """Close every socket from the server side (the app's client reconnects by itself)."""
        for conn in self.live_connections():
            await conn.ws.close(code=code, message=b"fake slack closing")
        self.changed.set()
