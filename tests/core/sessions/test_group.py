"""Group stretch-alongs through the app's doors: join, one edit per step, private It hurts,
progress for every joiner, recurring ones exactly once per occurrence (ManualClock)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import Scope, UserRef
from tests.conftest import Conversation, text_of
from tests.fakes.chat import RecordingChat

SERVER = Scope("discord", "g1", channel_id="c-stretch")
ADMIN = Scope("discord", "g1", is_admin=True, channel_id="c-stretch")


def person(app: Limber, chat: RecordingChat, name: str, scope: Scope = SERVER) -> Conversation:
    return Conversation(app, chat, UserRef("discord", name, name.title()), scope)


async def press(talk: Conversation, label: str, message_index: int = -1) -> str:
    target = talk.chat.posted[message_index].message
    return text_of(await talk.press(label, target))


async def test_a_group_session_runs_in_the_channel_with_one_edit_per_step(
    app: Limber, chat: RecordingChat, clock: ManualClock
) -> None:
    alice, bob = person(app, chat, "alice"), person(app, chat, "bob")
    await alice.screened()
    await bob.screened()
    posted = await alice.say("/stretch group stretch-break 10m")
    assert "Posted: **Stretch break**" in text_of(posted)
    [announcement] = chat.posted
    assert announcement.channel_id == "c-stretch"
    assert [a.label for a in announcement.message.actions] == ["Join", "Leave"]
    timer = announcement.message.timer
    assert (
        timer is not None and timer.starts and timer.ends_at == clock.now() + timedelta(minutes=10)
    )
    assert "0 people joined" in announcement.message.text

    assert "You're in" in await press(alice, "Join", 0)
    assert "You're in" in await press(bob, "Join", 0)
    assert "You're in already" in await press(bob, "Join", 0)
    assert "2 people joined" in chat.posted_edits[-1][2].text  # the count, never a name
    assert all("Alice" not in m.text and "Bob" not in m.text for _, _, m in chat.posted_edits)

    chat.posted_edits.clear()
    await clock.advance(600)  # the start
    assert len(chat.posted) == 2  # the session message, posted once
    session = chat.posted[1]
    assert session.message.title and "Step 1/" in session.message.title
    assert "2 people stretching" in session.message.text
    assert [a.label for a in session.message.actions] == ["It hurts", "Leave", "Join"]
    edits_at_start = len(chat.posted_edits)  # the announcement says it started
    await clock.run_until_idle()
    steps = [m for _, mid, m in chat.posted_edits if mid == session.message_id]
    total = len(app.coach.timeline(app.library.routines["stretch-break"]))
    assert len(steps) == total - 1  # one edit per later step, none per second
    assert edits_at_start == 1
    holds = [m for m in steps if m.timer is not None and m.timer.label == "Hold"]
    assert holds and all(m.timer and m.timer.seconds == 30 for m in holds)
    assert any(m.attachment is not None for m in [session.message, *steps])  # the animation
    assert "2 people finished together" in steps[-1].text and not steps[-1].actions
    # each joiner has the session in their own /progress
    for talk in (alice, bob):
        user = await app.store.users.ensure(talk.ref, clock.now())
        sessions = await app.store.sessions.for_user(user.id)
        assert [(s.origin, s.status) for s in sessions] == [("group", "completed")]
        assert await app.store.progress.completed_sessions(user.id)


async def test_it_hurts_answers_only_that_person_through_triage(
    app: Limber, chat: RecordingChat, clock: ManualClock
) -> None:
    alice, bob = person(app, chat, "alice"), person(app, chat, "bob")
    await alice.screened()
    await bob.screened()
    await alice.say("/stretch group stretch-break now")
    await alice.press("Join", chat.posted[0].message)
    await bob.press("Join", chat.posted[0].message)
    await clock.advance(60)
    session = chat.posted[1].message
    pushed_before = len(chat.sent)
    hurt = await bob.press("It hurts", session)
    assert hurt.private  # the adapter shows it to Bob only
    assert "taken you out of the group" in text_of(hurt)
    question = hurt.messages[-1]
    assert [a.label for a in question.actions] == [str(n) for n in range(11)]
    answer = await bob.press("8", question)
    assert answer.private and "Free Consultation" in text_of(answer)
    assert "https://clinic.example/book" in text_of(answer)
    assert len(chat.sent) == pushed_before  # nothing pushed to anyone else
    await clock.run_until_idle()
    final = chat.posted_edits[-1][2]
    assert "1 person finished together" in final.text
    assert "Bob" not in final.text and "pain" not in final.text.lower()
    bob_user = await app.store.users.ensure(bob.ref, clock.now())
    assert await app.store.sessions.for_user(bob_user.id) == []  # not counted for Bob


async def test_severe_free_text_takes_a_person_out_of_the_group(
    app: Limber, chat: RecordingChat, clock: ManualClock
) -> None:
    alice = person(app, chat, "alice")
    await alice.screened()
    await alice.say("/stretch group stretch-break now")
    await alice.press("Join", chat.posted[0].message)
    reply = await alice.say("my back pain is unbearable, 9/10")
    assert "taken you out of the group" in text_of(reply)
    group = await app.store.groups.get(1)
    assert group is not None and await app.store.groups.count(group.id) == 0


async def test_leave_and_an_unscreened_join_are_answered_privately(
    app: Limber, chat: RecordingChat, clock: ManualClock
) -> None:
    alice, carol = person(app, chat, "alice"), person(app, chat, "carol")
    await alice.screened()
    await alice.say("/stretch group")
    assert "safety questions" in await press(carol, "Join", 0)
    assert "You're in" in await press(alice, "Join", 0)
    assert "left the group" in await press(alice, "Leave", 0)
    await clock.advance(300)
    assert "Nobody joined" in chat.posted_edits[-1][2].text  # nobody in: not run


async def test_group_commands_need_a_channel_and_read_times(
    app: Limber, chat: RecordingChat, talk: Conversation
) -> None:
    dm = person(app, chat, "dora", Scope("discord"))
    assert "server channel" in text_of(await dm.say("/stretch group"))
    alice = person(app, chat, "alice")
    assert "can't read `soonish`" in text_of(
        await alice.say("/stretch group stretch-break soonish")
    )
    assert "Posted" in text_of(await alice.say("/stretch group 15:00"))


async def test_a_recurring_group_session_fires_once_per_occurrence(
    app: Limber, chat: RecordingChat, clock: ManualClock
) -> None:
    # 2026-03-02 is a Monday; the clock starts at 08:00 UTC.
    boss = person(app, chat, "boss", ADMIN)
    member = person(app, chat, "alice")
    assert "is for" in text_of(await member.say("/group add 09:00 weekdays"))
    zone = await boss.say("/clinic timezone Europe/Berlin")
    assert "Europe/Berlin" in text_of(zone)
    added = await boss.say("/group add 10:00 weekdays stretch-break")
    assert "Recurring stretch-along 1 added" in text_of(added)
    assert "(Europe/Berlin)" in text_of(added)
    assert "1:" in text_of(await member.say("/group list"))

    # 10:00 in Berlin is 09:00 UTC: announced LEAD (10 min) before, at 08:50 UTC
    await clock.advance((timedelta(minutes=50) - timedelta(seconds=1)).total_seconds())
    assert chat.posted == []
    await clock.advance(1)
    assert len(chat.posted) == 1
    # a second pass (a restart, a notify) never announces the same occurrence again
    assert await app.group_schedules.run_due() == 0
    app.group_schedules.notify()
    await clock.advance(5)
    assert len(chat.posted) == 1
    group = await app.store.groups.get(1)
    assert group is not None and group.occurrence_key == "g1:2026-03-02T10:00"
    # the next one is Tuesday's
    [schedule] = await app.store.groups.schedules("discord:g1")
    assert schedule.next_slot == "2026-03-03T10:00"
    await clock.advance(24 * 3600)
    keys = [
        (await app.store.groups.get(i)).occurrence_key  # type: ignore[union-attr]
        for i in (1, 2)
    ]
    assert keys == ["g1:2026-03-02T10:00", "g1:2026-03-03T10:00"]
    assert "removed" in text_of(await boss.say("/group remove 1"))
