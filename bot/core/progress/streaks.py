"""Progress numbers for `/progress`: streak, weekly adherence, pain trend.

Pure computation: the caller loads the rows (sessions, planned reminder occurrences,
delivery outcomes, pain scores) and passes them in with `now` and the person's zone;
this module does no I/O, so every calendar edge (midnight, DST, week start) is tested
without a database. Days and weeks are the person's local ones: a session at 23:30 in
New York belongs to that New York day, whatever the UTC date says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from bot.core.models import PainReport

PAIN_WINDOW_DAYS = 30
# A score this long before a session start still counts as "before the session".
BEFORE_WINDOW = timedelta(hours=12)
SPARK = "▁▂▃▄▅▆▇█"
# Contexts of scores given after a finished session (see coach._finish).
AFTER_CONTEXTS = frozenset({"after"})


@dataclass(frozen=True)
class DayCount:
    day: date
    sessions: int


@dataclass(frozen=True)
class PainPoint:
    at: datetime
    local_day: date
    score: int
    context: str


@dataclass(frozen=True)
class Progress:
    """Everything `/progress` shows; the text and the chart are both made from this."""

    today: date
    zone: str
    total_sessions: int
    streak: int
    week_start: date
    sessions_this_week: int
    planned_this_week: int
    planned_due: int
    adherence: int | None
    skipped: int
    snoozed: int
    days: tuple[DayCount, ...]
    pain: tuple[PainPoint, ...]
    pain_first: float | None
    pain_recent: float | None
    pain_before: float | None
    pain_after: float | None

    @property
    def has_data(self) -> bool:
        """Something to chart: a completed session or a pain score. Reminders alone are
        not progress yet; the answer then points to the first session instead."""
        return bool(self.total_sessions or self.pain)

    @property
    def pain_change(self) -> float | None:
        """Recent minus first average over the window: negative means less pain."""
        if self.pain_first is None or self.pain_recent is None:
            return None
        return self.pain_recent - self.pain_first


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def week_start(day: date) -> date:
    """Monday of the week holding `day` (ISO weeks, as most clinics plan them)."""
    return day - timedelta(days=day.weekday())


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The aware instant a local day begins (23 or 25 hours apart around DST changes)."""
    return datetime.combine(day, time(0), tzinfo=zone)


def streak(days_done: Iterable[date], today: date) -> int:
    """Days in a row with a completed session, ending today or, if today has none yet,
    yesterday: the day is not over, so an unfinished today does not break the streak."""
    done = set(days_done)
    day = today if today in done else today - timedelta(days=1)
    count = 0
    while day in done:
        count += 1
        day -= timedelta(days=1)
    return count


def adherence(sessions: int, planned: int) -> int | None:
    """Percent of planned occurrences met by sessions, capped at 100; None if none planned.

    Counts, not matching: a session at another time than the reminder still counts,
    because people stretch when they can, and an extra session never lowers the score.
    """
    if planned <= 0:
        return None
    return round(100 * min(sessions, planned) / planned)


def sparkline(values: Sequence[float], low: float = 0, high: float = 10) -> str:
    """▁▂▃▄▅▆▇█ for values on a fixed 0–10 scale, so the same score looks the same."""
    span = high - low
    chars = []
    for value in values:
        ratio = min(1.0, max(0.0, (value - low) / span)) if span else 0.0
        chars.append(SPARK[round(ratio * (len(SPARK) - 1))])
    return "".join(chars)


def daily_pain(points: Sequence[PainPoint]) -> list[tuple[date, float]]:
    """Mean score per local day, oldest first (the sparkline and the chart's line)."""
    by_day: dict[date, list[int]] = {}
    for point in points:
        by_day.setdefault(point.local_day, []).append(point.score)
    return [(day, fmean(scores)) for day, scores in sorted(by_day.items())]


def _before_after(
    sessions: Sequence[tuple[int, datetime]], reports: Sequence[PainReport]
) -> tuple[float | None, float | None]:
    """Average score shortly before sessions and right after them, over sessions that have
    both, so the two numbers compare the same sessions."""
    befores: list[int] = []
    afters: list[int] = []
    for session_id, started in sessions:
        after = [r.score for r in reports if r.session_id == session_id and r.context == "after"]
        earlier = [
            r
            for r in reports
            if r.context not in AFTER_CONTEXTS
            and started - BEFORE_WINDOW <= r.reported_at <= started
        ]
        if after and earlier:
            afters.append(after[-1])
            befores.append(max(earlier, key=lambda r: r.reported_at).score)
    if not afters:
        return None, None
    return fmean(befores), fmean(afters)


def compute(
    *,
    now: datetime,
    zone: ZoneInfo,
    completed: Sequence[tuple[int, datetime]],
    planned: Sequence[datetime] = (),
    outcomes: Iterable[tuple[str, datetime]] = (),
    pain: Sequence[PainReport] = (),
) -> Progress:
    """Build the progress summary.

    - `completed`: (session id, start time) of completed sessions; a session belongs to
      the local day it started on.
    - `planned`: reminder occurrences planned for this week (instants); paused reminders
      plan none, so the caller leaves them out. Only those due by `now` count for
      adherence: the rest of the week has not happened yet.
    - `outcomes`: (status, due time) of reminder deliveries; skipped and snoozed are
      counted for this week.
    - `pain`: stored scores; the last 30 days are shown (pass half a day more so the
      first session of the window can have a "before" score).
    """
    today = local_day(now, zone)
    monday = week_start(today)
    week_from = local_midnight(monday, zone)
    week_to = local_midnight(monday + timedelta(days=7), zone)

    session_days = [local_day(started, zone) for _, started in completed]
    per_day = Counter(session_days)
    window = [today - timedelta(days=n) for n in range(PAIN_WINDOW_DAYS - 1, -1, -1)]
    sessions_week = sum(1 for _, started in completed if week_from <= started < week_to)
    planned_week = [p for p in planned if week_from <= p < week_to]
    planned_due = sum(1 for p in planned_week if p <= now)
    statuses = Counter(s for s, due in outcomes if week_from <= due < week_to)

    since = local_midnight(window[0], zone)
    recent = sorted((r for r in pain if r.reported_at >= since), key=lambda r: r.reported_at)
    points = tuple(
        PainPoint(r.reported_at, local_day(r.reported_at, zone), r.score, r.context) for r in recent
    )
    half = max(1, len(points) // 2) if len(points) >= 2 else 0
    first = fmean(p.score for p in points[:half]) if half else None
    last = fmean(p.score for p in points[-half:]) if half else None
    before, after = _before_after([c for c in completed if c[1] >= since], pain)

    return Progress(
        today=today,
        zone=zone.key,
        total_sessions=len(completed),
        streak=streak(session_days, today),
        week_start=monday,
        sessions_this_week=sessions_week,
        planned_this_week=len(planned_week),
        planned_due=planned_due,
        adherence=adherence(sessions_week, planned_due),
        skipped=statuses["skipped"],
        snoozed=statuses["snoozed"],
        days=tuple(DayCount(day, per_day.get(day, 0)) for day in window),
        pain=points,
        pain_first=first,
        pain_recent=last,
        pain_before=before,
        pain_after=after,
    )


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def summary_text(progress: Progress) -> str:
    """The compact text version: what the terminal prints and Discord shows with the chart."""
    p = progress
    lines = [f"🔥 Streak: {_days(p.streak)}" + (" — keep it going!" if p.streak >= 3 else "")]
    week = f"📅 This week: {p.sessions_this_week} session" + (
        "" if p.sessions_this_week == 1 else "s"
    )
    if p.planned_this_week:
        week += f" · {p.planned_due} of {p.planned_this_week} planned reminders so far"
        if p.adherence is not None:
            week += f" · adherence {p.adherence}%"
    lines.append(week)
    if p.skipped or p.snoozed:
        lines.append(f"⏭ Skipped {p.skipped} · snoozed {p.snoozed} this week")
    spark = sparkline([score for _, score in daily_pain(p.pain)])
    if spark:
        trend = ""
        if p.pain_change is not None and p.pain_first is not None and p.pain_recent is not None:
            trend = f" · from about {p.pain_first:.1f} to {p.pain_recent:.1f}"
        lines.append(f"📉 Pain, last {PAIN_WINDOW_DAYS} days (0–10): {spark}{trend}")
        if p.pain_before is not None and p.pain_after is not None:
            lines.append(
                f"   Around sessions: {p.pain_before:.1f} before → {p.pain_after:.1f} after"
            )
    lines.append(f"Total sessions: {p.total_sessions}")
    return "\n".join(lines)
