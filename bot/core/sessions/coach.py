"""Runs guided sessions: persists every transition, pushes one message per step, and
advances by itself when a timed step ends. The "get into position" step of an exercise
with key poses carries its animation (`animations.py`: rendered in a thread, cached).

One small asyncio task per running session sleeps on the injected clock until the
current step's deadline; a button press cancels it, applies the change under the
session's lock and starts a fresh one. After a restart `recover` offers unfinished
sessions to resume (or marks old ones abandoned): a session is never silently lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta

from cachetools import LRUCache

from bot.core.clock import Clock
from bot.core.errors import CommandError
from bot.core.messages import (
    Action,
    ActionStyle,
    Cadence,
    Kind,
    Message,
    Reply,
    Timer,
    action_id,
)
from bot.core.models import Dose, SessionRecord, User
from bot.core.ports import (
    NO_TELEMETRY,
    ActiveSessionExists,
    Chat,
    DeliveryError,
    Storage,
    Telemetry,
)
from bot.core.questions import PainQuestion
from bot.core.routines import Routine, RoutineLibrary
from bot.core.sessions import machine as sm
from bot.core.sessions.animations import Animations
from bot.core.sessions.timeline import (
    DONE_SHARE,
    Step,
    StepKind,
    build_timeline,
    describe_length,
    enough_done,
    total_seconds,
)

log = logging.getLogger(__name__)

RESUME_WINDOW = timedelta(hours=6)
MAX_TRACKED = 10_000
"""Running sessions whose last step message is remembered (older ones lose nothing
but the removal of their old buttons)."""
PAIN_SCALE_HINT = "0 = no pain, 10 = the worst pain you can imagine"


def pain_question(context: str, session_id: int | None, question: str) -> Message:
    """Ask for a 0–10 score; buttons carry the context so the answer lands right."""
    sid = session_id if session_id is not None else 0
    actions = tuple(
        Action(
            action_id("pain", context, sid, n),
            str(n),
            ActionStyle.DANGER if n >= 7 else ActionStyle.SECONDARY,
        )
        for n in range(11)
    )
    return Message(
        f"{question} ({PAIN_SCALE_HINT}). Type a number or press one.",
        actions=actions,
        kind=Kind.QUESTION,
    )


class Coach:
    def __init__(
        self,
        store: Storage,
        chat: Chat,
        clock: Clock,
        library: RoutineLibrary,
        telemetry: Telemetry = NO_TELEMETRY,
        animations: Animations | None = None,
    ) -> None:
        self.store = store
        self.telemetry = telemetry
        self.animations = animations
        self.chat = chat
        self.clock = clock
        self.library = library
        self._drivers: dict[int, asyncio.Task[None]] = {}
        # A lock lives while someone holds or awaits it; finished sessions leave nothing.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        # The last step message of each running session (to strip its buttons): bounded.
        self._last_message: LRUCache[int, tuple[str, Message]] = LRUCache(MAX_TRACKED)
        # Called after a session completes or is stopped (the reminder dispatcher's note
        # about reminders held back while it ran); failures are logged, never raised.
        self.on_end: list[Callable[[User], Awaitable[None]]] = []

    async def wait_idle(self) -> None:
        """Return once no session is advancing by itself (scripts, shutdown)."""
        while tasks := [t for t in self._drivers.values() if not t.done()]:
            await asyncio.wait(tasks)

    # building blocks ------------------------------------------------------------------
    def timeline(self, routine: Routine, dose: Dose | None = None) -> tuple[Step, ...]:
        return build_timeline(routine, self.library.exercises_of(routine), dose)

    def _state(self, record: SessionRecord) -> sm.SessionState | None:
        routine = self.library.get(record.routine_id)
        if routine is None:
            return None
        steps = self.timeline(routine, record.dose)
        index = min(record.step_index, len(steps) - 1)
        return sm.SessionState(
            steps=steps,
            status=sm.Status(record.status),
            index=index,
            deadline=record.step_deadline,
            paused_remaining=record.paused_remaining,
        )

    async def _save(self, session_id: int, state: sm.SessionState) -> None:
        await self.store.sessions.save(
            session_id,
            state.status.value,
            state.index,
            state.deadline,
            state.paused_remaining,
            self.clock.now(),
        )

    def _lock(self, session_id: int) -> asyncio.Lock:
        lock = self._locks.get(session_id)
        if lock is None:
            lock = self._locks[session_id] = asyncio.Lock()
        return lock

    def step_message(self, session_id: int, state: sm.SessionState) -> Message:
        step = state.step
        total = len(state.steps)
        title = f"Step {state.index + 1}/{total} · {step.title}"
        if step.kind is StepKind.FINISH:
            return Message(step.text, title=step.title, kind=Kind.STEP)
        timer = None
        if state.status is sm.Status.RUNNING and state.deadline is not None:
            span = state.span if state.span is not None else step.seconds or 0.0
            cadence = None
            if step.reps and step.rep_seconds:
                cadence = Cadence(step.reps, step.rep_seconds, step.hold_seconds)
            timer = Timer(state.deadline, span, _timer_label(step), cadence)
        return Message(
            step.text,
            actions=session_actions(session_id, state),
            timer=timer,
            title=title,
            kind=Kind.STEP,
        )

    async def animated(self, message: Message, step: Step) -> Message:
        """The step message with the exercise's animation attached, on the step where the
        person gets into position (the first of the exercise); unchanged otherwise."""
        if self.animations is None or step.kind is not StepKind.PREPARE or not step.exercise_id:
            return message
        exercise = self.library.exercises.get(step.exercise_id)
        if exercise is None or exercise.poses is None:
            return message
        attachment = await self.animations.attachment(exercise)
        return message if attachment is None else replace(message, attachment=attachment)

    async def _push_step(self, user: User, session_id: int, state: sm.SessionState) -> None:
        message = await self.animated(self.step_message(session_id, state), state.step)
        await self._push(user, session_id, message)

    async def _push(self, user: User, session_id: int, message: Message) -> None:
        """Send a step, and strip the buttons off the previous one (old steps are history)."""
        previous = self._last_message.pop(session_id, None)
        if previous is not None and previous[1].actions:
            await self._strip(user, session_id, previous)
        try:
            message_id = await self.chat.send(user, message)
        except DeliveryError as exc:
            log.warning("session %s: could not deliver a step: %s", session_id, exc)
            return
        if message_id is not None:
            # Kept to strip its buttons later: without the file (edits keep it anyway).
            self._last_message[session_id] = (message_id, replace(message, attachment=None))

    # starting ------------------------------------------------------------------------
    async def start(
        self, user: User, routine: Routine, origin: str = "command", dose: Dose | None = None
    ) -> Reply:
        active = await self.store.sessions.active_for(user.id)
        if active is not None:
            return self._already_active(active)
        now = self.clock.now()
        dose = dose if dose is not None else user.dose
        steps = self.timeline(routine, dose)
        try:
            session_id = await self.store.sessions.create(user.id, routine.id, origin, now, dose)
        except ActiveSessionExists:
            # A second start raced the first (double click): the database kept one.
            active = await self.store.sessions.active_for(user.id)
            if active is None:
                return Reply.error("Your session could not be started; please try again.")
            return self._already_active(active)
        state = sm.start(steps, now)
        await self._save(session_id, state)
        self.telemetry.count("sessions_started", origin=origin)
        log.info("session started", extra={"session_id": session_id, "routine": routine.id})
        await self._push_step(user, session_id, state)
        self._schedule(session_id)
        length = describe_length(total_seconds(steps))
        return Reply.text(
            f"Starting **{routine.name}** ({length}). Pause, skip a step with Next, Stop, or "
            "press It hurts at any time. It counts toward your streak when at least "
            f"{DONE_SHARE:.0%} of its timed steps are done."
        )

    def _already_active(self, record: SessionRecord) -> Reply:
        sid = record.id
        if record.status == sm.Status.RUNNING.value:
            return Reply(
                [
                    Message(
                        "You're in the middle of a session. Stop it first to start a new one.",
                        actions=(
                            Action(
                                action_id("session", sid, "x", "stop"), "Stop", ActionStyle.DANGER
                            ),
                        ),
                        kind=Kind.ERROR,
                    )
                ]
            )
        return Reply(
            [
                Message(
                    f"You have an unfinished session of {record.routine_id} "
                    f"(step {record.step_index + 1}). Resume it or stop it first.",
                    actions=(
                        Action(
                            action_id("session", sid, "x", "resume"), "Resume", ActionStyle.PRIMARY
                        ),
                        Action(action_id("session", sid, "x", "stop"), "Stop", ActionStyle.DANGER),
                    ),
                    kind=Kind.QUESTION,
                )
            ]
        )

    # driving -------------------------------------------------------------------------
    def _schedule(self, session_id: int) -> None:
        old = self._drivers.pop(session_id, None)
        if old is not None and old is not asyncio.current_task():
            old.cancel()
        task = asyncio.get_running_loop().create_task(
            self._drive(session_id), name=f"limber-session-{session_id}"
        )
        self._drivers[session_id] = task
        task.add_done_callback(lambda t: self._forget(session_id, t))

    def _forget(self, session_id: int, task: asyncio.Task[None]) -> None:
        if self._drivers.get(session_id) is task:
            del self._drivers[session_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("session %s driver failed", session_id, exc_info=task.exception())

    async def _drive(self, session_id: int) -> None:
        clock = self.clock
        while True:
            record = await self.store.sessions.get(session_id)
            state = self._state(record) if record else None
            if record is None or state is None or state.status is not sm.Status.RUNNING:
                return
            if state.deadline is None:
                return
            wait = (state.deadline - clock.now()).total_seconds()
            if wait > 0:
                await clock.sleep(wait)
                continue
            async with self._lock(session_id):
                record = await self.store.sessions.get(session_id)
                state = self._state(record) if record else None
                if record is None or state is None or not sm.due(state, clock.now()):
                    continue
                await self._enter_next(record, state)

    async def _enter_next(self, record: SessionRecord, state: sm.SessionState) -> sm.SessionState:
        new = sm.advance(state, self.clock.now())
        message = self.step_message(record.id, new)
        if new.status is sm.Status.COMPLETED:
            fresh = await self.store.sessions.get(record.id)
            skipped = fresh.skipped_seconds if fresh else record.skipped_seconds
            if not enough_done(new.steps, skipped):
                new = replace(new, status=sm.Status.PARTIAL)
            message = finish_message(new, skipped)
        await self._save(record.id, new)
        user = await self.store.users.get(record.user_id)
        if user is not None:
            await self._push(user, record.id, await self.animated(message, new.step))
            if new.status is sm.Status.COMPLETED:
                self.telemetry.count("sessions_completed")
                log.info("session completed", extra={"session_id": record.id})
            if new.finished:
                await self._finish(user, record.id)
        return new

    async def _finish(self, user: User, session_id: int) -> None:
        self._last_message.pop(session_id, None)
        await self.store.users.set_pending(
            user.id, PainQuestion(context="after", session_id=session_id)
        )
        with contextlib.suppress(DeliveryError):
            await self.chat.send(user, pain_question("after", session_id, "How is your pain now?"))
        await self._ended(user)

    async def _ended(self, user: User) -> None:
        for hook in self.on_end:
            try:
                await hook(user)
            except Exception:
                log.exception("after-session hook failed for user %s", user.id)

    # user actions --------------------------------------------------------------------
    async def act(self, user: User, session_id: int, step: str, verb: str) -> Reply:
        record = await self.store.sessions.get(session_id)
        if record is None or record.user_id != user.id:
            return Reply.error("That session is no longer available.")
        async with self._lock(session_id):
            record = await self.store.sessions.get(session_id)
            assert record is not None
            state = self._state(record)
            if state is None:
                await self.store.sessions.save(
                    session_id,
                    sm.Status.ABANDONED.value,
                    record.step_index,
                    None,
                    None,
                    self.clock.now(),
                )
                return Reply.error("This session's routine no longer exists; it was closed.")
            if state.finished:
                return Reply.text(
                    "This session is already over. Start a new one with `/stretch start`."
                )
            try:
                return await self._apply(user, record, state, step, verb)
            except sm.SessionError as exc:
                return Reply.error(f"Can't do that now: {exc}.")

    async def _apply(
        self, user: User, record: SessionRecord, state: sm.SessionState, step: str, verb: str
    ) -> Reply:
        now = self.clock.now()
        sid = record.id
        if verb == "pause":
            new = sm.pause(state, now)
            await self._save(sid, new)
            self._cancel(sid)
            return Reply(
                [
                    Message(
                        f"Paused at step {new.index + 1}/{len(new.steps)}: {new.step.title}.",
                        actions=session_actions(sid, new),
                        kind=Kind.STEP,
                    )
                ]
            )
        if verb == "resume":
            new = sm.resume(state, now)
            if new.step.timed and new.deadline is None:
                new = replace(
                    new,
                    deadline=now + timedelta(seconds=new.step.seconds or 0),
                    span=new.step.seconds,
                )
            await self._save(sid, new)
            await self._push_step(user, sid, new)
            self._schedule(sid)
            return Reply()
        if verb == "next":
            if step != "x" and step != str(state.index):
                return Reply.text("That step is already over.")
            if state.step.timed:
                left = state.remaining(now)
                await self.store.sessions.add_skipped(sid, left if left is not None else 0.0)
            if state.status is sm.Status.INTERRUPTED:
                state = sm.resume(state, now)
            new = await self._enter_next(record, state)
            if new.status is sm.Status.RUNNING:
                self._schedule(sid)
            return Reply()
        if verb == "stop":
            new = sm.end(state, sm.Status.STOPPED)
            await self._save(sid, new)
            self._stopped(sid, sm.Status.STOPPED)
            self._cancel(sid)
            await self._strip_last(user, sid)
            await self._ended(user)
            return Reply.text(
                f"Session stopped after {state.index + 1} of {len(state.steps)} steps. "
                "Come back any time with `/stretch start`."
            )
        if verb == "hurt":
            new = sm.end(state, sm.Status.HURT)
            await self._save(sid, new)
            self._stopped(sid, sm.Status.HURT)
            self._cancel(sid)
            await self._strip_last(user, sid)
            await self.store.users.set_pending(
                user.id, PainQuestion(context="hurt", session_id=sid)
            )
            reply = Reply.text("I've stopped the session. Don't push through pain.")
            reply.add(pain_question("hurt", sid, "How bad is the pain right now?"))
            return reply
        raise CommandError(f"Unknown session action {verb!r}.")

    def _stopped(self, session_id: int, reason: sm.Status) -> None:
        self.telemetry.count("sessions_stopped", reason=reason.value)
        log.info("session stopped", extra={"session_id": session_id, "reason": reason.value})

    def _cancel(self, session_id: int) -> None:
        task = self._drivers.pop(session_id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _strip_last(self, user: User, session_id: int) -> None:
        previous = self._last_message.pop(session_id, None)
        if previous is not None and previous[1].actions:
            await self._strip(user, session_id, previous)

    async def _strip(self, user: User, session_id: int, previous: tuple[str, Message]) -> None:
        """Remove the buttons of an old step: cosmetic, so a failure of any kind (message
        deleted, 429, 5xx, an adapter bug) is logged and never blocks what follows."""
        try:
            await self.chat.edit(user, previous[0], replace(previous[1], actions=()))
        except Exception as exc:
            log.warning("session %s: could not remove old buttons: %s", session_id, exc)

    async def stop_active(self, user: User, reason: sm.Status = sm.Status.STOPPED) -> bool:
        """End the user's active session (e.g. severe pain reported); True if one was active.

        The record is read again under the session's lock: a step that completed the
        session while this waited must not be overwritten."""
        found = await self.store.sessions.active_for(user.id)
        if found is None:
            return False
        async with self._lock(found.id):
            record = await self.store.sessions.get(found.id)
            if record is None:
                return False
            state = self._state(record)
            if state is None or state.finished:
                return False
            await self._save(record.id, sm.end(state, reason))
            self._stopped(record.id, reason)
            self._cancel(record.id)
            await self._strip_last(user, record.id)
        return True

    # restarts ------------------------------------------------------------------------
    async def recover(self) -> None:
        """After a start-up: offer recent unfinished sessions, abandon stale ones."""
        now = self.clock.now()
        for record in await self.store.sessions.all_active():
            state = self._state(record)
            user = await self.store.users.get(record.user_id)
            if state is None or user is None or now - record.updated_at > RESUME_WINDOW:
                await self.store.sessions.save(
                    record.id, sm.Status.ABANDONED.value, record.step_index, None, None, now
                )
                continue
            full = state.step.seconds if state.step.timed else None
            interrupted = replace(sm.interrupt(state, now), paused_remaining=full)
            await self._save(record.id, interrupted)
            with contextlib.suppress(DeliveryError):
                await self.chat.send(
                    user,
                    Message(
                        f"Your {self.library.routines[record.routine_id].name} session was "
                        "interrupted at step "
                        f"{interrupted.index + 1}/{len(interrupted.steps)} "
                        f"({interrupted.step.title}). Resume where you left off?",
                        actions=session_actions(record.id, interrupted),
                        kind=Kind.QUESTION,
                    ),
                )

    async def shutdown(self) -> None:
        """Graceful stop: running sessions become interrupted, resumable after a restart."""
        tasks = list(self._drivers.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        now = self.clock.now()
        for record in await self.store.sessions.all_active():
            state = self._state(record)
            if state is not None and state.status is sm.Status.RUNNING:
                await self._save(record.id, sm.interrupt(state, now))


def session_actions(session_id: int, state: sm.SessionState) -> tuple[Action, ...]:
    step = state.index
    if state.status is sm.Status.RUNNING:
        toggle = Action(action_id("session", session_id, step, "pause"), "Pause")
    else:
        toggle = Action(
            action_id("session", session_id, step, "resume"), "Resume", ActionStyle.PRIMARY
        )
    return (
        toggle,
        Action(action_id("session", session_id, step, "next"), "Next"),
        Action(action_id("session", session_id, step, "stop"), "Stop", ActionStyle.DANGER),
        Action(action_id("session", session_id, step, "hurt"), "It hurts", ActionStyle.DANGER),
    )


def finish_message(state: sm.SessionState, skipped_seconds: float) -> Message:
    """The end of a session: "Well done!" only when enough of it was done."""
    total = total_seconds(state.steps)
    done = max(total - skipped_seconds, 0.0)
    amount = f"{_minutes(done)} of {_minutes(total)}"
    if state.status is sm.Status.COMPLETED:
        return Message(
            f"{state.step.text} You did {amount}; it counts toward your streak.",
            title="Well done!",
            kind=Kind.STEP,
        )
    return Message(
        f"You reached the end, but most of it was skipped ({amount} done), so this one "
        f"doesn't count as completed. A session counts when at least {DONE_SHARE:.0%} of "
        "its timed steps are done. Start again any time with `/stretch start`.",
        title="Session over",
        kind=Kind.STEP,
    )


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def _timer_label(step: Step) -> str:
    return {
        StepKind.HOLD: "Hold",
        StepKind.REPS: "Set",
        StepKind.REST: "Rest",
        StepKind.PREPARE: "Get ready",
        StepKind.SWITCH: "Switch",
        StepKind.INTRO: "Starting in",
    }.get(step.kind, "Time")
