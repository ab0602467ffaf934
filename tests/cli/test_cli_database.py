"""`limber` start-up with a database it cannot open: one line naming DATABASE_URL, exit 2,
no traceback, and never the password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest


def _start(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        input="",
        timeout=60,
    )


def _with(url: str, *, user: str | None = None, database: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc if user is None else f"{user}@{parts.hostname}:{parts.port}"
    path = parts.path if database is None else f"/{database}"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    line = _one_line(_start(tmp_path, "postgresql://limber:s3cret@127.0.0.1:1/limber"))
    assert line.startswith(
        "limber: DATABASE_URL: cannot open PostgreSQL database limber@127.0.0.1:1/limber: "
        "the server is unreachable"
    )
    assert "s3cret" not in line


def test_a_missing_database_is_one_line(tmp_path: Path, postgres_url: str) -> None:
    line = _one_line(_start(tmp_path, _with(postgres_url, database="no_such_db")))
    assert line.endswith(
        "/no_such_db: the database does not exist (create it first, e.g. `createdb`)"
    )


def test_an_unknown_user_is_one_line(tmp_path: Path, postgres_url: str) -> None:
    line = _one_line(_start(tmp_path, _with(postgres_url, user="nobody")))
    assert "cannot open PostgreSQL database nobody@" in line
    assert 'role "nobody" does not exist' in line


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_the_demo_starts_on_postgresql(tmp_path: Path, postgres_url: str, scheme: str) -> None:
    url = postgres_url.replace("postgresql://", f"{scheme}://", 1)
    result = _start(tmp_path, url)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "limber.sqlite3").exists()


def test_a_sqlite_file_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    line = _one_line(_start(tmp_path, "sqlite:///dir.sqlite3"))
    assert line.startswith("limber: DATABASE_URL: ") and "dir.sqlite3" in line
