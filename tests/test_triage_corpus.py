"""The triage corpus: per-level precision and recall, with the safety gates.

Run with `-s` to see the table. Gates: every red flag is caught, severe pain is caught
(recall >= 95%), and replies to mild or no pain almost never carry the booking link.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.core.triage import ClinicInfo, PainLevel, assess_text, compose_reply

CORPUS = Path(__file__).parent / "data" / "triage_corpus.yaml"
CLINIC = ClinicInfo(
    name="Lake Union Wellness",
    booking_url="https://example.com/book-free-consultation",
    emergency_number="911",
)
LEVELS = [level.value for level in PainLevel]


def load_corpus() -> list[dict[str, str]]:
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


@pytest.fixture(scope="module")
def results() -> list[tuple[str, str, str, str]]:
    """(text, expected, predicted, reply) for every corpus entry."""
    rows = []
    for entry in load_corpus():
        assessment = assess_text(entry["text"])
        reply = compose_reply(assessment, CLINIC)
        rows.append((entry["text"], entry["level"], assessment.level.value, reply))
    return rows


def metrics_table(rows: list[tuple[str, str, str, str]]) -> str:
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


def recall(rows: list[tuple[str, str, str, str]], level: str) -> float:
    relevant = [p for _, e, p, _ in rows if e == level]
    return sum(1 for p in relevant if p == level) / len(relevant)


def booking_rate(rows: list[tuple[str, str, str, str]]) -> float:
    calm = [reply for _, e, _, reply in rows if e in {"mild", "none"}]
    url = CLINIC.booking_url or ""
    return sum(1 for reply in calm if url in reply) / len(calm)


def test_the_corpus_is_big_and_covers_every_level() -> None:
    entries = load_corpus()
    assert len(entries) >= 180
    assert {e["level"] for e in entries} == set(LEVELS)
    texts = [e["text"] for e in entries]
    assert len(texts) == len(set(texts)), "duplicate messages in the corpus"


def test_print_the_metrics_table(results: list[tuple[str, str, str, str]]) -> None:
    print("\n" + metrics_table(results))


def test_every_red_flag_in_the_corpus_is_caught(results: list[tuple[str, str, str, str]]) -> None:
    assert recall(results, "redflag") == 1.0, metrics_table(results)


def test_severe_pain_is_caught_at_least_95_percent(
    results: list[tuple[str, str, str, str]],
) -> None:
    assert recall(results, "severe") >= 0.95, metrics_table(results)


def test_mild_or_no_pain_almost_never_gets_the_booking_link(
    results: list[tuple[str, str, str, str]],
) -> None:
    assert booking_rate(results) <= 0.05, metrics_table(results)


def test_overall_accuracy_is_at_least_90_percent(results: list[tuple[str, str, str, str]]) -> None:
    correct = sum(1 for _, e, p, _ in results if e == p)
    assert correct / len(results) >= 0.90, metrics_table(results)


def test_no_reply_in_the_corpus_names_a_diagnosis(
    results: list[tuple[str, str, str, str]],
) -> None:
    for text, _, _, reply in results:
        lowered = reply.lower()
        for word in ("cauda equina", "sciatica", "fracture", "herniat", "syndrome", "diagnos"):
            assert word not in lowered, (text, reply)
