"""The "get into position" step carries the exercise's animation; rendered once, reused."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from cachetools import LRUCache
from PIL import Image

from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.messages import Kind
from bot.core.poses import Poses, render_animation
from bot.core.routines import load_library
from bot.core.sessions.animations import GIF, Animations
from tests.conftest import Conversation
from tests.fakes.chat import RecordingChat

LIBRARY = load_library()
ANIMATED = sorted(e.id for e in LIBRARY.exercises.values() if e.poses is not None)


def test_every_shipped_seed_exercise_has_poses() -> None:
    assert ANIMATED == ["clam", "lying-glutes-stretch"]


@pytest.mark.parametrize("exercise_id", ANIMATED)
async def test_every_shipped_exercise_with_poses_renders_a_small_looping_gif(
    exercise_id: str, tmp_path: Path
) -> None:
    animations = Animations(tmp_path, memory=LRUCache(4))
    attachment = await animations.attachment(LIBRARY.exercises[exercise_id])
    assert attachment is not None
    assert attachment.mime == GIF and attachment.filename == f"{exercise_id}.gif"
    assert len(attachment.data) < 1_000_000
    image = Image.open(io.BytesIO(attachment.data))
    assert image.format == "GIF" and image.is_animated and image.n_frames > 10
    assert image.info["loop"] == 0


def suffixes(folder: Path) -> list[str]:
    return sorted(p.suffix for p in folder.iterdir())


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, poses: Poses, **options: Any) -> bytes:
        self.calls += 1
        return render_animation(poses, **options)


async def test_the_disk_cache_is_reused_by_a_restarted_app(tmp_path: Path) -> None:
    clam = LIBRARY.exercises["clam"]
    first = Animations(tmp_path, memory=LRUCache(4))
    assert first.cache is not None
    counting = Counting()
    first.cache._render = counting
    data = await first.gif(clam.poses)  # type: ignore[arg-type]
    again = await first.gif(clam.poses)  # type: ignore[arg-type]
    assert data == again and counting.calls == 1
    restarted = Animations(tmp_path, memory=LRUCache(4))  # empty memory, same folder
    assert restarted.cache is not None
    restarted.cache._render = counting
    assert await restarted.gif(clam.poses) == data  # type: ignore[arg-type]
    assert counting.calls == 1 and restarted.cache.renders == 0
    assert suffixes(tmp_path) == [".gif"]


async def test_concurrent_sessions_share_one_render(tmp_path: Path) -> None:
    import asyncio

    animations = Animations(tmp_path, memory=LRUCache(4))
    assert animations.cache is not None
    counting = Counting()
    animations.cache._render = counting
    poses = LIBRARY.exercises["lying-glutes-stretch"].poses
    results = await asyncio.gather(*(animations.gif(poses) for _ in range(5)))  # type: ignore[arg-type]
    assert counting.calls == 1 and len(set(results)) == 1


async def test_a_failing_renderer_leaves_the_step_with_text_only(tmp_path: Path) -> None:
    def broken(poses: Poses, **options: Any) -> bytes:
        raise RuntimeError("no fonts")

    animations = Animations(tmp_path, memory=LRUCache(4))
    assert animations.cache is not None
    animations.cache._render = broken
    assert await animations.attachment(LIBRARY.exercises["clam"]) is None
    assert animations.failures == 1


async def test_get_into_position_carries_the_animation_and_other_steps_do_not(
    talk: Conversation, chat: RecordingChat, clock: ManualClock, settings: Settings
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await clock.run_until_idle()
    steps = [s.message for s in chat.sent if s.message.kind is Kind.STEP]
    with_files = [m for m in steps if m.attachment is not None]
    assert [m.title for m in with_files] == [
        "Step 2/22 · Clam — left leg: get into position",
        "Step 10/22 · Lying glutes stretch — left leg: get into position",
    ]
    assert [m.attachment.filename for m in with_files if m.attachment] == [
        "clam.gif",
        "lying-glutes-stretch.gif",
    ]
    assert all(m.attachment and m.attachment.mime == "image/gif" for m in with_files)
    # the edits that strip old buttons never re-send the file
    assert all(m.attachment is None for _, m in chat.edits)
    # cached next to the database by the composition root
    cache = talk.app.animations.cache
    assert cache is not None and cache.folder == settings.database_path.parent / "limber-animations"


async def test_an_exercise_without_poses_is_text_only(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    coach = talk.app.coach
    bare = LIBRARY.exercises["clam"].model_copy(update={"poses": None})
    coach.library.exercises["clam"] = bare
    try:
        await talk.screened()
        await talk.say("/stretch start")
        await clock.run_until_idle()
    finally:
        coach.library.exercises["clam"] = LIBRARY.exercises["clam"]
    titled = [s.message for s in chat.sent if s.message.attachment is not None]
    assert [m.attachment.filename for m in titled if m.attachment] == ["lying-glutes-stretch.gif"]
