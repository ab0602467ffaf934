"""The pose sets of the shipped exercises, read from routines/*.yaml through the library."""

from __future__ import annotations

from bot.core.poses import Poses
from bot.core.routines import load_library


def shipped_poses() -> dict[str, Poses]:
    """Exercise id -> poses, for every shipped exercise that has them."""
    library = load_library()
    return {e.id: e.poses for e in library.exercises.values() if e.poses is not None}
