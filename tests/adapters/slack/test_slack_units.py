"""The Slack adapter's pure parts: Block Kit rendering, error mapping, manifest, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.adapters.slack.blocks import mrkdwn, render, render_reply, split_text, unescape
from bot.adapters.slack.manifest import BOT_SCOPES, build_manifest, manifest_yaml
from bot.adapters.slack.slack_chat import delivery_error
from bot.config import ConfigError, load_settings
from bot.core.features import build_registry
from bot.core.messages import Action, ActionStyle, Attachment, Kind, Message, Reply, Timer
from bot.core.ports import PermanentDeliveryError, RecipientUnreachable, TransientDeliveryError

ROOT = Path(__file__).resolve().parents[3]


# rendering -----------------------------------------------------------------------------
def test_markdown_becomes_escaped_mrkdwn() -> None:
    assert mrkdwn("**Step 1** of <2> & more") == "*Step 1* of &lt;2&gt; &amp; more"
    assert mrkdwn("see [the clinic](https://x.example/a?b=1&c=2)") == (
        "see <https://x.example/a?b=1&amp;c=2|the clinic>"
    )
    assert mrkdwn("**two\nlines**") == "*two*\n*lines*"
    assert mrkdwn("<!channel> hi") == "&lt;!channel&gt; hi"
    assert unescape("a &lt;b&gt; &amp;") == "a <b> &"


def test_a_step_with_a_timer_and_buttons() -> None:
    ends = datetime(2026, 3, 2, 8, 0, 30, tzinfo=UTC)
    message = Message(
        "Hold the stretch.",
        actions=(
            Action("limber:session:1:0:pause", "Pause", ActionStyle.PRIMARY),
            Action("limber:session:1:0:hurt", "It hurts", ActionStyle.DANGER),
            Action("limber:session:1:0:next", "Next"),
        ),
        timer=Timer(ends, 30, "Hold"),
        kind=Kind.STEP,
        title="Step 2/9 · Clam",
    )
    out = render(message)
    section, actions = out.blocks
    text = section["text"]["text"]
    assert text.startswith("*Step 2/9 · Clam*\nHold the stretch.")
    stamp = int(ends.timestamp())
    assert f"<!date^{stamp}^{{time_secs}}|08:00:30 UTC>" in text
    buttons = actions["elements"]
    assert [b["action_id"] for b in buttons] == [a.id for a in message.actions]
    assert [b.get("style") for b in buttons] == ["primary", "danger", None]
    assert out.text == text


def test_long_text_is_split_into_sections_and_urgent_is_marked() -> None:
    long = "\n\n".join(["word " * 200] * 5)
    out = render(Message(long, kind=Kind.URGENT))
    assert len(out.blocks) > 1
    assert all(len(b["text"]["text"]) <= 3000 for b in out.blocks)
    assert out.blocks[0]["text"]["text"].startswith("🚨 ")
    assert split_text("a b c", 3) == ["a b", "c"]


def test_a_reply_is_one_message_with_unique_action_ids_and_files_aside() -> None:
    same = Action("limber:x:1", "Go")
    chart = Attachment("chart.png", b"png", "image/png")
    reply = Reply([Message("one", actions=(same,)), Message("two", (same,), attachment=chart)])
    out = render_reply(reply)
    ids = [e["action_id"] for b in out.blocks if b["type"] == "actions" for e in b["elements"]]
    assert ids == ["limber:x:1"]
    assert out.attachments == (chart,)
    assert out.text == "one\n\ntwo"


# errors --------------------------------------------------------------------------------
def api_error(error: str, status: int = 200, headers: dict[str, Any] | None = None) -> Exception:
    response = AsyncSlackResponse(
        client=AsyncWebClient(),
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError(error, response)


@pytest.mark.parametrize(
    "error",
    ["user_not_found", "channel_not_found", "not_in_channel", "account_inactive", "cannot_dm_bot"],
)
def test_unreachable_people(error: str) -> None:
    assert isinstance(delivery_error(api_error(error)), RecipientUnreachable)


def test_rate_limits_and_server_errors_are_transient() -> None:
    limited = delivery_error(api_error("ratelimited", 429, {"Retry-After": "7"}))
    assert isinstance(limited, TransientDeliveryError) and limited.retry_after == 7.0
    assert isinstance(delivery_error(api_error("internal_error", 500)), TransientDeliveryError)
    assert isinstance(delivery_error(TimeoutError()), TransientDeliveryError)
    assert isinstance(delivery_error(api_error("invalid_blocks")), PermanentDeliveryError)


# manifest ------------------------------------------------------------------------------
def test_the_committed_manifest_is_the_generated_one() -> None:
    committed = (ROOT / "slack-manifest.yaml").read_text("utf-8")
    assert committed == manifest_yaml(build_registry().specs()), (
        "regenerate: .venv/bin/limber slack --manifest > slack-manifest.yaml"
    )


def test_the_manifest_has_every_group_scope_socket_mode_and_the_im_event() -> None:
    manifest = yaml.safe_load(manifest_yaml(build_registry().specs()))
    assert manifest == build_manifest(build_registry().specs())
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    groups = {f"/{spec.path[0]}" for spec in build_registry().specs()}
    assert commands == groups
    assert {"/stretch", "/reminders", "/timezone", "/pain", "/progress"} <= commands
    assert {"/privacy", "/clinic", "/help"} <= commands
    assert (
        set(manifest["oauth_config"]["scopes"]["bot"])
        == set(BOT_SCOPES)
        == {
            "chat:write",
            "im:write",
            "im:history",
            "commands",
            "users:read",
            "files:write",
        }
    )
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] and settings["interactivity"]["is_enabled"]
    assert settings["event_subscriptions"]["bot_events"] == ["message.im"]


def test_the_readme_explains_every_scope() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for scope in BOT_SCOPES:
        assert f"| `{scope}` |" in readme


# settings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SLACK_BOT_TOKEN", "xapp-1-nope", "SLACK_BOT_TOKEN: must be the Bot User OAuth Token"),
        ("SLACK_APP_TOKEN", "xoxb-1-nope", "SLACK_APP_TOKEN: must be an app-level token"),
        ("SLACK_API_URL", "slack.com/api", "SLACK_API_URL: must be an http(s) URL"),
    ],
)
def test_slack_settings_are_validated_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(expected)
    assert "\n" not in str(err.value)


def test_slack_api_url_gets_its_trailing_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings().slack_api_url == "https://slack.com/api/"
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    assert load_settings().slack_api_url == "http://127.0.0.1:9/api/"


def test_timer_fallback_is_utc() -> None:
    ends = datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(seconds=5)
    out = render(Message("", timer=Timer(ends, 5, "Rest")))
    assert "|09:00:05 UTC>" in out.text and "Rest (5 s)" in out.text
