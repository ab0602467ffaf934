"""Telemetry: the core counts reminders, sessions and triage through the neutral port,
PrometheusTelemetry turns that into /metrics, and /healthz tells up from down."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.config import Settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.ports import NO_TELEMETRY, RecipientUnreachable
from bot.core.routines import load_library
from bot.ops.health import OpsServer
from bot.ops.metrics import CATALOG, PrometheusTelemetry, used_names
from bot.storage import open_storage
from tests.conftest import Conversation
from tests.core.reminders.test_reminders_dst import run_until
from tests.fakes.chat import RecordingChat

ROOT = Path(__file__).resolve().parents[2]
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def telemetry() -> PrometheusTelemetry:
    return PrometheusTelemetry()


@pytest.fixture
async def measured(
    settings: Settings, chat: RecordingChat, clock: ManualClock, telemetry: PrometheusTelemetry
) -> AsyncIterator[Limber]:
    store = await open_storage(settings.database_url)
    app = Limber(store, load_library(), chat, clock, telemetry=telemetry)
    await app.start()
    yield app
    await app.close()


def value(t: PrometheusTelemetry, name: str, **labels: str) -> float:
    return t.sample(name, labels) or 0.0


def test_every_name_the_code_counts_is_in_the_catalog() -> None:
    sources = [p.read_text("utf-8") for p in (ROOT / "bot").rglob("*.py")]
    used = used_names(sources)
    assert {"reminders_sent", "sessions_started", "triage_answers", "rate_limited"} <= used
    assert used <= set(CATALOG), used - set(CATALOG)


def test_the_core_imports_no_prometheus() -> None:
    for path in (ROOT / "bot" / "core").rglob("*.py"):
        assert "prometheus" not in path.read_text("utf-8"), path


def test_unknown_names_and_wrong_labels_never_raise(telemetry: PrometheusTelemetry) -> None:
    telemetry.count("no_such_metric")
    telemetry.count("reminders_failed", wrong="x")
    telemetry.observe("reminders_sent", 1.0)  # a counter observed: ignored
    NO_TELEMETRY.count("anything", reason="x")
    assert value(telemetry, "limber_reminders_failed_total", reason="unreachable") == 0


async def test_a_sent_reminder_is_counted_due_sent_and_its_lateness_observed(
    measured: Limber, chat: RecordingChat, clock: ManualClock, telemetry: PrometheusTelemetry
) -> None:
    talk = Conversation(measured, chat)
    await talk.say("/reminders add 9am")
    await run_until(clock, measured.dispatcher, NINE + timedelta(minutes=1))
    assert len(chat.sent) == 1
    assert value(telemetry, "limber_reminders_due_total") == 1
    assert value(telemetry, "limber_reminders_sent_total") == 1
    assert value(telemetry, "limber_reminder_lateness_seconds_count") == 1
    assert value(telemetry, "limber_reminders_late_total") == 0
    assert value(telemetry, "limber_reminders_missed_total") == 0


async def test_undeliverable_reminders_are_counted_by_reason(
    measured: Limber, chat: RecordingChat, clock: ManualClock, telemetry: PrometheusTelemetry
) -> None:
    talk = Conversation(measured, chat)
    await talk.say("/reminders add 9am")
    chat.fail_always = RecipientUnreachable("DMs closed")
    await run_until(clock, measured.dispatcher, NINE + timedelta(minutes=1))
    assert value(telemetry, "limber_reminders_failed_total", reason="unreachable") == 1
    assert value(telemetry, "limber_reminders_sent_total") == 0


async def test_missed_occurrences_are_counted_after_downtime(
    settings: Settings, chat: RecordingChat, clock: ManualClock, telemetry: PrometheusTelemetry
) -> None:
    store = await open_storage(settings.database_url)
    app = Limber(store, load_library(), chat, clock)
    await Conversation(app, chat).say("/reminders add 9am")
    await store.close()
    await clock.advance(timedelta(hours=2).total_seconds())  # down from 08:00 to 10:00
    store = await open_storage(settings.database_url)
    app = Limber(store, load_library(), chat, clock, telemetry=telemetry)
    await app.start()
    try:
        await app.dispatcher.idle()
    finally:
        await app.close()
    assert value(telemetry, "limber_reminders_missed_total") == 1
    assert value(telemetry, "limber_reminders_due_total") == 1
    assert chat.sent == []


async def test_sessions_and_triage_answers_are_counted_without_text(
    measured: Limber, chat: RecordingChat, telemetry: PrometheusTelemetry
) -> None:
    talk = Conversation(measured, chat)
    await talk.screened()
    await talk.say("/stretch start")
    await talk.press("It hurts")
    await talk.say("my back hurts, about 4/10")
    assert value(telemetry, "limber_sessions_started_total", origin="command") == 1
    assert value(telemetry, "limber_sessions_stopped_total", reason="hurt") == 1
    levels = {
        s.labels["level"]
        for m in telemetry.registry.collect()
        if m.name == "limber_triage_answers"
        for s in m.samples
        if s.name.endswith("_total")
    }
    assert levels, "a triage answer was counted"
    exposition = telemetry.exposition()[0].decode()
    assert "4/10" not in exposition and "back hurts" not in exposition


class Probe:
    def __init__(self) -> None:
        self.problem: str | None = None
        self.db_error: Exception | None = None
        self.db_delay = 0.0

    def platform(self) -> str | None:
        return self.problem

    async def database(self) -> None:
        await asyncio.sleep(self.db_delay)
        if self.db_error is not None:
            raise self.db_error


async def test_healthz_is_200_when_up_and_503_with_the_reason_otherwise(
    telemetry: PrometheusTelemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = Probe()
    port = free_port()
    server = OpsServer(
        telemetry, port=port, platform=probe.platform, database=probe.database, lag_interval=0.01
    )
    await server.start()
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:

            async def get(path: str) -> tuple[int, str]:
                async with http.get(base + path) as response:
                    return response.status, await response.text()

            assert await get("/healthz") == (200, "platform: ok\ndatabase: ok\n")
            probe.problem = "not connected to the Discord gateway yet"
            status, body = await get("/healthz")
            assert status == 503 and "platform: not connected" in body
            probe.problem = None
            probe.db_error = OSError("disk I/O error")
            status, body = await get("/healthz")
            assert status == 503 and "database: OSError: disk I/O error" in body
            probe.db_error = None
            monkeypatch.setattr("bot.ops.health.DB_TIMEOUT", 0.05)
            probe.db_delay = 0.5
            status, body = await get("/healthz")
            assert status == 503 and "did not answer" in body

            await asyncio.sleep(0.05)  # a few lag measurements
            status, metrics = await get("/metrics")
            assert status == 200
            assert "limber_event_loop_lag_seconds_count" in metrics
            assert "limber_platform_connected 1.0" in metrics
            assert 'limber_reminders_failed_total{reason="unreachable"} 0.0' in metrics
    finally:
        await server.stop()


async def test_a_port_in_use_is_logged_and_does_not_stop_the_bot(
    telemetry: PrometheusTelemetry, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        server = OpsServer(telemetry, port=port)
        await server.start()
        await server.stop()
    assert "METRICS_PORT: cannot listen" in caplog.text


async def test_sqlite_storage_answers_ping(settings: Settings) -> None:
    store = await open_storage(settings.database_url)
    try:
        await store.ping()
    finally:
        await store.close()
    with pytest.raises(Exception):  # noqa: B017  the closed connection's own error
        await store.ping()
