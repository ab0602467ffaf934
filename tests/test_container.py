"""The Dockerfile and compose.yaml, checked by reading them (no Docker engine needed):
non-root user, `limber run` by default, copied paths that exist, a health check on
/healthz, and a compose service that reads .env and waits for PostgreSQL."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        word, _, rest = line.partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def stages(parsed: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in parsed:
        if instruction[0] == "FROM":
            found.append([])
        found[-1].append(instruction)
    return found


def exec_form(args: str) -> list[str]:
    value = json.loads(args) if args.startswith("[") else shlex.split(args)
    assert isinstance(value, list)
    return [str(v) for v in value]


DOCKERFILE = instructions((ROOT / "Dockerfile").read_text("utf-8"))
FINAL = stages(DOCKERFILE)[-1]


def test_the_image_is_slim_python_311() -> None:
    for stage in stages(DOCKERFILE):
        assert stage[0][1].split()[0].startswith("python:3.11-slim"), stage[0]


def test_the_final_stage_runs_as_a_non_root_user() -> None:
    users = [args for word, args in FINAL if word == "USER"]
    assert users, "the final stage sets no USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    created = " ".join(args for word, args in FINAL if word == "RUN")
    assert f" {user}" in created and "useradd" in created


def test_the_default_command_is_limber_run() -> None:
    entrypoint = [exec_form(a) for w, a in FINAL if w == "ENTRYPOINT"]
    cmd = [exec_form(a) for w, a in FINAL if w == "CMD"]
    command = (entrypoint[-1] if entrypoint else []) + (cmd[-1] if cmd else [])
    assert command == ["limber", "run"]


def test_every_copied_path_exists_in_the_repository() -> None:
    copies = [args for word, args in DOCKERFILE if word in {"COPY", "ADD"}]
    assert copies
    checked = 0
    for args in copies:
        parts = [p for p in args.split() if not p.startswith("--")]
        if "--from" in args:
            continue  # from an earlier stage, not from the repository
        for source in parts[:-1]:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            checked += 1
    # Routines and migrations ship inside the package that is copied and installed.
    assert checked >= 3
    assert list((ROOT / "routines").glob("*.yaml"))
    assert list((ROOT / "bot" / "storage" / "sqlite" / "migrations").glob("*.sql"))


def test_the_health_check_asks_healthz_on_metrics_port() -> None:
    [check] = [args for word, args in FINAL if word == "HEALTHCHECK"]
    assert "/healthz" in check and "METRICS_PORT" in check
    command = exec_form(check.split(" CMD ", 1)[1].strip())  # valid JSON exec form
    assert command[:2] == ["python", "-c"]
    compile(command[2], "HEALTHCHECK", "exec")  # the probe is valid Python


def test_secrets_and_databases_stay_out_of_the_build_context() -> None:
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert {".env", "*.sqlite3", ".git", ".venv"} <= set(ignored)


def test_compose_runs_limber_with_postgres_the_env_file_and_a_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    services = compose["services"]
    limber, db = services["limber"], services["db"]
    env_files = limber["env_file"]
    assert ".env" in ([env_files] if isinstance(env_files, str) else env_files)
    depends = limber["depends_on"]
    assert "db" in depends
    assert db["image"].startswith("postgres:")
    url = limber["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql://limber:") and url.endswith("@db:5432/limber")
    assert any(str(v).endswith(":/data") for v in limber["volumes"])
    assert set(compose["volumes"]) >= {v.split(":")[0] for v in limber["volumes"]}
    assert limber["environment"]["METRICS_PORT"]
    assert "healthcheck" in db


def test_the_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "cp .env.example .env" in readme
    assert "docker compose up -d --build" in readme


def test_the_health_probe_passes_without_metrics_and_fails_when_nothing_answers() -> None:
    [check] = [args for word, args in FINAL if word == "HEALTHCHECK"]
    command = exec_form(check.split(" CMD ", 1)[1].strip())
    code = command[2]
    env = {k: v for k, v in os.environ.items() if k != "METRICS_PORT"}
    run = [sys.executable, "-c", code]
    assert subprocess.run(run, env=env, capture_output=True, timeout=30).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = str(s.getsockname()[1])
    env["METRICS_PORT"] = closed
    assert subprocess.run(run, env=env, capture_output=True, timeout=30).returncode != 0
