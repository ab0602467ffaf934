"""Forward kinematics: the angle convention, and the seed poses doing what the article says."""

from __future__ import annotations

import math

import pytest

from bot.core.poses import JOINTS, Lying, plan_frames
from bot.core.poses.kinematics import PROPORTIONS as P
from bot.core.poses.kinematics import (
    ROOT_ANGLES,
    Camera,
    Vec,
    body_joints,
    hip_angles,
    hip_matrix,
    room_joints,
)
from tests.core.poses.shipped import shipped_poses


def angles(**values: float) -> dict[str, float]:
    out = dict.fromkeys(JOINTS, 0.0)
    out.update(values)
    return out


def dist(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


def near(a: Vec, b: Vec, tol: float = 1e-9) -> bool:
    return dist(a, b) < tol


def test_neutral_is_standing_with_legs_straight_and_arms_by_the_sides() -> None:
    j = body_joints(angles())
    assert near(j["knee_l"], (0, -P.thigh, -P.hip_half_width))
    assert near(j["ankle_r"], (0, -P.thigh - P.shin, P.hip_half_width))
    assert j["toe_r"][0] == pytest.approx(P.foot)  # feet point forward
    assert j["wrist_l"][1] == pytest.approx(P.torso - P.upper_arm - P.forearm)
    assert j["head"][1] > j["chest"][1]


def test_flexion_moves_forward_and_knee_flexion_moves_the_heel_back() -> None:
    j = body_joints(angles(hip_r=90, knee_r=90, shoulder_l=90, elbow_r=90))
    assert j["knee_r"][0] == pytest.approx(P.thigh)  # thigh straight forward
    assert j["knee_r"][1] == pytest.approx(0, abs=1e-12)
    assert j["ankle_r"][1] == pytest.approx(-P.shin)  # shin hangs down
    assert j["wrist_l"][0] == pytest.approx(P.upper_arm + P.forearm)  # arm straight forward
    assert j["wrist_r"][0] == pytest.approx(P.forearm)  # forearm forward from the elbow


def test_abduction_goes_outward_and_external_rotation_swings_the_foot_inward() -> None:
    j = body_joints(angles(hip_l_abduction=30, hip_r_abduction=30))
    assert j["knee_l"][2] < -P.hip_half_width and j["knee_r"][2] > P.hip_half_width
    # Sitting (hip and knee at 90): external rotation brings the foot toward the midline.
    sitting = body_joints(angles(hip_r=90, knee_r=90))
    figure4 = body_joints(angles(hip_r=90, knee_r=90, hip_r_rotation=40))
    assert figure4["ankle_r"][2] < sitting["ankle_r"][2]
    assert near(figure4["knee_r"], sitting["knee_r"])  # rotation is about the thigh's axis


def test_ankle_dorsiflexion_lifts_the_toes() -> None:
    up = body_joints(angles(ankle_l=20))
    assert up["toe_l"][1] > up["ankle_l"][1]


@pytest.mark.parametrize("lying", [Lying.BACK, Lying.FRONT, Lying.RIGHT_SIDE, Lying.LEFT_SIDE])
def test_lying_puts_the_body_level_on_the_floor(lying: Lying) -> None:
    j = room_joints(angles(), *ROOT_ANGLES[lying])
    if lying is Lying.LEFT_SIDE:  # head to the right, the mirror image of the right side
        assert j["head"][0] > j["pelvis"][0] > j["ankle_l"][0]
    else:
        assert j["head"][0] < j["pelvis"][0] < j["ankle_l"][0]
    assert j["pelvis"][1] == pytest.approx(j["chest"][1])  # trunk level
    assert j["pelvis"][1] < 0.15  # and low: on the mat
    trunk = ("pelvis", "chest")
    edges = [j[n][1] - P.torso_width / 2 for n in trunk]
    edges += [v[1] - P.limb_width / 2 for n, v in j.items() if n not in {*trunk, "head"}]
    edges.append(j["head"][1] - P.head_radius)
    assert min(edges) == pytest.approx(0, abs=1e-9)  # touching the floor, not sunk into it


def test_the_side_camera_sees_the_right_side_of_someone_on_their_back() -> None:
    j = room_joints(angles(), *ROOT_ANGLES[Lying.BACK])
    cam = Camera("side")
    assert cam.project(j["hip_r"])[2] > cam.project(j["hip_l"])[2]  # right hip is nearer
    on_side = room_joints(angles(), *ROOT_ANGLES[Lying.RIGHT_SIDE])
    assert on_side["hip_l"][1] > on_side["hip_r"][1]  # on the right side: left hip on top
    assert cam.project(on_side["hip_l"])[2] == pytest.approx(cam.project(on_side["hip_r"])[2])
    # both side-lying positions show the front of the body (the knees come toward the camera)
    for lying in (Lying.RIGHT_SIDE, Lying.LEFT_SIDE):
        bent = room_joints(angles(hip_l=90, hip_r=90), *ROOT_ANGLES[lying])
        assert cam.project(bent["knee_l"])[2] > cam.project(bent["hip_l"])[2]
    on_left = room_joints(angles(), *ROOT_ANGLES[Lying.LEFT_SIDE])
    assert on_left["hip_r"][1] > on_left["hip_l"][1]  # right leg on top


def test_tilting_the_camera_moves_what_is_nearer_lower_in_the_picture() -> None:
    flat, raised = Camera("side"), Camera("side", tilt=30)
    near_point, far_point = (0.0, 0.0, 0.3), (0.0, 0.0, -0.3)
    assert flat.project(near_point)[1] == pytest.approx(flat.project(far_point)[1])
    assert raised.project(near_point)[1] < raised.project(far_point)[1]
    assert Camera("side", mirror=True).project((1.0, 0.0, 0.0))[0] == -1.0


def _room(exercise: str, frame: str) -> dict[str, Vec]:
    key = shipped_poses()[exercise].key_pose(frame)
    return room_joints(key.angles, *ROOT_ANGLES[key.lying])


def test_clam_knees_and_feet_together_then_top_knee_rises_with_feet_together() -> None:
    start, top = _room("clam", "start"), _room("clam", "top")
    for pose in (start, top):
        # lying on the right side: hips and shoulders stacked, the left on top
        assert pose["hip_l"][1] > pose["hip_r"][1] and pose["shoulder_l"][1] > pose["hip_r"][1]
        assert pose["hip_l"][0] == pytest.approx(pose["hip_r"][0])
        assert pose["shoulder_l"][0] == pytest.approx(pose["shoulder_r"][0])
        assert dist(pose["ankle_l"], pose["ankle_r"]) < 1.2 * P.limb_width  # feet together
        # knees bent and in front, feet behind the knees in line with the body
        assert pose["knee_l"][2] > 0.1 and abs(pose["ankle_l"][2]) < 0.05
    assert dist(start["knee_l"], start["knee_r"]) < 1.2 * P.limb_width  # knees together
    rise = top["knee_l"][1] - start["knee_l"][1]
    assert rise > 0.08  # the top knee goes up toward the ceiling
    assert near(top["knee_r"], start["knee_r"])  # the bottom leg stays still
    assert near(top["pelvis"], start["pelvis"]) and near(top["head"], start["head"])


def test_glutes_stretch_crosses_the_ankle_then_pulls_the_thigh_toward_the_chest() -> None:
    start, cross = _room("lying-glutes-stretch", "start"), _room("lying-glutes-stretch", "cross")
    pull = _room("lying-glutes-stretch", "pull")
    # on the back, knees bent, feet flat on the mat
    assert start["knee_l"][1] > 0.2 and start["knee_r"][1] > 0.2
    for foot in ("ankle_l", "toe_l", "ankle_r", "toe_r"):
        assert start[foot][1] < 1.2 * P.limb_width
    # one ankle in front of the other knee; the other foot stays on the mat
    for pose in (cross, pull):
        assert dist(pose["ankle_r"], pose["knee_l"]) < 0.07
    assert cross["ankle_l"][1] < 1.2 * P.limb_width
    # the thigh of the leg on the mat comes toward the chest, hands on it; head and back down
    assert dist(pull["knee_l"], pull["chest"]) < dist(cross["knee_l"], cross["chest"]) - 0.1
    thigh_mid = tuple((a + b) / 2 for a, b in zip(pull["hip_l"], pull["knee_l"], strict=True))
    for wrist in ("wrist_l", "wrist_r"):
        assert math.dist(pull[wrist], thigh_mid) < 0.12
    for pose in (start, cross, pull):
        assert pose["pelvis"][1] == pytest.approx(start["pelvis"][1])
        assert pose["head"][1] == pytest.approx(start["head"][1])


@pytest.mark.parametrize("side", ["l", "r"])
def test_hip_angles_undo_hip_matrix(side: str) -> None:
    for flexion, abduction, rotation in [
        (0, 0, 0),
        (40, -7, 0),
        (98.8, 46.4, 81.2),
        (-20, 60, -45),
    ]:
        got = hip_angles(hip_matrix(flexion, abduction, rotation, side), side)
        assert got == pytest.approx((flexion, abduction, rotation), abs=1e-9)


def test_clam_feet_stay_together_all_the_way_up_and_down() -> None:
    clam = shipped_poses()["clam"]
    heights = []
    for frame in plan_frames(clam):
        j = room_joints(frame.angles, frame.pitch, frame.roll)
        assert dist(j["ankle_l"], j["ankle_r"]) < 1.2 * P.limb_width
        heights.append(j["knee_l"][1])
    top = heights.index(max(heights))
    assert heights[: top + 1] == sorted(heights[: top + 1])  # up steadily, then down
    assert heights[top:] == sorted(heights[top:], reverse=True)
