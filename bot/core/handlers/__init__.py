"""Command and button handlers, one module per feature.

Each module exposes `COMMANDS` (CommandSpecs) and `ACTIONS` (button handlers keyed by
the first part of the action id after `limber:`). `build_registry` gathers them; add a
feature module to `FEATURES` to plug it in.
"""

from __future__ import annotations

from importlib import import_module

from bot.core.commands import ActionHandler, CommandSpec, Registry

FEATURES = (
    "help",
    "stretch",
    "pain",
    "clinic",
    "reminders",
    "timezone",
    "progress",
    "privacy",
    "stats",
)


def build_registry() -> Registry:
    specs: list[CommandSpec] = []
    actions: dict[str, ActionHandler] = {}
    for name in FEATURES:
        module = import_module(f"bot.core.handlers.{name}")
        specs.extend(getattr(module, "COMMANDS", []))
        for key, handler in getattr(module, "ACTIONS", {}).items():
            if key in actions:
                raise ValueError(f"action kind {key!r} registered twice")
            actions[key] = handler
    return Registry(specs, actions)
