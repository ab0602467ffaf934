"""The fake Slack's non-API HTTP endpoints: ``response_url`` posts and file upload URLs.

``response_url`` follows Slack's rules: JSON posts, at most 5 uses within 30 minutes (then
404 ``used_url`` / ``expired_url``); ``response_type`` ``in_channel`` posts a visible message,
anything else an ephemeral one to the user, and ``replace_original`` / ``delete_original``
act on the clicked message. The upload URL (from ``files.getUploadURLExternal``) takes the
raw bytes slack_sdk's ``files_upload_v2`` sends, or the first part of a multipart form.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .slack_models import RESPONSE_URL_TTL, RESPONSE_URL_USES, ResponsePost

if TYPE_CHECKING:
    from .slack_server import FakeSlack


@dataclass
class UploadedFile:
    """A file announced by ``files.getUploadURLExternal``; ``data`` once uploaded."""

    id: str
    team_id: str
    name: str
    length: int
    alt_txt: str | None = None
    data: bytes | None = None
    title: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title or self.name,
            "size": len(self.data or b""),
            "mimetype": "application/octet-stream",
            "user_team": self.team_id,
            "permalink": f"https://fake.slack.com/files/{self.id}/{self.name}",
        }


class HookEndpoints:
    """``/response/{token}`` and ``/upload/{file_id}`` for the :class:`FakeSlack`."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.files: dict[str, UploadedFile] = {}

    async def upload(self, request: web.Request) -> web.Response:
        """The ``upload_url`` target: raw bytes (what slack_sdk sends) or a multipart part."""
        upload = self.files.get(request.match_info["file_id"])
        if upload is None:
            return web.Response(status=404, text="file not found")
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            part = await reader.next()
            data = await part.read() if part is not None else b""  # type: ignore[union-attr]
        else:
            data = await request.read()
        upload.data = bytes(data)
        return web.Response(text=f"OK - {len(upload.data)}", content_type="text/plain")

    async def response_url(self, request: web.Request) -> web.Response:
        """A slash command's or interaction's ``response_url`` (5 uses within 30 minutes)."""
        state = self.fake.response_urls.get(request.match_info["token"])
        if state is None:
            return web.Response(status=404, text="no_service")
        if state.expired or time.monotonic() - state.issued_at > RESPONSE_URL_TTL:
            return web.Response(status=404, text="expired_url")
        if state.uses >= RESPONSE_URL_USES:
            return web.Response(status=404, text="used_url")
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400, text="invalid_payload")
        if not isinstance(body, dict):
            return web.Response(status=400, text="invalid_payload")
        state.uses += 1
        post = ResponsePost(body)
        self.fake.response_posts.append(post)
        state.result.responses.append(post)
        state.result._touch()
        self.fake.apply_response(state.result, post)
        return web.json_response({"ok": True})
