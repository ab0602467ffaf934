"""The question Limber is waiting on for a person, as typed records.

At most one question is open per person (stored with the user, so it survives a
restart). Each kind says what answers it; `conversation.free_text` routes typed text
to the open question's handler first. Stored as JSON with a `kind` discriminator.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class _Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class PainQuestion(_Question):
    """ "How bad is the pain (0–10)?" after It hurts, a session, or a check-in."""

    kind: Literal["pain"] = "pain"
    context: str = "report"
    session_id: int | None = None


class ConsentQuestion(_Question):
    """ "May I keep your pain scores?"; `score`/`context` is the report it was asked about."""

    kind: Literal["consent"] = "consent"
    score: int | None = None
    context: str | None = None


class ScreeningQuestion(_Question):
    """Red-flag screening before a session; `index` is the question shown now."""

    kind: Literal["screening"] = "screening"
    index: int = 0
    routine: str = ""
    origin: str = "command"


class DeleteConfirmation(_Question):
    """`/privacy delete` asked to confirm; `at` is when (UNIX seconds), for expiry."""

    kind: Literal["privacy_delete"] = "privacy_delete"
    at: int


class SafetyCheck(_Question):
    """The red-flag questions asked after a message that touched a red-flag topic without
    settling it; `keys` are screening question keys (triage.assess.SCREENING_QUESTIONS)."""

    kind: Literal["safety"] = "safety"
    keys: tuple[str, ...] = ()
    asked_again: bool = False


class PauseOffer(_Question):
    """ "Want a break from reminders?" after a red flag or severe pain: a typed yes pauses
    reminders for a day, a typed no keeps them on."""

    kind: Literal["pause_offer"] = "pause_offer"


Pending = Annotated[
    PainQuestion
    | ConsentQuestion
    | ScreeningQuestion
    | DeleteConfirmation
    | SafetyCheck
    | PauseOffer,
    Field(discriminator="kind"),
]
_ADAPTER: TypeAdapter[Pending] = TypeAdapter(Pending)


def dump_pending(value: Pending | None) -> str | None:
    """JSON text for storage; None when nothing is open."""
    return None if value is None else value.model_dump_json()


def load_pending(text: str | None) -> Pending | None:
    """The stored question, or None (also for a row written by an older Limber that this
    version no longer understands: the question is dropped rather than failing)."""
    if not text:
        return None
    try:
        return _ADAPTER.validate_json(text)
    except ValidationError:
        return None
