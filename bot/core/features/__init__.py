"""The features, listed explicitly: each module's commands, buttons and typed answers.

Each feature module exposes `COMMANDS` (CommandSpecs), `ACTIONS` (button handlers keyed
by the first part of the action id after `limber:`) and optionally `ANSWERS` (handlers
for the open question kinds it asks). Add a module to `FEATURES` to plug it in.
"""

from __future__ import annotations

from types import ModuleType

from bot.core.commands import ActionHandler, AnswerHandler, CommandSpec, Registry
from bot.core.features import (
    clinic,
    group,
    help,
    pain,
    privacy_commands,
    progress_commands,
    reminder_commands,
    safety,
    session_start,
    stats,
    stretch,
    timezone,
)

FEATURES: tuple[ModuleType, ...] = (
    help,
    stretch,
    session_start,
    group,
    pain,
    safety,
    clinic,
    reminder_commands,
    timezone,
    progress_commands,
    privacy_commands,
    stats,
)


def build_registry(features: tuple[ModuleType, ...] = FEATURES) -> Registry:
    specs: list[CommandSpec] = []
    actions: dict[str, ActionHandler] = {}
    answers: dict[str, AnswerHandler] = {}
    for module in features:
        specs.extend(getattr(module, "COMMANDS", []))
        for key, handler in getattr(module, "ACTIONS", {}).items():
            if key in actions:
                raise ValueError(f"action kind {key!r} registered twice")
            actions[key] = handler
        for kind, answer in getattr(module, "ANSWERS", {}).items():
            if kind in answers:
                raise ValueError(f"answer kind {kind!r} registered twice")
            answers[kind] = answer
    return Registry(specs, actions, answers)
