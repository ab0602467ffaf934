# Limber as a container: `docker compose up -d` (see README, "Operating Limber").
# Two stages: build the package into a virtualenv, then copy only that venv into a clean
# slim image. Routines and migrations travel inside the package (package data).

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY routines ./routines
RUN python -m venv /opt/limber \
    && /opt/limber/bin/pip install . \
    && /opt/limber/bin/limber routines check > /dev/null

FROM python:3.11-slim
ENV PATH=/opt/limber/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/limber.sqlite3 \
    METRICS_HOST=0.0.0.0
RUN useradd --system --uid 10001 --user-group --home-dir /data --create-home limber
COPY --from=build /opt/limber /opt/limber
USER limber
WORKDIR /data
VOLUME ["/data"]
EXPOSE 9108
# With METRICS_PORT set, healthy means: gateway connected and the database answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; p = os.environ.get('METRICS_PORT'); sys.exit(0) if not p else u.urlopen(f'http://127.0.0.1:{p}/healthz', timeout=4)"]
ENTRYPOINT ["limber"]
CMD ["run"]
