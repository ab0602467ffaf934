"""Proves the fake Discord against a small, real discord.py bot (not Limber's).

Each test drives the bot only through the network, as Discord would: if these pass, the fake's
payloads and response formats are ones an unmodified discord.py 2.7 accepts.
"""

from __future__ import annotations

import asyncio
import io

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.e2e.conftest import BotHarness
from tests.fakes.discord_commands import CommandError
from tests.fakes.discord_models import iter_components
from tests.fakes.discord_server import FakeDiscord, FakeGuild

ZONES = ["Europe/Berlin", "Europe/Bern", "America/New_York", "Asia/Tokyo"]


class CheckinView(discord.ui.View):
    """A persistent view: custom_ids are stable so clicks work across bot restarts."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Done", custom_id="checkin:done", style=discord.ButtonStyle.success)
    async def done(
        self, interaction: discord.Interaction, button: discord.ui.Button[CheckinView]
    ) -> None:
        await interaction.response.send_message(
            f"logged for {interaction.user.name}", ephemeral=True
        )

    @discord.ui.button(label="Snooze", custom_id="checkin:snooze")
    async def snooze(
        self, interaction: discord.Interaction, button: discord.ui.Button[CheckinView]
    ) -> None:
        await interaction.response.edit_message(content="Snoozed for 10 minutes", view=None)


class NoteModal(discord.ui.Modal, title="Note"):
    text: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(label="How do you feel?")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"saved: {self.text.value}", ephemeral=True)


class MiniBot(commands.Bot):
    """Tiny bot exercising guild/global sync, groups, autocomplete, defer, files, DMs."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.1,
        )
        self.guild_obj = discord.Object(guild_id)
        self.dm_texts: list[discord.Message] = []
        self.guild_texts: list[discord.Message] = []
        self.guild_text_seen = asyncio.Event()
        self._build_commands()

    def _build_commands(self) -> None:
        reminders = app_commands.Group(name="reminders", description="Manage reminders")
        daily = app_commands.Group(name="daily", description="Daily reminders", parent=reminders)

        @daily.command(name="add", description="Add a daily reminder")
        async def add(
            interaction: discord.Interaction,
            time: str,
            count: app_commands.Range[int, 1, 5] = 1,
        ) -> None:
            await interaction.response.send_message(f"added {time} x{count}", ephemeral=True)

        timezone = app_commands.Group(name="timezone", description="Time zone")

        @timezone.command(name="set", description="Set your time zone")
        async def tz_set(interaction: discord.Interaction, zone: str) -> None:
            await interaction.response.send_message(f"zone={zone}", ephemeral=True)

        @tz_set.autocomplete("zone")
        async def tz_complete(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [
                app_commands.Choice(name=z, value=z) for z in ZONES if current.lower() in z.lower()
            ]

        @app_commands.command(name="report", description="Weekly report, as a file")
        async def report(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(
                "your week",
                embed=discord.Embed(title="Week 1", description="3 sessions"),
                file=discord.File(io.BytesIO(b"day,pain\nmon,4\n"), filename="week.csv"),
            )
            await interaction.edit_original_response(content="your week (final)")
            tip = await interaction.followup.send("tip", ephemeral=True, wait=True)
            await tip.edit(content="tip: keep moving")

        @app_commands.command(name="checkin", description="Post a check-in")
        async def checkin(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("How is your back?", view=CheckinView())

        @app_commands.command(name="note", description="Write a note")
        async def note(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(NoteModal())

        self.tree.add_command(reminders, guild=self.guild_obj)
        self.tree.add_command(note, guild=self.guild_obj)
        self.tree.add_command(timezone, guild=self.guild_obj)
        self.tree.add_command(report)
        self.tree.add_command(checkin)

    async def setup_hook(self) -> None:
        self.add_view(CheckinView())
        await self.tree.sync(guild=self.guild_obj)
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        if message.guild is not None:
            self.guild_texts.append(message)
            self.guild_text_seen.set()
            return
        self.dm_texts.append(message)
        await message.channel.send(f"noted: {message.content}")


@pytest.fixture
def guild(fake_discord: FakeDiscord) -> FakeGuild:
    return fake_discord.add_guild(name="Clinic")


async def test_login_ready_and_command_sync(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    bot = await bots.start(MiniBot(guild.id))
    await fake_discord.wait_until_ready()
    assert bot.user is not None and bot.user.id == fake_discord.bot_user.id
    assert [g.name for g in bot.guilds] == ["Clinic"]
    guild_cmds = {c["name"] for c in fake_discord.commands.get(guild.id)}
    assert guild_cmds == {"reminders", "timezone", "note"}
    assert {c["name"] for c in fake_discord.commands.get(None)} == {"report", "checkin"}
    fetched = await bot.tree.fetch_commands(guild=bot.guild_obj)  # GET round trip
    assert {c.name for c in fetched} == guild_cmds
    assert all(c.guild_id == guild.id for c in fetched)
    assert not fake_discord.unhandled


async def test_guild_slash_subcommand_group_ephemeral(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    await bots.start(MiniBot(guild.id))
    res = await fake_discord.slash(alice, guild, "reminders daily add", {"time": "9am", "count": 2})
    assert res.response_type == 4
    assert res.ephemeral and res.flags & 64
    assert res.content == "added 9am x2"
    with pytest.raises(CommandError):  # the Discord client enforces Range[1, 5]
        await fake_discord.slash(alice, guild, "reminders daily add", {"time": "9", "count": 9})
    with pytest.raises(CommandError):  # guild-only command is not offered in DMs
        await fake_discord.slash(alice, None, "reminders daily add", {"time": "9am"})


async def test_autocomplete_returns_choices(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    await bots.start(MiniBot(guild.id))
    choices = await fake_discord.autocomplete(alice, guild, "timezone set", "zone", "ber")
    assert [c["value"] for c in choices] == ["Europe/Berlin", "Europe/Bern"]


async def test_dm_slash_defer_followup_file_and_edit(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    await bots.start(MiniBot(guild.id))
    res = await fake_discord.slash(alice, None, "report")
    assert res.response_type == 5
    await res.wait_until(lambda r: r.message is not None and r.message.content.endswith("(final)"))
    assert res.message is not None and not res.message.loading and not res.ephemeral
    assert res.followups and res.followups[0] is res.message  # follow-up replaced "thinking"
    assert res.embeds[0]["title"] == "Week 1"
    [att] = res.message.attachments
    assert (att.filename, att.data) == ("week.csv", b"day,pain\nmon,4\n")
    assert res.message in fake_discord.dm_messages(alice)
    tip = await res.wait_until(lambda r: len(r.followups) == 2 and r.followups[1].edits == 1)
    assert tip.followups[1].content == "tip: keep moving" and tip.followups[1].ephemeral
    assert fake_discord.calls("PATCH /webhooks/{app}/{token}/messages/{id}")


async def test_persistent_button_works_across_bot_restart(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    first = await bots.start(MiniBot(guild.id))
    user = await first.fetch_user(alice.id)
    await user.send("Time for your stretch", view=CheckinView())
    [message] = fake_discord.dm_messages(alice)
    assert message.custom_ids() == ["checkin:done", "checkin:snooze"]

    clicked = await fake_discord.click(alice, message, "checkin:done")
    assert clicked.ephemeral and clicked.content == "logged for alice"

    await bots.stop(first)
    await bots.start(MiniBot(guild.id))  # a new process: only bot.add_view() knows the view
    clicked = await fake_discord.click(alice, message, "checkin:done")
    assert clicked.content == "logged for alice"

    snoozed = await fake_discord.click(alice, message, "checkin:snooze")
    assert snoozed.response_type == 7 and snoozed.message is message
    assert message.content == "Snoozed for 10 minutes" and message.components == []
    with pytest.raises(CommandError):  # the buttons are gone now
        await fake_discord.click(alice, message, "checkin:done")


async def test_guild_message_with_view_and_modal(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    await bots.start(MiniBot(guild.id))
    posted = await fake_discord.slash(alice, guild, "checkin")
    assert posted.message is not None and not posted.ephemeral
    assert posted.message.guild_id == guild.id
    clicked = await fake_discord.click(alice, posted.message, "checkin:done")
    assert clicked.content == "logged for alice"

    opened = await fake_discord.slash(alice, guild, "note")
    assert opened.response_type == 9 and opened.modal is not None
    [input_id] = [
        c["custom_id"] for c in iter_components(opened.modal["components"]) if "custom_id" in c
    ]
    saved = await fake_discord.submit_modal(alice, opened, {input_id: "stiff but ok"})
    assert saved.content == "saved: stiff but ok" and saved.ephemeral


async def test_guild_text_content_needs_intent_or_mention(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    assert isinstance(bot, MiniBot)
    await fake_discord.channel_text(alice, guild.text_channel, "hello all")
    mention = f"<@{fake_discord.bot_user.id}> hi"
    await fake_discord.channel_text(alice, guild.text_channel, mention)
    async with asyncio.timeout(5):
        while len(bot.guild_texts) < 2:
            bot.guild_text_seen.clear()
            await bot.guild_text_seen.wait()
    assert [m.content for m in bot.guild_texts] == ["", mention]


async def test_message_edit_sub_limit_is_retried(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    fake_discord.edit_rate_limit = (2, 0.2)
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    msg = await (await bot.fetch_user(alice.id)).send("hold 30s")
    for left in (20, 10, 0):
        msg = await msg.edit(content=f"hold {left}s")
    assert fake_discord.dm_messages(alice)[0].content == "hold 0s"
    statuses = [r.status for r in fake_discord.calls("PATCH /channels/*/messages/*")]
    assert statuses == [200, 200, 429, 200]


async def test_dm_send_with_nonce_is_idempotent(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    user = await bot.fetch_user(alice.id)
    first = await user.send(
        "Time to stretch", nonce="rem-42", allowed_mentions=discord.AllowedMentions.none()
    )
    again = await user.send("Time to stretch", nonce="rem-42")
    assert first.id == again.id
    assert [m.content for m in fake_discord.dm_messages(alice)] == ["Time to stretch"]
    posts = fake_discord.calls("POST /channels/{channel_id}/messages")
    assert [(p.json["nonce"], p.json["enforce_nonce"]) for p in posts] == [("rem-42", True)] * 2
    assert fake_discord.dm_messages(alice)[0].allowed_mentions == {"parse": []}


async def test_closed_dms_raise_forbidden_50007(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    fake_discord.close_dms(alice)
    user = await bot.fetch_user(alice.id)
    with pytest.raises(discord.Forbidden) as err:
        await user.send("hello?")
    assert err.value.code == 50007
    assert fake_discord.dm_messages(alice) == []
    assert fake_discord.invalid_request_count == 1


async def test_429_with_via_header_is_retried(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    user = await bot.fetch_user(alice.id)
    fake_discord.rate_limit_next("POST /channels/{channel_id}/messages", retry_after=0.05)
    sent = await user.send("after a pause", file=discord.File(io.BytesIO(b"abc"), "a.txt"))
    [stored] = fake_discord.dm_messages(alice)
    assert stored.id == sent.id
    assert stored.attachments[0].data == b"abc"  # multipart re-sent intact on retry
    assert await sent.attachments[0].read() == b"abc"  # served by the fake's CDN route
    statuses = [r.status for r in fake_discord.calls("POST /channels/*/messages")]
    assert statuses == [429, 200]


async def test_user_dm_text_reaches_on_message(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    bot = await bots.start(MiniBot(guild.id))
    assert isinstance(bot, MiniBot)
    await fake_discord.dm_text(alice, "my back hurts 8/10")
    reply = await fake_discord.wait_for_message(lambda m: m.content.startswith("noted:"))
    assert reply.content == "noted: my back hurts 8/10"
    assert [m.content for m in bot.dm_texts] == ["my back hurts 8/10"]
    assert bot.dm_texts[0].author.id == alice.id


async def test_rejected_token_raises_login_failure(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    fake_discord.reject_token()
    with pytest.raises(discord.LoginFailure):
        await bots.start(MiniBot(guild.id))
    assert fake_discord.requests[-1].status == 401


async def test_gateway_reconnect_resumes_session(
    fake_discord: FakeDiscord, bots: BotHarness, guild: FakeGuild
) -> None:
    alice = fake_discord.add_user("alice")
    await bots.start(MiniBot(guild.id))
    await fake_discord.reconnect_all()
    await fake_discord.wait_for_resumes(1)
    assert fake_discord.gateway.identifies == 1
    res = await fake_discord.slash(alice, guild, "reminders daily add", {"time": "7pm"})
    assert res.content == "added 7pm x1"
