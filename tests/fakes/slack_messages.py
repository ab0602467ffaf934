"""The fake Slack's message store and log: what the bot posted, edited and deleted.

Split from ``slack_server`` (a mixin of :class:`FakeSlack`). Every create/edit/delete goes
through :meth:`MessagesMixin.record`, which wakes :meth:`wait_for_message` and files the bot's
messages under the envelopes (slash commands, clicks, DMs) they answer.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import fnmatch
from collections.abc import Callable
from typing import Any

from .slack_models import (
    EnvelopeResult,
    FakeChannel,
    FakeMessage,
    FakeTeam,
    FakeUser,
    RecordedRequest,
    ResponsePost,
    TsFactory,
)


class MessagesMixin:
    """Message half of :class:`~tests.fakes.slack_server.FakeSlack`."""

    # Provided by FakeSlack.
    new_ts: TsFactory
    app_id: str
    users: dict[str, FakeUser]
    channels: dict[str, FakeChannel]
    dm_channels: dict[str, FakeChannel]
    messages: dict[tuple[str, str], FakeMessage]
    envelopes: dict[str, EnvelopeResult]
    requests: list[RecordedRequest]
    _log: list[tuple[int, str, FakeMessage]]
    _changed: asyncio.Event
    team_of: Callable[[FakeUser], FakeTeam]

    def post_as_bot(
        self,
        team: FakeTeam,
        channel: FakeChannel,
        text: str,
        blocks: list[dict[str, Any]],
        *,
        thread_ts: str | None = None,
        ephemeral_to: str | None = None,
        files: list[dict[str, Any]] | None = None,
        via: str = "web",
    ) -> FakeMessage:
        msg = FakeMessage(
            self.new_ts(),
            channel.id,
            team.id,
            team.bot_user.id,
            text,
            blocks,
            thread_ts=thread_ts,
            bot_id=team.bot_user.bot_id,
            app_id=self.app_id,
            ephemeral_to=ephemeral_to,
            files=files or [],
            via=via,
        )
        self.messages[(channel.id, msg.ts)] = msg
        self.record("create", msg)
        return msg

    def find_message(self, channel_id: str, ts: str) -> FakeMessage | None:
        """A live, non-ephemeral message (Slack keeps no ephemeral ones)."""
        msg = self.messages.get((channel_id, ts))
        return None if msg is None or msg.deleted or msg.ephemeral else msg

    def record_edit(self, msg: FakeMessage) -> None:
        msg.edits += 1
        self.record("edit", msg)

    def record_delete(self, msg: FakeMessage) -> None:
        msg.deleted = True
        self.record("delete", msg)

    def record(self, kind: str, msg: FakeMessage) -> None:
        """Log a create/edit/delete so waiters (and envelope results) can see it."""
        self._log.append((len(self._log) + 1, kind, msg))
        self._changed.set()
        if kind != "create" or not self.is_bot(msg):
            return
        for result in self.envelopes.values():
            if result.channel is None or result.channel.id != msg.channel:
                continue
            if msg.ephemeral_to not in (None, result.user.id):
                continue
            result.messages.append(msg)
            result._touch()

    def apply_response(self, result: EnvelopeResult, post: ResponsePost) -> None:
        """What Slack does with a response_url post (or a slash ack payload with text)."""
        original = result.source_message
        if post.delete_original and original is not None:
            self.record_delete(original)
            return
        text, blocks = post.text, post.body.get("blocks") or []
        if post.replace_original and original is not None:
            original.text, original.blocks = text, blocks
            self.record_edit(original)
            return
        if result.channel is None:
            return
        ephemeral_to = None if post.response_type == "in_channel" else result.user.id
        team = self.team_of(result.user)
        self.post_as_bot(
            team, result.channel, text, blocks, ephemeral_to=ephemeral_to, via="response_url"
        )

    def is_bot(self, msg: FakeMessage) -> bool:
        user = self.users.get(msg.user)
        return user is not None and user.is_bot

    def mark(self) -> int:
        """A position in the message log, for ``wait_for_message(since=...)``."""
        return len(self._log)

    def _matches_where(self, msg: FakeMessage, where: FakeUser | FakeChannel | str | None) -> bool:
        if where is None:
            return True
        if isinstance(where, str):
            where = self.users.get(where) or self.channels.get(where) or where
        if isinstance(where, FakeUser):
            im = self.dm_channels.get(where.id)
            in_dm = im is not None and msg.channel == im.id
            return (in_dm and msg.ephemeral_to in (None, where.id)) or msg.ephemeral_to == where.id
        if isinstance(where, FakeChannel):
            return msg.channel == where.id
        return msg.channel == where

    async def wait_for_message(
        self,
        where: FakeUser | FakeChannel | str | None = None,
        predicate: Callable[[FakeMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        since: int = 0,
    ) -> FakeMessage:
        """First message the bot created/edited after log position ``since`` matching both.

        ``where``: a user (their IM, plus ephemeral messages to them anywhere), a channel or
        a channel/user id, or None for anywhere. Looks at history first (``since=0``), so
        there is no race with a reply that arrived before the wait started.
        """
        pos = since
        async with asyncio.timeout(timeout):
            while True:
                for seq, kind, msg in self._log[pos:]:
                    pos = seq
                    if kind == "delete" or not self.is_bot(msg) or msg.deleted:
                        continue
                    if self._matches_where(msg, where) and (predicate is None or predicate(msg)):
                        return msg
                self._changed.clear()
                await self._changed.wait()

    def channel_messages(self, channel: FakeChannel) -> list[FakeMessage]:
        """Live messages in ``channel`` (any author, ephemeral ones included), oldest first."""
        return [
            m for (c, _), m in sorted(self.messages.items()) if c == channel.id and not m.deleted
        ]

    def dm_messages(self, user: FakeUser) -> list[FakeMessage]:
        """Messages the bot sent (and did not delete) in ``user``'s IM, oldest first."""
        chan = self.dm_channels.get(user.id)
        if chan is None:
            return []
        return [m for m in self.channel_messages(chan) if self.is_bot(m)]

    def calls(self, method: str) -> list[RecordedRequest]:
        """Recorded Web API calls of ``method`` (fnmatch: ``"chat.*"``)."""
        return [r for r in self.requests if fnmatch.fnmatchcase(r.method, method)]
