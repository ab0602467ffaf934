"""The routine library: the shipped seed content, and errors that name file and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.routines import RoutineLibraryError, Side, Style, load_library

GOOD_EXERCISE = """\
kind: exercise
id: bridge
name: Bridge
style: repetitions
prescription: {sets: 2, reps: 10, side: none}
instructions: [Lie on your back., Lift your hips.]
"""
GOOD_ROUTINE = """\
kind: routine
id: easy
name: Easy
exercises: [bridge]
"""


def test_shipped_clam_matches_the_seed_article() -> None:
    clam = load_library().exercises["clam"]
    p = clam.prescription
    assert clam.style is Style.REPETITIONS
    assert (p.sets.default, p.reps.default, p.side) == (2, 20, Side.EACH)
    assert p.hold_seconds is not None and p.hold_seconds.default == 2
    text = " ".join(clam.instructions).lower()
    for phrase in [
        "hips and shoulders",
        "knees slightly",
        "behind you",
        "together",
        "toward the ceiling",
        "2 seconds",
        "still on the mat",
    ]:
        assert phrase in text


def test_shipped_lying_glutes_stretch_matches_the_seed_article() -> None:
    stretch = load_library().exercises["lying-glutes-stretch"]
    p = stretch.prescription
    assert stretch.style is Style.HOLD
    assert p.hold_seconds is not None
    assert (p.hold_seconds.min, p.hold_seconds.max) == (15, 30)
    assert (p.reps.min, p.reps.max) == (3, 4)
    assert p.side is Side.EACH
    text = " ".join(stretch.instructions).lower()
    for phrase in [
        "on your back",
        "knees bent",
        "feet flat",
        "ankle in front of the other knee",
        "thigh",
        "toward your chest",
    ]:
        assert phrase in text


def test_starter_routine_uses_both_seed_exercises_in_order() -> None:
    library = load_library()
    assert library.routines["low-back-starter"].exercises == ("clam", "lying-glutes-stretch")
    assert "piriformis" in library.routines["low-back-starter"].description


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


BROKEN = [
    (
        "hold default outside range",
        GOOD_EXERCISE.replace(
            "side: none}", "side: none, hold_seconds: {min: 15, max: 30, default: 40}}"
        ),
        "bridge.yaml: prescription.hold_seconds: default 40 is outside 15–30",
    ),
    (
        "misspelt field",
        GOOD_EXERCISE.replace("reps: 10", "repz: 10"),
        "bridge.yaml: prescription.repz: unknown field",
    ),
    (
        "missing reps",
        GOOD_EXERCISE.replace(", reps: 10", ""),
        "bridge.yaml: prescription.reps: required field is missing",
    ),
    (
        "bad side",
        GOOD_EXERCISE.replace("side: none", "side: both"),
        "bridge.yaml: prescription.side: must be one of 'left', 'right', 'each' or 'none'",
    ),
    ("bad id", GOOD_EXERCISE.replace("id: bridge", "id: Bridge Pose"), "bridge.yaml: id:"),
    (
        "zero sets",
        GOOD_EXERCISE.replace("sets: 2", "sets: 0"),
        "bridge.yaml: prescription: sets must be at least 1",
    ),
    (
        "no instructions",
        GOOD_EXERCISE.replace(
            "instructions: [Lie on your back., Lift your hips.]", "instructions: []"
        ),
        "bridge.yaml: instructions:",
    ),
    (
        "hold style without hold",
        GOOD_EXERCISE.replace("style: repetitions", "style: hold"),
        "bridge.yaml: (document): style hold needs prescription.hold_seconds",
    ),
    (
        "unknown kind",
        GOOD_EXERCISE.replace("kind: exercise", "kind: stretch"),
        "bridge.yaml: kind: must be 'exercise' or 'routine'",
    ),
    ("yaml syntax", GOOD_EXERCISE + "  bad: [unclosed\n", "bridge.yaml: line"),
]


@pytest.mark.parametrize(("case", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_exercise_file_is_reported_with_file_and_field(
    tmp_path: Path, case: str, text: str, expected: str
) -> None:
    folder = write(tmp_path, {"bridge.yaml": text, "easy.yaml": GOOD_ROUTINE})
    with pytest.raises(RoutineLibraryError) as caught:
        load_library(folder)
    # each line names the folder with the file, so an operator can open it
    assert any(str(p).startswith(f"{folder / expected}") for p in caught.value.problems), (
        caught.value
    )
    # one broken exercise is one problem: the routine using it adds no "unknown exercise"
    assert "unknown exercise" not in str(caught.value)


def test_a_routine_naming_an_unknown_exercise_names_the_list_position(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "bridge.yaml": GOOD_EXERCISE,
            "easy.yaml": GOOD_ROUTINE.replace("[bridge]", "[bridge, plank]"),
        },
    )
    with pytest.raises(RoutineLibraryError) as caught:
        load_library(folder)
    assert str(caught.value) == (
        f"{folder / 'easy.yaml'}: exercises[1]: unknown exercise 'plank' (known: bridge)"
    )


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    folder = write(
        tmp_path, {"a.yaml": GOOD_EXERCISE, "b.yaml": GOOD_EXERCISE, "easy.yaml": GOOD_ROUTINE}
    )
    with pytest.raises(
        RoutineLibraryError, match=r"b\.yaml: id: 'bridge' is already defined in a\.yaml"
    ):
        load_library(folder)


def test_all_problems_are_reported_in_one_pass(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "bridge.yaml": GOOD_EXERCISE.replace("reps: 10", "reps: -1"),
            "easy.yaml": GOOD_ROUTINE.replace("name: Easy", "name: ''"),
        },
    )
    with pytest.raises(RoutineLibraryError) as caught:
        load_library(folder)
    files = {p.file for p in caught.value.problems}
    assert files == {"bridge.yaml", "easy.yaml"}


def test_a_range_can_be_written_as_text(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "bridge.yaml": GOOD_EXERCISE.replace("reps: 10", "reps: 8-12"),
            "easy.yaml": GOOD_ROUTINE,
        },
    )
    reps = load_library(folder).exercises["bridge"].prescription.reps
    assert (reps.min, reps.max, reps.default) == (8, 12, 12)


def run_limber(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_routines_check_prints_a_summary_of_the_shipped_routines(tmp_path: Path) -> None:
    result = run_limber("routines", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "low-back-starter: Low-back starter — 2 exercises" in result.stdout
    assert "clam: 2 sets of 20 each leg, hold 2 s" in result.stdout
    assert "lying-glutes-stretch: hold 15–30 s, 3–4 times each leg" in result.stdout


def test_routines_check_on_a_broken_folder_exits_1_naming_file_and_field(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "r",
        {"bridge.yaml": GOOD_EXERCISE.replace("sets: 2", "sets: x"), "easy.yaml": GOOD_ROUTINE},
    )
    result = run_limber("routines", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "bridge.yaml: prescription.sets:" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_up_refuses_broken_routines_with_the_same_message(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "r",
        {"bridge.yaml": GOOD_EXERCISE.replace("sets: 2", "sets: x"), "easy.yaml": GOOD_ROUTINE},
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        input="",
        timeout=60,
        env={**__import__("os").environ, "ROUTINES_DIR": str(folder)},
    )
    assert result.returncode == 1
    assert "bridge.yaml: prescription.sets:" in result.stderr
    assert "refusing to start" in result.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("reps: 10", "reps: 100000"), "reps 100000 is not a plausible dose (at most 100)"),
        (("side: none", "side: none, hold_seconds: 3600"), "hold_seconds 3600 is not a plausible"),
        (("sets: 2", "sets: 50"), "sets 50 is not a plausible dose (at most 10)"),
        (("reps: 10", "reps: 100, rep_seconds: 60"), "this prescription takes about 300 min"),
    ],
)
def test_absurd_prescriptions_are_refused(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    assert change[0] in GOOD_EXERCISE
    folder = write(
        tmp_path, {"bridge.yaml": GOOD_EXERCISE.replace(*change), "easy.yaml": GOOD_ROUTINE}
    )
    with pytest.raises(RoutineLibraryError) as caught:
        load_library(folder)
    assert expected in str(caught.value)
    assert len(caught.value.problems) == 1  # and no cascaded "unknown exercise"


def test_routines_check_reports_one_broken_exercise_once_with_its_folder(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "bridge.yaml": GOOD_EXERCISE.replace("reps: 10", "reps: 100000"),
            "easy.yaml": GOOD_ROUTINE,
        },
    )
    result = run_limber("routines", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{folder / 'bridge.yaml'}: prescription: reps 100000")
    assert lines[-1] == "1 problem found."
    assert "about 26672 min" not in result.stderr


POSES = """\
poses:
  frames:
    - {name: start, lying: back, body: {hip_l: 50, knee_l: 105}}
    - {name: up, body: {knee_l: 400}}
"""


def test_routines_check_names_file_and_field_of_broken_pose_data(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "r", {"bridge.yaml": GOOD_EXERCISE + POSES, "easy.yaml": GOOD_ROUTINE}
    )
    result = run_limber("routines", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "bridge.yaml: poses.frames[1].body.knee_l: must be between -360 and 360, got 400"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_routines_render_writes_the_gif_and_a_still_per_key_pose(tmp_path: Path) -> None:
    result = run_limber("routines", "render", "clam", "out/clam.gif", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    gif = (tmp_path / "out" / "clam.gif").read_bytes()
    assert gif.startswith(b"GIF89a") and len(gif) < 1_000_000
    for pose in ("start", "top"):
        assert (tmp_path / "out" / f"clam-{pose}.png").read_bytes().startswith(b"\x89PNG")
    unknown = run_limber("routines", "render", "plank", cwd=tmp_path)
    assert unknown.returncode == 1 and "unknown exercise 'plank'" in unknown.stderr


def test_routines_render_without_poses_says_text_only(tmp_path: Path) -> None:
    import os

    folder = write(tmp_path / "r", {"bridge.yaml": GOOD_EXERCISE, "easy.yaml": GOOD_ROUTINE})
    result = subprocess.run(
        [sys.executable, "-m", "bot", "routines", "render", "bridge"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "ROUTINES_DIR": str(folder)},
    )
    assert result.returncode == 1
    assert "bridge: no poses in its file (sessions show it as text only)" in result.stdout
