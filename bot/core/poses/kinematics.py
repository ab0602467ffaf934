"""Forward kinematics of the stick figure: joint angles → joint positions → the picture.

Body frame (before `lying` places it): x forward (anterior), y up (superior), z to the
person's right, origin at the middle of the pelvis. Room frame: X to the right of the
picture, Y up to the ceiling, Z toward the camera of `view: side`; the floor is a
horizontal plane. Lengths are in units of the standing height (about 1.0).

Each joint rotates the segments below it (`model.py` documents the angle meanings); a
pose is placed in the room by `lying` (a pitch about Z, then a roll about the body's long
axis), put down so its lowest point touches the floor, and projected orthographically
for the camera (`view`, raised by `tilt`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.poses.model import Lying

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]


@dataclass(frozen=True)
class Proportions:
    """Segment lengths and drawing thicknesses, in units of standing height."""

    head_radius: float = 0.066
    head_forward: float = 0.022  # the head's centre sits this far in front of the trunk line
    neck: float = 0.028
    torso: float = 0.30
    hip_half_width: float = 0.05
    shoulder_half_width: float = 0.085
    thigh: float = 0.245
    shin: float = 0.245
    foot: float = 0.075
    upper_arm: float = 0.165
    forearm: float = 0.15
    limb_width: float = 0.036
    torso_width: float = 0.076


PROPORTIONS = Proportions()

# Pitch (about the room's Z) and roll (about the body's long axis) of each lying position.
ROOT_ANGLES: dict[Lying, tuple[float, float]] = {
    Lying.STANDING: (0.0, 0.0),
    Lying.BACK: (90.0, 0.0),
    Lying.FRONT: (90.0, 180.0),
    Lying.RIGHT_SIDE: (90.0, 90.0),
    Lying.LEFT_SIDE: (-90.0, 90.0),  # head to the right, so the front faces the camera
}

# (first joint, second joint, side): side "l"/"r" limbs may be drawn lighter, "c" is the trunk.
SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("pelvis", "chest", "c"),
    ("hip_l", "hip_r", "c"),
    ("shoulder_l", "shoulder_r", "c"),
    ("hip_l", "knee_l", "l"),
    ("knee_l", "ankle_l", "l"),
    ("ankle_l", "toe_l", "l"),
    ("hip_r", "knee_r", "r"),
    ("knee_r", "ankle_r", "r"),
    ("ankle_r", "toe_r", "r"),
    ("shoulder_l", "elbow_l", "l"),
    ("elbow_l", "wrist_l", "l"),
    ("shoulder_r", "elbow_r", "r"),
    ("elbow_r", "wrist_r", "r"),
)


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def mul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return (
        (dot(a[0], cols[0]), dot(a[0], cols[1]), dot(a[0], cols[2])),
        (dot(a[1], cols[0]), dot(a[1], cols[1]), dot(a[1], cols[2])),
        (dot(a[2], cols[0]), dot(a[2], cols[1]), dot(a[2], cols[2])),
    )


def apply(m: Mat, v: Vec) -> Vec:
    return (dot(m[0], v), dot(m[1], v), dot(m[2], v))


def dot(a: Vec | tuple[float, ...], b: Vec | tuple[float, ...]) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def add(a: Vec, b: Vec, scale: float = 1.0) -> Vec:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale)


DOWN: Vec = (0.0, -1.0, 0.0)
UP: Vec = (0.0, 1.0, 0.0)
FORWARD: Vec = (1.0, 0.0, 0.0)


def root_rotation(pitch: float, roll: float) -> Mat:
    """Body frame → room frame: roll about the body's long axis, then pitch about Z."""
    return mul(rot_z(pitch), rot_y(-roll))


def hip_matrix(flexion: float, abduction: float, rotation: float, side: str) -> Mat:
    """The thigh's orientation in the pelvis: flexion, then abduction, then rotation."""
    sign = 1.0 if side == "l" else -1.0  # abduction/rotation mirror from left to right
    return mul(mul(rot_z(flexion), rot_x(sign * abduction)), rot_y(sign * rotation))


def hip_angles(m: Mat, side: str) -> tuple[float, float, float]:
    """The inverse of `hip_matrix`: (flexion, abduction, rotation) in degrees."""
    sign = 1.0 if side == "l" else -1.0
    abduction = math.degrees(math.asin(max(-1.0, min(1.0, m[2][1]))))
    rotation = math.degrees(math.atan2(-m[2][0], m[2][2]))
    flexion = math.degrees(math.atan2(-m[0][1], m[1][1]))
    return flexion, sign * abduction, sign * rotation


Quat = tuple[float, float, float, float]


def to_quaternion(m: Mat) -> Quat:
    """A unit quaternion (w, x, y, z) for a rotation matrix."""
    trace = m[0][0] + m[1][1] + m[2][2]
    if trace > 0:
        s = math.sqrt(trace + 1.0) * 2
        return (s / 4, (m[2][1] - m[1][2]) / s, (m[0][2] - m[2][0]) / s, (m[1][0] - m[0][1]) / s)
    if m[0][0] > m[1][1] and m[0][0] > m[2][2]:
        s = math.sqrt(1.0 + m[0][0] - m[1][1] - m[2][2]) * 2
        return ((m[2][1] - m[1][2]) / s, s / 4, (m[0][1] + m[1][0]) / s, (m[0][2] + m[2][0]) / s)
    if m[1][1] > m[2][2]:
        s = math.sqrt(1.0 + m[1][1] - m[0][0] - m[2][2]) * 2
        return ((m[0][2] - m[2][0]) / s, (m[0][1] + m[1][0]) / s, s / 4, (m[1][2] + m[2][1]) / s)
    s = math.sqrt(1.0 + m[2][2] - m[0][0] - m[1][1]) * 2
    return ((m[1][0] - m[0][1]) / s, (m[0][2] + m[2][0]) / s, (m[1][2] + m[2][1]) / s, s / 4)


def from_quaternion(q: Quat) -> Mat:
    w, x, y, z = q
    return (
        (1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)),
        (2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)),
        (2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)),
    )


def slerp(a: Mat, b: Mat, t: float) -> Mat:
    """The rotation a fraction t of the way from a to b, turning about one fixed axis."""
    qa, qb = to_quaternion(a), to_quaternion(b)
    cos = sum(x * y for x, y in zip(qa, qb, strict=True))
    if cos < 0:  # q and -q are the same rotation: take the short way round
        qb, cos = (-qb[0], -qb[1], -qb[2], -qb[3]), -cos
    if cos > 0.9995:
        q = tuple(x + (y - x) * t for x, y in zip(qa, qb, strict=True))
    else:
        angle = math.acos(cos)
        wa, wb = math.sin((1 - t) * angle), math.sin(t * angle)
        q = tuple((x * wa + y * wb) / math.sin(angle) for x, y in zip(qa, qb, strict=True))
    norm = math.sqrt(sum(x * x for x in q))
    return from_quaternion((q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm))


def blend_hip(
    a: Mapping[str, float], b: Mapping[str, float], side: str, t: float
) -> tuple[float, float, float]:
    """The hip's angles a fraction t of the way from pose a to pose b, along the shortest
    turn of the thigh (so a clam's knee circles about the hip-ankle line, feet together)."""
    flexion, abduction, rotation = f"hip_{side}", f"hip_{side}_abduction", f"hip_{side}_rotation"
    ma = hip_matrix(a[flexion], a[abduction], a[rotation], side)
    mb = hip_matrix(b[flexion], b[abduction], b[rotation], side)
    return hip_angles(slerp(ma, mb, t), side)


def _leg(angles: Mapping[str, float], side: str, hip: Vec, p: Proportions) -> dict[str, Vec]:
    hip_rot = hip_matrix(
        angles[f"hip_{side}"],
        angles[f"hip_{side}_abduction"],
        angles[f"hip_{side}_rotation"],
        side,
    )
    knee_angle = angles[f"knee_{side}"]
    ankle_angle = angles[f"ankle_{side}"]
    shin = apply(rot_z(-knee_angle), DOWN)
    foot = apply(rot_z(90.0 + ankle_angle - knee_angle), DOWN)
    knee = add(hip, apply(hip_rot, DOWN), p.thigh)
    ankle = add(knee, apply(hip_rot, shin), p.shin)
    toe = add(ankle, apply(hip_rot, foot), p.foot)
    return {f"knee_{side}": knee, f"ankle_{side}": ankle, f"toe_{side}": toe}


def _arm(
    angles: Mapping[str, float], side: str, trunk: Mat, shoulder: Vec, p: Proportions
) -> dict[str, Vec]:
    sign = 1.0 if side == "l" else -1.0
    arm_rot = mul(
        trunk,
        mul(rot_z(angles[f"shoulder_{side}"]), rot_x(sign * angles[f"shoulder_{side}_abduction"])),
    )
    forearm = apply(rot_z(angles[f"elbow_{side}"]), DOWN)
    elbow = add(shoulder, apply(arm_rot, DOWN), p.upper_arm)
    wrist = add(elbow, apply(arm_rot, forearm), p.forearm)
    return {f"elbow_{side}": elbow, f"wrist_{side}": wrist}


def body_joints(angles: Mapping[str, float], p: Proportions = PROPORTIONS) -> dict[str, Vec]:
    """Joint positions in the body frame (pelvis at the origin), plus `head` (its centre).

    The trunk line is the spine; the head's centre sits a little in front of it, as it
    does in life, so lying down the back of the head and the back rest on the mat."""
    joints: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    joints["hip_l"] = (0.0, 0.0, -p.hip_half_width)
    joints["hip_r"] = (0.0, 0.0, p.hip_half_width)
    trunk = rot_z(-angles["torso"])
    chest = apply(trunk, (0.0, p.torso, 0.0))
    joints["chest"] = chest
    joints["shoulder_l"] = add(chest, apply(trunk, (0.0, 0.0, -p.shoulder_half_width)))
    joints["shoulder_r"] = add(chest, apply(trunk, (0.0, 0.0, p.shoulder_half_width)))
    neck = mul(trunk, rot_z(-angles["head"]))
    head = add(chest, apply(neck, UP), p.neck + p.head_radius)
    joints["head"] = add(head, apply(neck, FORWARD), p.head_forward)
    for side in ("l", "r"):
        joints.update(_leg(angles, side, joints[f"hip_{side}"], p))
        joints.update(_arm(angles, side, trunk, joints[f"shoulder_{side}"], p))
    return joints


def room_joints(
    angles: Mapping[str, float],
    pitch: float,
    roll: float,
    p: Proportions = PROPORTIONS,
) -> dict[str, Vec]:
    """Joint positions in the room, with the lowest point of the body on the floor (Y=0)."""
    root = root_rotation(pitch, roll)
    joints = {name: apply(root, v) for name, v in body_joints(angles, p).items()}
    lowest = joints["head"][1] - p.head_radius
    for a, b, _ in SEGMENTS:
        half = (p.torso_width if (a, b) == ("pelvis", "chest") else p.limb_width) / 2
        lowest = min(lowest, joints[a][1] - half, joints[b][1] - half)
    return {name: (x, y - lowest, z) for name, (x, y, z) in joints.items()}


@dataclass(frozen=True)
class Camera:
    """Orthographic camera: `project` gives (x right, y up, depth toward the camera)."""

    view: str = "side"
    tilt: float = 0.0
    turn: float = 0.0
    mirror: bool = False

    def matrix(self) -> Mat:
        turn = self.turn + (90.0 if self.view == "front" else 0.0)
        tilt = 90.0 if self.view == "top" else self.tilt
        return mul(rot_x(tilt), rot_y(-turn))

    def project(self, point: Vec) -> Vec:
        x, y, depth = apply(self.matrix(), point)
        return (-x if self.mirror else x, y, depth)
