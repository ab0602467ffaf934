"""The Discord side of scaling out, over real sockets against the fake Discord: the DM
channel opened at the first interaction (a burst then costs one request per reminder),
a global 429 honoured, and two sharded bots splitting the servers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.adapters.discord.client import PLATFORM, make_bot
from bot.cli import factory
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import UserRef
from tests.e2e.conftest import BotHarness
from tests.e2e.limber_harness import World, text_of
from tests.fakes.discord_models import FakeUser
from tests.fakes.discord_server import FakeDiscord, FakeGuild


@pytest.fixture
def world(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> World:
    return World(fake_discord, bots, settings, clock)


@pytest.fixture
def guild(fake_discord: FakeDiscord) -> FakeGuild:
    return fake_discord.add_guild("Clinic")


async def wait_for(check: Callable[[], bool]) -> None:
    """Poll a condition on the fake (its state changes from the bot's requests)."""
    async with asyncio.timeout(5.0):
        for _ in range(500):  # the fake has no event for every request it answers
            if check():
                return
            await asyncio.sleep(0.01)


CREATE_DM = "POST /users/@me/channels"
POST_MESSAGE = "POST /channels/{channel_id}/messages"


async def test_the_dm_channel_is_opened_at_the_first_interaction_not_in_the_burst(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    people = [fake.add_user(f"user{i}") for i in range(3)]
    bot = await world.start()
    for person in people:
        await world.prescreen(bot, person)
        added = await fake.slash(person, guild, "reminders add", {"time": "08:05"})
        assert "added" in text_of(added)
    await wait_for(lambda: len(fake.calls(CREATE_DM)) == len(people))
    app = world.app(bot)
    for person in people:
        user = await app.store.users.by_ref(UserRef(PLATFORM, str(person.id)))
        assert user is not None and user.dm_channel_id == str(fake.dm_channel(person).id)

    await world.advance_until(lambda: all(fake.dm_messages(p) for p in people))
    assert len(fake.calls(CREATE_DM)) == len(people), "the burst opened no DM channel"
    assert all(len(fake.dm_messages(p)) == 1 for p in people)


async def test_a_global_429_is_honoured_and_the_reminder_still_arrives_once(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    await fake.slash(alice, guild, "reminders add", {"time": "08:05"})
    await wait_for(lambda: len(fake.calls(CREATE_DM)) == 1)
    fake.rate_limit_next(POST_MESSAGE, retry_after=0.4, is_global=True)

    await world.advance_until(lambda: bool(fake.dm_messages(alice)))
    # (The manual clock may run on to later days while the retry waits in real time:
    # look at the first occurrence only.)
    first = fake.calls(POST_MESSAGE)[0].json["nonce"]
    posts = [r for r in fake.calls(POST_MESSAGE) if r.json["nonce"] == first]
    assert [r.status for r in posts] == [429, 200]
    assert posts[1].at - posts[0].at >= 0.35, "retried only after retry_after"
    assert len({m.nonce for m in fake.dm_messages(alice)}) == len(fake.dm_messages(alice))


async def test_the_fake_enforces_the_global_limit_per_second(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.global_rate_limit = 3
    assert [fake.over_global_limit(100.1 + i / 10) for i in range(3)] == [None] * 3
    assert fake.over_global_limit(100.5) == pytest.approx(0.5)
    assert fake.over_global_limit(101.0) is None
    assert fake.per_second == {100: 3, 101: 1} and fake.rejected_global == 1


async def test_two_sharded_processes_split_the_servers(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> None:
    fake = fake_discord
    first = fake.guild_on_shard("Shard zero", 0, 2)
    second = fake.guild_on_shard("Shard one", 1, 2)
    alice = fake.add_user("alice")
    started = []
    for shard in (0, 1):
        sharded = settings.model_copy(update={"shard_count": 2, "shard_ids": [shard]})
        bot = make_bot(sharded, factory(sharded), clock=clock, guild_ready_timeout=0.05)
        started.append(await bots.start(bot))
    assert [sorted(g.id for g in b.guilds) for b in started] == [[first.id], [second.id]]
    for guild in (first, second):
        reply = await fake.slash(alice, guild, "help")
        assert "Limber help" in text_of(reply)
    assert len(fake.gateway.sessions) == 2


async def test_a_session_started_mid_burst_gets_its_first_step_before_the_burst_ends(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> None:
    """The reminders wait in the bulk lane; the session step goes in the interactive one:
    at 5 requests/s, 30 reminders take 6 s, and the step overtakes most of them."""
    fake, n = fake_discord, 30
    guild = fake.add_guild("Clinic")
    slow = settings.model_copy(update={"discord_rate_limit": 5})
    world = World(fake, bots, slow, clock)
    people = [fake.add_user(f"user{i}") for i in range(n)]
    alice = fake.add_user("alice")
    bot = await world.start()
    app = world.app(bot)
    now = clock.now()
    due = now.replace(hour=8, minute=5)
    for person in people:
        user = await app.store.users.ensure(UserRef(PLATFORM, str(person.id)), now)
        await app.store.users.set_dm_channel(user.id, str(fake.dm_channel(person).id))
        await app.store.reminders.add(
            user.id,
            frozenset(range(7)),
            (due.time(),),
            None,
            due,
            due.strftime("%Y-%m-%dT%H:%M"),
            now,
            20,
        )
    await world.prescreen(bot, alice)
    app.dispatcher.notify(due)

    await world.advance_until(lambda: any(fake.dm_messages(p) for p in people))
    await fake.slash(alice, guild, "stretch start")
    step = await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"), timeout=10)
    await wait_for_all(fake, people)
    reminders = sorted(m.id for p in people for m in fake.dm_messages(p))
    after_step = [m for m in reminders if m > step.id]
    assert len(after_step) >= n // 2, f"the step overtook only {len(after_step)} reminders"


async def wait_for_all(fake: FakeDiscord, people: list[FakeUser]) -> None:
    async with asyncio.timeout(20):
        while not all(fake.dm_messages(p) for p in people):
            fake._changed.clear()
            await fake._changed.wait()
