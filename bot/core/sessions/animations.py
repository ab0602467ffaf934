"""Exercise animations for session steps: rendered off the event loop, cached and reused.

A "get into position" step of an exercise whose file has `poses:` carries its looping GIF
as an `Attachment` (image/gif). Rendering is CPU work (~0.1 s), so it runs in a thread
(`asyncio.to_thread`); the result is kept on disk in the folder the composition root
passes in (`AnimationCache`: one file per hash of the pose data, renderer version and
size, written atomically) and in a small in-memory LRU, so a GIF is drawn once per pose
change, not once per session. Two sessions asking at the same moment share one render.

Never fatal: a broken renderer or an unwritable folder is logged, and the step goes out
with text only, as it does for an exercise without poses.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from cachetools import LRUCache

from bot.core.messages import Attachment
from bot.core.poses import AnimationCache, Poses, animation_key, render_animation
from bot.core.routines import Exercise

log = logging.getLogger(__name__)

GIF = "image/gif"
MAX_IN_MEMORY = 32
"""GIFs kept in memory (each well under 1 MB; the shipped ones are 16 and 81 kB)."""
_SHARED: LRUCache[str, bytes] = LRUCache(MAX_IN_MEMORY)
"""Keyed by the hash of everything a GIF depends on, so apps in one process may share it."""


class Animations:
    """The GIF of an exercise's key poses, from memory, disk, or a render in a thread."""

    def __init__(
        self, folder: Path | str | None, *, memory: LRUCache[str, bytes] | None = None
    ) -> None:
        self.cache = AnimationCache(folder) if folder is not None else None
        self._memory = _SHARED if memory is None else memory
        self._renders: dict[str, asyncio.Future[bytes]] = {}
        self.failures = 0

    async def attachment(self, exercise: Exercise) -> Attachment | None:
        """The exercise's animation as an attachment; None without poses or on failure."""
        if exercise.poses is None:
            return None
        try:
            data = await self.gif(exercise.poses)
        except Exception:
            self.failures += 1
            log.exception("animation of %s could not be rendered; text only", exercise.id)
            return None
        return Attachment(f"{exercise.id}.gif", data, GIF)

    async def gif(self, poses: Poses) -> bytes:
        """The GIF bytes; concurrent callers for the same poses wait for one render."""
        key = animation_key(poses)
        found = self._memory.get(key)
        if found is not None:
            return found
        running = self._renders.get(key)
        if running is None:
            running = asyncio.ensure_future(asyncio.to_thread(self._load, poses))
            self._renders[key] = running
            running.add_done_callback(lambda _: self._renders.pop(key, None))
        data = await asyncio.shield(running)
        self._memory[key] = data
        return data

    def _load(self, poses: Poses) -> bytes:
        """In a worker thread: from the disk cache, rendering and storing when missing."""
        if self.cache is None:
            return render_animation(poses)
        return self.cache.get(poses)

    async def warm(self, exercises: list[Exercise]) -> None:
        """Render (or read back) every animation ahead of the first session."""
        for exercise in exercises:
            await self.attachment(exercise)
