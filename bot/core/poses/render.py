"""Key poses → a small looping animated GIF (and PNG stills), with a disk cache.

The timeline (`plan_frames`): each key pose is shown for its `hold`, then the figure moves
to the next key pose over `tween` seconds at `fps` frames per second, and from the last
key pose back to the first, forever. Between key poses the figure moves in eased time
(slow out, slow in), so it moves like a person, not a metronome: hips turn along the
shortest path between orientations (quaternion slerp), every other angle and the lying
pitch and roll move linearly.

Drawing: the figure is drawn with Pillow at 3× and scaled down (smooth edges), on a white
card with a mat; the limbs on the side away from the camera are lighter and drawn behind
the trunk. The scale and the canvas are the same for every frame of an animation (the
figure never jumps), chosen from all its frames. Frames share one palette, so the GIF
stores only what changed; the seed exercises are 16 and 81 KB at 320 px.

Everything here is deterministic and pure CPU; call it in a worker thread from async code.
`AnimationCache` keeps rendered GIFs on disk under a hash of the pose data, the size and
`RENDERER_VERSION` (bump it whenever the drawing changes).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from bot.core.poses.kinematics import (
    PROPORTIONS,
    ROOT_ANGLES,
    SEGMENTS,
    Camera,
    Proportions,
    Vec,
    blend_hip,
    room_joints,
)
from bot.core.poses.model import JOINTS, KeyPose, Poses

RENDERER_VERSION = "1"
DEFAULT_WIDTH = 320
DEFAULT_FPS = 12
MIN_WIDTH = 120
MAX_WIDTH = 640
SUPERSAMPLE = 3
PALETTE_COLOURS = 48

BACKGROUND = (255, 255, 255)
NEAR = (44, 62, 80)  # trunk, head and the limbs on the camera's side
FAR = (150, 170, 188)  # the limbs on the other side
MAT = (226, 236, 243)
MAT_EDGE = (170, 192, 208)


@dataclass(frozen=True)
class PlannedFrame:
    """One picture of the animation: the pose to draw and how long to show it."""

    angles: Mapping[str, float]
    pitch: float
    roll: float
    duration_ms: int
    key: str | None  # the key pose's name, or None for an in-between picture


def ease(t: float) -> float:
    """Slow out, slow in (half a cosine): 0 → 0, 0.5 → 0.5, 1 → 1."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, t)))


HIP_JOINTS = {s: (f"hip_{s}", f"hip_{s}_abduction", f"hip_{s}_rotation") for s in ("l", "r")}


def _blend(a: KeyPose, b: KeyPose, t: float) -> tuple[dict[str, float], float, float]:
    """The pose a fraction t of the way from a to b: hips turn along the shortest path
    between their orientations (ball joints), every other angle moves linearly."""
    pa, ra = ROOT_ANGLES[a.lying]
    pb, rb = ROOT_ANGLES[b.lying]
    angles = {j: a.angles[j] + (b.angles[j] - a.angles[j]) * t for j in JOINTS}
    if 0 < t < 1:
        for side in ("l", "r"):
            hip = blend_hip(a.angles, b.angles, side, t)
            for joint, value in zip(HIP_JOINTS[side], hip, strict=True):
                angles[joint] = value
    return angles, pa + (pb - pa) * t, ra + (rb - ra) * t


def _centiseconds(seconds: float) -> int:
    """GIF delays are whole hundredths of a second."""
    return max(2, round(seconds * 100)) * 10


def plan_frames(poses: Poses, fps: int = DEFAULT_FPS) -> list[PlannedFrame]:
    """Every picture of one loop, in order. The move from a key pose to the next takes
    `tween` seconds in `round(tween * fps)` equal steps; the key pose's own picture is the
    first step, shown for that step plus the hold. So one loop lasts the sum of every hold
    and every tween (to within GIF's hundredths of a second)."""
    if not 1 <= fps <= 50:
        raise ValueError(f"fps must be between 1 and 50, got {fps}")
    keys = poses.key_poses()
    frames: list[PlannedFrame] = []
    for index, key in enumerate(keys):
        following = keys[(index + 1) % len(keys)]
        steps = max(1, round(key.tween * fps))
        step = key.tween / steps
        angles, pitch, roll = _blend(key, key, 0.0)
        frames.append(PlannedFrame(angles, pitch, roll, _centiseconds(key.hold + step), key.name))
        for i in range(1, steps):
            angles, pitch, roll = _blend(key, following, ease(i / steps))
            frames.append(PlannedFrame(angles, pitch, roll, _centiseconds(step), None))
    return frames


@dataclass(frozen=True)
class _Layout:
    width: int
    height: int
    scale: float  # pixels per unit of standing height
    left: float  # picture x of the canvas's left edge
    top: float  # picture y of the canvas's top edge
    floor_y: float  # picture y of the floor line (tilt 0) or the mat's far edge
    mat_bottom: float  # picture y of the mat's near edge (== floor_y when flat)


@dataclass(frozen=True)
class _Figure:
    points: dict[str, Vec]  # picture x, picture y (up), depth (toward the camera)
    far_side: str | None  # "l", "r" or None when neither side is farther
    reach: tuple[float, float, float, float]  # the body's room X and Z extent: x0, x1, z0, z1


MAT_MARGIN = 0.08  # how far the mat reaches beyond the body on the floor


def _figure(frame: PlannedFrame, camera: Camera, p: Proportions) -> _Figure:
    joints = room_joints(frame.angles, frame.pitch, frame.roll, p)
    points = {name: camera.project(v) for name, v in joints.items()}
    left = points["hip_l"][2] + points["shoulder_l"][2]
    right = points["hip_r"][2] + points["shoulder_r"][2]
    far = None if abs(left - right) < 1e-6 else ("l" if left < right else "r")
    xs, zs = [v[0] for v in joints.values()], [v[2] for v in joints.values()]
    return _Figure(points, far, (min(xs), max(xs), min(zs), max(zs)))


def _floor_band(camera: Camera, figures: list[_Figure]) -> tuple[float, float]:
    """Picture y range of the mat: the floor (room Y=0) under everywhere the body reaches,
    and a little more behind it (a mat is wider than the person on it)."""
    x0 = min(f.reach[0] for f in figures) - MAT_MARGIN
    x1 = max(f.reach[1] for f in figures) + MAT_MARGIN
    z0 = min(f.reach[2] for f in figures) - 3 * MAT_MARGIN
    z1 = max(f.reach[3] for f in figures) + MAT_MARGIN
    ys = [camera.project((x, 0.0, z))[1] for x in (x0, x1) for z in (z0, z1)]
    return (min(ys), max(ys))


def _layout(
    figures: list[_Figure], poses: Poses, camera: Camera, width: int, p: Proportions
) -> _Layout:
    pad = p.head_radius
    xs: list[float] = []
    ys: list[float] = []
    for fig in figures:
        for name, (x, y, _) in fig.points.items():
            r = p.head_radius if name == "head" else p.torso_width / 2
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    band = (0.0, 0.0)  # no mat seen from straight above; a line when the camera is level
    if poses.floor and camera.view != "top":
        band = _floor_band(camera, figures)
        ys += [band[0] - 0.01, band[1]]
    x0, x1 = min(xs) - pad, max(xs) + pad
    y0, y1 = min(ys) - pad, max(ys) + pad
    # The figure fills the width, unless that makes the picture taller than it is wide.
    scale = width / (x1 - x0)
    height = math.ceil((y1 - y0) * scale)
    max_height = width
    if height > max_height:
        scale, height = max_height / (y1 - y0), max_height
    height = max(height, round(0.4 * width))
    height += height % 2
    centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
    return _Layout(
        width=width,
        height=height,
        scale=scale,
        left=centre_x - width / scale / 2,
        top=centre_y + height / scale / 2,
        floor_y=band[1],
        mat_bottom=band[0],
    )


def _draw(
    fig: _Figure, layout: _Layout, poses: Poses, camera: Camera, p: Proportions
) -> Image.Image:
    ss = SUPERSAMPLE
    k = layout.scale * ss
    image = Image.new("RGB", (layout.width * ss, layout.height * ss), BACKGROUND)
    draw = ImageDraw.Draw(image)

    def px(point: Vec) -> tuple[float, float]:
        return ((point[0] - layout.left) * k, (layout.top - point[1]) * k)

    if poses.floor and camera.view != "top":
        far_edge = (layout.top - layout.floor_y) * k
        near_edge = (layout.top - layout.mat_bottom) * k
        w = layout.width * ss
        if near_edge - far_edge > 1:
            draw.rectangle((0, far_edge, w, near_edge), fill=MAT)
        draw.line((0, near_edge, w, near_edge), fill=MAT_EDGE, width=max(1, round(0.012 * k)))

    def segment(a: str, b: str, colour: tuple[int, int, int], width: float) -> None:
        pa, pb = px(fig.points[a]), px(fig.points[b])
        r = width / 2
        draw.line((pa, pb), fill=colour, width=max(1, round(width)))
        for cx, cy in (pa, pb):
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)

    def depth(a: str, b: str) -> float:
        return (fig.points[a][2] + fig.points[b][2]) / 2

    limbs_far = [s for s in SEGMENTS if s[2] == fig.far_side]
    limbs_near = [s for s in SEGMENTS if s[2] not in ("c", fig.far_side)]
    for a, b, _ in sorted(limbs_far, key=lambda s: depth(s[0], s[1])):
        segment(a, b, FAR, p.limb_width * k)
    # The trunk: a filled outline of shoulders and hips (a line when seen from the side).
    outline = ("shoulder_l", "shoulder_r", "hip_r", "hip_l")
    draw.polygon([px(fig.points[j]) for j in outline], fill=NEAR)
    for a, b in zip(outline, outline[1:] + outline[:1], strict=True):
        segment(a, b, NEAR, p.limb_width * k)
    segment("pelvis", "chest", NEAR, p.torso_width * k)
    hx, hy = px(fig.points["head"])
    r = p.head_radius * k
    draw.ellipse((hx - r, hy - r, hx + r, hy + r), fill=NEAR)
    for a, b, _ in sorted(limbs_near, key=lambda s: depth(s[0], s[1])):
        segment(a, b, NEAR, p.limb_width * k)
    return image.reduce(ss)


def _pictures(
    poses: Poses, frames: list[PlannedFrame], width: int, p: Proportions
) -> list[Image.Image]:
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(f"width must be between {MIN_WIDTH} and {MAX_WIDTH} pixels, got {width}")
    camera = Camera(poses.view, poses.tilt, poses.turn, poses.mirror)
    # The layout covers every key pose and every in-between picture of the loop.
    loop = plan_frames(poses, DEFAULT_FPS)
    layout = _layout([_figure(f, camera, p) for f in loop], poses, camera, width, p)
    return [_draw(_figure(f, camera, p), layout, poses, camera, p) for f in frames]


def _shared_palette(pictures: list[Image.Image]) -> Image.Image:
    """One adaptive palette for all pictures (so the GIF can store frame differences)."""
    sample = pictures[:: max(1, len(pictures) // 8)]
    w, h = sample[0].size
    sheet = Image.new("RGB", (w, h * len(sample)))
    for i, picture in enumerate(sample):
        sheet.paste(picture, (0, i * h))
    return sheet.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT)


def render_animation(poses: Poses, *, width: int = DEFAULT_WIDTH, fps: int = DEFAULT_FPS) -> bytes:
    """The looping animated GIF of `poses`, `width` pixels wide (height follows the pose)."""
    frames = plan_frames(poses, fps)
    pictures = _pictures(poses, frames, width, PROPORTIONS)
    palette = _shared_palette(pictures)
    indexed = [pic.quantize(palette=palette, dither=Image.Dither.NONE) for pic in pictures]
    out = io.BytesIO()
    indexed[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=indexed[1:],
        duration=[f.duration_ms for f in frames],
        loop=0,
        optimize=False,
        disposal=1,
    )
    return out.getvalue()


def render_still(poses: Poses, frame_name: str, *, width: int = DEFAULT_WIDTH) -> bytes:
    """One key pose as a PNG, drawn exactly as it appears in the animation."""
    key = poses.key_pose(frame_name)
    pitch, roll = ROOT_ANGLES[key.lying]
    frame = PlannedFrame(dict(key.angles), pitch, roll, 0, key.name)
    (picture,) = _pictures(poses, [frame], width, PROPORTIONS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def animation_key(poses: Poses, *, width: int = DEFAULT_WIDTH, fps: int = DEFAULT_FPS) -> str:
    """A hash of everything the GIF depends on: the pose data, size, fps, renderer version."""
    payload = {
        "renderer": RENDERER_VERSION,
        "width": width,
        "fps": fps,
        "poses": poses.model_dump(mode="json"),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Renderer = Callable[..., bytes]


class AnimationCache:
    """Rendered GIFs on disk, one file per `animation_key`; rendered once, then read back.

    Writes are atomic (a temporary file renamed into place), so concurrent callers and a
    crash mid-write never leave a broken GIF behind. `renders` counts actual renders."""

    def __init__(self, folder: Path | str, *, renderer: Renderer = render_animation) -> None:
        self.folder = Path(folder)
        self._render = renderer
        self.renders = 0

    def path_for(self, poses: Poses, *, width: int = DEFAULT_WIDTH, fps: int = DEFAULT_FPS) -> Path:
        return self.folder / f"{animation_key(poses, width=width, fps=fps)}.gif"

    def get(self, poses: Poses, *, width: int = DEFAULT_WIDTH, fps: int = DEFAULT_FPS) -> bytes:
        """The GIF for `poses`: from disk when rendered before, else rendered and stored."""
        path = self.path_for(poses, width=width, fps=fps)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        if data.startswith(b"GIF8"):
            return data
        data = self._render(poses, width=width, fps=fps)
        self.renders += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".gif")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return data
