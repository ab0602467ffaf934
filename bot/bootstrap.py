"""The composition root: the one place that wires settings, storage, clock and chat.

Adapters and the CLI call `build_app` with their `Chat`; the core itself never reads
settings, opens a database or names a platform. Dependencies point one way:
`bootstrap` -> (`config`, `storage`, `core`); `storage` -> core's models and ports;
adapters -> core (and `config` for their own platform settings).
"""

from __future__ import annotations

import gc
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings
from bot.core.app import Limber
from bot.core.clock import Clock, SystemClock
from bot.core.context import CoreConfig
from bot.core.ports import NO_TELEMETRY, Chat, Pacer, Storage, Telemetry
from bot.core.routines import load_library
from bot.core.triage.assess import assess_text
from bot.core.triage.model import ClinicInfo
from bot.ops.health import OpsServer
from bot.ops.metrics import PrometheusTelemetry
from bot.storage import StorageURLError, open_storage, sqlite_path
from bot.storage.errors import StorageError
from bot.storage.sqlite.connection import MigrationError


def core_config(settings: Settings) -> CoreConfig:
    """The part of the operator settings the core uses."""
    return CoreConfig(
        default_timezone=settings.default_timezone,
        clinic=ClinicInfo(settings.clinic_name, settings.booking_url, settings.emergency_number),
        data_retention_days=settings.data_retention_days,
    )


async def check_storage(settings: Settings) -> int:
    """Open (and migrate) the database once and close it; its schema version.

    The CLI calls this before starting an adapter, so an unreachable server, a rejected
    password or a missing database ends in one line (`StorageError`) instead of a
    traceback from inside the adapter's start-up."""
    store = await open_database(settings.database_url)
    try:
        return await store.schema_version()
    finally:
        await store.close()


async def open_database(url: str) -> Storage:
    """`open_storage`, with every way a database cannot be opened turned into one line
    naming DATABASE_URL (`ConfigError`), never a traceback."""
    if url.startswith("sqlite:"):
        try:
            path = sqlite_path(url)
        except StorageURLError as exc:
            raise ConfigError(f"DATABASE_URL: {exc}") from None
        folder = path.parent
        if not folder.is_dir():
            raise ConfigError(
                f"DATABASE_URL: the folder {str(folder)!r} does not exist; create it or point "
                "DATABASE_URL at a file in an existing folder"
            )
        if path.is_dir():
            raise ConfigError(f"DATABASE_URL: {str(path)!r} is a folder, not a database file")
    try:
        return await open_storage(url)
    except (StorageURLError, MigrationError) as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    except StorageError as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise ConfigError(
            f"DATABASE_URL: {str(sqlite_path(url))!r} is not a Limber SQLite database "
            f"({exc}); point it at a new file or restore the right one"
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"DATABASE_URL: cannot open the database: {exc.strerror or exc}"
        ) from None


def animation_dir(settings: Settings) -> Path:
    """Where rendered exercise animations are cached: next to the SQLite file, else in
    the system's temp folder (the files are derived data, safe to delete any time)."""
    if settings.database_url.startswith("sqlite:///"):
        return settings.database_path.parent / "limber-animations"
    return Path(tempfile.gettempdir()) / "limber-animations"


async def build_app(
    settings: Settings,
    chat: Chat,
    clock: Clock | None = None,
    *,
    pacer: Pacer | None = None,
    **dispatcher_options: Any,
) -> Limber:
    """Load routines (refusing broken ones), open and migrate storage, build the core.

    Raises `RoutineLibraryError` for broken routine files and the storage's errors when
    the database cannot be opened; the CLI turns both into one line.
    """
    library = load_library(settings.routines_dir)
    store = await open_database(settings.database_url)
    ops = ops_server(settings, chat, store)
    telemetry: Telemetry = ops.telemetry if ops is not None else NO_TELEMETRY
    app = Limber(
        store,
        library,
        chat,
        clock or SystemClock(),
        core_config(settings),
        pacer=pacer,
        dispatcher_options=dispatcher_options,
        telemetry=telemetry,
        animation_dir=animation_dir(settings),
    )
    if ops is not None:
        # Last to start, first to stop: /healthz answers while the app runs.
        app.background.append(ops)
    return app


def settle_heap() -> None:
    """For a long-running process, once the app is built: load the triage vocabularies
    now (not on the first message) and move everything made at start-up out of the
    garbage collector's way (`gc.freeze`). Without it, a full
    collection during a burst of long messages held the event loop for ~45 ms in
    bench/triage.py; with it, ~16 ms."""
    assess_text("warm up: pain 3, no numbness")
    gc.collect()  # freeze only what is alive
    gc.freeze()


def ops_server(settings: Settings, chat: Chat, store: Storage) -> OpsServer | None:
    """With METRICS_PORT: Prometheus telemetry and the /healthz + /metrics endpoint.

    The platform probe is the adapter's `connection_problem()` when its Chat has one
    (Discord does); the database probe is the storage's `ping()`.
    """
    if settings.metrics_port is None:
        return None
    probe = getattr(chat, "connection_problem", None)
    return OpsServer(
        PrometheusTelemetry(),
        port=settings.metrics_port,
        host=settings.metrics_host,
        platform=probe if callable(probe) else None,
        database=store.ping,
    )
