"""The /progress chart is a real, small PNG drawn headless."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.models import PainReport
from bot.core.progress import streaks as pg
from bot.core.progress.chart import HEIGHT_PX, WIDTH_PX, render_png

NOW = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)


def _progress(with_pain: bool) -> pg.Progress:
    completed = [(i, NOW - timedelta(days=i, hours=3)) for i in range(0, 30, 2)]
    pain = (
        [PainReport(7 - i % 4, "report", NOW - timedelta(days=i)) for i in range(30)]
        if with_pain
        else []
    )
    return pg.compute(now=NOW, zone=ZoneInfo("Europe/Berlin"), completed=completed, pain=pain)


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + data) == crc, f"bad CRC in {kind!r}"
        found.append((kind, data))
        offset += 12 + length
    return found


@pytest.mark.parametrize("with_pain", [True, False])
def test_the_chart_is_a_valid_png_of_800_by_400_under_200_kb(with_pain: bool) -> None:
    png = render_png(_progress(with_pain))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks = _chunks(png)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert (width, height) == (WIDTH_PX, HEIGHT_PX)
    assert 5_000 < len(png) < 200_000


def test_rendering_works_headless_without_pyplot() -> None:
    """No display, no GUI backend, no pyplot global figure registry in a long-running bot."""
    code = (
        "import sys; from tests.core.progress.test_chart import _progress; "
        "from bot.core.progress.chart import render_png; render_png(_progress(True)); "
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "MPLBACKEND"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert result.returncode == 0, result.stderr
