"""A group stretch-along in the terminal: the channel is a second view (`#stretch │`),
its buttons are typed like any other, and a whole session plays out by itself."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.adapters.terminal.console import SCOPE, TerminalChat, handle_line
from bot.bootstrap import build_app
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import UserRef

ME = UserRef("terminal", "you", "you")


async def test_a_group_session_runs_in_the_channel_view(
    settings: Settings, clock: ManualClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    chat = TerminalChat(Console(file=out, width=120, no_color=True), clock)
    app = await build_app(settings, chat, clock)
    try:
        user = await app.store.users.ensure(ME, clock.now(), SCOPE.clinic_key)
        await app.store.users.mark_screened(user.id, clock.now())
        await app.start()

        async def say(line: str) -> None:
            chat.hold()
            reply = None
            try:
                reply = await handle_line(app, chat, ME, line)
            finally:
                chat.release(reply)

        await say("/stretch group stretch-break 5m")
        await say("join")
        text = out.getvalue()
        assert "#stretch │ Group stretch-along" in text
        assert "You're in for Stretch break" in text
        assert "#stretch │ 1 person joined." in text
        await clock.run_until_idle()
        text = out.getvalue()
        assert "#stretch │ Group stretch-along · Step 1/" in text
        assert "#stretch │ You finished Stretch break. 1 person finished together." in text
        assert "Saved lying-glutes-stretch.gif" in text  # the animation, next to the user
        assert len(await app.store.progress.completed_sessions(user.id)) == 1
    finally:
        await app.close()
