"""Small HTTP pieces shared by the fake's REST modules: parsed calls and Discord-style errors."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


class ApiError(Exception):
    """Raised by a handler to answer with Discord's error JSON."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class TooManyRequests(Exception):
    """Raised by a handler to answer 429 (a per-resource sub-limit, like message edits)."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.3f}s")
        self.retry_after = retry_after


@dataclass
class Call:
    """A parsed request: JSON body (or multipart ``payload_json``) and uploaded files."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: dict[int, tuple[str, bytes, str | None]] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> dict[str, Any]:
        return self.json if isinstance(self.json, dict) else {}


Handler = Callable[[Call], Awaitable[Any]]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": web.json_response appends a charset and discord.py then
    # treats the body as text.
    hdrs = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(status=status, body=json.dumps(body).encode(), headers=hdrs)
