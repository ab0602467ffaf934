"""`limber triage TEXT --json` tells what the chat would answer (level of the advice
given, the exact reply, whether it asks the red-flag questions, whose symptoms)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOOKING_URL", "https://clinic.example/book")


def run(capsys: pytest.CaptureFixture[str], text: str) -> dict[str, object]:
    assert main(["triage", "--json", text]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("text", "level", "subject", "follow_up"),
    [
        ("I lost all sensation in my legs this morning", "redflag", "self", False),
        ("sudden loss of feeling in both legs", "redflag", "self", False),
        ("my husband can't feel his legs", "redflag", "other", False),
        ("my wife is in agony with her sciatica, 9/10", "severe", "other", False),
        ("this weather is unbearable lol, back's fine tho", "none", "self", False),
        ("my legs feel kind of weird today, back is a 3", "mild", "self", True),
    ],
)
def test_json_says_what_the_chat_answers(
    capsys: pytest.CaptureFixture[str], text: str, level: str, subject: str, follow_up: bool
) -> None:
    got = run(capsys, text)
    assert (got["level"], got["subject"], got["follow_up"]) == (level, subject, follow_up)
    reply = str(got["reply"])
    if level == "redflag":
        assert "urgent" in reply.lower()
    elif level == "severe":
        assert "https://clinic.example/book" in reply
    else:
        assert "https://clinic.example/book" not in reply
    if follow_up:
        assert "safety check" in reply


def test_a_resolved_fever_is_mild_with_no_alarm(capsys: pytest.CaptureFixture[str]) -> None:
    got = run(
        capsys,
        "Had a fever last month with a chest infection but it went away, no fever now. "
        "Back pain 3/10.",
    )
    assert got["level"] == "mild" and "urgent" not in str(got["reply"]).lower()
