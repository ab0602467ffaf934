"""Exercise animations: key poses of a stick figure (`model`), their forward kinematics
(`kinematics`) and the looping GIF / PNG stills drawn from them (`render`)."""

from bot.core.poses.model import (
    JOINTS,
    Body,
    Frame,
    KeyPose,
    Lying,
    PoseError,
    Poses,
    describe_errors,
    load_pose_sets,
    parse_poses,
)
from bot.core.poses.render import (
    RENDERER_VERSION,
    AnimationCache,
    animation_key,
    plan_frames,
    render_animation,
    render_still,
)

__all__ = [
    "JOINTS",
    "RENDERER_VERSION",
    "AnimationCache",
    "Body",
    "Frame",
    "KeyPose",
    "Lying",
    "PoseError",
    "Poses",
    "animation_key",
    "describe_errors",
    "load_pose_sets",
    "parse_poses",
    "plan_frames",
    "render_animation",
    "render_still",
]
