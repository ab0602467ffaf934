"""The terminal chat loop: read lines, send them through the app's doors, print replies.

Lines starting with `/` are commands, a line matching a choice on screen presses that
button, anything else is free text for the core's one text handler (triage). Input is
read without blocking the event loop, so timers keep running and sessions advance by
themselves while the person reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import stat
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.text import Text

from bot.adapters.terminal.console_render import render
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock
from bot.core.messages import Message, Reply
from bot.core.models import Scope, User, UserRef
from bot.core.ports import Phrases

TERMINAL_PHRASES = Phrases(
    admin_role="admins",
    private_place="this chat",
    reopen_private="Check that Limber can write to this terminal",
)

SCOPE = Scope(
    platform="terminal", guild_id="local", is_admin=True, direct=True, channel_id="stretch"
)
"""The terminal is one server with one channel, `#stretch`: a group stretch-along there is
printed as a second view (lines prefixed `#stretch │`); its buttons are typed like any."""
QUIT_WORDS = {"/quit", "/exit", "quit", "exit"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


@dataclass
class TerminalChat:
    """The Chat port for the terminal: pushes are printed, edits are ignored (history)."""

    console: Console
    clock: Clock
    phrases: Phrases = field(default_factory=lambda: TERMINAL_PHRASES)
    choices: dict[str, str] = field(default_factory=dict)
    _timer: asyncio.Task[None] | None = None
    _count: int = 0
    _held: list[Message] | None = None

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        if self._held is not None:
            self._held.append(message)
        else:
            self.show(message)
        self._count += 1
        return str(self._count)

    def hold(self) -> None:
        """While a typed line is handled, pushes wait so the reply is read first."""
        self._held = []

    def release(self, reply: Reply | None) -> None:
        held, self._held = self._held or [], None
        for message in [*(reply.messages if reply else []), *held]:
            self.show(message)

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        return None

    async def post(self, channel_id: str, message: Message) -> str | None:
        """A channel is a second view: the message is printed with the channel's name."""
        return await self._channel_view(channel_id, message)

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        """A terminal cannot change what it printed: the new state of the message is
        printed once more (one line block per group step, never per second)."""
        await self._channel_view(channel_id, message)

    async def _channel_view(self, channel_id: str, message: Message) -> str:
        where = f"#{channel_id} │ "
        title = where + (message.title or "")
        text = where + message.text.replace("\n", "\n" + where) if message.text else ""
        shown = replace(message, title=title, text=text)
        return str(await self.send_view(shown))

    async def send_view(self, message: Message) -> str | None:
        if self._held is not None:
            self._held.append(message)
        else:
            self.show(message)
        self._count += 1
        return str(self._count)

    def show(self, message: Message) -> None:
        self.stop_timer()
        render(self.console, message, self.clock.now())
        for action in message.actions:
            self.choices[_norm(action.label)] = action.id
        if message.timer is not None and self.console.is_terminal:
            self._timer = asyncio.get_running_loop().create_task(self._countdown(message))

    def stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def _countdown(self, message: Message) -> None:
        timer = message.timer
        assert timer is not None
        total = max(timer.seconds, 0.1)
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[left]}"))
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(timer.label, total=total, left="")
            while True:
                left = (timer.ends_at - self.clock.now()).total_seconds()
                bar.update(task, completed=total - max(left, 0), left=f"{max(left, 0):4.0f} s")
                if left <= 0:
                    break
                await asyncio.sleep(0.1)

    def match_choice(self, line: str) -> str | None:
        """The action id a typed line presses: a label, or a unique prefix of one (3+ chars)."""
        typed = _norm(line)
        if not typed:
            return None
        if typed in self.choices:
            return self.choices[typed]
        if len(typed) >= 3:
            hits = [v for k, v in self.choices.items() if k.startswith(typed)]
            if len(hits) == 1:
                return hits[0]
        return None


async def read_lines() -> AsyncIterator[str]:
    """Lines from stdin without blocking the loop (pipes and terminals; files read directly)."""
    fd = sys.stdin.fileno()
    if stat.S_ISREG(os.fstat(fd).st_mode):
        for line in sys.stdin.read().splitlines():
            yield line
        return
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    buffer = b""

    def readable() -> None:
        nonlocal buffer
        data = os.read(fd, 65536)
        if not data:
            loop.remove_reader(fd)
            if buffer:
                queue.put_nowait(buffer.decode("utf-8", "replace"))
            queue.put_nowait(None)
            return
        buffer += data
        *lines, buffer = buffer.split(b"\n")
        for raw in lines:
            queue.put_nowait(raw.decode("utf-8", "replace").rstrip("\r"))

    loop.add_reader(fd, readable)
    try:
        while (line := await queue.get()) is not None:
            yield line
    finally:
        with contextlib.suppress(Exception):
            loop.remove_reader(fd)


async def handle_line(app: Limber, chat: TerminalChat, ref: UserRef, line: str) -> Reply | None:
    """Route one typed line to the right door; None means 'nothing to do'."""
    text = line.strip()
    if not text:
        return None
    if text.startswith("/"):
        return await app.command_line(ref, SCOPE, text)
    action = chat.match_choice(text)
    if action is not None:
        return await app.action(ref, SCOPE, action)
    return await app.text(ref, SCOPE, text)


async def run_demo(build: AppFactory, clock: Clock, wait: bool = False) -> int:
    """The whole `limber demo`: set up, greet, read lines until EOF or Ctrl-C, close cleanly."""
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    console = Console(
        highlight=False,
        markup=False,
        emoji=False,
        no_color=not interactive,
        force_terminal=interactive,
        soft_wrap=not interactive,
    )
    chat = TerminalChat(console, clock)
    app = await build(chat, clock)
    ref = UserRef("terminal", os.environ.get("USER") or "you", "you")
    try:
        await app.context(ref, SCOPE)  # the person exists before anything is pushed to them
        if interactive:
            console.print(
                Text.assemble(
                    ("Limber", "bold green"),
                    " — your stretch coach, in the terminal. Type ",
                    ("/help", "bold"),
                    " for commands, ",
                    ("/stretch start", "bold"),
                    " to begin, Ctrl-D to leave.",
                )
            )
        await app.start()
        async for line in read_lines():
            if line.strip().lower() in QUIT_WORDS:
                break
            chat.hold()
            reply: Reply | None = None
            try:
                reply = await handle_line(app, chat, ref, line)
            finally:
                chat.release(reply)
        if wait:
            await _wait_for_sessions(app)
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    finally:
        chat.stop_timer()
        await app.close()
        if interactive:
            console.print("Bye! Your progress is saved.")
    return 0


async def _wait_for_sessions(app: Limber) -> None:
    """`--wait`: after the input ends, let a running session or group play out (scripts)."""
    await app.groups.wait_idle()
    await app.coach.wait_idle()
