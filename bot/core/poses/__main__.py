"""`python -m bot.core.poses [FILE] [OUT_DIR]`: render every pose set in FILE (default:
the seed poses) to OUT_DIR/<id>.gif and OUT_DIR/<id>-<frame>.png, to look at them."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.core.poses.model import SEED_POSES, PoseError, load_pose_sets
from bot.core.poses.render import render_animation, render_still


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SEED_POSES
    out = Path(argv[1]) if len(argv) > 1 else Path(".")
    try:
        sets = load_pose_sets(source)
    except PoseError as exc:
        print(exc, file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for exercise_id, poses in sets.items():
        gif = render_animation(poses)
        (out / f"{exercise_id}.gif").write_bytes(gif)
        print(f"{out / f'{exercise_id}.gif'}: {len(gif)} bytes, {poses.loop_seconds():g} s loop")
        for frame in poses.frames:
            path = out / f"{exercise_id}-{frame.name}.png"
            path.write_bytes(render_still(poses, frame.name))
            print(f"{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
