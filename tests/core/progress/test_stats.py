"""`/clinic stats`: admins only, aggregate numbers only, hidden below five members."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import NewDelivery, Scope, UserRef
from tests.conftest import Conversation, text_of

pytestmark = pytest.mark.both_backends

CLINIC = "terminal:local"


async def member(
    app: Limber, clock: ManualClock, name: str, *, sessions: int = 1, pain: int | None = None
) -> int:
    """A member of this server with completed sessions (this week) and maybe a pain score."""
    now = clock.now()
    user = await app.store.users.ensure(UserRef("terminal", name, name.title()), now, CLINIC)
    for n in range(sessions):
        at = now - timedelta(minutes=30 * (n + 1))
        sid = await app.store.sessions.create(user.id, "low-back-starter", "command", at)
        await app.store.sessions.save(sid, "completed", 21, None, None, at + timedelta(minutes=10))
    if pain is not None:
        await app.store.users.set_pain_consent(user.id, True, now)
        await app.store.users.add_pain(user.id, pain, "report", now)
    return user.id


async def planned(app: Limber, clock: ManualClock, user_id: int, count: int) -> None:
    """`count` reminder occurrences already delivered this week (Monday 08:00 UTC clock)."""
    at = clock.now() - timedelta(minutes=5)
    await app.store.reminders.record(
        [NewDelivery(f"{user_id}:{n}", None, user_id, None, at, "sent") for n in range(count)],
        at,
    )


@pytest.mark.parametrize("active", [0, 1, 4])
async def test_stats_stay_hidden_below_five_active_members(
    app: Limber, talk: Conversation, clock: ManualClock, active: int
) -> None:
    for n in range(active):
        await member(app, clock, f"m{n}", pain=9)
    for n in range(3):  # members without a session in 30 days do not count
        await app.store.users.ensure(UserRef("terminal", f"idle{n}"), clock.now(), CLINIC)
    text = text_of(await talk.say("/clinic stats"))
    assert "Not enough members yet" in text
    assert "Active members" not in text and "Sessions" not in text  # not even a count


async def test_stats_show_aggregates_from_five_members_and_never_pain(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    for n in range(5):
        uid = await member(app, clock, f"m{n}", sessions=1 + n % 2, pain=8)
        await planned(app, clock, uid, 2)
    other = await app.store.users.ensure(UserRef("discord", "x"), clock.now(), "discord:999")
    sid = await app.store.sessions.create(other.id, "low-back-starter", "command", clock.now())
    await app.store.sessions.save(sid, "completed", 21, None, None, clock.now())

    text = text_of(await talk.say("/clinic stats"))
    assert "Active members (a session in the last 30 days): 5" in text
    assert "Sessions completed this week: 7" in text  # 1+2+1+2+1; the other server's not
    assert "Average adherence to reminders this week: 70% (5 members" in text
    assert "pain" not in text.lower().replace("including pain scores, is never shown", "")


async def test_average_adherence_needs_five_members_with_reminders(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    for n in range(5):
        uid = await member(app, clock, f"m{n}")
        if n < 4:
            await planned(app, clock, uid, 1)
    text = text_of(await talk.say("/clinic stats"))
    assert "Sessions completed this week: 5" in text
    assert "Average adherence: shown once at least 5" in text


async def test_clinic_stats_is_for_admins_and_servers_only(app: Limber, chat: object) -> None:
    member_scope = Scope("terminal", "local", is_admin=False)
    ref = UserRef("terminal", "carol", "Carol")
    assert "is for admins of this group" in text_of(
        await app.command_line(ref, member_scope, "/clinic stats")
    )
    dm = Scope("terminal", None, is_admin=True)
    assert "inside your server" in text_of(await app.command_line(ref, dm, "/clinic stats"))
