"""The terminal chat driven end to end as a subprocess through a pipe, as a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


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
    assert "1/8:" in out and "Step 1/22 · Low-back starter" in out
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
