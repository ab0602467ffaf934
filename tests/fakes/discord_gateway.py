"""Gateway (websocket) half of the fake Discord: HELLO, IDENTIFY, heartbeats, RESUME, dispatch.

Sharding: an IDENTIFY with ``shard: [id, count]`` gets only the guilds of that shard
(``(guild_id >> 22) % count``), and events are routed as Discord does: a guild's events to
the shard holding the guild, DM events to shard 0. Unsharded sessions get everything.

Sends plain JSON text frames: discord.py asks for zlib-stream but only decompresses binary
frames. Sessions outlive their socket until the client closes cleanly (1000/1001), so an op 7
reconnect can RESUME and get the events it missed replayed, as on real Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_RESUME, OP_RECONNECT = 0, 1, 2, 6, 7
OP_INVALID_SESSION, OP_HELLO, OP_HEARTBEAT_ACK = 9, 10, 11
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message_content
CLOSE_AUTH_FAILED = 4004
CLOSE_DISALLOWED_INTENTS = 4014


@dataclass(eq=False)
class GatewaySession:
    """One identified bot session; ``ws`` is None while the client is reconnecting."""

    id: str
    intents: int
    token: str
    ws: web.WebSocketResponse | None = None
    seq: int = 0
    backlog: list[dict[str, Any]] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    shard: tuple[int, int] | None = None

    def holds(self, guild_id: int | None) -> bool:
        """Whether events about ``guild_id`` (None: a DM) go to this session."""
        if self.shard is None:
            return True
        shard_id, count = self.shard
        if guild_id is None:
            return shard_id == 0
        return (guild_id >> 22) % count == shard_id

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Number and send one event; kept in the backlog for replay after RESUME."""
        async with self.lock:
            self.seq += 1
            frame = {"op": OP_DISPATCH, "t": event, "s": self.seq, "d": data}
            self.backlog.append(frame)
            del self.backlog[:-500]
            await _send(self.ws, frame)


async def _send(ws: web.WebSocketResponse | None, frame: dict[str, Any]) -> None:
    if ws is None or ws.closed:
        return
    # The client may go away mid-send; it will RESUME and get the backlog.
    with contextlib.suppress(ConnectionResetError, RuntimeError):
        await ws.send_str(json.dumps(frame))


ReadyBuilder = Callable[[GatewaySession], Awaitable[None]]


class Gateway:
    """Accepts bot websockets at ``/gateway`` and tracks their sessions."""

    def __init__(
        self,
        *,
        check_token: Callable[[str], bool],
        on_identify: ReadyBuilder,
        allowed_intents: Callable[[], int],
        heartbeat_interval_ms: int = 41_250,
    ) -> None:
        self._check_token = check_token
        self._on_identify = on_identify
        self._allowed_intents = allowed_intents
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, GatewaySession] = {}
        self.sockets: set[web.WebSocketResponse] = set()
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.changed = asyncio.Event()  # set on every identify/resume, for waiters

    def live_sessions(self) -> list[GatewaySession]:
        return list(self.sessions.values())

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        sessions = self.live_sessions()
        if not sessions:
            raise RuntimeError(f"cannot dispatch {event}: no bot is connected to the fake gateway")
        guild = data.get("guild_id")
        for session in sessions:
            if session.holds(None if guild is None else int(guild)):
                await session.dispatch(event, data)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self.sockets.add(ws)
        session: GatewaySession | None = None
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval_ms}
            await _send(ws, {"op": OP_HELLO, "d": hello, "s": None, "t": None})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                op, data = payload.get("op"), payload.get("d")
                if op == OP_HEARTBEAT:
                    self.heartbeats += 1
                    await _send(ws, {"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
                elif op == OP_IDENTIFY:
                    session = await self._identify(ws, data)
                elif op == OP_RESUME:
                    session = await self._resume(ws, data)
        finally:
            self.sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
                # discord.py closes with 1000 on Client.close() (session over) and 4000 when
                # it intends to RESUME; only the latter keeps the session alive.
                if ws.close_code in (1000, 1001, None):
                    self.sessions.pop(session.id, None)
        return ws

    async def _identify(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        self.identifies += 1
        token = str(data.get("token", ""))
        if not self._check_token(token):
            await ws.close(code=CLOSE_AUTH_FAILED, message=b"Authentication failed.")
            return None
        intents = int(data.get("intents", 0))
        if intents & PRIVILEGED_INTENTS & ~self._allowed_intents():
            await ws.close(code=CLOSE_DISALLOWED_INTENTS, message=b"Disallowed intent(s).")
            return None
        shard = data.get("shard")
        session = GatewaySession(
            id=secrets.token_hex(16),
            intents=intents,
            token=token,
            ws=ws,
            shard=(int(shard[0]), int(shard[1])) if shard else None,
        )
        self.sessions[session.id] = session
        await self._on_identify(session)
        return session

    async def _resume(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not self._check_token(str(data.get("token", ""))):
            await _send(ws, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        self.resumes += 1
        last = int(data.get("seq") or 0)
        async with session.lock:
            session.ws = ws
            for frame in session.backlog:
                if frame["s"] > last:
                    await _send(ws, frame)
        await session.dispatch("RESUMED", {})
        self.changed.set()
        return session

    async def reconnect_all(self) -> None:
        """Send op 7: discord.py reconnects to ``resume_gateway_url`` and RESUMEs."""
        for session in self.live_sessions():
            await _send(session.ws, {"op": OP_RECONNECT, "d": None, "s": None, "t": None})

    async def close_all(self, code: int = WSCloseCode.OK) -> None:
        """Close every socket; sessions are dropped (the client will IDENTIFY anew)."""
        for ws in list(self.sockets):
            await ws.close(code=code, message=b"fake discord closing")
        self.sessions.clear()
