"""The terminal chat loop: read lines, send them through the app's doors, print replies.

Lines starting with `/` are commands, a line matching a choice of the question open now
presses that button, anything else is free text for the core's one text handler.

Two modes:
- **interactive** (stdin and stdout are a terminal): a prompt_toolkit prompt with line
  editing and history (arrow keys, Ctrl-R); the live countdown of a hold or set lives in
  the bottom toolbar, never on the input line; replies and pushes (the next step, a
  reminder) are rendered by rich to ANSI text and printed *above* the prompt through
  prompt_toolkit, so what you are typing stays where it is.
- **plain** (a pipe, a file, /dev/null): each input line is echoed as `> line` before its
  reply, so a transcript shows which command gave which reply; no colour codes.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import shutil
import sys
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.formatted_text import ANSI, HTML
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.shortcuts import print_formatted_text
from rich.console import Console
from rich.text import Text

from bot.adapters.terminal.console_render import render
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock
from bot.core.messages import Action, Kind, Message, Reply, Timer
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
PROMPT = "you> "
BAR_WIDTH = 24


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def toolbar_text(timer: Timer | None, seconds_left: float | None) -> str:
    """The bottom line: the running countdown (with the rep count of a paced set)."""
    if timer is None or seconds_left is None or seconds_left <= 0:
        return " /help for commands · ↑/↓ history · Ctrl-D to leave"
    total = max(timer.seconds, 0.1)
    done = min(max(total - seconds_left, 0.0), total)
    filled = round(BAR_WIDTH * done / total)
    bar = "━" * filled + "─" * (BAR_WIDTH - filled)
    parts = [f" ⏱ {timer.label} {bar} {seconds_left:4.0f} s left"]
    cadence = timer.cadence
    if cadence is not None:
        elapsed = cadence.reps * cadence.rep_seconds - seconds_left
        rep = min(int(max(elapsed, 0) // cadence.rep_seconds) + 1, cadence.reps)
        within = max(elapsed, 0) % cadence.rep_seconds
        parts.append(f"rep {rep}/{cadence.reps} · {cadence.phase(within)}")
    return " · ".join(parts)


@dataclass
class TerminalChat:
    """The Chat port for the terminal: pushes are printed; an edit that removes the
    buttons of a message also retires its choices and its countdown."""

    console: Console
    clock: Clock
    files: Path = field(default_factory=Path.cwd)
    interactive: bool = False
    phrases: Phrases = field(default_factory=lambda: TERMINAL_PHRASES)
    choices: dict[str, str] = field(default_factory=dict)
    choices_of: str | None = None
    """Id of the message whose choices are live (only the question open now)."""
    choices_kind: Kind | None = None
    timer: Timer | None = None
    timer_of: str | None = None
    _count: int = 0
    _held: list[tuple[str, Message]] | None = None

    def _next_id(self) -> str:
        self._count += 1
        return str(self._count)

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        message_id = self._next_id()
        if self._held is not None:
            self._held.append((message_id, message))
        else:
            self.show(message, message_id)
        return message_id

    def hold(self) -> None:
        """While a typed line is handled, pushes wait so the reply is read first."""
        self._held = []

    def release(self, reply: Reply | None) -> None:
        held, self._held = self._held or [], None
        shown = [(self._next_id(), m) for m in (reply.messages if reply else [])]
        for message_id, message in [*shown, *held]:
            self.show(message, message_id)

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        if message.actions:
            return
        if self.choices_of == message_id:
            self.forget_choices()
        if self.timer_of == message_id:
            self.timer, self.timer_of = None, None

    def forget_choices(self) -> None:
        self.choices, self.choices_of, self.choices_kind = {}, None, None

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
        message_id = self._next_id()
        if self._held is not None:
            self._held.append((message_id, shown))
        else:
            self.show(shown, message_id)
        return message_id

    def show(self, message: Message, message_id: str = "") -> None:
        render(self.console, message, self.clock.now(), self.files)
        self.flush()
        if message.actions:
            self._offer(message.actions, message_id, message.kind)
        if message.kind is Kind.STEP or message.timer is not None:
            self.timer, self.timer_of = message.timer, message_id

    def _offer(self, actions: tuple[Action, ...], message_id: str, kind: Kind) -> None:
        self.choices = {_norm(a.label): a.id for a in actions}
        self.choices_of, self.choices_kind = message_id, kind

    def flush(self) -> None:
        """Interactive: hand what rich rendered (ANSI) to prompt_toolkit, which prints it
        above the prompt without disturbing the line being typed."""
        if not self.interactive:
            return
        buffer = self.console.file
        assert isinstance(buffer, io.StringIO)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if text:
            print_formatted_text(ANSI(text), end="")

    def say(self, text: Text | str) -> None:
        self.console.print(text)
        self.flush()

    def seconds_left(self) -> float | None:
        if self.timer is None:
            return None
        return (self.timer.ends_at - self.clock.now()).total_seconds()

    def toolbar(self) -> str:
        return toolbar_text(self.timer, self.seconds_left())

    def match_choice(self, line: str) -> str | None:
        """The action id a typed line presses: a label, or a unique prefix of one (3+ chars)
        among the choices of the message shown last with choices."""
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
    """Lines from a non-terminal stdin (pipe, file, /dev/null) without blocking the loop.

    A daemon thread reads, so a stdin that never ends cannot keep the process alive, and
    any kind of file works (the event loop cannot watch /dev/null or a regular file)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        try:
            for raw in sys.stdin:
                loop.call_soon_threadsafe(queue.put_nowait, raw.rstrip("\r\n"))
        except (OSError, ValueError):
            pass
        with contextlib.suppress(RuntimeError):  # the loop may be gone already
            loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="limber-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


async def prompt_lines(session: PromptSession[str]) -> AsyncIterator[str]:
    """Lines typed at the prompt (editing and history by prompt_toolkit) until Ctrl-D/C."""
    while True:
        try:
            yield await session.prompt_async(PROMPT)
        except (EOFError, KeyboardInterrupt):
            return


async def handle_line(app: Limber, chat: TerminalChat, ref: UserRef, line: str) -> Reply | None:
    """Route one typed line to the right door; None means 'nothing to do'."""
    text = line.strip()
    if not text:
        return None
    if text.startswith("/"):
        return await app.command_line(ref, SCOPE, text)
    action = chat.match_choice(text)
    if action is not None:
        chat.forget_choices()  # a question is answered once; the reply asks anew
        return await app.action(ref, SCOPE, action)
    if chat.choices_kind is not Kind.STEP:
        # Typed text answers (or leaves) the open question; its buttons are history now.
        chat.forget_choices()
    return await app.text(ref, SCOPE, text)


def make_console(interactive: bool) -> Console:
    if interactive:
        return Console(
            file=io.StringIO(),
            force_terminal=True,
            color_system="standard",
            width=shutil.get_terminal_size((100, 30)).columns,
            highlight=False,
            markup=False,
            emoji=False,
        )
    return Console(
        highlight=False, markup=False, emoji=False, no_color=True, soft_wrap=True, width=100
    )


def make_history(files: Path) -> History:
    try:
        files.mkdir(parents=True, exist_ok=True)
        return FileHistory(str(files / "history.txt"))
    except OSError:
        return InMemoryHistory()


async def run_demo(
    build: AppFactory,
    clock: Clock,
    wait: bool = False,
    files: Path | None = None,
    interactive: bool | None = None,
) -> int:
    """The whole `limber demo`: set up, greet, read lines until EOF or Ctrl-C, close cleanly.

    `files` is the demo's data folder (exports, charts, the prompt history)."""
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    folder = files or Path.cwd()
    console = make_console(interactive)
    chat = TerminalChat(console, clock, folder, interactive)
    app = await build(chat, clock)
    ref = UserRef("terminal", os.environ.get("USER") or "you", "you")
    session: PromptSession[str] | None = None
    try:
        if interactive:
            session = PromptSession(
                history=make_history(folder),
                bottom_toolbar=chat.toolbar,
                refresh_interval=0.2,
            )
            chat.say(
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
        lines = prompt_lines(session) if session is not None else read_lines()
        async for line in lines:
            if not interactive and line.strip():
                chat.say(f"> {line.strip()}")
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
        await app.close()
        if interactive:
            print_formatted_text(HTML("Bye! Your progress is saved."))
    return 0


async def _wait_for_sessions(app: Limber) -> None:
    """`--wait`: after the input ends, let a running session or group play out (scripts)."""
    await app.groups.wait_idle()
    await app.coach.wait_idle()
