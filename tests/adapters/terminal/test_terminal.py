"""The terminal chat driven end to end as a subprocess through a pipe, as a script would."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bot.adapters.terminal.console import TerminalChat, handle_line, toolbar_text
from bot.adapters.terminal.console_render import CODE_STYLE, plain, to_rich
from bot.bootstrap import build_app
from bot.config import Settings, load_settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import UserRef


def demo(
    tmp_path: Path, script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={
            **os.environ,
            "BOOKING_URL": "https://clinic.example/book",
            "CLINIC_NAME": "Lake Union Wellness",
            **(env or {}),
        },
    )


def test_a_piped_command_prints_plain_text_and_exits_0(tmp_path: Path) -> None:
    result = demo(tmp_path, "/stretch routines\n")
    assert result.returncode == 0, result.stderr
    assert "Low-back starter (low-back-starter) — Clam, Lying glutes stretch" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    assert (tmp_path / "limber.sqlite3").exists()


def test_help_shows_optional_options_in_brackets(tmp_path: Path) -> None:
    result = demo(tmp_path, "/help\n")
    assert "/stretch start [routine] [hold] [repeats] — Start a guided session" in result.stdout
    assert "`" not in result.stdout  # code markers go in a pipe, like bold markers
    assert "not medical advice" in result.stdout


def test_unknown_commands_and_bad_options_get_a_hint(tmp_path: Path) -> None:
    result = demo(tmp_path, "/strech start\n/stretch show nope\n")
    assert result.returncode == 0
    assert "Unknown command /strech. Did you mean /stretch start?" in result.stdout
    assert "Unknown routine nope." in result.stdout


def test_free_text_goes_to_triage(tmp_path: Path) -> None:
    result = demo(tmp_path, "my sciatica is unbearable today\n")
    assert "https://clinic.example/book" in result.stdout
    assert "Free Consultation" in result.stdout


def test_a_whole_guided_session_runs_with_typed_choices(tmp_path: Path) -> None:
    answers = "no\n" * 8
    result = demo(tmp_path, "/stretch start\n" + answers, "--speed", "2000", "--wait")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Safety check" in out and "Step 1/22 · Low-back starter" in out
    assert out.index("Starting Low-back starter") < out.index("Step 1/22")
    for expected in [
        "Clam — left leg, set 1 of 2",
        "20 reps, one every 4 s (raise 1 s, hold 2 s at the top, lower 1 s).",
        "Count each rep: 1, 2, … 20.",
        "Lie on your right side, so your left leg is on top",
        "Place your right ankle in front of your left knee",
        "⏱ Hold: 30 s",
        "Switch sides — right leg",
        "Well done!",
        "How is your pain now?",
    ]:
        assert expected in out
    assert "Traceback" not in result.stderr


def test_typed_button_labels_press_the_buttons(tmp_path: Path) -> None:
    script = "/stretch start\n" + "no\n" * 8 + "pause\nresume\nnext\nit hurts\n8\n"
    result = demo(tmp_path, script)
    out = result.stdout
    assert "Paused at step 1/22" in out
    assert "Step 2/22" in out
    assert "I've stopped the session" in out
    assert "https://clinic.example/book" in out.split("How bad is the pain right now?")[1]


def test_an_unfinished_session_is_offered_again_after_a_restart(tmp_path: Path) -> None:
    demo(tmp_path, "/stretch start\n" + "no\n" * 8)
    again = demo(tmp_path, "resume\nstop\n")
    assert "session was interrupted at step 1/22" in again.stdout
    assert "Session stopped after 1 of 22 steps" in again.stdout


@pytest.mark.parametrize("flag", ["--speed=0", "--speed=-1"])
def test_a_nonsense_speed_is_refused_in_one_line(tmp_path: Path, flag: str) -> None:
    result = demo(tmp_path, "", flag)
    assert result.returncode == 2
    assert result.stderr.strip() == "limber: --speed must be a positive number"


def test_an_export_is_written_to_a_file_and_its_path_printed(tmp_path: Path) -> None:
    result = demo(tmp_path, "/privacy export\n/privacy export\n")
    folder = tmp_path / "limber-demo"  # the demo's data folder, not the current one
    files = sorted(p.name for p in folder.glob("limber-export-*.json"))
    assert len(files) == 2  # a second export never overwrites the first
    assert f"to {folder / files[0]}" in result.stdout
    assert not list(tmp_path.glob("limber-export-*"))


def test_emphasis_markers_are_removed_in_a_pipe_but_names_keep_underscores() -> None:
    from bot.adapters.terminal.console_render import plain

    text = "**Stop now.** _This is not medical advice._ See low_back_starter."
    assert plain(text) == "Stop now. This is not medical advice. See low_back_starter."


# Issue 14: the terminal as a person types in it ------------------------------------------
def test_demo_with_stdin_from_dev_null_leaves_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""


def test_each_piped_line_is_echoed_before_its_reply(tmp_path: Path) -> None:
    result = demo(tmp_path, "/stretch routines\n\nhello\n/pain 2\n")
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "> /stretch routines"
    assert out.index("> /stretch routines") < out.index("── Routines ──") < out.index("> hello")
    assert out.index("> hello") < out.index("I'm Limber") < out.index("> /pain 2")
    assert out.count("> ") == 3  # the empty line is not echoed


def test_speed_uses_a_scratch_database_never_the_normal_one(tmp_path: Path) -> None:
    demo(tmp_path, "/reminders add 9am\n")  # the normal database, real time
    normal = tmp_path / "limber.sqlite3"
    before = normal.read_bytes()
    fast = demo(tmp_path, "/reminders list\n/reminders add 10am\n", "--speed", "1000")
    assert fast.returncode == 0, fast.stderr
    assert "You have no reminders" in fast.stdout  # a fresh scratch database
    assert (tmp_path / "limber-demo" / "speed.sqlite3").exists()
    assert normal.read_bytes() == before
    again = demo(tmp_path, "/reminders list\n")
    assert "daily at 09:00" in again.stdout and "10:00" not in again.stdout


def test_the_progress_chart_goes_to_the_demo_folder(tmp_path: Path) -> None:
    script = "/stretch start\n" + "no\n" * 8 + "/privacy consent give\n"
    result = demo(tmp_path, script + "/pain 3\n/progress\n", "--speed", "5000", "--wait")
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "limber-demo").glob("limber-progress-*.png"))
    assert not list(tmp_path.glob("*.png"))


def test_the_repository_ignores_what_the_demo_writes() -> None:
    ignored = (Path(__file__).parents[3] / ".gitignore").read_text().splitlines()
    for pattern in ["limber-demo/", "*.sqlite3", "limber-export-*.json", "limber-progress*.png"]:
        assert pattern in ignored


# In process: the terminal's Chat with a manual clock, typed line by line ------------------
class Terminal:
    """The terminal chat in-process: `type` routes a line like the prompt does."""

    def __init__(self, app: Limber, chat: TerminalChat) -> None:
        self.app, self.chat = app, chat
        self.ref = UserRef("terminal", "alice", "Alice")
        self._seen = 0

    async def type(self, line: str) -> str:
        self.chat.hold()
        reply = None
        try:
            reply = await handle_line(self.app, self.chat, self.ref, line)
        finally:
            self.chat.release(reply)
        return self.output()

    def output(self) -> str:
        """What was printed since the last call."""
        text = self.chat.console.file.getvalue()  # type: ignore[attr-defined]
        new, self._seen = text[self._seen :], len(text)
        return new


@pytest.fixture
async def term(settings: Settings, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Terminal]:
    console = Console(file=io.StringIO(), no_color=True, width=100, soft_wrap=True)
    chat = TerminalChat(console, clock, tmp_path / "limber-demo")
    app = await build_app(settings, chat, clock)
    await app.start()
    yield Terminal(app, chat)
    await app.close()


async def screened_session(term: Terminal) -> None:
    await term.type("/stretch start")
    for _ in range(8):
        await term.type("no")


async def test_old_choices_are_not_live_after_their_question(
    term: Terminal, clock: ManualClock
) -> None:
    await screened_session(term)
    await term.type("stop")
    # `yes` no longer answers an old screening button: it is a message to Limber
    text = await term.type("yes")
    assert "already been answered" not in text
    # `it hurts` after the session ended: pain help, not "this session is already over"
    text = await term.type("it hurts")
    assert "already over" not in text
    assert "stop" in text.lower() or "pain" in text.lower()


async def test_a_bare_number_later_is_not_an_old_check_in_answer(
    term: Terminal, clock: ManualClock
) -> None:
    await screened_session(term)
    assert "How bad is the pain right now?" in await term.type("it hurts")
    await term.type("4")  # answers the open question (a choice)
    await term.type("don't keep them")  # the consent question's choice
    assert term.chat.choices == {}
    text = await term.type("8")  # much later: no question is open
    assert "Understood" not in text
    user = await term.app.store.users.by_ref(term.ref)
    assert user is not None
    assert await term.app.store.users.pain_since(user.id, clock.now().replace(year=2000)) == []
    assert user.consent_pain == "declined"


async def test_only_the_open_question_choices_match(term: Terminal) -> None:
    await term.type("/stretch start")
    assert set(term.chat.choices) == {"none of these", "yes one or more", "not sure"}
    await term.type("none of these")  # the one-message safety check
    assert set(term.chat.choices) == {"pause", "next", "stop", "it hurts"}
    await term.type("pause")
    assert set(term.chat.choices) == {"resume", "next", "stop", "it hurts"}
    await term.type("stop")
    assert term.chat.choices == {}  # the stopped session's buttons were removed


async def test_the_countdown_and_the_rep_count_live_in_the_toolbar(
    term: Terminal, clock: ManualClock
) -> None:
    await screened_session(term)
    assert "Starting in" in term.chat.toolbar()
    await clock.advance(10 + 15)
    await clock.advance(12.5)  # 12.5 s into the first 80 s clam set: rep 4 begins
    bar = term.chat.toolbar()
    assert "⏱ Set" in bar and "68 s left" in bar
    assert "rep 4/20 · raise slowly" in bar
    await clock.advance(1.5)
    assert "rep 4/20 · hold at the top (2 s)" in term.chat.toolbar()
    await term.type("pause")
    assert "s left" not in term.chat.toolbar()  # a paused step has no running countdown
    await term.type("resume")
    assert "s left" in term.chat.toolbar()
    await term.type("stop")
    assert "s left" not in term.chat.toolbar()


def test_toolbar_without_a_timer_shows_the_keys() -> None:
    assert "↑/↓ history" in toolbar_text(None, None)


def test_backticks_are_treated_like_the_other_markers() -> None:
    rich = to_rich("Type `/stretch start` or **stop**")
    assert rich.plain == "Type /stretch start or stop"
    styles = {str(span.style) for span in rich.spans}
    assert CODE_STYLE in styles and "bold" in styles
    assert plain("Type `/stretch start` or **stop**") == "Type /stretch start or stop"


async def test_the_prompt_keeps_history_and_prints_replies_above_it(tmp_path: Path) -> None:
    """The interactive mode, driven through prompt_toolkit's own pipe input."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from bot.adapters.terminal.console import run_demo
    from bot.core.clock import SystemClock

    screen = io.StringIO()
    settings = load_settings(database_url=f"sqlite:///{tmp_path}/t.sqlite3")

    async def build(chat: Any, clock: Any) -> Limber:
        return await build_app(settings, chat, clock)

    with (
        create_pipe_input() as keys,
        create_app_session(input=keys, output=PlainTextOutput(screen)),
    ):
        task = asyncio.create_task(
            run_demo(build, SystemClock(), files=tmp_path / "d", interactive=True)
        )
        for typed in ["/stretch routines\r", "\x1b[A", "\r", "\x04"]:  # ↑ Enter, Ctrl-D
            await asyncio.sleep(0.5)  # a person types after the prompt is back
            keys.send_text(typed)
        code = await asyncio.wait_for(task, 30)
    assert code == 0
    shown = screen.getvalue()
    assert shown.count("── Routines ──") == 2  # ↑ recalled the command
    assert "^[[A" not in shown and "\x1b[A" not in shown
    history = (tmp_path / "d" / "history.txt").read_text()
    assert "/stretch routines" in history
