"""The triage vocabularies kept as data (`bot/core/triage/data/*.yaml`), loaded once.

Files: `topics.yaml` (red-flag topics and the questions each one asks),
`red_flag_phrases.yaml` (more red-flag wordings), `hyperbole.yaml` (strong words about
things other than the body). A broken file stops Limber at start-up with the file and
entry named (`TriageDataError`), never a half-loaded vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


class TriageDataError(ValueError):
    """A triage data file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Topic:
    name: str
    asks: tuple[str, ...]
    terms: re.Pattern[str]
    exclusions: re.Pattern[str] | None
    settled_by: re.Pattern[str] | None = None
    takes_back: re.Pattern[str] | None = None
    cues: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Hyperbole:
    figurative: re.Pattern[str]
    targets: re.Pattern[str]
    jokes: re.Pattern[str]
    body: re.Pattern[str]
    plain: frozenset[str]
    always: re.Pattern[str]


def _read(name: str) -> Any:
    text = (resources.files("bot.core.triage") / "data" / name).read_text("utf-8")
    return yaml.safe_load(text)


def _words(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w])")
    except re.error as exc:
        raise TriageDataError(f"{where}: bad pattern: {exc}") from None


@cache
def topics() -> tuple[Topic, ...]:
    found: list[Topic] = []
    for i, entry in enumerate(_read("topics.yaml")):
        where = f"topics.yaml[{i}]"
        try:
            name, asks, terms = str(entry["topic"]), entry["asks"], entry["terms"]
        except (KeyError, TypeError):
            raise TriageDataError(f"{where}: needs topic, asks and terms") from None
        exclusions = entry.get("not") or []
        settlers = entry.get("settled_by") or []
        takers = entry.get("takes_back") or []
        cues = entry.get("cues") or []
        found.append(
            Topic(
                name,
                tuple(str(a) for a in asks),
                _words([str(t) for t in terms], f"{where}.terms"),
                _words([str(t) for t in exclusions], f"{where}.not") if exclusions else None,
                _words([str(t) for t in settlers], f"{where}.settled_by") if settlers else None,
                _words([str(t) for t in takers], f"{where}.takes_back") if takers else None,
                _words([str(t) for t in cues], f"{where}.cues") if cues else None,
            )
        )
    return tuple(found)


@cache
def red_flag_phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for i, entry in enumerate(_read("red_flag_phrases.yaml")):
        where = f"red_flag_phrases.yaml[{i}]"
        try:
            found.append((str(entry["flag"]), re.compile(str(entry["pattern"]))))
        except (KeyError, TypeError):
            raise TriageDataError(f"{where}: needs flag and pattern") from None
        except re.error as exc:
            raise TriageDataError(f"{where}: bad pattern: {exc}") from None
    return tuple(found)


@cache
def hyperbole() -> Hyperbole:
    data = _read("hyperbole.yaml")
    return Hyperbole(
        figurative=_words(data["figurative"], "hyperbole.yaml.figurative"),
        targets=_words(data["targets"], "hyperbole.yaml.targets"),
        jokes=_words(data["jokes"], "hyperbole.yaml.jokes"),
        body=_words(data["body"], "hyperbole.yaml.body"),
        plain=frozenset(str(data["plain"]).split()),
        always=_words(data["always"], "hyperbole.yaml.always"),
    )


@cache
def acute_episodes() -> re.Pattern[str]:
    """Wordings of an acute episode ("threw my back out"): at least moderate pain."""
    return _words([str(p) for p in _read("acute_episodes.yaml")], "acute_episodes.yaml")


@cache
def severe_words() -> re.Pattern[str]:
    """More words for severe pain (data/severe_words.yaml)."""
    return _words([str(p) for p in _read("severe_words.yaml")], "severe_words.yaml")
