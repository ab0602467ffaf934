"""`PrometheusTelemetry`: the core's `Telemetry` port on prometheus-client.

Every name the core, the adapters and this package count is declared once in `CATALOG`
with its labels (a test scans the source so none is missed). Label values are small
fixed vocabularies (reason, level, platform): never text, scores, user or server ids.
Each instance has its own `CollectorRegistry`, so tests can build many apps in one process.

`LoopLag` measures event-loop lag: a task sleeps a fixed interval and records by how
much the wake-up overshot it (a stalled loop delays hold timers and reminders alike).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

log = logging.getLogger(__name__)

PREFIX = "limber_"
LATENESS_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)
WAIT_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


@dataclass(frozen=True)
class Spec:
    kind: str  # "counter" or "histogram"
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] = ()
    initial: tuple[dict[str, str], ...] = ()
    """Label sets shown at 0 before anything happens (so rate() and alerts work at once)."""


def _reasons(*values: str) -> tuple[dict[str, str], ...]:
    return tuple({"reason": v} for v in values)


CATALOG: dict[str, Spec] = {
    "reminders_due": Spec("counter", "Reminder occurrences that became due (recorded)."),
    "reminders_sent": Spec("counter", "Reminders delivered to the chat platform."),
    "reminders_late": Spec("counter", "Reminders delivered more than a minute late."),
    "reminders_missed": Spec(
        "counter", "Occurrences recorded as missed (over 15 minutes late, e.g. downtime)."
    ),
    "reminders_failed": Spec(
        "counter",
        "Reminders not delivered, by reason.",
        ("reason",),
        initial=_reasons("unreachable", "permanent", "gave_up", "error"),
    ),
    "reminders_retried": Spec(
        "counter",
        "Sends scheduled for a retry, by reason.",
        ("reason",),
        initial=_reasons("transient", "error"),
    ),
    "reminder_lateness_seconds": Spec(
        "histogram",
        "Seconds between a reminder's due time and its delivery.",
        buckets=LATENESS_BUCKETS,
    ),
    "sessions_started": Spec("counter", "Guided sessions started, by origin.", ("origin",)),
    "sessions_completed": Spec("counter", "Guided sessions completed."),
    "sessions_stopped": Spec(
        "counter",
        "Guided sessions ended early, by reason (stopped, hurt, severe pain).",
        ("reason",),
        initial=_reasons("stopped", "hurt"),
    ),
    "triage_answers": Spec(
        "counter",
        "Triage answers by level and path (counts only: never text, scores or people).",
        ("level", "source"),
    ),
    "chat_requests_paced": Spec(
        "counter", "Requests to the chat platform that went through the pacer.", ("platform",)
    ),
    "chat_pacer_wait_seconds": Spec(
        "histogram", "Seconds a request waited in the pacer.", ("platform",), WAIT_BUCKETS
    ),
    "rate_limited": Spec(
        "counter", "HTTP 429 responses received from the chat platform.", ("platform", "scope")
    ),
}


class PrometheusTelemetry:
    """Implements `bot.core.ports.Telemetry`; never raises into the caller."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self._metrics: dict[str, Counter | Histogram] = {}
        self._warned: set[str] = set()
        for name, spec in CATALOG.items():
            metric: Counter | Histogram
            if spec.kind == "counter":
                metric = Counter(PREFIX + name, spec.help, spec.labels, registry=self.registry)
            else:
                metric = Histogram(
                    PREFIX + name,
                    spec.help,
                    spec.labels,
                    registry=self.registry,
                    buckets=spec.buckets,
                )
            for labels in spec.initial:
                metric.labels(**labels)
            self._metrics[name] = metric
        self.loop_lag = Histogram(
            PREFIX + "event_loop_lag_seconds",
            "How late the event loop woke a task that slept a fixed interval.",
            registry=self.registry,
            buckets=LAG_BUCKETS,
        )
        self.loop_lag_last = Gauge(
            PREFIX + "event_loop_lag_last_seconds",
            "The most recent event-loop lag measurement.",
            registry=self.registry,
        )
        with contextlib.suppress(Exception):  # /proc may be missing (not Linux)
            ProcessCollector(registry=self.registry)

    def count(self, name: str, value: float = 1.0, **labels: str) -> None:
        metric = self._metric(name, labels)
        if isinstance(metric, Counter):
            metric.inc(value)

    def observe(self, name: str, value: float, **labels: str) -> None:
        metric = self._metric(name, labels)
        if isinstance(metric, Histogram):
            metric.observe(value)

    def _metric(self, name: str, labels: dict[str, str]) -> Counter | Histogram | None:
        metric = self._metrics.get(name)
        if metric is None:
            self._warn_once(name, f"unknown metric {name!r} (add it to bot.ops.metrics.CATALOG)")
            return None
        if not labels and not CATALOG[name].labels:
            return metric
        try:
            return metric.labels(**labels)
        except ValueError:
            self._warn_once(name, f"metric {name!r} got labels {sorted(labels)}")
            return None

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message)

    def gauge(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        """A gauge computed at scrape time (e.g. whether the platform is connected)."""
        Gauge(PREFIX + name, help_text, registry=self.registry).set_function(read)

    def exposition(self) -> tuple[bytes, str]:
        """The Prometheus text format and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def sample(self, name: str, labels: dict[str, str] | None = None) -> float | None:
        """One current value by its full name (tests, `limber doctor`)."""
        return self.registry.get_sample_value(name, labels or {})


class LoopLag:
    """Measures event-loop lag every `interval` seconds into `telemetry.loop_lag`."""

    def __init__(self, telemetry: PrometheusTelemetry, interval: float = 0.5) -> None:
        self.telemetry = telemetry
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="limber-loop-lag")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.interval)
            lag = max(0.0, loop.time() - before - self.interval)
            self.telemetry.loop_lag.observe(lag)
            self.telemetry.loop_lag_last.set(lag)


def used_names(sources: Iterable[str]) -> set[str]:
    """Metric names passed to `.count("...")` / `.observe("...")` in source texts."""
    import re

    pattern = re.compile(r"\.(?:count|observe)\(\s*\"([a-z_]+)\"")
    return {m.group(1) for text in sources for m in pattern.finditer(text)}
