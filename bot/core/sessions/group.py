"""Group stretch-alongs: one routine run for everyone who joined, in a server channel.

`announce` posts the channel message (routine, start countdown, Join, how many joined);
at the start time one session message is posted and then edited once per step, never
per second: the hold's end is a `Timer` (Discord renders it as a live countdown). The
timeline and the state machine are the solo session's (`timeline.py`, `machine.py`);
the run advances by itself on the injected clock, one small task per group.

Each person's controls are private: Join, Leave and It hurts answer only the person who
pressed (the adapter shows the reply ephemerally); It hurts takes them out and asks the
0-10 question of the solo flow, so triage answers them exactly as everywhere else. The
channel only ever shows counts, never who. When the routine ends, every person still in
gets a completed session of their own (`GroupStore.complete`, origin `group`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, Timer, action_id
from bot.core.models import GroupSession, User
from bot.core.ports import NO_TELEMETRY, Chat, DeliveryError, Storage, Telemetry
from bot.core.questions import PainQuestion
from bot.core.routines import Routine, RoutineLibrary
from bot.core.sessions import machine as sm
from bot.core.sessions.coach import Coach, pain_question
from bot.core.sessions.timeline import StepKind, describe_length, total_seconds

log = logging.getLogger(__name__)

LATE_START = timedelta(minutes=15)
"""A start (or a step) overdue by more than this after downtime is not run any more."""


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


class GroupCoach:
    """Runs group stretch-alongs; a Service-like part of the app (recover / shutdown)."""

    def __init__(
        self,
        store: Storage,
        chat: Chat,
        clock: Clock,
        library: RoutineLibrary,
        coach: Coach,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self.store = store
        self.chat = chat
        self.clock = clock
        self.library = library
        self.coach = coach  # the timeline and the animations of solo sessions
        self.telemetry = telemetry
        self._drivers: dict[int, asyncio.Task[None]] = {}

    # messages --------------------------------------------------------------------------
    def announcement(self, group: GroupSession, routine: Routine, count: int) -> Message:
        """The channel message before the start: routine, countdown, Join, how many."""
        length = describe_length(total_seconds(self.coach.timeline(routine)))
        seconds = max(0.0, (group.starts_at - self.clock.now()).total_seconds())
        gid = group.id
        return Message(
            f"**{routine.name}** ({length}), together in this channel. Press Join to stretch "
            "along; your It hurts and Leave buttons answer only you.\n"
            f"{_people(count)} joined.",
            actions=(
                Action(action_id("group", gid, "join"), "Join", ActionStyle.SUCCESS),
                Action(action_id("group", gid, "leave"), "Leave"),
            ),
            timer=Timer(group.starts_at, seconds, "Starts", starts=True),
            kind=Kind.INFO,
            title="Group stretch-along",
        )

    def step_message(self, group: GroupSession, state: sm.SessionState, count: int) -> Message:
        """The one session message, as it reads during `state`'s step."""
        solo = self.coach.step_message(group.id, state)
        gid = group.id
        if state.step.kind is StepKind.FINISH:
            return Message(
                f"{state.step.text} {_people(count)} finished together.",
                title=f"Group stretch-along · {state.step.title}",
                kind=Kind.STEP,
            )
        return replace(
            solo,
            text=f"{solo.text}\n{_people(count)} stretching.",
            title=f"Group stretch-along · {solo.title}",
            actions=(
                Action(action_id("group", gid, "hurt"), "It hurts", ActionStyle.DANGER),
                Action(action_id("group", gid, "leave"), "Leave"),
                Action(action_id("group", gid, "join"), "Join", ActionStyle.SUCCESS),
            ),
        )

    # starting --------------------------------------------------------------------------
    async def announce(
        self,
        platform: str,
        clinic_key: str | None,
        channel_id: str,
        routine: Routine,
        starts_at: datetime,
        *,
        schedule_id: int | None = None,
        occurrence_key: str | None = None,
    ) -> GroupSession | None:
        """Record and post a group session; None when this occurrence exists already."""
        now = self.clock.now()
        gid = await self.store.groups.create(
            platform,
            clinic_key,
            channel_id,
            routine.id,
            starts_at,
            now,
            schedule_id=schedule_id,
            occurrence_key=occurrence_key,
        )
        if gid is None:
            return None
        group = await self.store.groups.get(gid)
        assert group is not None
        await self._post_announcement(group, routine)
        self._schedule(gid)
        return group

    async def _post_announcement(self, group: GroupSession, routine: Routine) -> None:
        try:
            posted = await self.chat.post(group.channel_id, self.announcement(group, routine, 0))
        except DeliveryError as exc:
            log.warning("group %s: could not post the announcement: %s", group.id, exc)
            return
        await self.store.groups.set_messages(group.id, posted, None)

    # people ----------------------------------------------------------------------------
    async def join(self, user: User, group_id: int) -> Reply:
        group = await self.store.groups.get(group_id)
        if group is None or not group.live:
            return Reply.text(
                "This group stretch-along is over. Start your own with `/stretch start`."
            )
        if await self.store.sessions.active_for(user.id) is not None:
            return Reply.error("You're in a session of your own. Stop it first to join the group.")
        if not await self.store.groups.join(group_id, user.id, self.clock.now()):
            if await self.store.groups.is_member(group_id, user.id):
                return Reply.text("You're in already.")
            return Reply.text("After It hurts you're out of this one. Look after yourself.")
        await self._refresh_count(group)
        routine = self.library.get(group.routine_id)
        name = routine.name if routine else group.routine_id
        if group.status == "running":
            return Reply.text(f"You're in: follow **{name}** in the channel, from this step on.")
        return Reply.text(
            f"You're in for **{name}**. It starts in the channel; It hurts and Leave there "
            "answer only you."
        )

    async def leave(self, user: User, group_id: int) -> Reply:
        if not await self.store.groups.leave(group_id, user.id, "left", self.clock.now()):
            return Reply.text("You're not in this group stretch-along.")
        group = await self.store.groups.get(group_id)
        if group is not None:
            await self._refresh_count(group)
        return Reply.text(
            "You've left the group stretch-along. Join again any time before it ends."
        )

    async def hurt(self, user: User, group_id: int) -> Reply:
        """It hurts: out of the group (privately), then the 0-10 question of the solo flow."""
        was_in = await self.store.groups.leave(group_id, user.id, "hurt", self.clock.now())
        await self.store.users.set_pending(user.id, PainQuestion(context="group"))
        question = pain_question("group", None, "How bad is the pain right now?")
        if not was_in:
            return Reply([question])
        self.telemetry.count("sessions_stopped", reason="hurt")
        reply = Reply.text("I've taken you out of the group session. Don't push through pain.")
        return reply.add(question)

    async def leave_all(self, user: User, status: str = "hurt") -> int:
        """Take the person out of every live group (severe pain or a red flag reported)."""
        left = 0
        for group_id in await self.store.groups.live_for(user.id):
            left += await self.store.groups.leave(group_id, user.id, status, self.clock.now())
        return left

    async def _refresh_count(self, group: GroupSession) -> None:
        """Before the start the announcement shows how many joined; once running the
        count rides along with the next step's edit (no extra edits)."""
        if group.status != "scheduled" or group.announcement_id is None:
            return
        routine = self.library.get(group.routine_id)
        if routine is None:
            return
        count = await self.store.groups.count(group.id)
        with contextlib.suppress(DeliveryError):
            await self.chat.edit_posted(
                group.channel_id, group.announcement_id, self.announcement(group, routine, count)
            )

    # driving ---------------------------------------------------------------------------
    def _schedule(self, group_id: int) -> None:
        old = self._drivers.pop(group_id, None)
        if old is not None:
            old.cancel()
        task = asyncio.get_running_loop().create_task(
            self._drive(group_id), name=f"limber-group-{group_id}"
        )
        self._drivers[group_id] = task
        task.add_done_callback(lambda t: self._forget(group_id, t))

    def _forget(self, group_id: int, task: asyncio.Task[None]) -> None:
        if self._drivers.get(group_id) is task:
            del self._drivers[group_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("group %s driver failed", group_id, exc_info=task.exception())

    async def wait_idle(self) -> None:
        """Return once no group session is waiting or running (scripts, tests)."""
        while tasks := [t for t in self._drivers.values() if not t.done()]:
            await asyncio.wait(tasks)

    async def _drive(self, group_id: int) -> None:
        while True:
            group = await self.store.groups.get(group_id)
            routine = self.library.get(group.routine_id) if group else None
            if group is None or not group.live:
                return
            if routine is None:
                await self._end(group, "cancelled", "This routine no longer exists.")
                return
            due = group.starts_at if group.status == "scheduled" else group.step_deadline
            if due is None:
                return
            wait = (due - self.clock.now()).total_seconds()
            if wait > 0:
                await self.clock.sleep(wait)
                continue
            if group.status == "scheduled":
                await self._begin(group, routine)
            else:
                await self._advance(group, routine)

    def _state(self, group: GroupSession, routine: Routine) -> sm.SessionState:
        steps = self.coach.timeline(routine)
        return sm.SessionState(
            steps=steps,
            index=min(group.step_index, len(steps) - 1),
            deadline=group.step_deadline,
            span=steps[min(group.step_index, len(steps) - 1)].seconds,
        )

    async def _begin(self, group: GroupSession, routine: Routine) -> None:
        now = self.clock.now()
        count = await self.store.groups.count(group.id)
        if count == 0:
            await self._end(group, "cancelled", "Nobody joined, so this one did not start.")
            return
        state = sm.start(self.coach.timeline(routine), now)
        await self.store.groups.save(group.id, "running", state.index, state.deadline, now)
        message = await self.coach.animated(self.step_message(group, state, count), state.step)
        try:
            posted = await self.chat.post(group.channel_id, message)
        except DeliveryError as exc:
            log.warning("group %s: could not post the session: %s", group.id, exc)
            posted = None
        await self.store.groups.set_messages(group.id, None, posted)
        if group.announcement_id is not None:
            started = Message(
                f"**{routine.name}** started with {_people(count)}: follow along below.",
                title="Group stretch-along",
            )
            with contextlib.suppress(DeliveryError):
                await self.chat.edit_posted(group.channel_id, group.announcement_id, started)
        self.telemetry.count("sessions_started", origin="group")

    async def _advance(self, group: GroupSession, routine: Routine) -> None:
        now = self.clock.now()
        if group.step_deadline is not None and now - group.step_deadline > LATE_START:
            await self._end(group, "interrupted", "Limber was offline; this one was cut short.")
            return
        new = sm.advance(self._state(group, routine), now)
        status = "completed" if new.status is sm.Status.COMPLETED else "running"
        count = await self.store.groups.count(group.id)
        if status == "completed":
            count = await self.store.groups.complete(group.id, now)
            self.telemetry.count("sessions_completed", count)
        else:
            await self.store.groups.save(group.id, status, new.index, new.deadline, now)
        message = await self.coach.animated(self.step_message(group, new, count), new.step)
        await self._edit_session(group, message)

    async def _edit_session(self, group: GroupSession, message: Message) -> None:
        fresh = await self.store.groups.get(group.id)
        target = fresh.message_id if fresh else group.message_id
        if target is None:
            return
        try:
            await self.chat.edit_posted(group.channel_id, target, message)
        except DeliveryError as exc:
            log.warning("group %s: could not edit the session message: %s", group.id, exc)

    async def _end(self, group: GroupSession, status: str, why: str) -> None:
        await self.store.groups.save(group.id, status, group.step_index, None, self.clock.now())
        target = group.message_id or group.announcement_id
        if target is not None:
            with contextlib.suppress(DeliveryError):
                await self.chat.edit_posted(
                    group.channel_id, target, Message(why, title="Group stretch-along")
                )

    # restarts --------------------------------------------------------------------------
    async def recover(self) -> None:
        """After a start-up: post what a crash left unposted, drive live groups again;
        a start or step missed by more than LATE_START is closed, not replayed."""
        now = self.clock.now()
        for group in await self.store.groups.live():
            routine = self.library.get(group.routine_id)
            if group.status == "scheduled" and now - group.starts_at > LATE_START:
                await self._end(group, "missed", "Limber was offline at the start time.")
                continue
            if group.status == "scheduled" and group.announcement_id is None and routine:
                await self._post_announcement(group, routine)
            self._schedule(group.id)

    async def shutdown(self) -> None:
        tasks = list(self._drivers.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
