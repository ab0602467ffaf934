"""Each command defined once: its path, typed options (a pydantic model) and handler.

Adapters map these specs to their platform (Discord slash commands with groups,
Slack, the terminal's typed `/stretch start`), so names, option types, limits and
descriptions are written here only. Option models keep field order: that is the
positional order in the terminal and the parameter order on Discord.

Field metadata adapters read (via `json_schema_extra`):
- `autocomplete`: the name of a source ("timezone", "routine") for suggestions;
- `rest`: the last text option swallows the rest of a typed line (`/pain 8 sharp pain`);
- `example`: a value shown in "for example" hints (else one is made from the type).

Typed lines are split on spaces; a value may be quoted (`"Back Clinic"`), and an
apostrophe inside a word is just a letter (`/pain 8 can't sleep`). The last text option
takes the rest of the line literally. Every message a person sees about a bad option is
written here for people: it names the option, what it takes, and an example.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo

from bot.core.context import CommandInfo, Context
from bot.core.errors import CommandError
from bot.core.messages import Reply

AM_PM = frozenset({"am", "pm", "a.m", "p.m"})
QUOTES = "\"'“”‘’"
CLOSING = {"“": "”", "‘": "’"}
BIGGEST_NUMBER = 2**53
"""Whole numbers beyond this are no id, score or count Limber has (and overflow storage)."""


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
    read_only: bool = False
    """Only reads: a person who never acted is not stored for it (see Limber.context)."""

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
    path: str,
    description: str,
    options: type[BaseModel] = NoOptions,
    *,
    admin_only: bool = False,
    read_only: bool = False,
) -> Callable[[Handler], CommandSpec]:
    """Decorator: `@command("stretch start", "Start a guided session", StartOptions)`."""

    def wrap(handler: Handler) -> CommandSpec:
        return CommandSpec(
            tuple(path.split()), description, options, handler, admin_only, read_only
        )

    return wrap


def _is_text(info: FieldInfo) -> bool:
    return info.annotation in (str, str | None)


def field_extra(info: FieldInfo, key: str) -> Any:
    extra = info.json_schema_extra
    return extra.get(key) if isinstance(extra, dict) else None


def _annotation_args(info: FieldInfo) -> tuple[Any, ...]:
    """The member types of `X | None` (or just `X`)."""
    annotation = info.annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return tuple(a for a in typing.get_args(annotation) if a is not type(None))
    return (annotation,)


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for meta in info.metadata:
        if getattr(meta, "ge", None) is not None:
            low = meta.ge
        if getattr(meta, "gt", None) is not None:
            low = meta.gt + 1
        if getattr(meta, "le", None) is not None:
            high = meta.le
        if getattr(meta, "lt", None) is not None:
            high = meta.lt - 1
    return low, high


def _choices(info: FieldInfo) -> tuple[str, ...]:
    for arg in _annotation_args(info):
        if typing.get_origin(arg) is Literal:
            return tuple(str(a) for a in typing.get_args(arg))
    return ()


def _is_int(info: FieldInfo) -> bool:
    return int in _annotation_args(info)


def example_value(name: str, info: FieldInfo) -> str:
    """A value that fits the option, for "for example" hints."""
    given = field_extra(info, "example")
    if given is not None:
        return str(given)
    if info.examples:
        return str(info.examples[0])
    choices = _choices(info)
    if choices:
        return choices[0]
    if _is_int(info):
        scale = field_extra(info, "scale")
        if isinstance(scale, str):
            return f"a whole number {scale}"
        low, high = _bounds(info)
        start = int(low) if low is not None else 1
        value = 3 if start <= 3 and (high is None or high >= 3) else start
        return str(value)
    hinted = re.search(r"e\.g\. ([^\s,;()]+)", info.description or "")
    return hinted.group(1) if hinted else f"<{name}>"


def example_line(spec: CommandSpec, focus: str | None = None) -> str:
    """`/pain 3`: the command with a value for each required option; an optional `focus`
    is shown by name (`/stretch start hold:20`)."""
    parts = [f"/{spec.name}"]
    for name, info in spec.option_fields():
        if info.is_required():
            parts.append(example_value(name, info))
    if focus is not None:
        info = spec.options.model_fields[focus]
        if not info.is_required():
            parts.append(f"{focus}:{example_value(focus, info)}")
    return " ".join(parts)


def _what_it_takes(info: FieldInfo) -> str:
    """ "a whole number from 0 to 10", "one of give, withdraw", "text"."""
    choices = _choices(info)
    if choices:
        return "one of " + ", ".join(f"`{c}`" for c in choices)
    if _is_int(info):
        scale = field_extra(info, "scale")
        if isinstance(scale, str):
            return f"a whole number {scale}"
        low, high = _bounds(info)
        if low is not None and high is not None:
            return f"a whole number from {low:g} to {high:g}"
        if low is not None:
            return f"a whole number, {low:g} or more"
        if high is not None:
            return f"a whole number, at most {high:g}"
        return "a whole number"
    return "text"


def _problem(name: str, info: FieldInfo, err: Any) -> str:
    kind = str(err["type"])
    given = err.get("input")
    takes = _what_it_takes(info)
    if kind == "missing":
        return f"`{name}` is missing" + ("" if takes == "text" else f": {takes}")
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"`{name}` is too long (at most {limit} characters)"
    if kind == "string_too_short":
        return f"`{name}` can't be empty"
    if kind == "value_error":
        # Our own validators already speak to people ("must be an https:// link").
        return f"`{name}` " + str(err["msg"]).removeprefix("Value error, ")
    shown = f", not `{given}`" if isinstance(given, str | int) and str(given) else ""
    return f"`{name}` must be {takes}{shown}"


def describe_validation(spec: CommandSpec, exc: ValidationError) -> str:
    """One line per bad option, for people: what is wrong, what it takes, an example."""
    fields = spec.options.model_fields
    lines = []
    focus: str | None = None
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "options"
        info = fields.get(name)
        if info is None:
            lines.append(f"`{name}` is not an option of `/{spec.name}`")
            continue
        lines.append(_problem(name, info, err))
        if focus is None:
            focus = name
            if info.description:
                lines[-1] += f" ({info.description})"
    example = f" For example: `{example_line(spec, focus)}`." if focus else ""
    return ". ".join(lines) + f".{example}\nUsage: `{spec.usage}`"


class Token(NamedTuple):
    value: str
    start: int


def tokenize(text: str) -> list[Token]:
    """Split on spaces; a quoted value (`"Back Clinic"`, `name:"Back Clinic"`) is one token
    when its closing quote ends a word. Any other quote is a letter (`can't`)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        value = []
        while i < n and not text[i].isspace():
            char = text[i]
            opens_value = i == start or text[i - 1] in ":="
            if char in QUOTES and opens_value:
                close = CLOSING.get(char, char)
                end = text.find(close, i + 1)
                if end != -1 and (end + 1 == n or text[end + 1].isspace()):
                    value.append(text[i + 1 : end])
                    i = end + 1
                    continue
            value.append(char)
            i += 1
        tokens.append(Token("".join(value), start))
    return tokens


class ParsedLine(NamedTuple):
    spec: CommandSpec
    options: BaseModel
    ignored: tuple[str, ...] = ()
    """Words that fit no option; the reply says they were ignored."""


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
            options = spec.options.model_validate(cleaned)
        except ValidationError as exc:
            raise CommandError(describe_validation(spec, exc)) from None
        self._check_sizes(spec, options)
        return options

    def _check_sizes(self, spec: CommandSpec, options: BaseModel) -> None:
        for name, info in spec.option_fields():
            value = getattr(options, name, None)
            if _is_int(info) and isinstance(value, int) and abs(value) > BIGGEST_NUMBER:
                raise CommandError(
                    f"`{name}` is far too large a number ({info.description or 'see usage'}). "
                    f"For example: `{example_line(spec, name)}`.\nUsage: `{spec.usage}`"
                )

    def parse_line(self, line: str) -> tuple[CommandSpec, BaseModel]:
        """`/reminders add 9am weekdays` or `/reminders add time:9am days:weekdays`."""
        parsed = self.parse(line)
        return parsed.spec, parsed.options

    def parse(self, line: str) -> ParsedLine:
        """Like `parse_line`, and also the stray words that were ignored."""
        text = line.strip()
        if not text.startswith("/"):
            raise CommandError("Commands start with `/`. Type `/help` to see them.")
        body = text[1:]
        tokens = tokenize(body)
        if not tokens:
            raise CommandError("Type a command after `/`, for example `/help`.")
        spec, rest = self._match([t.value for t in tokens])
        values, ignored = self._bind(spec, tokens[len(tokens) - len(rest) :], body)
        options = self.validate(spec, values)
        return ParsedLine(spec, options, tuple(ignored))

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
    def _bind(
        spec: CommandSpec, tokens: Sequence[Token], line: str = ""
    ) -> tuple[dict[str, Any], list[str]]:
        """Options from tokens: `name:value` / `name=value`, else by position. Returns the
        values and the words no option took."""
        fields = spec.option_fields()
        names = [name for name, _ in fields]
        values: dict[str, Any] = {}
        positional: list[Token] = []
        for token in tokens:
            for separator in (":", "="):
                key, sep, value = token.value.partition(separator)
                if sep and key in names and value:
                    values[key] = value
                    break
            else:
                if token.value.lower().rstrip(".") in AM_PM and positional:
                    # "9:00 AM" typed in a chat is one time, not two options.
                    last = positional[-1]
                    positional[-1] = Token(f"{last.value} {token.value}", last.start)
                    continue
                positional.append(token)
        free = [(name, info) for name, info in fields if name not in values]
        for index, (name, info) in enumerate(free):
            if not positional:
                break
            # The last text option takes the rest of the line literally ("/timezone set
            # new york", "/pain 8 can't sleep"), so its own validation names a problem.
            last_text = index == len(free) - 1 and _is_text(info)
            if field_extra(info, "rest") or last_text:
                values[name] = _rest_of(positional, tokens, line)
                positional = []
                break
            values[name] = positional.pop(0).value
        return values, [t.value for t in positional]


def _rest_of(positional: list[Token], tokens: Sequence[Token], line: str) -> str:
    """The words as typed from the first one to the end of the line, when they are the
    line's last words; a single quoted value loses its quotes."""
    if len(positional) == 1:
        return positional[0].value
    trailing = list(tokens[len(tokens) - len(positional) :])
    if line and trailing == positional:
        return line[positional[0].start :].strip()
    return " ".join(t.value for t in positional)
