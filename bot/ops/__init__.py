"""Operating Limber: Prometheus metrics, the health endpoint, log setup and `limber doctor`.

The core only knows the neutral `bot.core.ports.Telemetry`; this package implements it
with prometheus-client and serves it over HTTP (aiohttp) when METRICS_PORT is set. The
core never imports this package (an import-linter contract keeps it so).
"""
