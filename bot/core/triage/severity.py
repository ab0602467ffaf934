"""How bad the pain is from free text: numbers (NRS 0-10), strength words and plain "pain",
each with its context (negated, when, whose), and the level they add up to.

`find_severities(doc, about_pain, mentions)` returns one `Severity` per finding;
`level_from(severities, reasons)` picks the level and score (now beats before, explicit
beats vague, the most severe wins); `others_severe` says whether someone else's severe pain
deserves the severe advice.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.core.triage import cues as cues
from bot.core.triage import scope as scope
from bot.core.triage import words as words
from bot.core.triage.clinical_context import PERSON, RECENT_NEAR, Context, Doc, symptom_start
from bot.core.triage.datafiles import acute_episodes, hyperbole, severe_words
from bot.core.triage.figures import (
    ABOUT_PAIN,
    figure_of_speech,
    names_back,
    names_body,
    score_of_something_else,
    thing_after_score,
)
from bot.core.triage.model import PainLevel
from bot.core.triage.scores import ScoreMention, find_scores

__all__ = ["Severity", "find_severities", "level_for_score", "level_from", "others_severe"]

_RANK_LEVEL = (PainLevel.NONE, PainLevel.MILD, PainLevel.MODERATE, PainLevel.SEVERE)
_WORD_TABLE = (
    tuple((3, label, re.compile(p)) for label, p in words.SEVERE_WORDS)
    + tuple((2, label, re.compile(p)) for label, p in words.MODERATE_WORDS)
    + tuple((1, label, re.compile(p)) for label, p in words.MILD_WORDS)
    + ((1, "sore", re.compile(words.SORE_WORD)),)
    + ((2, "acute episode", acute_episodes()),)
    + ((3, "severe wording", severe_words()),)
)
_VAGUE = re.compile(words.VAGUE_PAIN)
_NO_PAIN = re.compile(words.NO_PAIN)
_WEAK_NONE = re.compile(words.WEAK_NONE)


def level_for_score(score: int) -> PainLevel:
    """NRS: 0 none, 1-3 mild, 4-6 moderate, 7-10 (and above) severe."""
    if score <= 0:
        return PainLevel.NONE
    if score <= 3:
        return PainLevel.MILD
    if score <= 6:
        return PainLevel.MODERATE
    return PainLevel.SEVERE


def _rank_of_score(score: int) -> int:
    return _RANK_LEVEL.index(level_for_score(score))


@dataclass(frozen=True)
class Severity:
    rank: int  # 0 none .. 3 severe
    tier: str  # "explicit" (a number or a strength word), "vague" (just "pain") or "weak"
    score: int | None
    why: str
    ctx: Context
    persists: bool = False  # "..., still bad": the earlier level has not gone down
    idiom: bool = False  # "killing me": a figure of speech that a number said now outranks
    body: bool = True  # its clause (besides the word itself) names the body or pain
    back_is_fine: bool = False  # "back's fine", "back's a 2": the back said to be well now
    label: str = ""  # the strength word's label (words.SEVERE_WORDS), "" for numbers
    said_now: bool = False  # a score right after "now it's", "today": "and now it's 8"


# "still bad", "the sciatica is worse": the earlier level has not gone down
_STILL = re.compile(r"\b(?:still|worse|worsening)\b")
_EASED = re.compile(r"\b(?:better|less|easier|eased|easing|improv\w*|down|not as|settl\w*)\b")


def _persists(doc: Doc, pos: int) -> bool:
    """Does the clause say the pain goes on as before ("still bad"), not that it eased?"""
    _, s, e = doc.clause_of(pos)
    clause = doc.text[s:e]
    return bool(_STILL.search(clause)) and not _EASED.search(clause)


_TODAY = re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight|just now)\b")
# "normally my back's a 2 or 3 ... since Tuesday honestly an 8": the usual, not now
_HABITUAL = re.compile(r"\b(?:normally|usually|typically|generally|most days|on a good day)\b")


def _crying_over_a_thing(text: str) -> bool:
    """Tears in a message that names a thing (hyperbole.yaml `targets`: rent, prices,
    exams...) and says nothing of pain or the body: "the price of school uniforms is
    criminal, I'm actually crying". Tears with no thing named still count as pain."""
    words_ = hyperbole()
    text = _NOT_FROM_PAIN.sub(" ", text)  # "I'm crying. Not from pain, from the price of petrol"
    return (
        not ABOUT_PAIN.search(text)
        and not words_.body.search(text)
        and bool(words_.targets.search(text))
    )


_NOT_FROM_PAIN = re.compile(
    r"\bnot (?:from|with|because of|over|cos of|due to) (?:the |any |my )?(?:pain|back|sciatica)\b"
)
_NOT_THE_BACK = re.compile(
    r"\b(?:nothing to do with|not related to|unrelated to) (?:my |his |her |their |the )?"
    r"(?:back|sciatica|spine)\b|\bnot (?:back|sciatica|pain|body)[ -]?related\b|"
    r"\b(?:thats|that is|its|it is|this is) not (?:a|about (?:my|the)) "
    r"(?:back|pain|body|sciatica)(?: thing| issue| problem)?\b"
)
# "I'm in absolute agony. The fitba, not the back.": the strong word disowned for the back
_NOT_THE_BACK_AFTER = re.compile(
    r"(?:[,.!?]|\bi mean|\babout)\s*not (?:the|my) (?:back|sciatica|spine|body)\b"
)
_STOP = re.compile(r"[.!?]")
# a hospital visit as someone's companion: "in A&E with my husband", "at the hospital with Mum"
_WITH_SOMEONE = re.compile(
    r"(?: (?!for\b)\w+){0,3}? with (?:my |our |his |her |the )?(?:\w+ )?" + PERSON.pattern
)
# "he's an absolute pain", "what a pain", "bit of a pain": a nuisance (unless "in my back")
_A_PAIN = re.compile(
    r"\b(?:is|was|s|are|were|being|such|what|bit of|thats|its) (?:an? )?(?:absolute |real |right "
    r"|total |proper |massive |huge |royal |complete |bit of a |such a )?$"
)
_PAIN_IN = re.compile(r" (?:in|down|on|across|at) (?:my|the|his|her|their|your)\b")


def _disowned(text: str, start: int, end: int) -> bool:
    """The rest of the sentence from `end`, or the next one, says the strong word at
    `start` was not the back's ("I'm in agony. The fitba, not the back.")."""
    stop = _full_stop(text, _full_stop(text, end) + 1)
    said = _NOT_THE_BACK_AFTER.search(text, start, stop)
    if said is None:
        return False
    rest = text[said.end() : _full_stop(text, said.end())]
    return not (ABOUT_PAIN.search(rest) or hyperbole().body.search(rest))  # "..., my leg"


def _full_stop(text: str, pos: int) -> int:
    """Where the sentence that goes on at `pos` ends (a full stop, not a "but")."""
    stop = _STOP.search(text, pos)
    return stop.start() if stop else len(text)


_IDIOMS = frozenset({"killing me", "screaming"})
# strength words that "but I'm coping" brings down to moderate ("pain is bad but I'm
# coping"); not words of the top of the scale ("unbearable", "agony", "can't walk")
_SOFTENED_BY_COPING = frozenset({"very strong", "terrible"})
# "moderately horrible", "fairly awful": the strength word hedged down to the middle
_HEDGED = re.compile(r"\b(?:moderately|fairly|somewhat|mildly|slightly|a bit|kind of|kinda)\b")
_COPING = re.compile(
    r"\W+(?:\w+\W+){0,3}?but (?:\w+ ){0,2}?(?:coping|managing|manageable|bearable|tolerable|"
    r"getting by|getting through|handling it|dealing with it|can (?:cope|manage|live with it))\b"
)
_SMALL_PAIN = re.compile(
    r"(?:a |an |even a |the )?(?:twinge|niggl|discomfort)|(?:a )?(?:little|bit|tad|touch)\b"
)


def _not_a_report(doc: Doc, pos: int, rank: int) -> bool:
    """Pain words in a question about the bot or about a word, not about the writer now.

    "What counts as severe pain?" is never a report; "how do I log that my pain is worse?"
    is not, unless the words are severe (then it may be a report: fail safe); "is it normal
    for the stretch to feel tight?" with no "I" or "my" is a question, not a mild report.
    """
    if scope.definition_question(doc, pos):
        return True
    if rank <= 2 and (scope.about_the_bot(doc, pos) or scope.averted(doc, pos)):
        return True
    return rank == 1 and scope.general_question(doc, pos)


def find_severities(
    doc: Doc, about_pain: bool, mentions: list[ScoreMention] | None = None
) -> list[Severity]:
    found: list[Severity] = []
    text = doc.text
    all_mentions = find_scores(text) if mentions is None else mentions
    for mention in all_mentions:
        if score_of_something_else(doc, mention, all_mentions):
            continue
        # "from a 3 yesterday to about an 8 today": the value's own place decides its time
        at = max(mention.start, text.rfind(mention.raw, mention.start, mention.end))
        ctx = doc.context(at, mention.end, score=True)
        if _NOW_RIGHT_AFTER.match(text, mention.end):
            ctx = dataclasses.replace(ctx, time="current", time_cue="adverb")  # "to an 8 today"
        elif _DOWN_TO.search(text, max(0, mention.start - 30), mention.start):
            # "used to be in agony ... he's down to a 2": where it has come to is now
            ctx = dataclasses.replace(ctx, time="current", time_cue="adverb")
        if not ctx.negated and not scope.definition_question(doc, mention.start):
            above = " (above the scale)" if mention.above_scale else ""
            why = f"score {mention.raw}/10{above}"
            rank = 3 if mention.above_scale else _rank_of_score(mention.value)
            body = names_body(doc, mention.start, mention.end)
            fine = (
                mention.value <= 3
                and names_back(doc, mention.start, mention.end)
                and not _HABITUAL.search(text, max(0, mention.start - 40), mention.start)
            )
            now = bool(_SAID_NOW.search(text, max(0, mention.start - 16), mention.start))
            found.append(
                Severity(
                    rank,
                    "explicit",
                    mention.value,
                    why,
                    ctx,
                    body=body,
                    back_is_fine=fine,
                    said_now=now,
                )
            )
    for rank, label, pattern in _WORD_TABLE:
        for m in pattern.finditer(text):
            if _not_a_report(doc, m.start(), rank):
                continue
            if rank == 3 and figure_of_speech(doc, m.start(), m.end()):
                continue
            if label == "screaming" and _crying_over_a_thing(text):
                continue
            if label == "emergency room" and _WITH_SOMEONE.match(text, m.end()):
                continue  # "spent all day in A&E with my husband (he had a seizure)"
            if label == "the most pain" and thing_after_score(doc, m.start(), m.end()):
                continue  # "the spicy wings: 10 out of 10, would burn my mouth again"
            if rank == 3 and _NOT_THE_BACK.search(
                text, m.start(), _full_stop(text, _full_stop(text, m.end()) + 1)
            ):
                continue  # "can't walk without her frame since her stroke, nothing to do with
                # her back": the strong words are about something else
            if (
                rank == 3
                and not names_body(doc, m.start(), m.end())
                and _disowned(text, m.start(), m.end())
            ):
                continue  # "Watched Scotland lose, I'm in agony. The fitba, not the back."
            ctx = doc.context(symptom_start(m), m.end())
            if _SINCE_PAST.search(text, max(0, m.start() - 30), m.start()):
                ctx = dataclasses.replace(ctx, time="recent")  # "since I was stuck in bed"
            elif ctx.time == "recent" and label in {"cannot function", "severe wording"}:
                ss, se = doc.sentence_of(m.start())
                if _TODAY.search(text, ss, se):  # "I could not walk to the bus today"
                    ctx = dataclasses.replace(ctx, time="current", time_cue="adverb")
            word = f"{_RANK_LEVEL[rank]} word: {m.group(0)}"
            if not ctx.negated and rank == 3 and scope.retracted(doc, m.end()):
                found.append(Severity(1, "explicit", None, f"taken back: {word}", ctx))
            elif not ctx.negated:
                persists = rank >= 2 and _persists(doc, m.start())
                # "killing me", or a likeness ("feel like I've been hit by a bus"): a
                # figure that a number said now outranks
                idiom = label in _IDIOMS or m.group(0).startswith(
                    ("like ", "feel like", "feels like")
                )
                body = names_body(doc, m.start(), m.end())
                coping = label in _SOFTENED_BY_COPING and (
                    _COPING.match(text, m.end()) or _HEDGED.search(m.group(0))
                )
                if coping:
                    word = f"bad but coping (moderate): {m.group(0)}"
                found.append(
                    Severity(
                        2 if coping else rank,
                        "explicit",
                        None,
                        word,
                        ctx,
                        persists,
                        idiom,
                        body=body,
                        label=label,
                    )
                )
            elif rank == 2 or label in {"stiff", "sore"} or _SMALL_PAIN.match(m.group(0)):
                # "not sore", "not a twinge": no pain
                found.append(Severity(0, "weak", None, f"negated {word}", ctx))
            else:  # "not unbearable", "no better": some pain, strength unknown
                found.append(Severity(2, "vague", None, f"negated {word}", ctx))
    for m in _VAGUE.finditer(text):
        ctx = doc.context(m.start(), m.end())
        if scope.general_question(doc, m.start()) or scope.topic(doc, m.start()):
            continue  # "what's a normal pain level to stop at?", "stretches for sciatica"
        if _not_a_report(doc, m.start(), 2):
            continue  # "how do I log my pain?"
        if (
            _A_PAIN.search(text, max(0, m.start() - 30), m.start())
            and not _PAIN_IN.match(text, m.end())
            and not names_body(doc, m.start(), m.end())
        ):
            continue  # "my manager is an absolute pain": a nuisance, not pain
        rank, tier = (0, "weak") if ctx.negated else (2, "vague")
        found.append(Severity(rank, tier, None, f"pain mentioned: {m.group(0)}", ctx))
    for m in _NO_PAIN.finditer(text):
        ctx = doc.context(m.start(), m.end())
        starts_negative = cues.NEGATION.match(m.group(0)) is not None  # "no pain"
        if ctx.negated and not starts_negative:  # "not feeling great"
            found.append(Severity(2, "vague", None, f"negated no pain: {m.group(0)}", ctx))
        else:
            fine = (
                bool(_FINE_WORDS.search(m.group(0)))
                and "gone" not in m.group(0)
                and names_back(doc, m.start(), m.end())
            )
            found.append(
                Severity(0, "explicit", None, f"no pain: {m.group(0)}", ctx, back_is_fine=fine)
            )
    if about_pain or any(f.tier != "weak" or f.rank for f in found):
        for m in _WEAK_NONE.finditer(text):
            ctx = doc.context(m.start(), m.end())
            if doc.about_others_only(m.start()):
                # "Kids had a stomach bug last week, all fine now": they are fine
                ctx = dataclasses.replace(ctx, other=True)
            found.append(Severity(0, "explicit", None, f"no pain: {m.group(0)}", ctx))
    return found


_SAID_NOW = re.compile(r"\b(?:now|today) (?:its|it s|it is|im|i am|at|is) (?:a |an |at |about )?$")
_DOWN_TO = re.compile(
    r"\b(?:down|up|back) to (?:about |around |maybe |like |just |only )?(?:an? )?$"
)
_NOW_RIGHT_AFTER = re.compile(
    r"(?: ?/ ?10| out of 10)?\s*(?:today|now|tonight|this morning|right now|at the moment)\b"
)
# a "no pain" phrase that speaks of the back or how it is ("back's fine", "no pain")
_FINE_WORDS = re.compile(r"\b(?:back|pain|sciatica|fine|ok|okay|good|great|alright|grand|sound)\b")


def _about_something_else(f: Severity) -> bool:
    """A strong word or number in a clause that names no body part, not said as "now it's
    8" (used once the person has said the back is fine)."""
    return f.rank == 3 and not f.body and not f.said_now


def level_from(severities: list[Severity], reasons: list[str]) -> tuple[PainLevel, int | None]:
    """Now beats before; explicit beats vague; within a group the most severe wins."""
    own = [f for f in severities if not f.ctx.other and not f.ctx.hypothetical]
    now = [f for f in own if f.ctx.time == "current"]
    recent = [f for f in own if f.ctx.time == "recent"]
    past = [f for f in own if f.ctx.time in {"old", "distant"}]
    if now and all(f.ctx.time_cue == "none" for f in now):
        # nothing dates the "now" words ("horrendous day"), so past-tense words with no date
        # ("couldn't even make a cup of tea") tell of the same day
        now += [f for f in recent if f.ctx.time_cue == "verb"]
        recent = [f for f in recent if f.ctx.time_cue != "verb"]
    chosen = [f for f in now if f.tier == "explicit"]
    if any(f.persists for f in chosen) and all(f.score is None for f in chosen):
        chosen += [f for f in recent if f.tier == "explicit"]  # "worse last night, still bad"
    if not chosen:
        chosen = [f for f in recent if f.tier == "explicit"] + [f for f in now if f.tier == "vague"]
    if not chosen:
        chosen = [f for f in recent if f.tier == "vague"]
    if not chosen:
        chosen = [f for f in now + recent if f.tier == "weak"]
    if not chosen:
        history = [f for f in past if f.rank > 0]
        if history:
            reasons.extend(f"past only: {f.why}" for f in history)
            reasons.append("only past pain mentioned: mild")
            return PainLevel.MILD, None
        return PainLevel.NONE, None
    numbers = [f.rank for f in chosen if f.score is not None]
    if numbers and any(f.idiom for f in chosen):  # "killing me today, honestly a 6"
        chosen = [f for f in chosen if not f.idiom or f.rank <= max(numbers)]
    if any(f.back_is_fine for f in chosen) and any(_about_something_else(f) for f in chosen):
        # "Back's a 2 ... Monday mornings are unbearable lol", "gave the film a 10, back's a
        # 2": the person said how the back is; a strong word or number in a clause that
        # names no body part is about something else
        # ... unless a number is dated now ("pain 2 or 3 for weeks; today I carried a crate
        # and now it's 8"): a score said now is about the body
        why = "not about the body (the back is said to be fine)"
        reasons.extend(f"{why}: {f.why}" for f in chosen if _about_something_else(f))
        chosen = [f for f in chosen if not _about_something_else(f)]
    rank = max(f.rank for f in chosen)
    reasons.extend(f.why for f in chosen if f.rank == rank)
    scores = [f.score for f in chosen if f.score is not None]
    if not scores:
        scores = [f.score for f in recent if f.score is not None and f.tier == "explicit"]
    return _RANK_LEVEL[rank], max(scores) if scores else None


# long-ago words other than habits ("used to"): a date, "years ago", "as a kid"
_SINCE_PAST = re.compile(r"\bsince (?:i|he|she|we|they) (?:was|were|got|had been)(?: \w+)? $")
_THEYRE_FINE = re.compile(
    r"(?<!otherwise )(?<!other than that )(?<!apart from that )"
    r"\b(?:hes|shes|theyre|he is|she is|they are) (?:totally |absolutely |completely |all )?"
    r"(?:fine|ok|okay|alright|grand|home|better|back (?:in bed|home|at home|to normal|on (?:the "
    r"ward|her feet|his feet)|watching|in (?:her|his) (?:chair|room)))\b"
    r"(?! otherwise| apart| except| besides| other "
    r"than| in (?:himself|herself|themselves))"
)
_DISTANT_ONLY = re.compile(
    r"\b(?:\d+|two|three|four|five|many|several|a few) years? ago|\bdecades? ago|\byears back|"
    r"\bwhen (?:i|he|she|they) (?:was|were) (?:a )?(?:kid|child|little|small|young)"
)


def others_severe(severities: list[Severity], own_level: PainLevel, doc: Doc) -> bool:
    """Someone else's severe pain ("my wife is in agony, 9/10") when the writer's own is
    not severe: the advice for them is the severe one (see a clinician, booking link)."""
    if own_level in {PainLevel.SEVERE, PainLevel.REDFLAG}:
        return False
    if _THEYRE_FINE.search(doc.text):
        return False  # "5 hours in A&E with dad last night (he's fine, just a water infection)"
    if _DISTANT_ONLY.search(doc.text) and not RECENT_NEAR.search(doc.text):
        return False  # "she couldn't walk for a week, that was 2 years ago"
    # "Mum's been in hospital. back is fine": a stay in hospital whose clause names no body
    # part or pain is news about them, not a report of their pain
    theirs = [
        f
        for f in severities
        if f.ctx.other and not f.ctx.hypothetical and (f.label != "emergency room" or f.body)
    ]
    if own_level is not PainLevel.NONE:
        # "a friend at bowls had that and ended up in hospital. Mine is a 2": a story told
        # beside one's own report, not their pain now
        theirs = [f for f in theirs if f.label != "emergency room" or f.ctx.time == "current"]
    if any(
        f.ctx.time == "current" and f.ctx.time_cue == "adverb" and f.tier == "explicit"
        for f in theirs
    ):  # "Mum's back was a 7 last week ..., now it's a 3": now beats before, as for one's own
        theirs = [f for f in theirs if f.ctx.time not in {"recent", "old"}]
    return any(f.rank == 3 and f.ctx.time != "distant" for f in theirs)
