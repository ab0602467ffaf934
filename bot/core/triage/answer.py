"""What the chat answers to a message, as one record: the advice given and its words.

`answer_text` is what every door uses for free text and what `limber triage --json`
prints, so the audit and the chat can never disagree:
- `level`: the advice actually given (none, mild, moderate, severe, redflag), including
  advice about someone else ("my husband can't feel his legs" -> redflag);
- `reply`: the exact text of the answer;
- `follow_up`: True when the answer asks the red-flag questions (`questions` names them)
  because the message touched a red-flag topic without settling it (data/topics.yaml);
- `subject`: self, other or unknown (whose symptoms the advice is about).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.triage.assess import SCREENING_QUESTIONS, assess_text
from bot.core.triage.datafiles import topics
from bot.core.triage.model import Assessment, ClinicInfo, PainLevel
from bot.core.triage.replies import compose_reply

FOLLOW_UP_INTRO = (
    "Before I go on, one safety check. Is any of this happening now, to you or to the "
    "person you're writing about?"
)
FOLLOW_UP_ASK = "Answer **yes**, **no** or **not sure**."


@dataclass(frozen=True)
class TriageAnswer:
    level: PainLevel
    reply: str
    follow_up: bool
    subject: str
    questions: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "level": self.level.value,
            "reply": self.reply,
            "follow_up": self.follow_up,
            "subject": self.subject,
            "questions": list(self.questions),
        }


def advice_level(assessment: Assessment) -> PainLevel:
    """The level of the advice given: red flags and severe pain of others included."""
    if assessment.level is PainLevel.REDFLAG or assessment.others_red_flags:
        return PainLevel.REDFLAG
    if assessment.others_severe:
        return PainLevel.SEVERE
    return assessment.level


def subject_of(assessment: Assessment) -> str:
    """Whose symptoms the advice given is about: a red flag of someone else's outranks the
    writer's own milder pain ("my husband can't feel his bum; my back's bad": other)."""
    if assessment.red_flags:
        return "self"
    if assessment.others_red_flags:
        return "other"
    if assessment.level is not PainLevel.NONE and not assessment.others_severe:
        return "self"
    if assessment.others_severe or assessment.mentions_someone_else:
        return "other"
    return "self" if assessment.about_pain else "unknown"


def follow_up_keys(assessment: Assessment) -> tuple[str, ...]:
    """Screening question keys for the open topics, in the screening's order."""
    wanted: set[str] = set()
    for topic in topics():
        if topic.name in assessment.follow_up:
            wanted.update(topic.asks)
    return tuple(q.key for q in SCREENING_QUESTIONS if q.key in wanted)


def follow_up_text(keys: tuple[str, ...]) -> str:
    lines = [FOLLOW_UP_INTRO, ""]
    lines += [f"• {q.text}" for q in SCREENING_QUESTIONS if q.key in keys]
    lines += ["", FOLLOW_UP_ASK]
    return "\n".join(lines)


def answer_assessment(assessment: Assessment, clinic: ClinicInfo) -> TriageAnswer:
    keys = follow_up_keys(assessment) if advice_level(assessment) is not PainLevel.REDFLAG else ()
    reply = compose_reply(assessment, clinic)
    if keys:
        reply = "\n\n".join(p for p in (reply, follow_up_text(keys)) if p)
    return TriageAnswer(advice_level(assessment), reply, bool(keys), subject_of(assessment), keys)


def answer_text(text: str, clinic: ClinicInfo) -> tuple[Assessment, TriageAnswer]:
    assessment = assess_text(text)
    return assessment, answer_assessment(assessment, clinic)
