"""The throwaway PostgreSQL server really starts, isolates tests and goes away."""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import pytest

from tests.support import postgres_server as pg_module
from tests.support.postgres_server import (
    PostgresNotFound,
    PostgresServer,
    find_bindir,
)

REPO = Path(__file__).resolve().parents[2]


async def test_a_fresh_database_stores_and_reads_rows(postgres_url: str) -> None:
    conn = await asyncpg.connect(postgres_url)
    try:
        await conn.execute("CREATE TABLE reminders (id serial PRIMARY KEY, note text NOT NULL)")
        await conn.executemany(
            "INSERT INTO reminders (note) VALUES ($1)", [("hamstrings",), ("piriformis",)]
        )
        rows = await conn.fetch("SELECT note FROM reminders ORDER BY id")
        assert [row["note"] for row in rows] == ["hamstrings", "piriformis"]
        assert await conn.fetchval("SHOW server_encoding") == "UTF8"
        assert await conn.fetchval("SHOW TimeZone") == "UTC"
        assert await conn.fetchval("SHOW fsync") == "off"
    finally:
        await conn.close()


async def test_the_url_is_the_limber_superuser_on_localhost(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    port = postgres_server.port
    assert postgres_server.url == f"postgresql://limber@127.0.0.1:{port}/postgres"
    assert postgres_url.startswith(f"postgresql://limber@127.0.0.1:{port}/test_")
    conn = await asyncpg.connect(postgres_url)
    try:
        assert await conn.fetchval("SELECT current_user") == "limber"
        assert await conn.fetchval("SELECT current_database()") == postgres_url.rsplit("/")[-1]
    finally:
        await conn.close()


async def test_two_databases_are_isolated(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database("isolation_first")
    second = postgres_server.create_database("isolation_second")
    try:
        a = await asyncpg.connect(first)
        b = await asyncpg.connect(second)
        try:
            await a.execute("CREATE TABLE users (name text); INSERT INTO users VALUES ('alice')")
            assert await a.fetchval("SELECT count(*) FROM users") == 1
            assert await b.fetchval("SELECT to_regclass('users')") is None
            await b.execute("CREATE TABLE users (name text)")  # same name, no clash
            assert await b.fetchval("SELECT count(*) FROM users") == 0
        finally:
            await a.close()
            await b.close()
    finally:
        postgres_server.drop_database("isolation_first")
        postgres_server.drop_database("isolation_second")
    databases = postgres_server.execute("SELECT datname FROM pg_database").split()
    assert "isolation_first" not in databases
    assert "isolation_second" not in databases


async def test_drop_database_disconnects_leftover_connections(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.create_database("leaky")
    conn = await asyncpg.connect(url)  # never closed by the "test"
    postgres_server.drop_database("leaky")
    assert "leaky" not in postgres_server.execute("SELECT datname FROM pg_database").split()
    with pytest.raises((asyncpg.PostgresError, ConnectionError, OSError)):
        await conn.fetchval("SELECT 1")
    conn.terminate()


async def test_skip_locked_lets_two_workers_claim_different_rows(postgres_url: str) -> None:
    setup = await asyncpg.connect(postgres_url)
    await setup.execute(
        "CREATE TABLE due (id int PRIMARY KEY, claimed_by text);"
        "INSERT INTO due SELECT g, NULL FROM generate_series(1, 3) g"
    )
    await setup.close()
    claim = "SELECT id FROM due ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
    one = await asyncpg.connect(postgres_url)
    two = await asyncpg.connect(postgres_url)
    try:
        first = one.transaction()
        await first.start()
        assert await one.fetchval(claim) == 1
        second = two.transaction()
        await second.start()
        # Without SKIP LOCKED this would wait for `one`; with it, the next row is free.
        assert await asyncio.wait_for(two.fetchval(claim), timeout=5) == 2
        # A plain FOR UPDATE on the row `one` holds does block (lock_timeout shows it).
        await two.execute("SET LOCAL lock_timeout = '100ms'")
        with pytest.raises(asyncpg.LockNotAvailableError):
            await two.fetchval("SELECT id FROM due WHERE id = 1 FOR UPDATE")
        await second.rollback()
        await one.execute("UPDATE due SET claimed_by = 'one' WHERE id = 1")
        await first.commit()
        assert await two.fetchval(claim) == 1  # unlocked again, outside any transaction
    finally:
        await one.close()
        await two.close()


def test_stop_shuts_the_server_down_and_deletes_its_folder() -> None:
    server = PostgresServer().start()
    pid, port, tmpdir = server.pid, server.port, server.tmpdir
    assert pid is not None and tmpdir.is_dir()
    # As root (CI) the server runs as the postgres system user; otherwise as us.
    expected = pwd.getpwnam("postgres").pw_uid if os.geteuid() == 0 else os.geteuid()
    assert Path(f"/proc/{pid}").stat().st_uid == expected
    assert (server.socket_dir / f".s.PGSQL.{port}").is_socket()
    assert server.execute("SELECT current_user").strip() == "limber"

    server.stop()

    assert not tmpdir.exists()
    assert pg_module._gone(pid)
    assert not server.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    server.stop()  # twice is fine


def test_the_server_goes_away_when_the_test_process_is_killed() -> None:
    """SIGKILL skips finalisers and atexit; the watchdog still cleans up."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import json, sys, time\n"
            "from tests.support.postgres_server import PostgresServer\n"
            "s = PostgresServer().start()\n"
            "print(json.dumps({'pid': s.pid, 'tmpdir': str(s.tmpdir)}), flush=True)\n"
            "time.sleep(600)\n",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        started = json.loads(child.stdout.readline())
    finally:
        child.kill()
        child.wait()
    pid, tmpdir = started["pid"], Path(started["tmpdir"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (tmpdir.exists() or not pg_module._gone(pid)):
        time.sleep(0.05)
    assert pg_module._gone(pid), "the postmaster outlived the killed test process"
    assert not tmpdir.exists(), "the cluster folder outlived the killed test process"


def test_missing_binaries_raise_and_say_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    monkeypatch.setattr(pg_module, "LIB_ROOT", tmp_path / "nowhere")  # nor in /usr/lib/…
    with pytest.raises(PostgresNotFound) as missing:
        PostgresServer().start()
    message = str(missing.value)
    assert "initdb" in message
    assert "scripts/ensure-postgres" in message
    assert "apt-get install postgresql" in message
    with pytest.raises(PostgresNotFound):
        find_bindir(path="", lib_root=tmp_path)


def _fake_bindir(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in pg_module.SERVER_BINARIES:
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(0o755)
    return folder


def test_finder_prefers_path_then_the_newest_installed_version(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    for version in ("9.6", "13", "15"):
        _fake_bindir(lib / version / "bin")
    (lib / "16" / "bin").mkdir(parents=True)  # a client-only install: no server
    assert find_bindir(path="", lib_root=lib) == lib / "15" / "bin"
    on_path = _fake_bindir(tmp_path / "custom")
    assert find_bindir(path=f"{tmp_path / 'empty'}{os.pathsep}{on_path}", lib_root=lib) == on_path
    # A lone initdb on PATH without the rest of the server beside it is not enough.
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "initdb").write_text("#!/bin/sh\n")
    (lone / "initdb").chmod(0o755)
    assert find_bindir(path=str(lone), lib_root=lib) == lib / "15" / "bin"


def test_database_names_are_plain_identifiers(postgres_server: PostgresServer) -> None:
    for bad in ('x"; DROP DATABASE postgres; --', "1abc", "", "a" * 64, "with space"):
        with pytest.raises(ValueError):
            postgres_server.create_database(bad)
