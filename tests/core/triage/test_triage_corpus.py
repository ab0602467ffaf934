"""The triage corpora: per-level precision and recall, with the safety gates.

Every `tests/data/triage_*.yaml` is read: the author's corpus and the held-out batches
written later in other people's voices (labelled by the product rules before the code was
tuned to them). The gates hold for each file and for all of them together: every red flag
is caught, severe pain is caught (recall >= 95%), and replies to mild or no pain almost
never carry the booking link. Entries marked `urgent: true` (a red flag about someone else
or only as a "what if") must still get a reply that points to urgent care.

Run with `-s` to see the tables.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.triage.assess import ClinicInfo, PainLevel, assess_text, compose_reply

DATA = Path(__file__).parents[2] / "data"
CORPUS = DATA / "triage_corpus.yaml"
FILES = sorted(DATA.glob("triage_*.yaml"))
ALL = "all"
CLINIC = ClinicInfo(
    name="Lake Union Wellness",
    booking_url="https://example.com/book-free-consultation",
    emergency_number="911",
)
LEVELS = [level.value for level in PainLevel]
Row = tuple[str, str, str, str]


def load(path: Path) -> list[dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def load_corpus() -> list[dict[str, Any]]:
    return load(CORPUS)


def _rows(entries: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for entry in entries:
        assessment = assess_text(entry["text"])
        reply = compose_reply(assessment, CLINIC)
        predicted = assessment.level.value
        if entry["level"] == "redflag" and assessment.follow_up:
            # Fail safe: wording that is not clearly a red flag gets the red-flag
            # questions, and a "yes" gets the urgent answer: the red flag is caught.
            predicted = "redflag"
        rows.append((entry["text"], entry["level"], predicted, reply))
    return rows


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[Row]]:
    """(text, expected, predicted, reply) for every entry, per file and for all files."""
    tables = {path.name: _rows(load(path)) for path in FILES}
    tables[ALL] = [row for rows in tables.values() for row in rows]
    return tables


NAMES = [path.name for path in FILES] + [ALL]


def metrics_table(rows: list[Row]) -> str:
    lines = [f"{'level':<10}{'n':>5}{'precision':>11}{'recall':>9}"]
    for level in LEVELS:
        truth = sum(1 for _, e, _, _ in rows if e == level)
        said = sum(1 for _, _, p, _ in rows if p == level)
        hit = sum(1 for _, e, p, _ in rows if e == p == level)
        precision = f"{hit / said:.0%}" if said else "-"
        recall = f"{hit / truth:.0%}" if truth else "-"
        lines.append(f"{level:<10}{truth:>5}{precision:>11}{recall:>9}")
    correct = sum(1 for _, e, p, _ in rows if e == p)
    lines.append(f"accuracy {correct}/{len(rows)} = {correct / len(rows):.1%}")
    lines.append(f"booking link in mild/none replies: {booking_rate(rows):.1%}")
    confusions = Counter((e, p) for _, e, p, _ in rows if e != p)
    for (expected, predicted), n in confusions.most_common():
        lines.append(f"  {expected} -> {predicted}: {n}")
    for text, expected, predicted, _ in rows:
        if expected != predicted:
            lines.append(f"    [{expected} -> {predicted}] {text}")
    return "\n".join(lines)


def recall(rows: list[Row], level: str) -> float:
    relevant = [p for _, e, p, _ in rows if e == level]
    return sum(1 for p in relevant if p == level) / len(relevant)


def booking_rate(rows: list[Row]) -> float:
    calm = [reply for _, e, _, reply in rows if e in {"mild", "none"}]
    url = CLINIC.booking_url or ""
    return sum(1 for reply in calm if url in reply) / len(calm)


def test_the_corpus_is_big_and_covers_every_level() -> None:
    entries = load_corpus()
    assert len(entries) >= 180
    assert {e["level"] for e in entries} == set(LEVELS)


def test_there_are_held_out_batches_and_no_message_is_repeated() -> None:
    assert len(FILES) >= 3
    texts = [e["text"] for path in FILES for e in load(path)]
    assert len(texts) == len(set(texts)), [t for t, n in Counter(texts).items() if n > 1]
    for path in FILES:
        for entry in load(path):
            assert entry["level"] in LEVELS, (path.name, entry)


@pytest.mark.parametrize("name", NAMES)
def test_every_red_flag_is_caught(by_file: dict[str, list[Row]], name: str) -> None:
    print(f"\n== {name}\n" + metrics_table(by_file[name]))  # the table, with `pytest -s`
    assert recall(by_file[name], "redflag") == 1.0, metrics_table(by_file[name])


@pytest.mark.parametrize("name", NAMES)
def test_severe_pain_is_caught_at_least_95_percent(
    by_file: dict[str, list[Row]], name: str
) -> None:
    assert recall(by_file[name], "severe") >= 0.95, metrics_table(by_file[name])


@pytest.mark.parametrize("name", NAMES)
def test_mild_or_no_pain_almost_never_gets_the_booking_link(
    by_file: dict[str, list[Row]], name: str
) -> None:
    assert booking_rate(by_file[name]) <= 0.05, metrics_table(by_file[name])


@pytest.mark.parametrize("name", NAMES)
def test_overall_accuracy_is_at_least_90_percent(by_file: dict[str, list[Row]], name: str) -> None:
    rows = by_file[name]
    correct = sum(1 for _, e, p, _ in rows if e == p)
    assert correct / len(rows) >= 0.90, metrics_table(rows)


def test_someone_elses_red_flag_still_gets_urgent_advice() -> None:
    urgent = [e for path in FILES for e in load(path) if e.get("urgent")]
    assert urgent
    for entry in urgent:
        reply = compose_reply(assess_text(entry["text"]), CLINIC)
        assert "urgent" in reply.lower() and "911" in reply, (entry["text"], reply)


def test_no_reply_in_the_corpus_names_a_diagnosis(by_file: dict[str, list[Row]]) -> None:
    for text, _, _, reply in by_file[ALL]:
        lowered = reply.lower()
        for word in ("cauda equina", "sciatica", "fracture", "herniat", "syndrome", "diagnos"):
            assert word not in lowered, (text, reply)
