"""The pure session state machine, with explicit times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.sessions import machine as sm
from bot.core.sessions.timeline import Step, StepKind

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
STEPS = (
    Step(StepKind.INTRO, "intro", "", 10),
    Step(StepKind.HOLD, "hold", "", 30),
    Step(StepKind.FINISH, "done", "", None),
)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_started_session_runs_the_first_step_until_its_deadline() -> None:
    state = sm.start(STEPS, T0)
    assert state.status is sm.Status.RUNNING and state.deadline == at(10)
    assert not sm.due(state, at(9.9)) and sm.due(state, at(10))


def test_advancing_past_the_last_timed_step_completes_the_session() -> None:
    state = sm.advance(sm.advance(sm.start(STEPS, T0), at(10)), at(40))
    assert state.status is sm.Status.COMPLETED and state.step.kind is StepKind.FINISH


def test_pause_keeps_the_remaining_time_and_resume_restores_it() -> None:
    state = sm.advance(sm.start(STEPS, T0), at(10))
    paused = sm.pause(state, at(22))
    assert paused.paused_remaining == pytest.approx(18)
    resumed = sm.resume(paused, at(100))
    assert resumed.deadline == at(118)


def test_an_interrupted_session_can_be_resumed() -> None:
    state = sm.interrupt(sm.start(STEPS, T0), at(4))
    assert state.status is sm.Status.INTERRUPTED and state.status.active
    assert sm.resume(state, at(50)).deadline == at(56)


@pytest.mark.parametrize("status", [sm.Status.STOPPED, sm.Status.HURT, sm.Status.ABANDONED])
def test_ending_a_session_keeps_its_position(status: sm.Status) -> None:
    state = sm.end(sm.advance(sm.start(STEPS, T0), at(10)), status)
    assert state.status is status and state.index == 1 and state.finished


def test_actions_that_do_not_fit_the_state_are_refused() -> None:
    done = sm.end(sm.start(STEPS, T0), sm.Status.STOPPED)
    with pytest.raises(sm.SessionError):
        sm.resume(done, at(1))
    with pytest.raises(sm.SessionError):
        sm.pause(sm.pause(sm.start(STEPS, T0), at(1)), at(2))
