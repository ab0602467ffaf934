"""Pain triage: how much does it hurt, is anything dangerous, and what to answer.

Every pain report goes through here: `/pain 8` (`assess_score`), any free text
(`assess_text`), and the red-flag screening before a first session. The answer
(`compose_reply`) puts safety first: a red flag means stop and get urgent care now, before
anything else; severe pain (7-10, "unbearable", "can't walk") stops the stretches and points
to the clinic's booking link; mild or moderate pain gets encouragement and "stop if the pain
increases".

What this package must not do: diagnose (replies describe symptoms, never name a
condition), do I/O, keep or log the text it reads (pain notes are never stored), or import
Limber modules outside `bot.core.triage`. This module composes the parts: `redflags`
(which red flags are the writer's, now), `severity` (how bad, now), `topics` (the red-flag
questions when unsure) and `replies`.

How free text is read (see `clinical_context`): phrases are checked for negation ("no
numbness", "no longer unbearable"), for time ("used to be unbearable", "was 8 yesterday,
now 3" -> the current 3), for hypotheticals ("what if I go numb?") and for who they are
about ("my mum's pain is a 9"). "Can't walk" and "can't feel my legs" are findings, not
negations. Choices made for safety:
- A red flag about someone else ("my friend has numbness in the groin") does not make the
  level REDFLAG - that level is about the person writing - so the level comes from their own
  words (often NONE) with `about_pain` True; the red flag goes to `others_red_flags` and
  the reply says such symptoms need urgent care now.
- A red flag only as a hypothetical ("what if I get numb down there?", "if it gets worse")
  goes to `hypothetical_red_flags`; the reply says what to do if it happens.
- A red flag in a question about oneself ("is numbness in the groin serious?", "should I
  worry if I have numbness down there?") counts as a red flag: better safe.
- A recent red flag counts even in the past tense ("I fell off a ladder last week", "I wet
  myself yesterday") and even if it went away; only distant history ("years ago", "used
  to") is ignored - except a history of cancer, which is the red flag itself.
- Severity uses what the person says about now; past words only count when nothing is said
  about now, and history alone ("last year it was a 9") reads as MILD, never as severe.
- When words and numbers disagree, the more severe one wins.
"""

from __future__ import annotations

import re

from bot.core.triage import scope as scope
from bot.core.triage.clinical_context import Doc, normalise
from bot.core.triage.figures import ABOUT_PAIN
from bot.core.triage.model import (
    DEFAULT_EMERGENCY_TEXT,
    Assessment,
    ClinicInfo,
    PainLevel,
    ScreeningQuestion,
)
from bot.core.triage.redflags import TOPIC_OF, find_red_flags
from bot.core.triage.replies import RED_FLAG_WORDS, compose_reply, redflag_reply
from bot.core.triage.scores import find_scores
from bot.core.triage.severity import find_severities, level_for_score, level_from
from bot.core.triage.severity import others_severe as severe_for_someone_else
from bot.core.triage.topics import open_topics

__all__ = [
    "DEFAULT_EMERGENCY_TEXT",
    "RED_FLAG_WORDS",
    "SCREENING_QUESTIONS",
    "Assessment",
    "ClinicInfo",
    "PainLevel",
    "ScreeningQuestion",
    "assess_score",
    "assess_text",
    "compose_reply",
    "level_for_score",
    "parse_yes_no",
    "screening_reply",
    "triage_text",
]

# Nerve and bladder topics are asked about even in a message that is not about pain.
ALWAYS_ASK = frozenset({"sensation", "bladder_bowel", "leg_strength"})


def assess_text(text: str) -> Assessment:
    """Triage any free text a person writes."""
    doc = Doc(text)
    reasons: list[str] = []
    denied: list[str] = []
    recheck: list[str] = []
    accident_over: list[str] = []  # "came off the scooter (I'm ok mostly)": recent, said over
    own, others, hypothetical = find_red_flags(doc, reasons, denied, recheck, accident_over)
    mentions = find_scores(doc.text)
    scores_found = bool(mentions)
    about_pain = bool(
        own or others or hypothetical or denied or scores_found or ABOUT_PAIN.search(doc.text)
    )
    severities = find_severities(doc, about_pain, mentions)
    about_pain = about_pain or any(f.tier != "weak" or f.rank for f in severities)
    for f in severities:
        if f.ctx.other:
            reasons.append(f"about someone else: {f.why}")
        elif f.ctx.hypothetical:
            reasons.append(f"hypothetical: {f.why}")
    # "my friend has numbness down there - I have it too": the ditto makes it the person's
    if others and re.search(
        r"\b(?:me too|same here|i (?:\w+ ){0,3}(?:too|as well)|so do i|so have i)\b", doc.text
    ):
        own.extend(others)
        reasons.append("the person says they have it too")
    level, score = level_from(severities, reasons)
    if accident_over and "trauma" in recheck and level is not PainLevel.NONE:
        # "came off the scooter (I'm ok mostly), now my back is throbbing, 6/10": the
        # person is fine, the back is not - pain after an accident (NICE NG59)
        recheck.remove("trauma")
        own.append("trauma")
        reasons.append("an accident said to be over, but back pain now: red flag")
    no_pain = level is PainLevel.NONE and any(f.tier == "explicit" for f in severities)
    if own and set(own) == {"fever"} and scope.fever_explained(doc, no_pain):
        reasons.append("not a red flag: a fever with a cold, over now or with no back pain")
        own = []
    if own:
        level = PainLevel.REDFLAG
    others_severe = not own and severe_for_someone_else(severities, level, doc)
    follow_up: tuple[str, ...] = ()
    if level is not PainLevel.REDFLAG:
        known = {TOPIC_OF.get(n, "") for n in (*others, *denied)}
        follow_up = tuple(
            t
            for t in dict.fromkeys(
                (*(TOPIC_OF.get(n, "") for n in recheck), *open_topics(doc, known))
            )
            if t and (about_pain or t in ALWAYS_ASK)
        )
        if not follow_up:
            # fail safe: back pain and a word near a red flag that no rule reads ("one of
            # the puddles was mine", "6kg lighter") -> ask that topic's questions
            follow_up = tuple(
                t for t in open_topics(doc, known, cues=True) if about_pain or t in ALWAYS_ASK
            )
        if follow_up:
            reasons.append("asks about: " + ", ".join(follow_up))
    return Assessment(
        level=level,
        score=score,
        red_flags=tuple(dict.fromkeys(own)),
        about_pain=about_pain,
        reasons=tuple(dict.fromkeys(reasons)),
        others_red_flags=tuple(dict.fromkeys(n for n in others if n not in own)),
        hypothetical_red_flags=tuple(dict.fromkeys(n for n in hypothetical if n not in own)),
        mentions_someone_else=any(f.ctx.other for f in severities) or bool(others),
        follow_up=follow_up,
        others_severe=others_severe,
    )


def assess_score(score: int, note: str | None = None) -> Assessment:
    """A number from `/pain` or a button, with an optional note that can only raise the level.

    Raises ValueError for a score outside 0..10.
    """
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise ValueError(f"pain score must be a whole number from 0 to 10, got {score!r}")
    level = level_for_score(score)
    reasons = [f"score {score}/10"]
    if not note or not note.strip():
        return Assessment(level, score, (), True, tuple(reasons))
    from_note = assess_text(note)
    if _RANK_ORDER[from_note.level] > _RANK_ORDER[level]:
        reasons.append(f"note raises the level to {from_note.level}")
        level = from_note.level
    return Assessment(
        level=level,
        score=score,
        red_flags=from_note.red_flags,
        about_pain=True,
        reasons=tuple(reasons) + tuple(f"note: {r}" for r in from_note.reasons),
        others_red_flags=from_note.others_red_flags,
        hypothetical_red_flags=from_note.hypothetical_red_flags,
        mentions_someone_else=from_note.mentions_someone_else,
    )


_RANK_ORDER = {
    level: i
    for i, level in enumerate(
        (PainLevel.NONE, PainLevel.MILD, PainLevel.MODERATE, PainLevel.SEVERE, PainLevel.REDFLAG)
    )
}


def triage_text(text: str, clinic: ClinicInfo) -> tuple[Assessment, str]:
    assessment = assess_text(text)
    return assessment, compose_reply(assessment, clinic)


# --- screening before the first session --------------------------------------------------

SCREENING_QUESTIONS: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "saddle_numbness",
        "Do you have numbness or tingling around your genitals, buttocks or back passage (the "
        "area you'd sit on a saddle), or less feeling than usual when you wipe?",
    ),
    ScreeningQuestion(
        "bladder_bowel",
        "Have you had any new trouble peeing, or lost control of your bladder or bowels (for "
        "example wetting or soiling yourself without meaning to)?",
    ),
    ScreeningQuestion("both_legs", "Do you have numbness, tingling or weakness in both legs?"),
    ScreeningQuestion(
        "worsening_weakness",
        "Is weakness or numbness in a leg or foot getting worse, or does your foot drag or "
        "catch when you walk?",
    ),
    ScreeningQuestion(
        "trauma", "Did your back pain start after a fall, a car accident or another injury?"
    ),
    ScreeningQuestion(
        "fever", "Do you have a fever or chills, or feel generally unwell, with your back pain?"
    ),
    # A past cancer on its own is not an emergency; with back pain that is worse at
    # night or not eased by rest it is a red flag (NICE NG59).
    ScreeningQuestion(
        "cancer_history",
        "Have you ever had cancer, and is your back pain worse at night or not eased by rest?",
    ),
    ScreeningQuestion("weight_loss", "Have you lost weight recently without trying to?"),
)


def screening_reply(positive_keys: list[str], clinic: ClinicInfo) -> str:
    """The urgent-care answer to one or more "yes" answers in the screening ("" if none)."""
    if not positive_keys:
        return ""
    return redflag_reply(positive_keys, clinic)


_YES = re.compile(
    r"(?:y|ye|yes|yea|yeah|yeh|yah|ya|yep|yup|yas|sure|correct|right|true|affirmative|"
    r"definitely|absolutely|of course|indeed|i do|i have|i am|i did|it is|i think so|"
    r"i believe so|probably|a (?:little|bit)|bit|slightly|sometimes|kind of|kinda|sort of|"
    r"somewhat|ok|okay|si|oui|ja)"
)
_NO = re.compile(
    r"(?:n|no|nope|nah|na|nay|not really|not at all|never|negative|none|nothing|no way|"
    r"definitely not|absolutely not|of course not|i dont|i do not|i havent|i have not|i am not"
    r"|im not|i didnt|not that i know of|not that i know|not that ive noticed|dont think so|"
    r"i dont think so|nothing like that|no never|nein|non)"
)


def parse_yes_no(text: str) -> bool | None:
    """Read a yes/no answer; None if it is unclear (e.g. "maybe", "not sure", "yes and no").

    Only the first few words decide ("no, never had that" is a no). Anything more the person
    wrote should also go through `assess_text`.
    """
    raw = text.strip()
    if raw and set(raw) <= set("👍✅✔️☑️ "):
        return True
    if raw and set(raw) <= set("👎❌✖️ "):
        return False
    t = normalise(raw)
    t = re.sub(r"[^a-z0-9 ,.!?]", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .!?")
    if not t or re.search(
        r"\b(?:not sure|unsure|maybe|dont know|no idea|yes and no|yes no|"
        r"yeah no|no yes|kind of not|hard to say)\b",
        t,
    ):
        return None
    head = re.split(r"[,.!?;]", t)[0].strip()
    head = re.sub(r"^(?:um+|uh+|well|hmm+|honestly|actually|so)\s+", "", head)
    for pattern, answer in ((_NO, False), (_YES, True)):
        if re.match(pattern.pattern + r"(?=\s|$)", head):
            return answer
    return None
