"""The `/progress` chart: a small PNG (800×400) of sessions per day and pain scores.

Headless by construction: the figure is drawn on matplotlib's Agg canvas directly,
never through pyplot, so no GUI backend is chosen, no global figure registry grows in a
long-running bot, and rendering in a worker thread is safe. The chart shows the same
numbers as the text summary; it must never be the only place a number appears.
"""

from __future__ import annotations

import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.core.progress.streaks import Progress, daily_pain

WIDTH_PX = 800
HEIGHT_PX = 400
DPI = 100
SESSION_COLOUR = "#4C9F70"
PAIN_COLOUR = "#C8553D"


def render_png(progress: Progress) -> bytes:
    """Bars: completed sessions per local day (last 30 days). Line: mean pain per day on a
    fixed 0–10 axis, drawn only when the person keeps pain scores."""
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    index = {day: i for i, day in enumerate(d.day for d in progress.days)}
    ax.bar(
        range(len(progress.days)),
        [d.sessions for d in progress.days],
        color=SESSION_COLOUR,
        alpha=0.8,
        label="Sessions",
    )
    top = max((d.sessions for d in progress.days), default=0)
    ax.set_ylim(0, max(3, top + 1))
    ax.set_ylabel("Sessions per day")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ticks = list(range(0, len(progress.days), 5))
    ax.set_xticks(ticks, [_label(progress.days[i].day) for i in ticks])
    ax.set_xlim(-0.7, len(progress.days) - 0.3)
    ax.spines[["top"]].set_visible(False)

    pain = [(index[day], score) for day, score in daily_pain(progress.pain) if day in index]
    if pain:
        pax = ax.twinx()
        pax.plot(
            [x for x, _ in pain],
            [y for _, y in pain],
            color=PAIN_COLOUR,
            marker="o",
            markersize=4,
            linewidth=2,
            label="Pain (0–10)",
        )
        pax.set_ylim(0, 10)
        pax.set_ylabel("Pain (0–10)")
        pax.spines[["top"]].set_visible(False)
        handles, labels = ax.get_legend_handles_labels()
        more, more_labels = pax.get_legend_handles_labels()
        ax.legend(handles + more, labels + more_labels, loc="upper left", frameon=False)

    adherence = "" if progress.adherence is None else f" · adherence {progress.adherence}%"
    ax.set_title(
        f"Last 30 days · streak {progress.streak} · this week "
        f"{progress.sessions_this_week}{adherence}",
        fontsize=11,
    )
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _label(day: date) -> str:
    return f"{day:%b} {day.day}"
