"""The blind batches (tests/data/blind/): the table per batch, and the safety gates.

The batches were written by people who had not read the triage code, labelled from
PRODUCT.md only; FIRST_RUN.md there records each batch's figures before it was used
for fixes. Once a batch is fixed against it is no longer blind: these gates keep the
fixes from regressing. Run with `-s` to see the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.triage.answer import answer_text
from bot.core.triage.model import ClinicInfo
from tests.core.triage.scoring import HEADER, Answer, Figures, load, score

BLIND = Path(__file__).parents[2] / "data" / "blind"
BATCHES = sorted(BLIND.glob("batch_*.yaml"))
CLINIC = ClinicInfo("Lake Union Wellness", "https://example.com/book", "911")


def answer(text: str) -> Answer:
    _, got = answer_text(text, CLINIC)
    return Answer(got.level.value, got.reply, got.follow_up, got.subject)


def assert_gates(fig: Figures, *, follow_ups: bool = True) -> None:
    """Issue 10's targets: caught 100%, strict >= 95%, severe >= 95%, false alarms <= 5%,
    follow-ups on calm <= 10% (left out where every calm entry is a near-miss)."""
    detail = "\n".join(fig.misses)
    assert fig.caught == fig.redflags, detail  # no red flag met with silence
    assert fig.strict >= 0.95 * fig.redflags, detail
    assert fig.booked >= 0.95 * fig.severe, detail
    assert fig.false_alarms <= 0.05 * fig.calm, detail
    if follow_ups:
        assert fig.follow_ups <= 0.10 * fig.calm, detail


@pytest.fixture(scope="module")
def figures() -> dict[str, Figures]:
    return {path.name: score(load(path), answer) for path in BATCHES}


def test_there_are_at_least_seven_blind_batches_of_other_voices() -> None:
    assert len(BATCHES) >= 7
    for path in BATCHES:
        entries = load(path)
        assert len(entries) >= 100
        assert {e["level"] for e in entries} == {"none", "mild", "moderate", "severe", "redflag"}


def test_the_table_per_batch(
    figures: dict[str, Figures], capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print("\n" + HEADER)
        for name, fig in figures.items():
            print(fig.row(name))
    assert all(fig.n >= 100 for fig in figures.values())


@pytest.mark.parametrize("path", BATCHES, ids=lambda p: p.name)
def test_safety_gates(figures: dict[str, Figures], path: Path) -> None:
    fig = figures[path.name]
    assert_gates(fig)


# Paraphrase banks (tests/data/triage/bank_*.yaml): many wordings per red-flag kind and
# their calm look-alikes, written by helpers from PRODUCT.md to widen the vocabulary
# before the next blind batch. They are tuning data, not blind figures; the same gates
# keep them from regressing.
BANKS = sorted((Path(__file__).parents[2] / "data" / "triage").glob("bank_*.yaml"))


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_paraphrase_banks_meet_the_same_gates(path: Path) -> None:
    fig = score(load(path), answer)
    assert fig.n >= 100
    assert_gates(fig)


# Red-flag banks (tests/data/triage/redflag_bank_*.yaml): 84 red flags each (12 per kind,
# in euphemism and in worldwide voices) and 36 calm near-misses, every one of which touches
# a red-flag topic (denied, resolved, hypothetical, a question about the warning signs, the
# same words meaning something else). Tuning data. The red-flag and false-alarm gates are
# the blind ones; follow-up questions are not gated here, because asking about a topic
# that is touched and not settled is the fail-safe working as designed (issue 10, item 1).
REDFLAG_BANKS = sorted((Path(__file__).parents[2] / "data" / "triage").glob("redflag_bank_*.yaml"))


@pytest.mark.parametrize("path", REDFLAG_BANKS, ids=lambda p: p.name)
def test_redflag_banks_meet_the_red_flag_and_false_alarm_gates(path: Path) -> None:
    fig = score(load(path), answer)
    assert fig.redflags >= 80
    assert_gates(fig, follow_ups=False)
