"""Rendering every exercise with poses in the shipped routines, and the disk cache."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from bot.core.poses import (
    AnimationCache,
    Poses,
    animation_key,
    parse_poses,
    plan_frames,
    render_animation,
    render_still,
)
from bot.core.poses.render import DEFAULT_WIDTH, ease
from tests.core.poses.shipped import shipped_poses

SEEDS = shipped_poses()
MAX_BYTES = 1_000_000
TARGET_BYTES = 200_000


def gif_frames(data: bytes) -> tuple[Image.Image, list[Image.Image], list[int]]:
    image = Image.open(io.BytesIO(data))
    frames, durations = [], []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append(image.convert("RGB"))
        durations.append(int(image.info["duration"]))
    image.seek(0)
    return image, frames, durations


def changed_pixels(a: Image.Image, b: Image.Image) -> int:
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    return sum(diff.histogram()[41:])


@pytest.fixture(scope="module")
def gifs() -> dict[str, bytes]:
    return {exercise: render_animation(poses) for exercise, poses in SEEDS.items()}


@pytest.mark.parametrize("exercise", sorted(SEEDS))
def test_seed_animation_is_a_small_looping_gif(exercise: str, gifs: dict[str, bytes]) -> None:
    poses, data = SEEDS[exercise], gifs[exercise]
    assert data.startswith(b"GIF89a")
    assert len(data) < TARGET_BYTES < MAX_BYTES
    image, frames, durations = gif_frames(data)
    plan = plan_frames(poses)
    assert image.n_frames == len(plan) == len(frames)
    assert image.is_animated
    assert image.info["loop"] == 0  # loop forever
    width, height = image.size
    assert width == DEFAULT_WIDTH and 0.4 * width <= height <= width
    assert all(frame.size == image.size for frame in frames)
    # each key pose is a frame of its own, held for its hold time (GIF: hundredths of a s)
    keys = [i for i, f in enumerate(plan) if f.key is not None]
    assert [plan[i].key for i in keys] == [f.name for f in poses.frames]
    for i, key in zip(keys, poses.key_poses(), strict=True):
        assert durations[i] >= key.hold * 1000
    # one loop lasts every hold plus every move (to within GIF rounding)
    assert sum(durations) / 1000 == pytest.approx(poses.loop_seconds(), abs=0.01 * len(plan))
    # the figure really moves: no two neighbouring frames are the same picture
    for a, b in zip(frames, frames[1:] + frames[:1], strict=True):
        assert ImageChops.difference(a, b).getbbox() is not None


@pytest.mark.parametrize("exercise", sorted(SEEDS))
def test_consecutive_key_poses_differ_and_stills_match_the_animation(
    exercise: str, gifs: dict[str, bytes]
) -> None:
    poses = SEEDS[exercise]
    names = [f.name for f in poses.frames]
    stills = {name: Image.open(io.BytesIO(render_still(poses, name))) for name in names}
    size = Image.open(io.BytesIO(gifs[exercise])).size
    for still in stills.values():
        assert still.format == "PNG" and still.size == size
    for a, b in zip(names, names[1:] + names[:1], strict=True):
        assert changed_pixels(stills[a], stills[b]) > 150, f"{a} and {b} look the same"
    # the still of a key pose is the animation's frame for it (up to the GIF palette)
    _, frames, _ = gif_frames(gifs[exercise])
    keys = [i for i, f in enumerate(plan_frames(poses)) if f.key is not None]
    for index, name in zip(keys, names, strict=True):
        assert changed_pixels(frames[index], stills[name]) < 60


def test_a_still_of_an_unknown_frame_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: start, top"):
        render_still(SEEDS["clam"], "middle")


def test_rendering_is_deterministic_and_width_is_honoured(gifs: dict[str, bytes]) -> None:
    clam = SEEDS["clam"]
    assert render_animation(clam) == gifs["clam"]
    small = Image.open(io.BytesIO(render_animation(clam, width=240)))
    assert small.size[0] == 240
    with pytest.raises(ValueError, match="width"):
        render_animation(clam, width=50)


def test_timeline_eases_between_key_poses() -> None:
    assert [ease(0), ease(0.5), ease(1)] == pytest.approx([0, 0.5, 1])
    clam = SEEDS["clam"]
    plan = plan_frames(clam, fps=10)
    top = clam.key_pose("top")
    # start (1 frame) + 9 in-betweens + top (1 frame) + 9 in-betweens, tween 1.0 s at 10 fps
    assert len(plan) == 20 and plan[0].key == "start" and plan[10].key == "top"
    rising = [f.angles["hip_l_rotation"] for f in plan[:11]]
    assert rising == sorted(rising)
    assert rising[0] == 0 and rising[-1] == top.angles["hip_l_rotation"]
    steps = [b - a for a, b in itertools.pairwise(rising)]
    assert steps[0] < steps[4] > steps[-1]  # slow out, slow in
    assert plan[10].duration_ms == 2100  # the 2 s hold at the top, plus its own frame time


class CountingRenderer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, poses: Poses, **options: Any) -> bytes:
        self.calls += 1
        return render_animation(poses, **options)


@pytest.mark.parametrize("exercise", sorted(SEEDS))
def test_cache_renders_once_and_returns_the_same_bytes(exercise: str, tmp_path: Path) -> None:
    poses = SEEDS[exercise]
    renderer = CountingRenderer()
    cache = AnimationCache(tmp_path / "gifs", renderer=renderer)
    first = cache.get(poses)
    assert renderer.calls == 1 and cache.renders == 1
    assert cache.get(poses) == first
    assert renderer.calls == 1  # read back from disk, not rendered again
    # a new cache on the same folder (a restarted bot) reuses the file too
    again = AnimationCache(tmp_path / "gifs", renderer=renderer)
    assert again.get(poses) == first and renderer.calls == 1 and again.renders == 0
    assert cache.path_for(poses).read_bytes() == first
    assert [p.name for p in (tmp_path / "gifs").iterdir()] == [cache.path_for(poses).name]


def test_cache_key_follows_pose_data_size_and_renderer_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clam = SEEDS["clam"]
    data = clam.model_dump(mode="json")
    data["frames"][1]["hold"] = 1.5
    changed = parse_poses(data)
    key = animation_key(clam)
    assert animation_key(parse_poses(clam.model_dump(mode="json"))) == key
    assert animation_key(changed) != key
    assert animation_key(clam, width=240) != key
    monkeypatch.setattr("bot.core.poses.render.RENDERER_VERSION", "next")
    assert animation_key(clam) != key

    renderer = CountingRenderer()
    cache = AnimationCache(tmp_path, renderer=renderer)
    cache.get(clam)
    cache.get(changed)
    assert renderer.calls == 2


def test_cache_replaces_a_damaged_file(tmp_path: Path) -> None:
    clam = SEEDS["clam"]
    renderer = CountingRenderer()
    cache = AnimationCache(tmp_path, renderer=renderer)
    cache.path_for(clam).write_bytes(b"")  # e.g. a disk that filled up
    assert cache.get(clam).startswith(b"GIF8") and renderer.calls == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
