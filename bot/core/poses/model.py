"""Key poses of a stick figure, as an exercise file writes them under `poses:`.

An exercise may describe its movement as 2–12 KEY POSES; `render.py` draws the figure in
each one and moves it between them, looping forever. Example (the clam)::

    poses:
      view: side          # camera: side (default), front or top
      tilt: 25            # raise the camera this many degrees to look down at the mat
      floor: true         # draw the mat
      tween: 1.0          # seconds to move from one key pose to the next
      frames:
        - name: start
          lying: side     # standing | back | front | side (= right-side) | left-side
          hold: 0.4       # seconds to stay on this key pose
          body: {hip_l: 40, knee_l: 80, hip_r: 40, knee_r: 80}
        - name: top
          hold: 2.0
          body: {hip_l: 31.2, hip_l_abduction: 20.1, hip_l_rotation: 36.2}

Angle convention (all angles in degrees)
----------------------------------------
Body angles are JOINT angles as a clinician measures them with a goniometer: 0 everywhere
is anatomical standing (arms by the sides, legs straight, feet at a right angle to the
shins, head level), and each angle is measured from the segment above it, so a pose means
the same thing whether the person stands or lies. Positive directions:

    head                   neck flexion (chin toward the chest); negative tilts the head back
    torso                  trunk flexion relative to the pelvis (curling forward)
    hip_l, hip_r           hip flexion: thigh forward/up (90 = thigh at a right angle to
                           the trunk); negative = extension
    hip_*_abduction        thigh out to the side, away from the midline; negative = adduction
    hip_*_rotation         external (outward) rotation of the thigh about its long axis;
                           negative = internal. With the hip and knee bent, external
                           rotation swings the foot toward the midline (the figure-4)
    knee_l, knee_r         knee flexion (0 = straight, 90 = right angle)
    ankle_l, ankle_r       dorsiflexion (toes toward the shin); negative = pointing the toes
    shoulder_l, shoulder_r shoulder flexion: 0 = arm by the side, 90 = straight forward,
                           180 = overhead; negative = extension (arm behind)
    shoulder_*_abduction   arm out to the side; negative = across the body
    elbow_l, elbow_r       elbow flexion (0 = straight)

`_l` / `_r` are the person's own left and right. The hip is a ball joint; its three angles
apply in the order flexion, then abduction, then rotation (Euler angles about the pelvis'
side-to-side, front-to-back and the thigh's long axis).

Missing joints: in the first frame a joint left out is 0 (neutral); in later frames it
keeps its value from the frame before, so a frame lists only what moves. The same goes
for `lying`. Between key poses (with easing) each hip turns the thigh along the shortest
path from one orientation to the next, about a single axis, so in the clam the knee
circles about the hip–ankle line and the feet stay together all the way; every other
angle moves linearly, without wrapping (350 → 10 turns through 340 degrees, not 20).

Where the body is (frame of reference)
--------------------------------------
`lying` places the body in the room: `standing` (facing right), `back` (supine) and
`front` (prone) lie with the head to the left of the picture; `side` / `right-side` lie
on the right side with the head to the left and the front of the body toward the camera,
so the left leg is the top leg; `left-side` lies on the left side with the head to the
right, front toward the camera, right leg on top (the mirror image of `right-side`).
The body is always put down on the floor: its lowest point touches the mat.

The camera looks horizontally at the room (`view: side`: at the right side of someone
lying on their back, or at the front of someone lying on their right side; `view:
front`: from the feet of someone lying down, or at the face of someone standing); it may
be raised by `tilt` degrees (0–80) to look down at the mat and walked round the mat by
`turn` degrees (-60..60; positive toward the front view, i.e. toward the feet of someone
lying head-left). `view: top` looks straight down. `mirror: true` flips the picture left
to right. Limbs on the side away from the camera are drawn lighter.

Limits: 2–12 frames, `hold` 0–10 s, `tween` 0.1–5 s, every angle -360..360, and
neighbouring key poses (the last and the first too) must differ. Errors are collected by
`parse_poses` as `poses.frames[1].body.knee_l: must be between -360 and 360, got 400
(frame 'top')`; inside another pydantic model (an exercise) the error keeps the path
`poses.frames[1].body.knee_l` and the message `must be between -360 and 360, got 400`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

MIN_FRAMES = 2
MAX_FRAMES = 12
MAX_ANGLE = 360.0
MAX_HOLD_SECONDS = 10.0
MIN_TWEEN_SECONDS = 0.1
MAX_TWEEN_SECONDS = 5.0
MAX_TILT = 80.0
MAX_TURN = 60.0
FRAME_NAME_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


def _format_number(value: float) -> str:
    return f"{value:g}"


def _number(value: Any) -> Any:
    """Accept ints and floats only: YAML `yes`, `"90"` or `[90]` are mistakes, not angles."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, got {value!r}")
    return value


def _between(low: float, high: float, unit: str = "") -> AfterValidator:
    suffix = f" {unit}" if unit else ""

    def check(value: float) -> float:
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(
                f"must be between {_format_number(low)} and {_format_number(high)}{suffix}, "
                f"got {_format_number(value)}"
            )
        return value

    return AfterValidator(check)


Angle = Annotated[float, BeforeValidator(_number), _between(-MAX_ANGLE, MAX_ANGLE)]
HoldSeconds = Annotated[float, BeforeValidator(_number), _between(0, MAX_HOLD_SECONDS, "seconds")]
TweenSeconds = Annotated[
    float, BeforeValidator(_number), _between(MIN_TWEEN_SECONDS, MAX_TWEEN_SECONDS, "seconds")
]
Tilt = Annotated[float, BeforeValidator(_number), _between(0, MAX_TILT, "degrees")]
Turn = Annotated[float, BeforeValidator(_number), _between(-MAX_TURN, MAX_TURN, "degrees")]


class Lying(StrEnum):
    """Where the body is in the room; see the module docstring."""

    STANDING = "standing"
    BACK = "back"
    FRONT = "front"
    RIGHT_SIDE = "right-side"
    LEFT_SIDE = "left-side"

    @classmethod
    def parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().lower().replace("_", "-").replace(" ", "-")
            return {"side": "right-side", "supine": "back", "prone": "front"}.get(text, text)
        return value


class Body(BaseModel):
    """Joint angles in degrees (see the module docstring); a joint left out is None."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    head: Angle | None = None
    torso: Angle | None = None
    shoulder_l: Angle | None = None
    shoulder_l_abduction: Angle | None = None
    elbow_l: Angle | None = None
    shoulder_r: Angle | None = None
    shoulder_r_abduction: Angle | None = None
    elbow_r: Angle | None = None
    hip_l: Angle | None = None
    hip_l_abduction: Angle | None = None
    hip_l_rotation: Angle | None = None
    knee_l: Angle | None = None
    ankle_l: Angle | None = None
    hip_r: Angle | None = None
    hip_r_abduction: Angle | None = None
    hip_r_rotation: Angle | None = None
    knee_r: Angle | None = None
    ankle_r: Angle | None = None


JOINTS: tuple[str, ...] = tuple(Body.model_fields)


def _frame_count(value: Any) -> Any:
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list of key poses (each with a name and a body)")
    if not MIN_FRAMES <= len(value) <= MAX_FRAMES:
        raise ValueError(f"needs {MIN_FRAMES} to {MAX_FRAMES} key poses, got {len(value)}")
    return value


class Frame(BaseModel):
    """One key pose as written: a name, how long to stay on it, and the joints that change."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=FRAME_NAME_PATTERN, max_length=30)
    hold: HoldSeconds = 0.0
    tween: TweenSeconds | None = Field(
        default=None, description="seconds to move on to the next key pose (default: poses.tween)"
    )
    lying: Annotated[Lying, BeforeValidator(Lying.parse)] | None = None
    body: Body = Body()


@dataclass(frozen=True)
class KeyPose:
    """A frame with every joint filled in (inherited from the frame before or 0)."""

    name: str
    hold: float
    tween: float
    lying: Lying
    angles: Mapping[str, float]

    def same_pose_as(self, other: KeyPose) -> bool:
        return self.lying is other.lying and all(
            math.isclose(self.angles[j], other.angles[j], abs_tol=1e-6) for j in JOINTS
        )


def resolve(frames: Iterable[Frame], default_tween: float) -> tuple[KeyPose, ...]:
    """Fill in every joint of every frame: inherited from the frame before, else 0."""
    angles = dict.fromkeys(JOINTS, 0.0)
    lying = Lying.STANDING
    out: list[KeyPose] = []
    for frame in frames:
        for joint, value in frame.body.model_dump(exclude_none=True).items():
            angles[joint] = float(value)
        lying = frame.lying or lying
        tween = frame.tween if frame.tween is not None else default_tween
        out.append(KeyPose(frame.name, frame.hold, tween, lying, dict(angles)))
    return tuple(out)


def _distinct_frames(frames: tuple[Frame, ...]) -> tuple[Frame, ...]:
    seen: dict[str, int] = {}
    for index, frame in enumerate(frames):
        if frame.name in seen:
            raise ValueError(
                f"frames[{index}] and frames[{seen[frame.name]}] are both named "
                f"{frame.name!r}; give each key pose its own name"
            )
        seen[frame.name] = index
    keys = resolve(frames, MIN_TWEEN_SECONDS)
    for index in range(len(keys) - 1):
        if keys[index].same_pose_as(keys[index + 1]):
            raise ValueError(
                f"frames[{index + 1}] ({keys[index + 1].name!r}) is the same pose as "
                f"frames[{index}] ({keys[index].name!r}); use hold to stay on a pose"
            )
    if keys[-1].same_pose_as(keys[0]):
        raise ValueError(
            f"frames[{len(keys) - 1}] ({keys[-1].name!r}) is the same pose as frames[0] "
            f"({keys[0].name!r}); leave it out, the animation loops back by itself"
        )
    return frames


class Poses(BaseModel):
    """The `poses:` block of an exercise: camera, mat, timing and 2–12 key poses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: Literal["side", "front", "top"] = "side"
    tilt: Tilt = 0.0
    turn: Turn = 0.0
    floor: bool = True
    mirror: bool = False
    tween: TweenSeconds = 0.8
    frames: Annotated[
        tuple[Frame, ...], BeforeValidator(_frame_count), AfterValidator(_distinct_frames)
    ]

    @field_validator("tilt")
    @classmethod
    def _tilt_needs_a_horizontal_view(cls, tilt: float, info: ValidationInfo) -> float:
        if tilt and info.data.get("view") == "top":
            raise ValueError("the top view already looks straight down; leave tilt out")
        return tilt

    def key_poses(self) -> tuple[KeyPose, ...]:
        """Every frame with all joints filled in: inherited from the frame before, else 0."""
        return resolve(self.frames, self.tween)

    def key_pose(self, name: str) -> KeyPose:
        for key in self.key_poses():
            if key.name == name:
                return key
        known = ", ".join(f.name for f in self.frames)
        raise KeyError(f"no key pose named {name!r} (known: {known})")

    def loop_seconds(self) -> float:
        """How long one loop of the animation lasts: every hold plus every move."""
        return sum(k.hold + k.tween for k in self.key_poses())


class PoseError(ValueError):
    """Every problem in a `poses` block; `problems` are lines like `where.field: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


_KNOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "poses": tuple(Poses.model_fields),
    "frame": tuple(Frame.model_fields),
    "body": JOINTS,
}


def _field_path(where: str, loc: Iterable[int | str]) -> str:
    path = where
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif "function-" in part:  # a validator's wrapper, not a field
            continue
        else:
            path += f".{part}" if path else part
    return path


def _unknown_field_message(loc: tuple[int | str, ...]) -> str:
    name = str(loc[-1])
    parent = [p for p in loc[:-1] if isinstance(p, str) and "function-" not in p]
    scope = "poses"
    if parent and parent[-1] == "body":
        scope = "body"
    elif parent and parent[-1] == "frames":
        scope = "frame"
    known = _KNOWN_FIELDS[scope]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(known)
    what = "joint" if scope == "body" else "field"
    return f"unknown {what} {name!r} ({hint})"


def _frame_name(data: Any, loc: tuple[int | str, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "frames" and isinstance(loc[1], int):
        frames = data.get("frames") if isinstance(data, Mapping) else None
        if isinstance(frames, list | tuple) and 0 <= loc[1] < len(frames):
            frame = frames[loc[1]]
            name = frame.get("name") if isinstance(frame, Mapping) else None
            if isinstance(name, str):
                return name
    return None


def describe_errors(exc: ValidationError, data: Any, where: str = "poses") -> list[str]:
    """Human-readable lines for a failed `Poses` validation, e.g.
    `poses.frames[1].body.knee_l: must be between -360 and 360, got 400 (frame 'top')`."""
    problems: list[str] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        kind = err["type"]
        if kind == "extra_forbidden":
            message = _unknown_field_message(loc)
        elif kind == "missing":
            message = "required field is missing"
        elif kind in {"enum", "literal_error"}:
            expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
            message = f"must be one of: {expected.replace(' or ', ', ')}; got {err['input']!r}"
        elif kind == "string_pattern_mismatch":
            message = "must be lower-case letters, digits and - or _, like 'top' or 'hold-1'"
        elif kind == "bool_type" or kind == "bool_parsing":
            message = f"must be true or false, got {err['input']!r}"
        elif kind == "model_type":
            message = "must be a mapping of fields"
        name = _frame_name(data, loc)
        suffix = f" (frame {name!r})" if name else ""
        problems.append(f"{_field_path(where, loc)}: {message}{suffix}")
    return problems


def parse_poses(data: Any, where: str = "poses") -> Poses:
    """Validate a `poses` block (already read from YAML); raise PoseError naming every
    problem as `where.frames[i].field: message`."""
    try:
        return Poses.model_validate(data)
    except ValidationError as exc:
        raise PoseError(describe_errors(exc, data, where)) from None


def load_pose_sets(path: Path | str) -> dict[str, Poses]:
    """Read a YAML file of `exercise id: poses block` (drafting poses outside a routine
    file; the shipped ones live under `poses:` in routines/<id>.yaml); raise
    PoseError naming `file: id.frames[i].field: problem` for everything wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PoseError([f"{path.name}: cannot be read: {exc}"]) from None
    if not isinstance(data, dict):
        raise PoseError([f"{path.name}: must map exercise ids to poses blocks"])
    sets: dict[str, Poses] = {}
    problems: list[str] = []
    for exercise_id, block in data.items():
        try:
            sets[str(exercise_id)] = parse_poses(block, where=f"{exercise_id}")
        except PoseError as exc:
            problems += [f"{path.name}: {line}" for line in exc.problems]
    if problems:
        raise PoseError(problems)
    return sets
