"""`limber doctor`: check an installation and say what to fix, one line each.

Checks, in order: the configuration (environment and `.env`), the routines, the database
(schema version, pending migrations; nothing is created or migrated), then each platform
check the CLI passes in (Discord: the token and the bot's permissions in each server).
Exit status 0 when nothing failed, 1 otherwise; "warn" lines do not fail.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.core.routines import RoutineLibraryError, load_library
from bot.storage import StorageURLError
from bot.storage.status import DatabaseStatusError, database_status

PlatformCheck = Callable[[Settings], Awaitable[list[tuple[str, str]]]]

MARKS = {"ok": "ok  ", "warn": "warn", "fail": "FAIL", "skip": "skip"}


@dataclass(frozen=True)
class Finding:
    status: str  # ok, warn, fail, skip
    text: str

    def line(self) -> str:
        return f"{MARKS.get(self.status, self.status)}  {self.text}"


def check_settings(settings: Settings) -> list[Finding]:
    found = [Finding("ok", "configuration: settings read (environment and .env)")]
    if settings.log_payloads:
        found.append(
            Finding(
                "warn",
                "configuration: LOG_PAYLOADS=true writes platform payloads, message text "
                "included (health data), into the log; set LOG_PAYLOADS=false",
            )
        )
    if settings.booking_url is None:
        found.append(
            Finding(
                "warn",
                "configuration: BOOKING_URL is not set; severe pain gets no booking link "
                "unless a server sets one with /clinic setup",
            )
        )
    return found


def check_routines(settings: Settings) -> list[Finding]:
    try:
        library = load_library(settings.routines_dir)
    except RoutineLibraryError as exc:
        return [Finding("fail", f"routines: {problem}") for problem in exc.problems] + [
            Finding("fail", "routines: fix the files above (`limber routines check` explains)")
        ]
    return [
        Finding(
            "ok",
            f"routines: {len(library.routines)} routines, {len(library.exercises)} exercises "
            f"in {library.folder}",
        )
    ]


async def check_database(settings: Settings) -> list[Finding]:
    try:
        status = await database_status(settings.database_url)
    except StorageURLError as exc:
        return [Finding("fail", f"database: {exc}")]
    except DatabaseStatusError as exc:
        return [Finding("fail", f"database: cannot read {exc}; check DATABASE_URL and the file")]
    where = status.location
    if not status.exists:
        if not status.writable:
            return [
                Finding(
                    "fail",
                    f"database: {where} does not exist and its folder is not writable; "
                    "create the folder or point DATABASE_URL elsewhere",
                )
            ]
        return [Finding("ok", f"database: {where} does not exist yet; `limber run` creates it")]
    if status.newer_than_code:
        return [
            Finding(
                "fail",
                f"database: {where} has schema version {status.version}, newer than this "
                f"Limber knows ({status.latest}); upgrade Limber",
            )
        ]
    found: list[Finding] = []
    if status.pending:
        found.append(
            Finding(
                "warn",
                f"database: {where} at schema version {status.version}, "
                f"{len(status.pending)} migration(s) pending ({', '.join(status.pending)}); "
                "the next start applies them (back it up first)",
            )
        )
    else:
        found.append(
            Finding("ok", f"database: {where} at schema version {status.version} (latest)")
        )
    if not status.writable:
        found.append(
            Finding("fail", f"database: {where} is not writable by this user; fix its owner")
        )
    return found


async def run_doctor(
    platform_checks: Sequence[PlatformCheck] = (), settings: Settings | None = None
) -> list[Finding]:
    """Every finding, in order (configuration problems stop the rest)."""
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError as exc:
            return [Finding("fail", f"configuration: {exc}; fix it in .env or the environment")]
    found = check_settings(settings)
    found += check_routines(settings)
    found += await check_database(settings)
    for check in platform_checks:
        found += [Finding(status, text) for status, text in await check(settings)]
    return found


def report(found: Sequence[Finding], out: TextIO) -> int:
    """Print the findings and a summary; the exit status."""
    for finding in found:
        print(finding.line(), file=out)
    failed = sum(1 for f in found if f.status == "fail")
    if failed:
        print(f"{failed} problem{'s' if failed != 1 else ''} to fix (the FAIL lines).", file=out)
        return 1
    print("All checks passed.", file=out)
    return 0
