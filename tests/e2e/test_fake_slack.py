"""Proves the fake Slack against a tiny, real slack_bolt app (not Limber's).

The app runs unmodified: ``AsyncApp`` + ``AsyncSocketModeHandler`` (aiohttp) + slack_sdk's
``AsyncWebClient(base_url=fake.api_url)``. Everything reaches it over the fake's WebSocket and
everything it does goes over HTTP, so if these pass, the fake's payloads and answers are ones
an unmodified slack_bolt accepts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.fakes.slack_server import FakeSlack, FakeTeam, FakeUser, NoAck

PAIN_BLOCKS: list[dict[str, Any]] = [
    {"type": "section", "block_id": "q", "text": {"type": "mrkdwn", "text": "How is it now?"}},
    {
        "type": "actions",
        "block_id": "pain",
        "elements": [
            {
                "type": "button",
                "action_id": "pain:better",
                "text": {"type": "plain_text", "text": "Better"},
                "value": "better",
            },
            {
                "type": "static_select",
                "action_id": "pain:score",
                "placeholder": {"type": "plain_text", "text": "Score"},
                "options": [
                    {"text": {"type": "plain_text", "text": str(n)}, "value": str(n)}
                    for n in range(11)
                ],
            },
        ],
    },
]


class EchoApp:
    """A tiny bolt app: slash commands, a DM listener and button/select handlers."""

    def __init__(self, fake: FakeSlack, client: AsyncWebClient) -> None:
        self.fake = fake
        self.app = AsyncApp(client=client, name="echo")
        self.seen: list[dict[str, Any]] = []
        self.release_slow = asyncio.Event()
        self.opened_views: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        app = self.app

        @app.command("/echo")
        async def echo(ack: Any, command: dict[str, Any], respond: Any) -> None:
            await ack()
            self.seen.append(command)
            in_channel = command["channel_id"].startswith("C")
            await respond(
                f"echo: {command['text']}",
                response_type="in_channel" if in_channel else "ephemeral",
            )

        @app.command("/ackecho")
        async def ack_echo(ack: Any, command: dict[str, Any]) -> None:
            await ack(f"acked: {command['text']}")

        @app.command("/slow")
        async def slow(ack: Any) -> None:
            await self.release_slow.wait()
            await ack()

        @app.command("/modal")
        async def modal(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
            await ack()
            view = {
                "type": "modal",
                "callback_id": "note",
                "title": {"type": "plain_text", "text": "Note"},
                "blocks": [],
            }
            opened = await client.views_open(trigger_id=body["trigger_id"], view=view)
            await self.opened_views.put(opened["view"])

        @app.event("message")
        async def on_message(event: dict[str, Any], client: AsyncWebClient) -> None:
            self.seen.append(event)
            if event.get("channel_type") == "im":
                await client.chat_postMessage(
                    channel=event["channel"], text=f"you said: {event['text']}", blocks=PAIN_BLOCKS
                )

        @app.action("pain:better")
        async def better(
            ack: Any, body: dict[str, Any], action: dict[str, Any], respond: Any
        ) -> None:
            await ack()
            self.seen.append(body)
            await respond(text=f"noted: {action['value']}", replace_original=True)

        @app.action("pain:score")
        async def score(ack: Any, body: dict[str, Any], action: dict[str, Any], say: Any) -> None:
            await ack()
            self.seen.append(body)
            await say(f"score {action['selected_option']['value']}")


class BoltRunner:
    """Starts/stops real Socket Mode handlers and reaps their tasks, so nothing leaks."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.handlers: list[AsyncSocketModeHandler] = []

    async def start(self, app: AsyncApp, *, connect_timeout: float = 5.0) -> AsyncSocketModeHandler:
        handler = AsyncSocketModeHandler(app, self.fake.app_token)
        self.handlers.append(handler)
        before = self.fake.socket.connects
        async with asyncio.timeout(connect_timeout):
            await handler.connect_async()
        await self.fake.wait_connected(before + 1, timeout=connect_timeout)
        return handler

    async def stop_all(self) -> None:
        for handler in self.handlers:
            await handler.close_async()
            client = handler.client
            tasks = [client.message_processor, client.current_session_monitor]
            tasks.append(client.message_receiver)
            for task in tasks:
                if task is None:
                    continue
                with contextlib.suppress(asyncio.CancelledError):
                    async with asyncio.timeout(5):
                        await task
        self.handlers.clear()


class SlackLogErrors(logging.Handler):
    """Collects errors slack_bolt/slack_sdk only logged (a broken listener, a bad payload)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(f"{record.name}: {record.getMessage()}")


@pytest.fixture(autouse=True)
def slack_errors() -> Iterator[SlackLogErrors]:
    catcher = SlackLogErrors()
    loggers = [logging.getLogger("slack_bolt"), logging.getLogger("slack_sdk")]
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
    return fake.add_team("Clinic")


@pytest.fixture
def alice(fake: FakeSlack, team: FakeTeam) -> FakeUser:
    return fake.add_user(team, "alice", tz="America/New_York")


@pytest.fixture
async def runner(fake: FakeSlack) -> AsyncIterator[BoltRunner]:
    bolt = BoltRunner(fake)
    try:
        yield bolt
    finally:
        await bolt.stop_all()


@pytest.fixture
async def echo(fake: FakeSlack, team: FakeTeam, runner: BoltRunner) -> EchoApp:
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    app = EchoApp(fake, client)
    await runner.start(app.app)
    return app


# ---------------------------------------------------------------------- slash commands
async def test_slash_command_is_acked_in_time_and_respond_reaches_the_fake(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.slash(alice, "/echo", "add 9am weekdays")
    assert res.ack is not None and res.ack.latency < 3.0
    assert res.ack_payload is None  # bolt's bare ack()
    post = await res.wait_for_response(timeout=5)
    assert post.text == "echo: add 9am weekdays"
    assert post.response_type == "ephemeral" and not post.replace_original
    msg = await fake.wait_for_message(alice, lambda m: m.text.startswith("echo:"), timeout=5)
    assert msg.ephemeral_to == alice.id and msg.via == "response_url"
    assert msg.channel == fake.dm_channel(alice).id
    command = echo.seen[0]
    assert command["user_id"] == alice.id and command["channel_name"] == "directmessage"
    assert command["team_id"] == alice.team_id and command["api_app_id"] == fake.app_id
    # bolt looked the bot up once, with the bot token
    assert [r.token for r in fake.calls("auth.test")] == [fake.bot_token]


async def test_slash_in_a_channel_answers_in_channel(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.slash(alice, "/echo", "hello all", channel="C123")
    msg = await res.wait_for_message(timeout=5)
    assert msg.channel == "C123" and not msg.ephemeral and msg.text == "echo: hello all"
    assert res.responses[0].response_type == "in_channel"


async def test_ack_payload_is_returned_and_shown(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.slash(alice, "/ackecho", "pause")
    assert res.ack_payload == {"text": "acked: pause"}
    assert res.text == "acked: pause"
    assert [m.text for m in fake.dm_messages(alice)] == ["acked: pause"]


async def test_missing_ack_fails_and_a_late_ack_is_recorded(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    with pytest.raises(NoAck, match="/slow"):
        await fake.slash(alice, "/slow", timeout=0.3)
    res = next(r for r in fake.envelopes.values() if r.payload.get("command") == "/slow")
    echo.release_slow.set()
    await res.wait_until(lambda r: r.acked, timeout=5)
    assert res.ack is not None and res.ack.latency >= 0.3


async def test_views_open_with_the_commands_trigger(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.slash(alice, "/modal")
    async with asyncio.timeout(5):
        view = await echo.opened_views.get()
    assert view["callback_id"] == "note" and view["id"].startswith("V")
    assert fake.views == [view]
    assert fake.calls("views.open")[0].body["trigger_id"] == res.payload["trigger_id"]


async def test_response_url_allows_five_uses_and_expires(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.slash(alice, "/ackecho", "x")
    assert res.response_url is not None
    hook = AsyncWebhookClient(res.response_url)
    for n in range(5):
        sent = await hook.send(text=f"update {n}", response_type="in_channel")
        assert sent.status_code == 200
    sent = await hook.send(text="one too many")
    assert (sent.status_code, sent.body) == (404, "used_url")
    assert [p.text for p in res.responses] == [f"update {n}" for n in range(5)]
    assert all(not m.ephemeral for m in res.messages[1:])  # [0] is the ack's text

    later = await fake.slash(alice, "/ackecho", "y")
    fake.expire_response_url(later)
    assert later.response_url is not None
    sent = await AsyncWebhookClient(later.response_url).send(text="too late")
    assert (sent.status_code, sent.body) == (404, "expired_url")


# ---------------------------------------------------------------------- events and clicks
async def test_dm_message_reaches_the_listener_which_replies(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    res = await fake.dm_text(alice, "my back hurts 8/10")
    assert res.acked
    reply = await fake.wait_for_message(alice, lambda m: "8/10" in m.text, timeout=5)
    assert reply.text == "you said: my back hurts 8/10" and not reply.ephemeral
    assert reply.blocks[1]["block_id"] == "pain"
    event = echo.seen[0]
    assert event["channel_type"] == "im" and event["user"] == alice.id
    call = fake.calls("chat.postMessage")[0]
    assert call.body["channel"] == fake.dm_channel(alice).id
    assert call.content_type == "application/json"
    assert res.messages == [reply]


async def test_button_click_reaches_the_action_and_replaces_the_message(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    await fake.dm_text(alice, "ouch")
    msg = await fake.wait_for_message(alice, timeout=5)
    res = await fake.click(alice, msg, "pain:better")
    assert res.acked
    post = await res.wait_for_response(timeout=5)
    assert post.replace_original and post.text == "noted: better"
    edited = await fake.wait_for_message(alice, lambda m: m.edits > 0, timeout=5)
    assert edited is msg and msg.text == "noted: better"
    body = echo.seen[-1]
    assert body["type"] == "block_actions" and body["user"]["id"] == alice.id
    assert body["container"]["message_ts"] == msg.ts
    assert body["message"]["ts"] == msg.ts
    assert body["actions"][0]["block_id"] == "pain"


async def test_select_click_says_in_the_channel(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    await fake.dm_text(alice, "ouch")
    msg = await fake.wait_for_message(alice, timeout=5)
    res = await fake.click(alice, msg, "pain:score", "7")
    said = await res.wait_for_message(timeout=5)
    assert said.text == "score 7" and said.via == "web"
    with pytest.raises(LookupError):
        await fake.click(alice, msg, "pain:nope")


async def test_reconnect_on_disconnect_keeps_delivering(
    fake: FakeSlack, alice: FakeUser, echo: EchoApp
) -> None:
    await fake.request_reconnect(timeout=10)
    assert len(fake.calls("apps.connections.open")) == 2
    res = await fake.slash(alice, "/ackecho", "still here")
    assert res.text == "acked: still here"


# ---------------------------------------------------------------------- Web API
async def test_conversations_open_and_users_info(
    fake: FakeSlack, team: FakeTeam, alice: FakeUser
) -> None:
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    opened = await client.conversations_open(users=alice.id)
    assert opened["channel"]["id"] == fake.dm_channel(alice).id
    assert opened["channel"]["id"].startswith("D")
    with pytest.raises(SlackApiError) as err:
        await client.conversations_open(users="U0NOBODY")
    assert err.value.response["error"] == "user_not_found"
    bob = fake.add_user(team, "bob")
    fake.deactivate(bob)
    with pytest.raises(SlackApiError) as err:
        await client.conversations_open(users=bob.id)
    assert err.value.response["error"] == "user_not_found"
    with pytest.raises(SlackApiError) as err:
        await client.conversations_open(users=team.bot_user.id)
    assert err.value.response["error"] == "cannot_dm_bot"

    owner = fake.add_user(team, "olga", is_owner=True)
    info = await client.users_info(user=owner.id)
    assert info["user"]["is_admin"] and info["user"]["is_owner"]
    info = await client.users_info(user=alice.id)
    assert not info["user"]["is_admin"] and info["user"]["tz"] == "America/New_York"


async def test_tokens_are_checked(fake: FakeSlack, team: FakeTeam, alice: FakeUser) -> None:
    bad = AsyncWebClient(token="xoxb-not-the-token", base_url=fake.api_url)
    with pytest.raises(SlackApiError) as err:
        await bad.auth_test()
    assert err.value.response["error"] == "invalid_auth"
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    with pytest.raises(SlackApiError) as err:
        await client.apps_connections_open(app_token=fake.bot_token)
    assert err.value.response["error"] == "not_allowed_token_type"
    url = (await client.apps_connections_open(app_token=fake.app_token))["url"]
    assert url.startswith(fake.socket_url + "?ticket=")
    auth = await client.auth_test()
    assert auth["team_id"] == team.id and auth["bot_id"] == team.bot_user.bot_id


async def test_post_update_ephemeral_and_injected_errors(
    fake: FakeSlack, team: FakeTeam, alice: FakeUser
) -> None:
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    posted = await client.chat_postMessage(channel=alice.id, text="hold 30 s")
    assert posted["channel"] == fake.dm_channel(alice).id
    await client.chat_update(channel=posted["channel"], ts=posted["ts"], text="done")
    assert fake.dm_messages(alice)[0].text == "done"
    general = fake.add_channel(team, "general")
    eph = await client.chat_postEphemeral(channel=general.id, user=alice.id, text="psst")
    assert fake.messages[(general.id, eph["message_ts"])].ephemeral_to == alice.id
    quiet = fake.add_channel(team, "quiet", bot_member=False)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=quiet.id, text="hi")
    assert err.value.response["error"] == "not_in_channel"

    fake.fail_next("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=alice.id, text="lost")
    assert err.value.response["error"] == "channel_not_found"
    await client.chat_postMessage(channel=alice.id, text="next one works")


async def test_files_upload_v2_lands_in_the_dm(fake: FakeSlack, alice: FakeUser) -> None:
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    dm = fake.dm_channel(alice)
    done = await client.files_upload_v2(
        channel=dm.id, content=b"\x89PNG fake", filename="chart.png", initial_comment="your week"
    )
    assert done["file"]["name"] == "chart.png" and done["file"]["size"] == 9
    msg = await fake.wait_for_message(alice, timeout=5)
    assert msg.text == "your week" and msg.files[0]["id"] == done["file"]["id"]


async def test_rate_limit_is_retried_after_retry_after(fake: FakeSlack, alice: FakeUser) -> None:
    plain = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    fake.rate_limit_next("chat.postMessage", retry_after=1)
    with pytest.raises(SlackApiError) as err:
        await plain.chat_postMessage(channel=alice.id, text="too fast")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "1"

    client = AsyncWebClient(
        token=fake.bot_token,
        base_url=fake.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.rate_limit_next("chat.postMessage", retry_after=1)
    started = time.monotonic()
    async with asyncio.timeout(5):
        posted = await client.chat_postMessage(channel=alice.id, text="eventually")
    assert posted["ok"] and time.monotonic() - started >= 1.0
    statuses = [r.status for r in fake.calls("chat.postMessage")]
    assert statuses == [429, 429, 200]
