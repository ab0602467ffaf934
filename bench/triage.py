"""Triage on the worst messages a person can send: a table for the README.

Families of 2,000-character messages (the cap: longer text is cut before triage) that
stress the rules: numbers, scores, red-flag words, negations, no spaces, punctuation.
For each: the slowest of 5 runs after a warm-up (CPU time of the thread doing it).
Then the event loop: 20 such messages triaged as the chat does it (`assess_off_loop`,
a worker thread) while a 5 ms ticker measures how late the loop runs.

    .venv/bin/python bench/triage.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

from bot.bootstrap import settle_heap
from bot.core.conversation.free_text import MAX_TEXT, assess_off_loop
from bot.core.triage.assess import assess_text

random.seed(7)


def _fill(unit: str) -> str:
    return (unit * (MAX_TEXT // len(unit) + 1))[:MAX_TEXT]


FAMILIES: dict[str, str] = {
    "numbers 0-99": " ".join(str(random.randint(0, 99)) for _ in range(800))[:MAX_TEXT],
    "scores n/10": " ".join(f"{random.randint(0, 12)}/10" for _ in range(500))[:MAX_TEXT],
    "red-flag words": _fill("numb groin bladder fell fever cancer weight legs weak "),
    "negations": _fill("no not never no longer without numbness pain 8 "),
    "one clause, no punctuation": _fill("my back hurts and my legs feel numb sometimes "),
    "no spaces": "9" * MAX_TEXT,
    "punctuation": _fill("?!., ;:() "),
    "mixed report": _fill("pain 8 no fever fell 3 not numb but tingling both legs. "),
    "long ramble": _fill(
        "So the weekend was fine, took the kids out, saw the octopus, then on Monday "
        "the leg thing got weird and I could not really feel the toilet paper, pain 4. "
    ),
}


def cpu_ms(text: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.thread_time()
        assess_text(text)
        times.append((time.thread_time() - start) * 1000)
    return max(times)


async def loop_stall(texts: list[str]) -> tuple[float, float]:
    """(longest lateness of a 5 ms ticker in ms, wall time of all triage in s)."""
    lateness: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        while not done.is_set():
            before = loop.time()
            await asyncio.sleep(0.005)
            lateness.append((loop.time() - before - 0.005) * 1000)

    tick = asyncio.create_task(ticker())
    start = time.perf_counter()
    for text in texts:
        await assess_off_loop(text)
    wall = time.perf_counter() - start
    done.set()
    await tick
    return max(lateness), wall


def main() -> None:
    settle_heap()  # as the app does at start-up: data files loaded, start-up heap frozen
    rows = [(name, cpu_ms(text)) for name, text in FAMILIES.items()]
    print("| 2,000-character message | slowest of 5 runs (CPU ms) |")
    print("|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")
    worst = max(ms for _, ms in rows)
    print(f"| **worst** | **{worst:.1f}** (median {statistics.median(m for _, m in rows):.1f}) |")
    texts = [text for text in FAMILIES.values() for _ in range(2)][:20]
    stall, wall = asyncio.run(loop_stall(texts))
    print()
    print("| event loop while 20 such messages are triaged (worker thread) | value |")
    print("|---|---|")
    print(f"| longest lateness of a 5 ms ticker | {stall:.1f} ms |")
    print(f"| wall time for the 20 messages | {wall:.2f} s |")


if __name__ == "__main__":
    main()
