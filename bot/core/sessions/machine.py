"""The guided-session state machine: pure, time passed in, no I/O and no tasks.

A `SessionState` walks a timeline. Each method takes `now` and returns the new state
(states are immutable), so the same code runs under the real clock, a test's manual
clock, or a restart that reloads a row from the database. `coach.py` drives it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.sessions.timeline import Step


class Status(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    # A restart found the session unfinished: kept, offered to the user to resume.
    INTERRUPTED = "interrupted"
    COMPLETED = "completed"
    # Reached the end with most of it skipped (Next pressed through): not counted as done.
    PARTIAL = "partial"
    STOPPED = "stopped"
    HURT = "hurt"
    ABANDONED = "abandoned"

    @property
    def active(self) -> bool:
        return self in {Status.RUNNING, Status.PAUSED, Status.INTERRUPTED}


class SessionError(Exception):
    """An action that does not fit the session's state (e.g. resume a finished session)."""


@dataclass(frozen=True)
class SessionState:
    steps: tuple[Step, ...]
    status: Status = Status.RUNNING
    index: int = 0
    deadline: datetime | None = None
    paused_remaining: float | None = None
    # Length of the countdown that ends at `deadline` (the step, or what was left on resume).
    span: float | None = None

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def finished(self) -> bool:
        return not self.status.active

    def remaining(self, now: datetime) -> float | None:
        """Seconds left in the current step (None for untimed steps)."""
        if self.status is not Status.RUNNING:
            return self.paused_remaining
        if self.deadline is None:
            return None
        return max(0.0, (self.deadline - now).total_seconds())

    def _enter(self, index: int, now: datetime) -> SessionState:
        step = self.steps[index]
        if index == len(self.steps) - 1 or not step.timed:
            status = Status.COMPLETED if index == len(self.steps) - 1 else Status.RUNNING
            return replace(self, index=index, status=status, deadline=None, paused_remaining=None)
        assert step.seconds is not None
        return replace(
            self,
            index=index,
            status=Status.RUNNING,
            deadline=now + timedelta(seconds=step.seconds),
            paused_remaining=None,
            span=step.seconds,
        )

    def _require(self, *allowed: Status) -> None:
        if self.status not in allowed:
            raise SessionError(f"the session is {self.status.value}")


def start(steps: tuple[Step, ...], now: datetime) -> SessionState:
    if not steps:
        raise SessionError("a session needs at least one step")
    return SessionState(steps=steps)._enter(0, now)


def due(state: SessionState, now: datetime) -> bool:
    """True when the current timed step has ended and the session should advance."""
    return state.status is Status.RUNNING and state.deadline is not None and state.deadline <= now


def advance(state: SessionState, now: datetime) -> SessionState:
    """Move to the next step (the timer ran out, or the user pressed Next)."""
    state._require(Status.RUNNING, Status.PAUSED)
    return state._enter(min(state.index + 1, len(state.steps) - 1), now)


def pause(state: SessionState, now: datetime) -> SessionState:
    state._require(Status.RUNNING)
    return replace(
        state, status=Status.PAUSED, paused_remaining=state.remaining(now), deadline=None
    )


def resume(state: SessionState, now: datetime) -> SessionState:
    """Continue a paused or interrupted session where it stood."""
    state._require(Status.PAUSED, Status.INTERRUPTED)
    left = state.paused_remaining
    if left is None:
        return replace(state, status=Status.RUNNING, deadline=None, paused_remaining=None)
    return replace(
        state,
        status=Status.RUNNING,
        deadline=now + timedelta(seconds=left),
        paused_remaining=None,
        span=left,
    )


def interrupt(state: SessionState, now: datetime) -> SessionState:
    """The process stopped while the session was active: keep it resumable."""
    state._require(Status.RUNNING, Status.PAUSED, Status.INTERRUPTED)
    return replace(
        state, status=Status.INTERRUPTED, paused_remaining=state.remaining(now), deadline=None
    )


def end(state: SessionState, status: Status) -> SessionState:
    """Stop, hurt or abandon: the session is over, the timeline position is kept."""
    if status.active or status is Status.COMPLETED:
        raise SessionError(f"cannot end a session as {status.value}")
    state._require(Status.RUNNING, Status.PAUSED, Status.INTERRUPTED)
    return replace(state, status=status, deadline=None, paused_remaining=None)
