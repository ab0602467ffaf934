"""The reminder dispatcher: one scheduler, a constant handful of jobs, the database as truth.

RoboDanny's timer idea with APScheduler doing the waiting: reminders live in the
`reminders` table with their next occurrence (UTC, indexed); the scheduler holds a
single dispatch job (a `DateTrigger` at the earliest due time, replaced whenever an
earlier one appears) plus daily housekeeping jobs -- never a job per user, which the
measurements in notes/scheduling.md rule out (13 s to add 100,000, +358 MiB).

A dispatch pass, in order, so that each occurrence is sent exactly once:
1. due reminders become `deliveries` rows keyed `<reminder id>:<local slot>` (UNIQUE)
   before anything is sent; older than 15 minutes -> recorded as missed, and the
   schedule moves on (no flood after downtime);
2. pending deliveries that are due (new ones, snoozes, retries, and rows left by a
   crash between recording and sending) are *claimed* a few at a time, with a short
   lease (`lease_owner`, `lease_until`), just before a paced pool of senders sends
   them; the nonce derived from the key lets the platform drop a repeat.
Outcomes are written in batches; a row leaves the in-flight set only once its outcome
is stored, so a pass never hands the same row out twice.

Several processes on one database (PostgreSQL): every process runs the same passes.
Recording is idempotent (UNIQUE key; a schedule only ever moves forward), and a claim
takes rows nobody holds (`FOR UPDATE SKIP LOCKED`), so each occurrence is sent by one
process. A process that dies mid-burst leaves at most a few leased rows; their leases
expire and another process claims and sends them under the same key and nonce.
`platforms`: a process sends only the reminders of people on its own platform(s).

Time always comes from the injected clock. With the real `SystemClock` the dispatch
job runs on APScheduler; with a test or demo clock the same wake-up is an asyncio task
sleeping on `clock.sleep`, because APScheduler only knows wall time. What this module
must not do: write SQL (storage/reminders.py does), or know a chat platform.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from cachetools import LRUCache

from bot.core.clock import Clock, SystemClock
from bot.core.messages import Action, ActionStyle, Kind, Message, action_id
from bot.core.models import Delivery, NewDelivery, Reminder, User
from bot.core.pacing import TokenBucket
from bot.core.ports import (
    NO_TELEMETRY,
    Chat,
    DeliveryError,
    Outcome,
    Pacer,
    PermanentDeliveryError,
    RecipientUnreachable,
    Storage,
    Telemetry,
    TransientDeliveryError,
)
from bot.core.reminders.schedule import (
    CATCH_UP_GRACE,
    LATE_NOTE_AFTER,
    local_label,
    next_occurrence,
    nonce_for,
    occurrence_key,
    schedule_of,
)
from bot.core.routines import RoutineLibrary
from bot.core.sessions.timeline import build_timeline, describe_length, total_seconds

log = logging.getLogger(__name__)

DISPATCH_JOB = "limber-reminders-dispatch"
MAX_IDLE_WAIT = timedelta(hours=1)
ALERT_MEMORY = timedelta(days=1)
"""How long a red flag or severe pain is mentioned in reminders (see session_start)."""
COMPUTE_SLICE = 100  # rows computed between yields to the event loop
IN_SESSION = "during a session"
LEASE = timedelta(seconds=30)
"""How long a claimed delivery is this process's alone; a dead process's rows wait this
long before another process sends them (claims cover about a second of sending)."""


@dataclass(frozen=True)
class SendItem:
    delivery: Delivery
    user: User
    late_by: timedelta


class Dispatcher:
    """The reminder Service (start/stop), also home of the app's one AsyncIOScheduler."""

    def __init__(
        self,
        store: Storage,
        chat: Chat,
        clock: Clock,
        library: RoutineLibrary,
        *,
        default_zone: str = "UTC",
        pacer: Pacer | None = None,
        rate: float | None = 40.0,
        workers: int = 8,
        batch_size: int = 500,
        max_attempts: int = 5,
        use_scheduler: bool | None = None,
        max_tracked: int = 10_000,
        telemetry: Telemetry = NO_TELEMETRY,
        platforms: Sequence[str] | None = None,
        lease: timedelta = LEASE,
        claim_batch: int | None = None,
        owner: str | None = None,
    ) -> None:
        self.store = store
        self.telemetry = telemetry
        self.chat = chat
        self.clock = clock
        self.library = library
        self.default_zone = default_zone
        self.repo = store.reminders
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.worker_count = workers
        self.platforms: tuple[str, ...] | None = None if platforms is None else tuple(platforms)
        self.lease = lease
        self.claim_batch = claim_batch or max(4, 2 * workers)
        self.owner = owner or uuid.uuid4().hex[:16]
        self.bucket: Pacer = pacer or TokenBucket(rate, rate or 1.0, self.clock)
        # misfire_grace_time=None: a late dispatch job still runs (3.11's default of 1 s
        # silently drops it); coalescing is harmless since one run handles all that is due.
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 4},
        )
        self.use_scheduler = (
            isinstance(self.clock, SystemClock) if use_scheduler is None else use_scheduler
        )
        self._queue: asyncio.Queue[SendItem] = asyncio.Queue()
        self._in_flight: set[int] = set()
        # People found unreachable in this process (bounded: LRU beyond max_tracked).
        self.max_tracked = max_tracked
        self._unreachable: LRUCache[int, bool] = LRUCache(max_tracked)
        self._outcomes: list[Outcome] = []
        self._outcome_ready = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self._describe: dict[str | None, str] = {}
        self._runs: set[asyncio.Task[None]] = set()
        self._sleeper: asyncio.Task[None] | None = None
        self._wake_at: datetime | None = None
        self._running = False
        self._not_running = asyncio.Event()
        self._not_running.set()
        self._again = False
        self._started = False
        self._feed = asyncio.Event()
        self._fed = asyncio.Event()
        self._fed.set()
        self._room = asyncio.Event()
        # Reminders held back during a running session, per person (bounded), for the note.
        self._held: LRUCache[int, list[datetime]] = LRUCache(max_tracked)

    # lifetime ------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the scheduler and senders, then one pass: this re-sends rows a crash
        left pending, records what downtime made stale, and schedules the next wake."""
        self.scheduler.start()
        self._tasks = [asyncio.create_task(self._worker()) for _ in range(self.worker_count)]
        self._tasks.append(asyncio.create_task(self._flusher()))
        self._tasks.append(asyncio.create_task(self._feeder()))
        self._started = True
        await self.run_due()
        if self.use_scheduler:
            # Move the start-up heap (modules, routines, caches) out of the collector's
            # reach: a full collection walking it stalled the loop ~100 ms mid-burst.
            gc.freeze()

    async def stop(self) -> None:
        self._started = False
        if self._sleeper is not None:
            self._sleeper.cancel()
        for task in [*self._runs, *self._tasks]:
            task.cancel()
        for task in [*self._runs, *self._tasks]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        await self._flush()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def add_daily_job(
        self, name: str, func: Callable[[], Awaitable[Any]], hour: int, minute: int = 0
    ) -> None:
        """A job once a day at `hour` UTC (housekeeping such as data retention). A run
        missed while the process was down or busy still happens within the hour."""
        self.scheduler.add_job(
            func,
            CronTrigger(hour=hour, minute=minute, timezone=UTC),
            id=name,
            name=name,
            replace_existing=True,
            misfire_grace_time=3600,
            coalesce=True,
            max_instances=1,
        )

    # waking --------------------------------------------------------------------------
    def notify(self, at: datetime) -> None:
        """Something is due at `at` (a new reminder, a snooze, a retry): wake by then."""
        if not self._started:
            return
        if self._running:
            self._again = True
        elif self._wake_at is None or at < self._wake_at:
            self._schedule_wake(at)

    def _schedule_wake(self, at: datetime | None) -> None:
        if self.use_scheduler:
            at = min(at or datetime.max.replace(tzinfo=UTC), self.clock.now() + MAX_IDLE_WAIT)
        self._wake_at = at
        if self._sleeper is not None:
            self._sleeper.cancel()
            self._sleeper = None
        if at is None:
            with contextlib.suppress(Exception):
                self.scheduler.remove_job(DISPATCH_JOB)
            return
        if at <= self.clock.now():
            self._wake_at = None
            self._spawn_run()
        elif self.use_scheduler:
            self.scheduler.add_job(
                self.run_due,
                DateTrigger(run_date=at, timezone=UTC),
                id=DISPATCH_JOB,
                name="reminder dispatch",
                replace_existing=True,
            )
        else:
            self._sleeper = asyncio.create_task(self._sleep_until(at))

    async def _sleep_until(self, at: datetime) -> None:
        await self.clock.sleep(max(0.0, (at - self.clock.now()).total_seconds()))
        self._sleeper = None
        self._wake_at = None
        self._spawn_run()

    def _spawn_run(self) -> None:
        task = asyncio.create_task(self.run_due())
        self._runs.add(task)
        task.add_done_callback(self._runs.discard)

    @property
    def wake_at(self) -> datetime | None:
        """When the dispatcher next wakes (tests and /reminders debugging)."""
        return self._wake_at

    # the pass ------------------------------------------------------------------------
    async def run_due(self) -> None:
        """Handle everything due now; re-run if something was added meanwhile; then
        schedule the next wake. Only one pass runs at a time."""
        if self._running:
            self._again = True
            return
        self._running = True
        self._not_running.clear()
        self._wake_at = None
        try:
            while True:
                self._again = False
                now = self.clock.now()
                try:
                    await self.record_due(now)
                    self._kick()
                    wake = await self.repo.next_wake(now, self.platforms)
                except Exception:
                    log.exception("reminder dispatch pass failed; retrying in a minute")
                    wake = now + timedelta(minutes=1)
                if not self._again:
                    break
        finally:
            self._running = False
            self._not_running.set()
        if self._started:
            self._schedule_wake(wake)

    async def record_due(self, now: datetime, *, hand_off: bool = True) -> None:
        """Due reminders -> delivery rows (pending, or missed when too old), claimed by the
        senders batch by batch (the first messages leave while later batches are still
        being recorded), then every reminder is advanced to its next occurrence (never
        back: another process may be running the same pass).
        `hand_off=False` records only (tests play a crash between record and send)."""
        default_zone = self.default_zone
        after: tuple[datetime, int] | None = None
        recorded: list[tuple[Reminder, str, bool]] = []
        while True:
            due = await self.repo.due(now, self.batch_size, after, self.platforms)
            if not due:
                break
            after = (due[-1][0].next_at, due[-1][0].id)
            records: list[NewDelivery] = []
            users: dict[int, User] = {}
            busy = await self.store.sessions.running_among([u.id for _, u in due])
            for reminder, user in due:
                users[user.id] = user
                zone = user.timezone or default_zone
                missed = now - reminder.next_at > CATCH_UP_GRACE or self._superseded(
                    reminder, zone, now
                )
                status, error = ("missed", None) if missed else ("pending", None)
                if not missed and user.id in busy:
                    # Stretching already: never interrupt a session; counted as done,
                    # and a quiet note follows the session (session_ended).
                    status, error = "skipped", IN_SESSION
                    self._held.setdefault(user.id, []).append(reminder.next_at)
                records.append(
                    NewDelivery(
                        key=occurrence_key(reminder.id, reminder.next_slot),
                        reminder_id=reminder.id,
                        user_id=user.id,
                        routine_id=reminder.routine_id,
                        occurs_at=reminder.next_at,
                        status=status,
                        error=error,
                    )
                )
                recorded.append((reminder, zone, missed))
            inserted = await self.repo.record(records, now)
            self._count_recorded(records, inserted)
            if hand_off and any(r.status == "pending" for r in records):
                self._kick()
        # Advancing comes last: it is not needed to send (the calendar math is the costly
        # part of a burst, so the messages leave first), and a crash before it only replays
        # keys that already exist (ignored). An occurrence still due after the advance
        # (catch-up within the grace) is picked up by the immediate next pass.
        advances: list[tuple[int, datetime, str]] = []
        for n, (reminder, zone, missed) in enumerate(recorded, 1):
            if n % COMPUTE_SLICE == 0:
                await asyncio.sleep(0)  # bound the event-loop stall of a big burst
            # After downtime skip straight to occurrences still within the grace.
            start = max(reminder.next_at, now - CATCH_UP_GRACE) if missed else reminder.next_at
            nxt = next_occurrence(schedule_of(reminder, zone), start, reminder.next_slot)
            advances.append((reminder.id, nxt.at, nxt.slot))
        await self.repo.set_next(advances, forward_only=True)

    @staticmethod
    def _superseded(reminder: Reminder, zone: str, now: datetime) -> bool:
        """A later occurrence of the same reminder is already due (downtime, a slow pass):
        only the latest goes out, so an interval reminder never sends a burst of stale
        slots. Occurrences are at least a minute apart, so an on-time one is never
        superseded and costs no calendar math here."""
        if now - reminder.next_at < timedelta(minutes=1):
            return False
        nxt = next_occurrence(schedule_of(reminder, zone), reminder.next_at, reminder.next_slot)
        return nxt.at <= now

    async def session_ended(self, user: User) -> None:
        """After a session: a quiet note for reminders held back while it ran."""
        held = self._held.pop(user.id, None)
        if not held:
            return
        zone = user.timezone or self.default_zone
        when = ", ".join(local_label(at, zone).rsplit(", ", 1)[-1] for at in held)
        many = len(held) > 1
        text = (
            f"Your reminder{'s' if many else ''} at {when} came due while you were "
            f"stretching, so I didn't interrupt you and counted {'them' if many else 'it'} "
            "as done."
        )
        with contextlib.suppress(DeliveryError):
            await self.chat.send(user, Message(text, kind=Kind.INFO))

    # claiming ------------------------------------------------------------------------
    def _kick(self) -> None:
        """Something may be claimable now: let the feeder look."""
        self._fed.clear()
        self._feed.set()

    async def _feeder(self) -> None:
        """Claim due pending rows a batch at a time while the senders have room, so a
        process holds leases only on what it is about to send."""
        while True:
            await self._feed.wait()
            self._feed.clear()
            try:
                await self._claim_all()
            except Exception:
                log.exception("claiming due reminders failed; retrying in a minute")
                self.notify(self.clock.now() + timedelta(minutes=1))
            finally:
                if not self._feed.is_set():
                    self._fed.set()

    async def _claim_all(self) -> None:
        while True:
            while self._queue.qsize() >= self.claim_batch:
                self._room.clear()
                await self._room.wait()
            now = self.clock.now()
            rows = await self.repo.claim(
                now, self.owner, now + self.lease, self.claim_batch, self.platforms
            )
            if not rows:
                return
            stale: list[Outcome] = []
            for delivery, user in rows:
                if delivery.id in self._in_flight:
                    continue
                if now - delivery.occurs_at > CATCH_UP_GRACE:
                    stale.append((delivery.id, "missed", None, "too late", delivery.attempts))
                    continue
                self._send(delivery, user, now)
            if stale:
                await self.repo.finish(stale, now)
                self.telemetry.count("reminders_missed", len(stale))
            await asyncio.sleep(0)

    def _count_recorded(self, records: list[NewDelivery], inserted: dict[str, int]) -> None:
        """Occurrences that became due (new keys only: a replayed key was counted)."""
        new = [r for r in records if r.key in inserted]
        missed = sum(1 for r in new if r.status == "missed")
        if new:
            self.telemetry.count("reminders_due", len(new))
        if missed:
            self.telemetry.count("reminders_missed", missed)
            log.warning("%d reminder occurrence(s) recorded as missed (downtime)", missed)

    def _send(self, delivery: Delivery, user: User, now: datetime) -> None:
        self._in_flight.add(delivery.id)
        self._queue.put_nowait(SendItem(delivery, user, now - delivery.occurs_at))

    # sending -------------------------------------------------------------------------
    async def _worker(self) -> None:
        while True:
            item = await self._queue.get()
            self._room.set()
            try:
                await self._deliver(item)
            except Exception as exc:
                log.exception("delivering reminder %s failed", item.delivery.key)
                await self._retry_after_bug(item, exc)
            finally:
                self._queue.task_done()
            # With a full queue and a chat that answers at once nothing above suspends:
            # yield, or one worker would drain thousands of items in a single callback.
            await asyncio.sleep(0)

    async def _retry_after_bug(self, item: SendItem, exc: Exception) -> None:
        """An error outside the send's own handling (pacer, storage, a bug): count the
        attempt and schedule a retry, so the row is never left pending with 0 attempts,
        which no later pass would pick up again."""
        d = item.delivery
        attempts = d.attempts + 1
        if attempts >= self.max_attempts:
            # Written by the flusher, which then lets the row leave the in-flight set.
            self._outcome((d.id, "failed", None, f"gave up: {exc}"[:200], attempts))
            self._failed(d, "error")
            return
        self.telemetry.count("reminders_retried", reason="error")
        try:
            due = self.clock.now() + timedelta(seconds=2.0 * 2 ** (attempts - 1))
            await self.repo.retry_later(d.id, due, attempts, str(exc)[:200], self.clock.now())
            self.notify(due)
        except Exception:
            log.exception("could not schedule a retry of reminder %s", d.key)
        finally:
            self._in_flight.discard(d.id)

    async def _deliver(self, item: SendItem) -> None:
        d, user = item.delivery, item.user
        attempts = d.attempts + 1
        if user.id in self._unreachable:
            self._outcome((d.id, "unreachable", None, "recipient unreachable", d.attempts))
            self._failed(d, "unreachable")
            return
        await self.bucket.acquire()
        late = item.late_by > LATE_NOTE_AFTER
        try:
            message_id = await self.chat.send(
                user, self.reminder_message(d, item.late_by, user), nonce=nonce_for(d.key)
            )
        except RecipientUnreachable:
            await self._unreachable_user(user)
            self._outcome((d.id, "unreachable", None, "recipient unreachable", attempts))
            self._failed(d, "unreachable")
        except PermanentDeliveryError as exc:
            self._outcome((d.id, "failed", None, str(exc)[:200] or "permanent", attempts))
            self._failed(d, "permanent")
        except Exception as exc:  # TransientDeliveryError, timeouts, adapter bugs
            if attempts >= self.max_attempts:
                self._outcome((d.id, "failed", None, f"gave up: {exc}"[:200], attempts))
                self._failed(d, "gave_up")
                return
            kind = "transient" if isinstance(exc, TransientDeliveryError) else "error"
            self.telemetry.count("reminders_retried", reason=kind)
            retry_after = exc.retry_after if isinstance(exc, TransientDeliveryError) else None
            delay = max(retry_after or 0.0, 2.0 * 2 ** (attempts - 1))
            due = self.clock.now() + timedelta(seconds=delay)
            await self.repo.retry_later(d.id, due, attempts, str(exc)[:200], self.clock.now())
            self._in_flight.discard(d.id)
            self.notify(due)
        else:
            self._outcome((d.id, "late" if late else "sent", message_id, None, attempts))
            self._sent(d, late)

    def _sent(self, delivery: Delivery, late: bool) -> None:
        lateness = max(0.0, (self.clock.now() - delivery.occurs_at).total_seconds())
        self.telemetry.count("reminders_sent")
        self.telemetry.observe("reminder_lateness_seconds", lateness)
        if late:
            self.telemetry.count("reminders_late")
        if log.isEnabledFor(logging.DEBUG):
            extra = {"delivery_key": delivery.key, "lateness_seconds": round(lateness, 3)}
            log.debug("reminder sent", extra=extra)

    def _failed(self, delivery: Delivery, reason: str) -> None:
        self.telemetry.count("reminders_failed", reason=reason)
        log.warning(
            "reminder not delivered (%s)",
            reason,
            extra={"delivery_key": delivery.key, "reason": reason},
        )

    async def _unreachable_user(self, user: User) -> None:
        """DMs closed: stop sending to this person until they `/reminders resume`."""
        if user.id in self._unreachable:
            return
        self._unreachable[user.id] = True
        now = self.clock.now()
        await self.repo.disable_user(user.id, now)

    def reachable_again(self, user_id: int) -> None:
        """Called by `/reminders resume`."""
        self._unreachable.pop(user_id, None)

    def _outcome(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        self._outcome_ready.set()

    async def _flusher(self) -> None:
        """Write outcomes in batches: under load one statement covers hundreds."""
        while True:
            await self._outcome_ready.wait()
            # During a pass the database thread is busy recording a burst; outcomes wait
            # (rows stay in flight, so nothing is handed out twice) and go in one batch.
            await self._not_running.wait()
            self._outcome_ready.clear()
            await self._flush()

    async def _flush(self) -> None:
        # The lock makes a caller (idle, stop) wait for a flush already under way.
        async with self._flush_lock:
            batch, self._outcomes = self._outcomes, []
            if not batch:
                return
            try:
                await self.repo.finish(batch, self.clock.now())
            finally:
                for outcome in batch:
                    self._in_flight.discard(outcome[0])

    async def idle(self) -> None:
        """Wait until nothing is running, queued or unwritten (tests, benchmarks)."""
        for _ in range(1000):
            if self._runs:
                await asyncio.wait(list(self._runs))
            await self._not_running.wait()
            await self._fed.wait()
            await self._queue.join()
            await self._flush()
            busy = self._running or self._runs or self._outcomes or self._queue.qsize()
            if not (busy or self._feed.is_set() or not self._fed.is_set()):
                return
        raise RuntimeError("dispatcher did not become idle")

    # the message ---------------------------------------------------------------------
    def reminder_message(
        self, delivery: Delivery, late_by: timedelta, user: User | None = None
    ) -> Message:
        """Platform-neutral reminder with Start / Snooze / Skip (ids survive restarts).

        Within a day of a red flag or severe pain the reminder asks first whether the
        person has been checked, and offers to pause reminders (the alert on `user`)."""
        what = self._describe.get(delivery.routine_id)
        if what is None:
            library = self.library
            routine = library.get(delivery.routine_id or "") or library.default_routine()
            steps = build_timeline(routine, library.exercises_of(routine))
            length = describe_length(total_seconds(steps))
            what = self._describe[delivery.routine_id] = f"**{routine.name}** ({length})"
        lead = "Snoozed reminder: time" if delivery.snoozes else "Time"
        text = f"{lead} for your stretches: {what}."
        if late_by > LATE_NOTE_AFTER:
            minutes = max(1, int(late_by.total_seconds() // 60))
            text += f"\n(This reminder is {minutes} min late: Limber was briefly offline.)"
        did = delivery.id
        extra: tuple[Action, ...] = ()
        alerted_at = user.alert_at if user is not None and user.alert_level else None
        if alerted_at is not None and self.clock.now() - alerted_at < ALERT_MEMORY:
            what = "a warning sign" if user and user.alert_level == "redflag" else "severe pain"
            text += (
                f"\nEarlier you told me about {what}: only stretch once you've been "
                "checked and it's OK."
            )
            extra = (Action(action_id("pauseday"), "Pause reminders for a day"),)
        return Message(
            text,
            actions=(
                Action(action_id("reminder", did, "start"), "Start", ActionStyle.SUCCESS),
                Action(action_id("reminder", did, "snooze"), "Snooze", ActionStyle.SECONDARY),
                Action(action_id("reminder", did, "skip"), "Skip", ActionStyle.SECONDARY),
                *extra,
            ),
            kind=Kind.REMINDER,
            title="Stretch reminder",
        )


def fresh_delivery(delivery_id: int, record: NewDelivery, now: datetime) -> Delivery:
    """The Delivery just inserted for `record` (saves reading it back)."""
    return Delivery(
        id=delivery_id,
        key=record.key,
        reminder_id=record.reminder_id,
        user_id=record.user_id,
        routine_id=record.routine_id,
        occurs_at=record.occurs_at,
        due_at=record.occurs_at,
        status=record.status,
        late=record.late,
        attempts=0,
        snoozes=record.snoozes,
        action=None,
        created_at=now,
    )
