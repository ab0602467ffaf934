"""The real Limber Slack app on the fake Slack: slash commands, buttons, DMs, restarts.

Nothing of slack_bolt or slack_sdk is mocked: the app calls `auth.test`, opens Socket
Mode, acks envelopes and posts over real sockets. Only the clock is manual, so sessions
and reminders run in milliseconds.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr

from bot.adapters.slack.slack_app import PLATFORM
from bot.adapters.slack.slack_runner import serve
from bot.cli import factory
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import UserRef
from tests.e2e.slack_harness import SlackWorld, button, labels, slack_settings
from tests.fakes.slack_server import FakeMessage, FakeSlack, FakeTeam, FakeUser

DATE = re.compile(r"<!date\^(\d+)\^\{time_secs\}\|[^>]+>")


class SlackLogErrors(logging.Handler):
    """Errors slack_bolt/slack_sdk or the adapter only logged (a broken listener...)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(f"{record.name}: {record.getMessage()}")


@pytest.fixture(autouse=True)
def slack_errors() -> Iterator[SlackLogErrors]:
    catcher = SlackLogErrors()
    names = ("slack_bolt", "slack_sdk", "bot.adapters.slack", "bot.core")
    loggers = [logging.getLogger(name) for name in names]
    for logger in loggers:
        logger.addHandler(catcher)
    try:
        yield catcher
        assert not catcher.errors, catcher.errors
    finally:
        for logger in loggers:
            logger.removeHandler(catcher)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    await slack.start()
    try:
        yield slack
    finally:
        await slack.stop()


@pytest.fixture
def team(fake: FakeSlack) -> FakeTeam:
    return fake.add_team("Lake Union Wellness")


@pytest.fixture
def alice(fake: FakeSlack, team: FakeTeam) -> FakeUser:
    return fake.add_user(team, "alice")


@pytest.fixture
async def world(
    fake: FakeSlack, team: FakeTeam, settings: Settings, clock: ManualClock
) -> AsyncIterator[SlackWorld]:
    world = SlackWorld(fake, team, slack_settings(settings, fake), clock)
    try:
        yield world
    finally:
        await world.stop_all()
    assert not fake.unhandled, [r.method for r in fake.unhandled]  # only methods Slack has


def is_step(number: int) -> object:
    return lambda m: f"*Step {number}/" in m.all_text()


async def start_session(world: SlackWorld, user: FakeUser) -> FakeMessage:
    """A screened person types `/stretch start` in the DM; returns the first step."""
    res = await world.fake.slash(user, "/stretch", "start")
    assert res.text is not None and "Starting" in res.text
    return await world.next_dm(user, is_step(1))  # type: ignore[arg-type]


# slash commands -----------------------------------------------------------------------
async def test_a_slash_command_is_answered_within_3_seconds_privately_in_a_channel(
    world: SlackWorld, alice: FakeUser
) -> None:
    await world.start()
    started = time.monotonic()
    res = await world.fake.slash(alice, "/help", channel="C0GENERAL")
    assert res.ack is not None and res.ack.latency < 3.0
    assert time.monotonic() - started < 3.0
    assert res.ack_payload is not None and res.ack_payload["response_type"] == "ephemeral"
    assert res.text is not None and "Limber help" in res.text
    shown = await res.wait_for_message()
    assert shown.ephemeral_to == alice.id
    assert "*Limber*" in shown.all_text()  # **bold** became Slack's *bold*


async def test_free_text_options_are_parsed_with_the_cores_errors_and_hints(
    world: SlackWorld, alice: FakeUser
) -> None:
    await world.start()
    bad = await world.fake.slash(alice, "/reminders", "add 25:99", channel="C0GENERAL")
    assert bad.text is not None and "25:99" in bad.text
    unknown = await world.fake.slash(alice, "/stretch", "strat", channel="C0GENERAL")
    assert unknown.text is not None and "/stretch start" in unknown.text
    routines = await world.fake.slash(alice, "/stretch", "routines")
    assert routines.text is not None and "low-back-starter" in routines.text


# reminders ---------------------------------------------------------------------------
async def test_a_reminder_arrives_as_a_dm_with_start_snooze_skip(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    slack = await world.start()
    await world.prescreen(slack, alice)
    added = await fake.slash(alice, "/reminders", "add 08:05", channel="C0GENERAL")
    assert added.text is not None and "added" in added.text

    await world.advance_until(lambda: bool(fake.dm_messages(alice)))
    reminder = await world.next_dm(alice)
    assert labels(reminder) == ["Start", "Snooze", "Skip"]
    started = await fake.click(alice, reminder, button(reminder, "Start"))
    assert started.acked
    await world.next_dm(alice, is_step(1))  # type: ignore[arg-type]


async def test_a_dm_that_cannot_be_opened_switches_reminders_off_and_is_told_once(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    slack = await world.start()
    app = world.app(slack)
    await fake.slash(alice, "/reminders", "add 08:05", channel="C0GENERAL")
    fake.fail_next("conversations.open", "user_not_found", count=3)

    ref = UserRef(PLATFORM, alice.id)
    unreachable: list[bool] = []

    async def check() -> None:
        person = await app.store.users.by_ref(ref)
        unreachable.append(person is not None and person.unreachable_at is not None)

    await world.advance_until(lambda: bool(fake.calls("conversations.open")))
    await world.clock.settle()
    await check()
    assert unreachable[-1]
    assert not fake.calls("chat.postMessage")
    [reminder] = await app.store.reminders.for_user((await world.person(slack, alice)).id)
    assert reminder.state == "disabled"

    told = await fake.slash(alice, "/reminders", "list", channel="C0GENERAL")
    assert told.text is not None and "couldn't send you a private message" in told.text
    assert "Limber" in told.text  # Slack's own words for how to allow messages again
    again = await fake.slash(alice, "/help", channel="C0GENERAL")
    assert again.text is not None and "couldn't send you a private message" not in again.text


async def test_a_deactivated_account_gets_no_reminder_and_is_told_on_the_next_command(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    slack = await world.start()
    app = world.app(slack)
    added = await fake.slash(alice, "/reminders", "add 08:05")  # in the DM with Limber
    assert added.text is not None and "added" in added.text
    fake.deactivate(alice)

    def refused() -> bool:
        return any(c.error == "user_not_found" for c in fake.calls("conversations.open"))

    await world.advance_until(refused)
    await world.clock.settle()
    person = await world.person(slack, alice)
    assert person.unreachable_at is not None
    [reminder] = await app.store.reminders.for_user(person.id)
    assert reminder.state == "disabled"
    assert not [m for m in fake.dm_messages(alice) if labels(m) == ["Start", "Snooze", "Skip"]]

    told = await fake.slash(alice, "/help")
    assert told.text is not None and "couldn't send you a private message" in told.text


# sessions ----------------------------------------------------------------------------
async def test_start_runs_the_steps_and_holds_advance_by_themselves(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    slack = await world.start()
    await world.prescreen(slack, alice)
    first = await start_session(world, alice)
    assert labels(first) == ["Pause", "Next", "Stop", "It hurts"]

    def finished() -> bool:
        return any("How is your pain now?" in m.all_text() for m in fake.dm_messages(alice))

    await world.advance_until(finished)
    steps = [m for m in fake.dm_messages(alice) if "*Step " in m.all_text()]
    holds = [m for m in steps if DATE.search(m.all_text())]
    assert holds, "a hold shows its end time"
    hold = next(m for m in holds if "hold 1 of 3" in m.all_text())
    before = steps[steps.index(hold) - 1]
    end = int(DATE.search(hold.all_text()).group(1))  # type: ignore[union-attr]
    assert end - world.clock.now().timestamp() < 0  # long over by now
    assert "Hold" in hold.all_text() and before is not hold
    assert all(m.edits <= 1 for m in steps)  # no per-second edits: at most one to drop buttons
    assert labels(hold) == []  # the hold is over: its buttons are gone
    assert any("Well done" in m.all_text() for m in fake.dm_messages(alice))


async def test_it_hurts_leads_to_the_pain_question_and_the_booking_link(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    slack = await world.start()
    await world.prescreen(slack, alice)
    step = await start_session(world, alice)

    hurt = await fake.click(alice, step, button(step, "It hurts"))
    question = await hurt.wait_for_message()
    assert "How bad is the pain" in question.all_text()
    assert "8" in labels(question)
    answer = await fake.click(alice, question, button(question, "8"))
    reply = await answer.wait_for_message()
    assert "Free Consultation" in reply.all_text()
    assert "https://clinic.example/book" in reply.all_text()


async def test_a_red_flag_dm_gets_urgent_care_advice(world: SlackWorld, alice: FakeUser) -> None:
    fake = world.fake
    await world.start()
    res = await fake.dm_text(alice, "I can't feel anything between my legs <!channel>")
    assert res.acked
    urgent = await world.next_dm(alice, lambda m: "urgent medical care" in m.all_text())
    assert "Please stop exercising and get urgent medical care" in urgent.text.splitlines()[0]
    assert "<!channel>" not in urgent.all_text()  # echoed text never pings anyone


async def test_buttons_on_old_messages_still_work_after_a_restart(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    first = await world.start()
    await world.prescreen(first, alice)
    step = await start_session(world, alice)
    await world.stop(first)  # graceful: the session becomes resumable

    mark = fake.mark()
    await world.start()  # a new process on the same database
    offer = await world.next_dm(alice, lambda m: "interrupted" in m.all_text(), since=mark)
    resumed = await fake.click(alice, offer, button(offer, "Resume"))
    assert resumed.acked
    await world.next_dm(alice, is_step(1), since=mark)  # type: ignore[arg-type]

    stopped = await fake.click(alice, step, button(step, "Stop"))  # the first process's message
    reply = await stopped.wait_for_message()
    assert "Session stopped" in reply.all_text()


async def test_a_429_is_answered_with_a_retry_after_retry_after(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    await world.start()
    fake.rate_limit_next("chat.postMessage", retry_after=1)
    started = time.monotonic()
    await fake.dm_text(alice, "my back is a bit stiff today, maybe 3/10")
    reply = await world.next_dm(alice, timeout=10)
    assert reply.all_text()
    assert time.monotonic() - started >= 1.0
    assert [r.status for r in fake.calls("chat.postMessage")][:2] == [429, 200]


# clinic ------------------------------------------------------------------------------
async def test_clinic_setup_is_for_workspace_admins_and_owners(
    world: SlackWorld, fake: FakeSlack, team: FakeTeam
) -> None:
    bob = fake.add_user(team, "bob")
    boss = fake.add_user(team, "boss", is_admin=True)
    await world.start()
    args = "https://lakeunion.example/book 'Lake Union' 112"

    refused = await fake.slash(bob, "/clinic", f"setup {args}", channel="C0GENERAL")
    assert refused.text is not None and "workspace admins and owners" in refused.text
    assert refused.ack_payload is not None and refused.ack_payload["response_type"] == "ephemeral"
    accepted = await fake.slash(boss, "/clinic", f"setup {args}", channel="C0GENERAL")
    assert accepted.text is not None and "https://lakeunion.example/book" in accepted.text
    shown = await fake.slash(bob, "/clinic", "show")
    assert shown.text is not None and "Lake Union" in shown.text and "112" in shown.text
    assert [c.body["user"] for c in fake.calls("users.info")].count(bob.id) == 1  # cached

    pain = await fake.slash(bob, "/pain", "9", channel="C0GENERAL")
    assert pain.text is not None and "https://lakeunion.example/book" in pain.text


# start-up ----------------------------------------------------------------------------
async def test_a_rejected_token_ends_with_one_line_and_exit_2(
    fake: FakeSlack, team: FakeTeam, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = slack_settings(settings, fake).model_copy(
        update={"slack_bot_token": SecretStr("xoxb-wrong")}
    )
    assert await serve(wrong, factory(wrong), install_signals=False) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "SLACK_BOT_TOKEN" in err[0] and "README" in err[0]

    bad_app = slack_settings(settings, fake).model_copy(
        update={"slack_app_token": SecretStr("xapp-wrong")}
    )
    assert await serve(bad_app, factory(bad_app), install_signals=False) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "SLACK_APP_TOKEN" in err[0] and "invalid_auth" in err[0]
    assert fake.socket.connects == 0


async def test_files_go_to_the_dm_and_a_slow_answer_follows_the_ack(
    world: SlackWorld, alice: FakeUser
) -> None:
    fake = world.fake
    await world.start(ack_after=0.0)  # as if the core were slow: ack first, answer later
    res = await fake.slash(alice, "/privacy", "export", channel="C0GENERAL")
    assert res.ack_payload is None  # a bare ack within the deadline
    post = await res.wait_for_response()
    assert post.response_type == "ephemeral" and "DM with Limber" in post.text
    upload = await world.next_dm(alice, lambda m: bool(m.files))
    assert upload.files[0]["name"].endswith(".json")
    progress = await fake.slash(alice, "/progress", channel="C0GENERAL")
    assert (await progress.wait_for_response()).text
