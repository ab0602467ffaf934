"""The operator's HTTP endpoint (METRICS_PORT): `/healthz` and `/metrics`.

- `GET /healthz`: 200 when the chat platform is connected and the database answers a
  trivial query within `DB_TIMEOUT`; 503 otherwise. The body names each check, one line
  each (`platform: ok`, `database: did not answer within 3 s`), never personal data.
- `GET /metrics`: the Prometheus text format of `PrometheusTelemetry`.

`OpsServer` is a background `Service` of the app (start/stop), so it lives exactly as long
as the app; it also runs the event-loop lag probe. A port already in use is logged and
the bot keeps running (its health check then fails where the operator looks).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.ops.metrics import LoopLag, PrometheusTelemetry

log = logging.getLogger(__name__)

DB_TIMEOUT = 3.0

PlatformProbe = Callable[[], str | None]
"""Why the platform connection is down, or None when it is up."""
DatabaseProbe = Callable[[], Awaitable[None]]
"""A trivial query; raises when the database does not answer."""


class OpsServer:
    def __init__(
        self,
        telemetry: PrometheusTelemetry,
        *,
        port: int,
        host: str = "127.0.0.1",
        platform: PlatformProbe | None = None,
        database: DatabaseProbe | None = None,
        lag_interval: float = 0.5,
    ) -> None:
        self.telemetry = telemetry
        self.port = port
        self.host = host
        self.platform = platform
        self.database = database
        self.lag = LoopLag(telemetry, lag_interval)
        self._runner: web.AppRunner | None = None
        telemetry.gauge(
            "platform_connected",
            "1 when the chat platform connection is up.",
            lambda: 1.0 if self.platform is None or self.platform() is None else 0.0,
        )

    # the checks --------------------------------------------------------------------
    async def problems(self) -> dict[str, str | None]:
        """Each check's problem (None when fine)."""
        platform = self.platform() if self.platform is not None else None
        database: str | None = None
        if self.database is not None:
            try:
                await asyncio.wait_for(self.database(), DB_TIMEOUT)
            except TimeoutError:
                database = f"did not answer within {DB_TIMEOUT:g} s"
            except Exception as exc:
                database = f"{type(exc).__name__}: {exc}"[:200]
        return {"platform": platform, "database": database}

    async def healthz(self, request: web.Request) -> web.Response:
        found = await self.problems()
        body = "".join(f"{name}: {problem or 'ok'}\n" for name, problem in found.items())
        healthy = all(problem is None for problem in found.values())
        return web.Response(status=200 if healthy else 503, text=body)

    async def metrics(self, request: web.Request) -> web.Response:
        data, content_type = self.telemetry.exposition()
        response = web.Response(body=data)
        response.headers["Content-Type"] = content_type
        return response

    def application(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        return app

    # lifetime (a Service of the app) -------------------------------------------------
    async def start(self) -> None:
        self.lag.start()
        runner = web.AppRunner(self.application(), access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as exc:
            await runner.cleanup()
            log.error(
                "METRICS_PORT: cannot listen on %s:%s (%s); /healthz and /metrics are off",
                self.host,
                self.port,
                exc,
            )
            return
        self._runner = runner
        log.info("health and metrics on http://%s:%s/healthz and /metrics", self.host, self.port)

    async def stop(self) -> None:
        await self.lag.stop()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
