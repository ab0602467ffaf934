"""Turn core Messages into terminal output: rich text on a terminal, plain text in a pipe.

Buttons become choices the user can type (`[Pause] [Next] ...`); a timer becomes a live
countdown in the prompt's bottom toolbar on a terminal (console.py) and one plain line in
a pipe, so scripted runs stay readable. Markup is treated the same way for every marker:
`**bold**`, `_italic_` and `` `code` `` are styled on a terminal and their markers dropped
in a pipe.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text

from bot.core.messages import Attachment, Kind, Message

BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)")
CODE = re.compile(r"`([^`\n]+)`")
EMPHASIS = re.compile(rf"{BOLD.pattern}|{ITALIC.pattern}|{CODE.pattern}")
CODE_STYLE = "bold cyan"
STYLE = {
    Kind.ERROR: "bold red",
    Kind.URGENT: "bold white on red",
    Kind.TRIAGE: "yellow",
    Kind.REMINDER: "bold cyan",
    Kind.QUESTION: "magenta",
}


def to_rich(text: str, base: str = "") -> Text:
    """`**bold**`, `_italic_` and `` `code` `` are styled; everything else is literal (no
    markup injection)."""
    result = Text(style=base)
    position = 0
    for match in EMPHASIS.finditer(text):
        result.append(text[position : match.start()])
        if match.group(1) is not None:
            result.append(match.group(1), style="bold")
        elif match.group(2) is not None:
            result.append(match.group(2), style="italic")
        else:
            result.append(match.group(3), style=CODE_STYLE)
        position = match.end()
    result.append(text[position:])
    return result


def plain(text: str) -> str:
    """Text for a pipe: the markers go (bold, italic and code alike), the words stay."""
    return CODE.sub(r"\1", ITALIC.sub(r"\1", BOLD.sub(r"\1", text)))


def choices_line(message: Message) -> str:
    return "  ".join(f"[{a.label}]" for a in message.actions)


def save_attachment(attachment: Attachment, folder: Path) -> Path:
    """Write a file the core attached (export JSON, progress chart) next to the user.

    The name comes from the core, but only its last component is used, and an existing
    file is never overwritten: a suffix is added instead. A file with the very same bytes
    (an exercise animation shown again) is reused rather than copied once more.
    """
    name = Path(attachment.filename).name or "limber-file"
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 1
    while target.exists():
        if target.is_file() and target.read_bytes() == attachment.data:
            return target.resolve()
        number += 1
        target = folder / f"{stem}-{number}{suffix}"
    target.write_bytes(attachment.data)
    return target.resolve()


def render(console: Console, message: Message, now: datetime, folder: Path | None = None) -> None:
    """Print one message (title, text, choices, and the timer line). Attachments are
    saved into `folder` (the demo's data folder), never the current directory."""
    fancy = console.is_terminal
    style = STYLE.get(message.kind, "")
    if message.title:
        title = f"── {plain(message.title)} ──"
        console.print(Text(title, style="bold green") if fancy else title)
    if message.text:
        console.print(to_rich(message.text, style) if fancy else plain(message.text))
    if message.attachment is not None:
        target = folder or Path.cwd()
        target.mkdir(parents=True, exist_ok=True)
        path = save_attachment(message.attachment, target)
        console.print(f"Saved {message.attachment.filename} to {path}")
    if message.timer is not None:
        line = f"⏱ {message.timer.label}: {round(message.timer.seconds)} s"
        console.print(Text(line + " — live countdown below", style="dim") if fancy else line)
    if message.actions:
        line = "Choices: " + choices_line(message) + "  (type one)"
        console.print(Text(line, style="dim") if fancy else line)
