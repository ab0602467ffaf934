"""A throwaway PostgreSQL cluster for tests.

`PostgresServer().start()` runs `initdb` into a fresh temporary folder (on the /dev/shm RAM
disk when it is roomy, else $TMPDIR; $LIMBER_PG_TMPDIR overrides) and starts the server
on 127.0.0.1 and a free port, tuned for speed (no fsync, trust auth, C locale, UTC), with its
unix socket inside that folder. `create_database()` gives each test its own database, copied
from template0. `stop()` shuts the server down and deletes the folder.

PostgreSQL refuses to run as root. When the tests run as root (as in CI) every server command
runs as the `postgres` system user through `runuser -u postgres --`, and the folder is handed
to that user; run as anyone else, the server runs as you.

Nothing is left behind, however the test process ends: `stop()` runs from a finaliser that is
also called at exit, and a small watchdog process (this file run as a script) holds a pipe
from the test process; when that pipe closes, whether from `stop()`, a normal exit, SIGTERM,
SIGKILL or a crash, the watchdog stops the server and deletes the folder.

Only the standard library is used here, so the watchdog runs with any Python.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

SERVER_BINARIES = ("initdb", "pg_ctl", "postgres", "psql")
LIB_ROOT = Path("/usr/lib/postgresql")  # Debian and Ubuntu: /usr/lib/postgresql/<version>/bin
INSTALL_HINT = (
    "install the PostgreSQL server: run `scripts/ensure-postgres` as root "
    "(or `sudo apt-get install postgresql` on Debian/Ubuntu, `brew install postgresql@15` "
    "on macOS), or put the folder holding initdb, pg_ctl, postgres and psql on PATH"
)
# Speed over durability: a test cluster is thrown away, so it never needs to survive a crash.
FAST_SETTINGS: dict[str, str] = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "timezone": "UTC",
    "log_timezone": "UTC",
}
_DB_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}\Z")
_RAM_DISK_MIN = 1 << 30  # a cluster takes about 40 MB, each live test database 8 MB more
_SOCKET_PATH_MAX = 107  # sun_path is 108 bytes on Linux (104 on macOS), NUL included


class PostgresNotFound(RuntimeError):
    """The server binaries are not installed (or not where we look)."""


class PostgresError(RuntimeError):
    """The server could not be set up, started or asked to do something."""


def find_bindir(path: str | None = None, lib_root: Path | str | None = None) -> Path:
    """The folder holding initdb, pg_ctl, postgres and psql.

    Looks on `path` (default: $PATH) first, then in `lib_root` (default: LIB_ROOT)
    /<version>/bin, newest version first. Raises PostgresNotFound, saying how to install
    them, when neither has them all.
    """
    lib_root = Path(LIB_ROOT if lib_root is None else lib_root)
    search = os.environ.get("PATH", os.defpath) if path is None else path
    initdb = shutil.which("initdb", path=search) if search else None
    if initdb:
        # Follow symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb)
        # to the folder that has the rest of the server next to it.
        bindir = Path(initdb).resolve().parent
        if _has_binaries(bindir):
            return bindir
    versions = [
        (_version_key(bindir.parent.name), bindir)
        for bindir in lib_root.glob("*/bin")
        if _has_binaries(bindir)
    ]
    if versions:
        return max(versions)[1]
    raise PostgresNotFound(
        f"PostgreSQL server binaries ({', '.join(SERVER_BINARIES)}) not found on PATH "
        f"or in {lib_root}/*/bin: {INSTALL_HINT}"
    )


def _has_binaries(bindir: Path) -> bool:
    return all(os.access(bindir / name, os.X_OK) for name in SERVER_BINARIES)


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)) or (0,)


def _default_base_dir() -> Path:
    """Where clusters go: $LIMBER_PG_TMPDIR if set, else /dev/shm when it is a roomy RAM disk
    (Linux; creating a database there took 18 ms against 260 ms on a busy ext4 disk), else
    the usual temporary folder. Docker's default /dev/shm is 64 MB, too small, so skipped."""
    chosen = os.environ.get("LIMBER_PG_TMPDIR")
    if chosen:
        return Path(chosen)
    shm = Path("/dev/shm")
    try:
        stat = os.statvfs(shm)
        if stat.f_bavail * stat.f_frsize >= _RAM_DISK_MIN and os.access(shm, os.W_OK | os.X_OK):
            return shm
    except OSError:
        pass
    return Path(tempfile.gettempdir())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env() -> dict[str, str]:
    """The environment for server commands: no PG* variables (PGDATA, PGPORT, PGOPTIONS…)
    leaking in from the developer's shell, and messages in English so errors read the same
    everywhere (the cluster's own locale is set explicitly at initdb)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


def _tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no {path.name})"
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class _Cluster:
    """What teardown needs, held apart from the PostgresServer so the finaliser can run
    after the server object is gone."""

    owner_pid: int
    tmpdir: Path
    datadir: Path
    watchdog: subprocess.Popen[bytes] | None = None


def _teardown(cluster: _Cluster) -> None:
    if os.getpid() != cluster.owner_pid:
        return  # a forked child exiting must not stop its parent's server
    watchdog = cluster.watchdog
    if watchdog is not None:
        # Closing the pipe is the watchdog's signal to stop the server and delete the folder;
        # waiting for it makes stop() synchronous.
        if watchdog.stdin is not None:
            watchdog.stdin.close()
        try:
            watchdog.wait(timeout=60)
        except subprocess.TimeoutExpired:
            watchdog.kill()
            watchdog.wait()
    # Whatever the watchdog did or did not do, finish the job here too (idempotent).
    _cleanup(cluster.datadir, cluster.tmpdir)


def _cleanup(datadir: Path, tmpdir: Path) -> None:
    pid = _postmaster_pid(datadir)
    if pid is not None:
        _stop_postmaster(pid)
    shutil.rmtree(tmpdir, ignore_errors=True)


def _postmaster_pid(datadir: Path) -> int | None:
    """The running postmaster of `datadir`, from its postmaster.pid (None when not running)."""
    try:
        pid = int((datadir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    if _gone(pid):
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.parent.exists():  # Linux: make sure a stale pid file does not name a stranger
        try:
            if str(datadir).encode() not in cmdline.read_bytes():
                return None
        except OSError:
            return None
    return pid


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    # A zombie has exited; it only waits for a parent (often pid 1) to reap it.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _stop_postmaster(pid: int) -> None:
    """Fast shutdown (SIGINT: roll back, disconnect everyone), then immediate (SIGQUIT),
    then SIGKILL. Root may signal the postgres user's processes; anyone may signal their own."""
    for sig, wait in ((signal.SIGINT, 30.0), (signal.SIGQUIT, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if _gone(pid):
                return
            time.sleep(0.01)


class PostgresServer:
    """One throwaway cluster. `start()`, then `url` / `create_database()`, then `stop()`.

    Also a context manager: `with PostgresServer() as pg: ...`.
    """

    def __init__(
        self,
        *,
        bindir: Path | str | None = None,
        user: str = "limber",
        run_as: str = "postgres",
        base_dir: Path | str | None = None,
        settings: dict[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        """`bindir`: where initdb & co. live (default: `find_bindir()`). `user`: the database
        superuser. `run_as`: the system user the server runs as when we are root (ignored
        otherwise). `base_dir`: where the temporary folder goes (default: `_default_base_dir()`).
        `settings`: extra or overriding server settings. `timeout`: seconds for initdb/start.
        """
        self._bindir = Path(bindir) if bindir is not None else None
        self.user = user
        self._run_as = run_as
        self._base_dir = base_dir
        self.settings = {**FAST_SETTINGS, **(settings or {})}
        self.timeout = timeout
        self._cluster: _Cluster | None = None
        self._finalizer: weakref.finalize | None = None
        self._port: int | None = None
        self._version = 0

    # -- what tests use ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._cluster is not None

    @property
    def port(self) -> int:
        if self._port is None or self._cluster is None:
            raise PostgresError("the server is not running: call start() first")
        return self._port

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def url(self) -> str:
        """The `postgres` maintenance database: postgresql://limber@127.0.0.1:PORT/postgres"""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    @property
    def tmpdir(self) -> Path:
        return self._require().tmpdir

    @property
    def datadir(self) -> Path:
        return self._require().datadir

    @property
    def socket_dir(self) -> Path:
        return self._require().tmpdir / "sock"

    @property
    def pid(self) -> int | None:
        """The postmaster's process id, None once it has stopped."""
        return _postmaster_pid(self.datadir) if self._cluster else None

    @property
    def version(self) -> int:
        """The server's major version (e.g. 15), known once started."""
        return self._version

    def create_database(self, name: str) -> str:
        """A new empty database copied from template0; returns its URL."""
        self._check_name(name)
        # PostgreSQL 15 copies the template through the WAL by default; copying the files
        # is about 10 times faster for a template this small (measured: 14 ms vs 200 ms).
        strategy = " STRATEGY FILE_COPY" if self._version >= 15 else ""
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE template0{strategy}')
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop it, disconnecting anyone still connected (a test that leaked a pool)."""
        self._check_name(name)
        force = " WITH (FORCE)" if self._version >= 13 else ""
        self.execute(f'DROP DATABASE IF EXISTS "{name}"{force}')

    def execute(self, sql: str, database: str = "postgres") -> str:
        """Run SQL with psql; returns its unaligned output. For set-up, not for tests."""
        url = self.url_for(database)  # raises unless started
        assert self._bindir is not None
        result = subprocess.run(
            [
                str(self._bindir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                url,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            env=_clean_env(),
            timeout=self.timeout,
            check=False,
        )
        if result.returncode != 0:
            raise PostgresError(f"{sql!r} failed: {result.stderr.strip()}")
        return result.stdout

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> PostgresServer:
        if self._cluster is not None:
            return self
        bindir = self._bindir = self._bindir or find_bindir()
        self._version = self._major_version(bindir)
        owner = self._server_user()

        base = Path(self._base_dir or _default_base_dir())
        tmpdir = Path(tempfile.mkdtemp(prefix="limber-pg-", dir=base))
        cluster = _Cluster(owner_pid=os.getpid(), tmpdir=tmpdir, datadir=tmpdir / "data")
        self._cluster = cluster
        self._finalizer = weakref.finalize(self, _teardown, cluster)  # also runs at exit
        try:
            cluster.watchdog = subprocess.Popen(
                [sys.executable, "-I", str(Path(__file__).resolve()), "--watchdog", str(tmpdir)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C in the terminal must not reach it
                close_fds=True,
            )
            socket_dir = tmpdir / "sock"
            socket_dir.mkdir()
            if len(str(socket_dir / ".s.PGSQL.65535")) > _SOCKET_PATH_MAX:
                raise PostgresError(
                    f"the unix socket path under {socket_dir} is too long for the system; "
                    "set LIMBER_PG_TMPDIR to a short folder such as /tmp"
                )
            if owner is not None:
                for path in (tmpdir, socket_dir):
                    os.chown(path, owner.pw_uid, owner.pw_gid)
            self._initdb(cluster, owner)
            self._start_server(cluster, owner)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server and delete its folder. Safe to call twice."""
        if self._finalizer is not None:
            self._finalizer()  # runs _teardown once; later calls do nothing
        self._finalizer = None
        self._cluster = None
        self._port = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = f"port {self._port}" if self._cluster else "stopped"
        return f"<PostgresServer {where}>"

    # -- internals -----------------------------------------------------------------------

    def _require(self) -> _Cluster:
        if self._cluster is None:
            raise PostgresError("the server is not running: call start() first")
        return self._cluster

    @staticmethod
    def _check_name(name: str) -> None:
        if not _DB_NAME.match(name):
            raise ValueError(f"database names here are plain identifiers, not {name!r}")

    @staticmethod
    def _major_version(bindir: Path) -> int:
        out = subprocess.run(
            [str(bindir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            check=True,
            env=_clean_env(),
        ).stdout  # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        match = re.search(r"\) (\d+)", out)
        return int(match.group(1)) if match else 0

    def _server_user(self) -> pwd.struct_passwd | None:
        """The account the server runs as when we are root; None when we are not."""
        if os.geteuid() != 0:
            return None
        try:
            owner = pwd.getpwnam(self._run_as)
        except KeyError:
            raise PostgresError(
                f"the tests run as root and PostgreSQL refuses to run as root, but there is "
                f"no {self._run_as!r} system user to run it as: install Debian's postgresql "
                f"package (it creates one) or `useradd --system --user-group {self._run_as}`"
            ) from None
        if owner.pw_uid == 0:
            raise PostgresError(f"run_as={self._run_as!r} is root; PostgreSQL refuses that")
        if shutil.which("runuser") is None:
            raise PostgresError("the tests run as root but `runuser` (util-linux) is missing")
        return owner

    def _command(self, owner: pwd.struct_passwd | None, *argv: str) -> list[str]:
        return ["runuser", "-u", owner.pw_name, "--", *argv] if owner else list(argv)

    def _run(
        self, owner: pwd.struct_passwd | None, cwd: Path, *argv: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self._command(owner, *argv),
            cwd=cwd,  # the server user may not be able to enter ours (e.g. /root)
            env=_clean_env(),
            capture_output=True,
            text=True,
            timeout=self.timeout,
            check=False,
        )

    def _initdb(self, cluster: _Cluster, owner: pwd.struct_passwd | None) -> None:
        assert self._bindir is not None
        result = self._run(
            owner,
            cluster.tmpdir,
            str(self._bindir / "initdb"),
            "-D",
            str(cluster.datadir),
            "-A",
            "trust",
            "-U",
            self.user,
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",  # byte-order sorting, the same on every machine; needs no locales
        )
        if result.returncode != 0:
            hint = ""
            if owner is not None and "ermission denied" in result.stderr:
                hint = (
                    f"\nThe {owner.pw_name!r} user must be able to reach {cluster.tmpdir}: "
                    "every folder above it needs o+x (set LIMBER_PG_TMPDIR=/tmp if in doubt)."
                )
            raise PostgresError(f"initdb failed:\n{result.stdout}{result.stderr}{hint}")

    def _start_server(self, cluster: _Cluster, owner: pwd.struct_passwd | None) -> None:
        assert self._bindir is not None
        log = cluster.tmpdir / "server.log"
        for attempt in range(1, 4):
            port = _free_port()  # free now; another process may take it before we bind
            options = ["-p", str(port), "-k", str(cluster.tmpdir / "sock")]
            for key, value in self.settings.items():
                options += ["-c", f"{key}={value}"]
            result = self._run(
                owner,
                cluster.tmpdir,
                str(self._bindir / "pg_ctl"),
                "start",
                "-w",
                "-t",
                str(int(self.timeout)),
                "-D",
                str(cluster.datadir),
                "-l",
                str(log),
                "-o",
                shlex.join(options),
            )
            if result.returncode == 0:
                self._port = port
                return
            if attempt < 3 and "ould not bind" in _tail(log, 10):
                continue
            raise PostgresError(
                f"the server did not start (pg_ctl: {result.stdout.strip()} "
                f"{result.stderr.strip()}); last lines of {log.name}:\n{_tail(log)}"
            )


def _watchdog(tmpdir: Path) -> None:
    """Block until the test process closes our stdin (or dies), then clean up after it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while sys.stdin.buffer.read(1 << 16):
            pass
    except OSError:
        pass
    _cleanup(tmpdir / "data", tmpdir)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--watchdog":
        _watchdog(Path(sys.argv[2]))
    else:
        sys.exit(f"usage: {sys.argv[0]} --watchdog TMPDIR (started by PostgresServer)")
