"""`limber`: run the Discord or Slack bot, try it in the terminal, check routines, audit triage.

Operator mistakes end in one line on stderr (exit 2 for configuration, including a
database that cannot be opened; 1 for broken routines), never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot import __version__
from bot.bootstrap import build_app, check_storage, core_config, settle_heap
from bot.config import ConfigError, Settings, config_warnings, load_settings
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock, ScaledClock, SystemClock
from bot.core.messages import Message
from bot.core.models import Scope, User, UserRef
from bot.core.ports import Chat, Phrases
from bot.core.routines import RoutineLibraryError, load_library
from bot.core.sessions.timeline import build_timeline, describe_length, total_seconds
from bot.core.triage.answer import answer_text
from bot.ops.logs import configure_logging
from bot.storage.errors import StorageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="limber",
        description="Limber: a stretch coach for low back pain and sciatica that lives in chat.",
        epilog="Settings come from the environment or .env (see .env.example).",
    )
    parser.add_argument("--version", action="version", version=f"limber {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    sub.add_parser(
        "doctor",
        help="check configuration, database, routines and the Discord token; say what to fix",
    )
    slack = sub.add_parser(
        "slack", help="run the Slack app (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN)"
    )
    slack.add_argument(
        "--manifest",
        action="store_true",
        help="print the Slack app manifest (YAML) for creating the app, and exit",
    )

    demo = sub.add_parser("demo", help="chat with Limber in the terminal, no account needed")
    demo.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="N",
        help=(
            "run the clock N times faster (e.g. 10 to try a session quickly); default 1. "
            "A sped-up demo uses its own scratch database (limber-demo/speed.sqlite3, "
            "emptied at each start), never DATABASE_URL"
        ),
    )
    demo.add_argument(
        "--wait",
        action="store_true",
        help="when input ends, let a running session finish before leaving (for scripts)",
    )

    routines = sub.add_parser("routines", help="work with routine files")
    routines_sub = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    check = routines_sub.add_parser("check", help="validate routine files and print a summary")
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        help="folder of *.yaml files (default: ROUTINES_DIR or the shipped ones)",
    )
    render = routines_sub.add_parser(
        "render", help="draw an exercise's key poses: a looping GIF and a PNG still per key pose"
    )
    render.add_argument("id", help="exercise id (or a routine id: every exercise in it)")
    render.add_argument(
        "out",
        nargs="?",
        type=Path,
        help="the GIF to write (default: ID.gif here); stills go next to it as NAME-POSE.png",
    )

    triage = sub.add_parser("triage", help="print what Limber would answer to a message")
    triage.add_argument("text", nargs="+", help="the message, as a member would write it")
    triage.add_argument(
        "--json",
        action="store_true",
        help='one JSON object: {"level", "reply", "follow_up", "subject", "questions"}',
    )
    return parser


def fail(message: str, code: int) -> int:
    print(f"limber: {message}", file=sys.stderr)
    return code


def cmd_routines_check(settings: Settings, folder: Path | None) -> int:
    target = folder or settings.routines_dir
    try:
        library = load_library(target)
    except RoutineLibraryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    print(f"Routines in {library.folder}:")
    for routine in library.routines.values():
        exercises = library.exercises_of(routine)
        length = describe_length(total_seconds(build_timeline(routine, exercises)))
        print(f"  {routine.id}: {routine.name} — {len(exercises)} exercises, {length}")
        for exercise in exercises:
            moving = ""
            if exercise.poses is not None:
                keys, loop = len(exercise.poses.frames), exercise.poses.loop_seconds()
                moving = f" · animated ({keys} key poses, {loop:g} s loop)"
            print(f"    - {exercise.id}: {exercise.describe_dose()}{moving}")
    n_routines, n_exercises = len(library.routines), len(library.exercises)
    print(
        f"OK: {n_routines} routine{'s' if n_routines != 1 else ''}, "
        f"{n_exercises} exercise{'s' if n_exercises != 1 else ''}."
    )
    return 0


class _Quiet:
    """A Chat for `limber triage`: the answer is the reply; nothing is pushed."""

    phrases = Phrases()

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        return None

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        return None

    async def post(self, channel_id: str, message: Message) -> str | None:
        return None

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        return None


async def chat_answer(settings: Settings, text: str) -> dict[str, object]:
    """What the chat answers a new member who writes `text`: the reply comes from the
    real door (`Limber.text`, on a throwaway database), the level, follow-up and subject
    from the same triage record the chat used."""
    _, said = answer_text(text, core_config(settings).clinic)
    with tempfile.TemporaryDirectory(prefix="limber-triage-") as folder:
        scratch = settings.model_copy(update={"database_url": f"sqlite:///{folder}/t.sqlite3"})
        app = await build_app(scratch, _Quiet(), SystemClock())
        try:
            reply = await app.text(UserRef("audit", "member"), Scope("audit"), text)
        finally:
            await app.close()
    record = said.as_json()
    record["reply"] = "\n\n".join(m.text for m in reply.messages)
    record["follow_up"] = any(
        a.id.startswith("limber:safety:") for m in reply.messages for a in m.actions
    )
    return record


def cmd_routines_render(settings: Settings, name: str, out: Path | None) -> int:
    """`limber routines render ID [OUT]`: the GIF a session attaches, and PNG stills."""
    from bot.core.poses import render_animation, render_still

    try:
        library = load_library(settings.routines_dir)
    except RoutineLibraryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return fail("fix the routine files first (see above).", 1)
    key = name.strip().lower()
    routine = library.get(key)
    if key in library.exercises:
        exercises = [library.exercises[key]]
    elif routine is not None:
        exercises = library.exercises_of(routine)
    else:
        known = ", ".join(sorted(library.exercises))
        return fail(f"unknown exercise {name!r} (exercises: {known})", 1)
    if len(exercises) > 1 and out is not None and out.suffix:
        return fail("a routine renders several exercises: give a folder as OUT", 2)
    drawn = 0
    for exercise in exercises:
        if exercise.poses is None:
            print(f"{exercise.id}: no poses in its file (sessions show it as text only)")
            continue
        if out is None or len(exercises) > 1 or out.is_dir() or not out.suffix:
            folder = out or Path(".")
            gif = folder / f"{exercise.id}.gif"
        else:
            gif = out
        gif.parent.mkdir(parents=True, exist_ok=True)
        data = render_animation(exercise.poses)
        gif.write_bytes(data)
        print(f"{gif}: {len(data):,} bytes, {exercise.poses.loop_seconds():g} s loop")
        for frame in exercise.poses.frames:
            still = gif.with_name(f"{gif.stem}-{frame.name}.png")
            still.write_bytes(render_still(exercise.poses, frame.name))
            print(f"{still}")
        drawn += 1
    return 0 if drawn else 1


def cmd_triage(settings: Settings, text: str, as_json: bool) -> int:
    record = asyncio.run(chat_answer(settings, text))
    if as_json:
        print(json.dumps(record, ensure_ascii=False))
    else:
        level, subject, follow_up = record["level"], record["subject"], record["follow_up"]
        print(f"level: {level}  subject: {subject}  follow_up: {follow_up}")
        print(record["reply"])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "doctor":
        return cmd_doctor()
    try:
        settings = load_settings()
    except ConfigError as exc:
        return fail(f"configuration error: {exc}", 2)
    for warning in config_warnings():
        print(f"limber: warning: {warning}", file=sys.stderr)
    setup_logging(settings)
    if args.command == "routines" and args.routines_command == "render":
        return cmd_routines_render(settings, args.id, args.out)
    if args.command == "routines":
        return cmd_routines_check(settings, args.dir)
    if args.command == "triage":
        return cmd_triage(settings, " ".join(args.text), args.json)
    if args.command == "slack" and args.manifest:
        return cmd_slack_manifest()
    try:
        load_library(settings.routines_dir)
    except RoutineLibraryError as exc:
        print(str(exc), file=sys.stderr)
        return fail("refusing to start with broken routines (see above).", 1)
    if args.command == "demo":
        return run_demo(settings, args.speed, args.wait)
    if args.command == "slack":
        return run_slack(settings)
    return run_discord(settings)


def setup_logging(settings: Settings) -> None:
    """LOG_LEVEL, LOG_FORMAT (plain or json), LOG_PAYLOADS; the token never in a line."""
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    configure_logging(
        settings.log_level,
        settings.log_format,
        payloads=settings.log_payloads,
        secrets=[token.strip()] if token.strip() else [],
    )


def cmd_doctor() -> int:
    """`limber doctor`: every check, one line each; exit 1 when one failed."""
    from bot.adapters.discord.doctor import check_discord
    from bot.ops.doctor import report, run_doctor

    logging.basicConfig(level=logging.WARNING)
    return report(asyncio.run(run_doctor([check_discord])), sys.stdout)


def storage_problem(settings: Settings) -> str | None:
    """One line naming DATABASE_URL when the database cannot be opened, else None."""
    try:
        asyncio.run(check_storage(settings))
    except StorageError as exc:
        return f"DATABASE_URL: {exc}"
    except ConfigError as exc:
        return str(exc)
    return None


def factory(
    settings: Settings, platforms: Sequence[str] | None = None, **dispatcher_options: Any
) -> AppFactory:
    """Build the core around an adapter's Chat, from these settings (bootstrap).

    `platforms`: the reminder dispatcher of this process sends only to people of these
    platforms (`limber run` and `limber slack` can share one database); None: everyone."""

    async def build(chat: Chat, clock: Clock) -> Limber:
        app = await build_app(settings, chat, clock, platforms=platforms, **dispatcher_options)
        settle_heap()
        return app

    return build


DEMO_DIR = Path("limber-demo")
"""The demo's data folder (exports, charts, prompt history, the --speed database)."""


def speed_settings(settings: Settings, folder: Path) -> Settings:
    """A sped-up clock writes timestamps in the future: those go to a scratch database
    in the demo folder, emptied at each start, never to DATABASE_URL."""
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / "speed.sqlite3"
    for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
        leftover.unlink(missing_ok=True)
    return settings.model_copy(update={"database_url": f"sqlite:///{scratch}"})


def run_demo(settings: Settings, speed: float, wait: bool) -> int:
    from bot.adapters.terminal.console import run_demo as demo

    if speed <= 0:
        return fail("--speed must be a positive number", 2)
    problem = storage_problem(settings)
    if problem:
        return fail(problem, 2)
    clock = SystemClock() if speed == 1 else ScaledClock(speed)
    if speed != 1:
        settings = speed_settings(settings, DEMO_DIR)
    # The demo talks to a person: keep library logging out of the conversation.
    logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    try:
        return asyncio.run(demo(factory(settings), clock, wait, DEMO_DIR))
    except KeyboardInterrupt:
        return 0
    except ConfigError as exc:
        return fail(f"configuration error: {exc}", 2)


def run_discord(settings: Settings) -> int:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        return fail(
            "DISCORD_TOKEN is not set. Put your bot token in .env (see README, "
            "'Run it on Discord'), or try Limber without an account: make demo",
            2,
        )
    problem = storage_problem(settings)
    if problem:
        return fail(problem, 2)
    from bot.adapters.discord.runner import run

    try:
        # DiscordChat paces every request itself (reminders in its bulk lane, at the
        # token's real limit, shared between processes): no second pacer in the dispatcher.
        return run(settings, factory(settings, ("discord",), rate=None))
    except ConfigError as exc:
        return fail(f"configuration error: {exc}", 2)


def run_slack(settings: Settings) -> int:
    from bot.adapters.slack.slack_runner import run

    return run(settings, factory(settings, ("slack",)))


def cmd_slack_manifest() -> int:
    from bot.adapters.slack.manifest import manifest_yaml
    from bot.core.features import build_registry

    sys.stdout.write(manifest_yaml(build_registry().specs()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
