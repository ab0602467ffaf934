"""Each command defined once: its path, typed options (a pydantic model) and handler.

Adapters map these specs to their platform (Discord slash commands with groups,
Slack, the terminal's typed `/stretch start`), so names, option types, limits and
descriptions are written here only. Option models keep field order: that is the
positional order in the terminal and the parameter order on Discord.

Field metadata adapters read (via `json_schema_extra`):
- `autocomplete`: the name of a source ("timezone", "routine") for suggestions;
- `rest`: the last text option swallows the rest of a typed line (`/pain 8 sharp pain`).
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo

from bot.core.context import CommandInfo, Context
from bot.core.errors import CommandError
from bot.core.messages import Reply

AM_PM = frozenset({"am", "pm", "a.m", "p.m"})


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


OptionsT = TypeVar("OptionsT", bound=BaseModel)
Handler = Callable[[Context, Any], Awaitable[Reply]]
ActionHandler = Callable[[Context, list[str]], Awaitable[Reply]]
AnswerHandler = Callable[[Context, Any, str], Awaitable[Reply | None]]
"""Reads typed text as the answer to an open question; None when it is not an answer."""


@dataclass(frozen=True)
class CommandSpec:
    path: tuple[str, ...]
    description: str
    options: type[BaseModel]
    handler: Handler
    admin_only: bool = False

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def option_fields(self) -> list[tuple[str, FieldInfo]]:
        return list(self.options.model_fields.items())

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for name, info in self.option_fields():
            parts.append(name if info.is_required() else f"[{name}]")
        return " ".join(parts)


def command(
    path: str, description: str, options: type[BaseModel] = NoOptions, *, admin_only: bool = False
) -> Callable[[Handler], CommandSpec]:
    """Decorator: `@command("stretch start", "Start a guided session", StartOptions)`."""

    def wrap(handler: Handler) -> CommandSpec:
        return CommandSpec(tuple(path.split()), description, options, handler, admin_only)

    return wrap


def _is_text(info: FieldInfo) -> bool:
    return info.annotation in (str, str | None)


def field_extra(info: FieldInfo, key: str) -> Any:
    extra = info.json_schema_extra
    return extra.get(key) if isinstance(extra, dict) else None


def describe_validation(spec: CommandSpec, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "options"
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "is required"
        elif err["type"] == "extra_forbidden":
            message = "is not an option of this command"
        lines.append(f"`{field}` {message}")
    return "; ".join(lines) + f".\nUsage: `{spec.usage}`"


class Registry:
    """All commands and button handlers of the app, looked up by path or action kind."""

    def __init__(
        self,
        specs: Iterable[CommandSpec],
        actions: dict[str, ActionHandler],
        answers: dict[str, AnswerHandler] | None = None,
    ) -> None:
        self.commands: dict[tuple[str, ...], CommandSpec] = {}
        for spec in specs:
            if spec.path in self.commands:
                raise ValueError(f"command /{spec.name} defined twice")
            self.commands[spec.path] = spec
        self.actions = dict(actions)
        self.answers = dict(answers or {})

    def infos(self) -> tuple[CommandInfo, ...]:
        """The commands as `/help` lists them."""
        return tuple(
            CommandInfo(spec.name, spec.usage, spec.description, spec.admin_only)
            for spec in self.commands.values()
        )

    def specs(self) -> list[CommandSpec]:
        return list(self.commands.values())

    def get(self, name: str) -> CommandSpec | None:
        return self.commands.get(tuple(name.split()))

    def validate(self, spec: CommandSpec, raw: dict[str, Any]) -> BaseModel:
        """Typed options from raw values (Discord's typed values or the terminal's strings)."""
        cleaned = {k: v for k, v in raw.items() if v is not None and v != ""}
        try:
            return spec.options.model_validate(cleaned)
        except ValidationError as exc:
            raise CommandError(describe_validation(spec, exc)) from None

    def parse_line(self, line: str) -> tuple[CommandSpec, BaseModel]:
        """`/reminders add 9am weekdays` or `/reminders add time:9am days:weekdays`."""
        text = line.strip()
        if not text.startswith("/"):
            raise CommandError("Commands start with `/`. Type `/help` to see them.")
        try:
            tokens = shlex.split(text[1:])
        except ValueError as exc:
            raise CommandError(f"Could not read that command: {exc}.") from None
        if not tokens:
            raise CommandError("Type a command after `/`, for example `/help`.")
        spec, rest = self._match(tokens)
        return spec, self.validate(spec, self._bind(spec, rest))

    def _match(self, tokens: Sequence[str]) -> tuple[CommandSpec, list[str]]:
        words = [t.lower() for t in tokens]
        for length in (2, 1):
            spec = self.commands.get(tuple(words[:length]))
            if spec is not None and len(words) >= length:
                return spec, list(tokens[length:])
        group = [s for s in self.commands.values() if s.path[0] == words[0]]
        if group:
            listed = ", ".join(f"`/{s.name}`" for s in group)
            if len(tokens) > 1:
                raise CommandError(f"Unknown command `/{words[0]} {tokens[1]}`. Try: {listed}.")
            raise CommandError(f"`/{words[0]}` needs a subcommand: {listed}.")
        typed = " ".join(words[:2])
        names = [s.name for s in self.commands.values()]
        close = difflib.get_close_matches(typed, names, n=1, cutoff=0.5)
        close = close or difflib.get_close_matches(words[0], names, n=1, cutoff=0.5)
        hint = f" Did you mean `/{close[0]}`?" if close else ""
        raise CommandError(f"Unknown command `/{words[0]}`.{hint} Type `/help` for the list.")

    @staticmethod
    def _bind(spec: CommandSpec, tokens: list[str]) -> dict[str, Any]:
        fields = spec.option_fields()
        names = [name for name, _ in fields]
        values: dict[str, Any] = {}
        positional: list[str] = []
        for token in tokens:
            key, sep, value = token.partition(":")
            if sep and key in names and value:
                values[key] = value
                continue
            key, sep, value = token.partition("=")
            if sep and key in names and value:
                values[key] = value
                continue
            if token.lower().rstrip(".") in AM_PM and positional:
                # "9:00 AM" typed in a chat is one time, not two options.
                positional[-1] = f"{positional[-1]} {token}"
                continue
            positional.append(token)
        free = [(name, info) for name, info in fields if name not in values]
        for index, (name, info) in enumerate(free):
            if not positional:
                break
            # The last text option takes the rest of the line ("/timezone set new york"),
            # so its own validation names the problem instead of "too many values".
            last_text = index == len(free) - 1 and _is_text(info)
            if field_extra(info, "rest") or last_text:
                values[name] = " ".join(positional)
                positional = []
                break
            values[name] = positional.pop(0)
        if positional:
            raise CommandError(
                f"Too many values: {' '.join(positional)!r}. Usage: `{spec.usage}` "
                "(quote a value with spaces)."
            )
        return values
