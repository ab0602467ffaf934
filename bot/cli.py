"""`limber`: run the Discord bot, try it in the terminal, check routines, audit triage.

Operator mistakes end in one line on stderr (exit 2 for configuration, 1 for broken
routines), never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import __version__
from bot.bootstrap import build_app
from bot.config import ConfigError, Settings, config_warnings, load_settings
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock, ScaledClock, SystemClock
from bot.core.ports import Chat
from bot.core.routines import RoutineLibraryError, load_library
from bot.core.sessions.timeline import build_timeline, describe_length, total_seconds
from bot.core.triage.assess import ClinicInfo, triage_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="limber",
        description="Limber: a stretch coach for low back pain and sciatica that lives in chat.",
        epilog="Settings come from the environment or .env (see .env.example).",
    )
    parser.add_argument("--version", action="version", version=f"limber {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")

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

    triage = sub.add_parser("triage", help="print what Limber would answer to a message")
    triage.add_argument("text", nargs="+", help="the message, as a member would write it")
    triage.add_argument("--json", action="store_true", help='print {"level": ..., "reply": ...}')
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
            print(f"    - {exercise.id}: {exercise.describe_dose()}")
    n_routines, n_exercises = len(library.routines), len(library.exercises)
    print(
        f"OK: {n_routines} routine{'s' if n_routines != 1 else ''}, "
        f"{n_exercises} exercise{'s' if n_exercises != 1 else ''}."
    )
    return 0


def cmd_triage(settings: Settings, text: str, as_json: bool) -> int:
    clinic = ClinicInfo(settings.clinic_name, settings.booking_url, settings.emergency_number)
    assessment, reply = triage_text(text, clinic)
    if as_json:
        print(json.dumps({"level": assessment.level.value, "reply": reply}, ensure_ascii=False))
    else:
        print(f"level: {assessment.level.value}")
        print(reply or "(not about pain: Limber answers with a pointer to /help)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        return fail(f"configuration error: {exc}", 2)
    for warning in config_warnings():
        print(f"limber: warning: {warning}", file=sys.stderr)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "routines":
        return cmd_routines_check(settings, args.dir)
    if args.command == "triage":
        return cmd_triage(settings, " ".join(args.text), args.json)
    try:
        load_library(settings.routines_dir)
    except RoutineLibraryError as exc:
        print(str(exc), file=sys.stderr)
        return fail("refusing to start with broken routines (see above).", 1)
    if args.command == "demo":
        return run_demo(settings, args.speed, args.wait)
    return run_discord(settings)


def factory(settings: Settings) -> AppFactory:
    """Build the core around an adapter's Chat, from these settings (bootstrap)."""

    async def build(chat: Chat, clock: Clock) -> Limber:
        return await build_app(settings, chat, clock)

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
    from bot.adapters.discord.runner import run

    try:
        return run(settings, factory(settings))
    except ConfigError as exc:
        return fail(f"configuration error: {exc}", 2)


if __name__ == "__main__":
    sys.exit(main())
