"""The `poses:` block: what it accepts, what it fills in, and errors that name frame and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from bot.core.poses import JOINTS, Lying, PoseError, Poses, load_pose_sets, parse_poses
from tests.core.poses.shipped import shipped_poses


def block(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "view": "side",
        "floor": True,
        "tween": 0.8,
        "frames": [
            {"name": "start", "lying": "back", "hold": 0.5, "body": {"hip_l": 50, "knee_l": 100}},
            {"name": "top", "hold": 2.0, "body": {"hip_l": 90}},
        ],
    }
    data.update(changes)
    return data


def problems(data: Any) -> list[str]:
    with pytest.raises(PoseError) as caught:
        parse_poses(data)
    return caught.value.problems


def test_a_valid_block_fills_in_every_joint_and_inherits_from_the_frame_before() -> None:
    poses = parse_poses(block())
    start, top = poses.key_poses()
    assert set(start.angles) == set(JOINTS)
    assert (start.angles["hip_l"], start.angles["knee_l"], start.angles["hip_r"]) == (50, 100, 0)
    assert (top.angles["hip_l"], top.angles["knee_l"]) == (90, 100)  # knee_l inherited
    assert top.lying is Lying.BACK  # lying inherited too
    assert (start.tween, top.tween) == (0.8, 0.8)
    assert poses.loop_seconds() == pytest.approx(0.5 + 0.8 + 2.0 + 0.8)


def test_side_means_lying_on_the_right_side_and_a_frame_may_set_its_own_tween() -> None:
    data = block()
    data["frames"][0]["lying"] = "side"
    data["frames"][1]["tween"] = 1.5
    poses = parse_poses(data)
    assert poses.key_poses()[0].lying is Lying.RIGHT_SIDE
    assert [k.tween for k in poses.key_poses()] == [0.8, 1.5]


def test_an_angle_out_of_range_names_frame_field_and_limit() -> None:
    data = block()
    data["frames"][1]["body"]["knee_l"] = 400
    (problem,) = problems(data)
    assert problem.startswith("poses.frames[1].body.knee_l: must be between -360 and 360")
    assert "got 400" in problem and "(frame 'top')" in problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"hold": 11}, "poses.frames[1].hold: must be between 0 and 10 seconds, got 11"),
        ({"hold": -1}, "poses.frames[1].hold: must be between 0 and 10 seconds, got -1"),
        ({"tween": 0}, "poses.frames[1].tween: must be between 0.1 and 5 seconds, got 0"),
        ({"lying": "sideways"}, "poses.frames[1].lying: must be one of: standing, back"),
        ({"name": "Top Pose"}, "poses.frames[1].name: must be lower-case letters"),
        ({"body": {"knee_l": "bent"}}, "poses.frames[1].body.knee_l: must be a number, got 'bent'"),
        ({"body": {"knee_l": True}}, "poses.frames[1].body.knee_l: must be a number, got True"),
        ({"body": {"kne_l": 30}}, "poses.frames[1].body.kne_l: unknown joint 'kne_l' (did you "),
        ({"hol": 2}, "poses.frames[1].hol: unknown field 'hol' (did you mean 'hold'?)"),
        ({"body": [90]}, "poses.frames[1].body: must be a mapping of fields"),
    ],
)
def test_frame_errors_name_the_frame_and_field(change: dict[str, Any], expected: str) -> None:
    data = block()
    data["frames"][1].update(change)
    found = problems(data)
    assert any(p.startswith(expected) for p in found), found
    assert all("(frame 'top')" in p for p in found if "frames[1]" in p and "name:" not in p)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"frames": [{"name": "only"}]}, "poses.frames: needs 2 to 12 key poses, got 1"),
        (
            {"frames": [{"name": f"p{i}", "body": {"knee_l": i}} for i in range(13)]},
            "poses.frames: needs 2 to 12 key poses, got 13",
        ),
        ({"frames": "start, top"}, "poses.frames: must be a list of key poses"),
        ({"view": "diagonal"}, "poses.view: must be one of: side, front, top; got 'diagonal'"),
        ({"tilt": 85}, "poses.tilt: must be between 0 and 80 degrees, got 85"),
        ({"view": "top", "tilt": 30}, "poses.tilt: the top view already looks straight down"),
        ({"floor": "maybe"}, "poses.floor: must be true or false, got 'maybe'"),
        ({"tweeen": 1}, "poses.tweeen: unknown field 'tweeen' (did you mean 'tween'?)"),
        ({"frames": None}, "poses.frames: must be a list of key poses"),
    ],
)
def test_block_errors_name_the_field(changes: dict[str, Any], expected: str) -> None:
    found = problems(block(**changes))
    assert any(p.startswith(expected) for p in found), found


def test_missing_name_is_reported_as_required() -> None:
    data = block()
    del data["frames"][0]["name"]
    assert "poses.frames[0].name: required field is missing" in problems(data)


def test_every_problem_is_reported_at_once() -> None:
    data = block(tilt=99)
    data["frames"][0]["body"]["knee_l"] = -400
    data["frames"][1]["hold"] = 20
    found = problems(data)
    assert len(found) == 3
    assert [p.split(":")[0] for p in found] == [
        "poses.tilt",
        "poses.frames[0].body.knee_l",
        "poses.frames[1].hold",
    ]


def test_duplicate_names_and_repeated_poses_are_refused() -> None:
    data = block()
    data["frames"][1]["name"] = "start"
    assert problems(data) == [
        "poses.frames: frames[1] and frames[0] are both named 'start'; "
        "give each key pose its own name"
    ]
    data = block()
    data["frames"][1]["body"] = {"knee_l": 100}  # nothing changes
    assert problems(data) == [
        "poses.frames: frames[1] ('top') is the same pose as frames[0] ('start'); "
        "use hold to stay on a pose"
    ]
    data = block()
    data["frames"].append({"name": "back", "body": {"hip_l": 50}})
    (problem,) = problems(data)
    assert "frames[2] ('back') is the same pose as frames[0] ('start')" in problem
    assert "loops back by itself" in problem


def test_errors_keep_their_path_when_poses_sit_inside_an_exercise_model() -> None:
    """The lead adds `poses: Poses | None` to Exercise; the routines loader turns the
    pydantic error into `file: poses.frames[1].body.knee_l: must be between ...`."""

    class Exercise(BaseModel):
        poses: Poses | None = None

    data = block()
    data["frames"][1]["body"]["knee_l"] = 400
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate({"poses": data})
    (err,) = caught.value.errors()
    path = [part for part in err["loc"] if "function-" not in str(part)]
    assert path == ["poses", "frames", 1, "body", "knee_l"]
    assert str(err["msg"]).removeprefix("Value error, ").startswith("must be between -360 and 360")


def test_unknown_key_pose_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: start, top"):
        parse_poses(block()).key_pose("middle")


def test_shipped_poses_load_and_a_broken_file_names_the_exercise(tmp_path: Path) -> None:
    assert set(shipped_poses()) == {"clam", "lying-glutes-stretch"}
    broken = tmp_path / "poses.yaml"
    broken.write_text(
        "clam:\n  frames:\n    - {name: a, body: {knee_l: 999}}\n    - {name: b}\n", "utf-8"
    )
    with pytest.raises(PoseError) as caught:
        load_pose_sets(broken)
    assert caught.value.problems == [
        "poses.yaml: clam.frames[0].body.knee_l: must be between -360 and 360, got 999 (frame 'a')"
    ]
