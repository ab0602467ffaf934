"""Pain triage: how much does it hurt, is anything dangerous, and what to answer.

Every pain report goes through here: `/pain 8` (`assess_score`), any free text
(`assess_text`), and the red-flag screening before a first session. The answer
(`compose_reply`) puts safety first: a red flag means stop and get urgent care now, before
anything else; severe pain (7-10, "unbearable", "can't walk") stops the stretches and points
to the clinic's booking link; mild or moderate pain gets encouragement and "stop if the pain
increases".

What this module must not do: diagnose (replies describe symptoms, never name a
condition), do I/O, keep or log the text it reads (pain notes are never stored), or import
other Limber modules. It uses the standard library only.

How free text is read (see `triage_context`): phrases are checked for negation ("no
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

import dataclasses
import re
from dataclasses import dataclass

from bot.core.triage import cues as cues
from bot.core.triage import families as fam
from bot.core.triage import lexicon as lex
from bot.core.triage import scope as scope
from bot.core.triage import words as words
from bot.core.triage.clinical_context import DISTANT_TIME, Context, Doc, normalise
from bot.core.triage.datafiles import acute_episodes, red_flag_phrases, severe_words
from bot.core.triage.figures import (
    ABOUT_PAIN,
    figure_of_speech,
    names_back,
    names_body,
    score_of_something_else,
)
from bot.core.triage.model import (
    DEFAULT_EMERGENCY_TEXT,
    Assessment,
    ClinicInfo,
    PainLevel,
    ScreeningQuestion,
)
from bot.core.triage.replies import RED_FLAG_WORDS, compose_reply, redflag_reply
from bot.core.triage.scores import ScoreMention, find_scores
from bot.core.triage.topics import open_topics, resolved_near, topic_settles

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

_RANK_LEVEL = (PainLevel.NONE, PainLevel.MILD, PainLevel.MODERATE, PainLevel.SEVERE)
_RED_FLAGS = tuple((name, re.compile(p)) for name, p in lex.RED_FLAGS) + red_flag_phrases()
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
_WORRY = re.compile(lex.WORRY_CUE.pattern)


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
class _Severity:
    rank: int  # 0 none .. 3 severe
    tier: str  # "explicit" (a number or a strength word), "vague" (just "pain") or "weak"
    score: int | None
    why: str
    ctx: Context
    persists: bool = False  # "..., still bad": the earlier level has not gone down
    idiom: bool = False  # "killing me": a figure of speech that a number said now outranks
    body: bool = True  # its clause (besides the word itself) names the body or pain
    back_is_fine: bool = False  # "back's fine", "back's a 2": the back said to be well now


def _key(m: re.Match[str]) -> int:
    """Where the symptom itself starts; negation and context are read from there."""
    return m.start("k") if "k" in m.re.groupindex and m.group("k") else m.start()


# Red flags that are over once the person says so ("had a fever last month, gone now");
# the others (numbness, bladder, legs, injury) still get the questions when "gone".
# the weight loss itself says it is unexplained: "lost 8 kilos without even trying! ...
# diet of the year" - a later joke about a diet does not explain it
_UNEXPLAINED = re.compile(
    r"\b(?:without (?:even )?cutting|(?:i )?eat the same|(?:do not|dont|not) do (?:a )?diet|"
    r"(?:havent|have not|not|didnt) (?:\w+ )?changed (?:what i eat|"
    r"my diet|anything)|eating "
    r"(?:the same|normally|as usual)|somehow|cant explain|can t explain|cannot explain|"
    r"eating (?:the )?same as before|without (?:even |really |any )?(?:trying|dieting|meaning to|"
    r"a reason|reason)|for no "
    r"(?:\w+ )?reason|no idea why|dont know why|not (?:even )?(?:trying|dieting))\b"
)
SETTLES_WHEN_OVER = frozenset({"fever", "weight_loss"})
# Red flags that are episodes: one dated weeks ago or more ("had a fever last month") with
# nothing said about now is asked about, not answered as an emergency. A fall last month
# is still "pain after a fall" (NICE NG59), so trauma is not among them.
PASSING = frozenset({"fever"})


def _resolved(doc: Doc, start: int, end: int, other: bool = False) -> bool:
    """The words around a mention say it is over ("went away", "fine now", "afebrile")."""
    return resolved_near(doc, start, end, other=other)


def _night_pain(doc: Doc) -> bool:
    """Pain at night or not eased by rest, said and not denied (NICE NG59 with cancer)."""
    denied = [m.span() for m in fam.NIGHT_PAIN_DENIED.finditer(doc.text)]
    return any(
        not doc.negated(m.start(), m.end())
        and not any(a <= m.start() < b for a, b in denied)
        and not _EASED_BY.search(doc.text, max(0, m.start() - 30), m.start())
        for pattern in (fam.NIGHT_PAIN, _NIGHT_WORDS)
        for m in pattern.finditer(doc.text)
    ) or bool(_REST_PAIN.search(doc.text))


# "better when I rest" is pain eased by rest: the opposite of the red flag
_EASED_BY = re.compile(
    r"\b(?<!not )(?:better|eases?|eased|easier|improves?|fine|settles?|goes away|relieved|"
    r"helps?)\b[^.,;]*$"
)


# Cancer now (treatment, "I have cancer", an oncologist) with back pain is asked about
# no less urgently than cancer with night pain (NICE NG234 metastatic spinal cord
# compression; NICE NG59): both are red flags. A past cancer alone gets the question.
_ACTIVE_CANCER = re.compile(
    r"\b(?:i have|ive got|i ve got|im|i am|diagnosed with|on treatment for|undergoing|"
    r"currently|still (?:have|having|on)|getting|fighting|living with|battling) (?:\w+ ){0,3}?"
    r"(?:cancer|tumou?rs?|lymphoma|leuk\w*|myeloma|chemo\w*|radiotherapy|metasta\w*)"
    r"|\bmy oncologist\b|\b(?:on|having|doing|started|start) (?:chemo|radiotherapy|"
    r"immunotherapy|hormone therapy)\b|\bmetasta\w*"
)
_PAST_CANCER = re.compile(
    r"\b(?:remission|cancer[- ]?free|all clear|survivor|beat it|beaten|treated|"
    r"years ago|(?:was|were) (?:treated|removed|cured))\b"
)


def _active_cancer(text: str) -> bool:
    return bool(_ACTIVE_CANCER.search(text)) and not _PAST_CANCER.search(text)


_NIGHT_WORDS = re.compile(
    r"\b(?:(?:every|each|at|during the|in the) night|nightly|nocturnal|night pain|"
    r"wak(?:es|ing|e) (?:me|her|him|them) (?:up)?|woke (?:me|her|him|them) up|keeps? (?:me|her|"
    r"him|them) (?:up|awake)|there all night|all night long|(?:at|around|about) [1-5] ?am|"
    r"in the (?:small|early) hours|middle of the night|"
    r"(?:up|aches?|aching|hurts?|hurting|sore|pain|awake) (?:\w+ )?"
    r"(?:all night|through the night|overnight)|"
    r"(?:cant|cannot|couldnt) sleep (?:from|because of|with) (?:it|the pain))\b"
)


_REST_PAIN = re.compile(
    r"\b(?:not|never|doesnt|dont|does not|wont|isnt|no) (?:\w+ ){0,2}?(?:ease|eased|easing|"
    r"settle|settling|better|go away|stop|let up|reliev\w*|improv\w*) (?:\w+ ){0,3}?"
    r"(?:rest|lie|lying|lay|sleep|bed)"
    r"|(?:even |worse )(?:at|when|while|with) (?:i )?(?:rest|lie down|lying down|sleep)"
    r"|not even (?:with|when) (?:i )?(?:rest|lie)"
    r"|(?:lying|lie|lay|laying|resting|rest)(?: \w+){0,2} (?:doesnt|does not|dont|wont|makes no|"
    r"never) (?:help|ease|diff\w*|change)|cant get comfy|cannot get comfortable|"
    r"cant get comfortable|whether (?:im |i am |hes |shes )?(?:moving|active|up) or (?:resting|"
    r"still|lying|sitting)|(?:day and night|night and day|day or night)|constant\w*|24/7|"
    r"round the clock|never (?:lets up|eases|stops)|nothing (?:takes the edge off|helps|eases it)|"
    r"even (?:in bed|lying (?:down|flat|still)|resting|at rest|when (?:i|he|she) (?:rest|lie))|"
    r"rest (?:no|doesnt|does not|dont|wont) help|non ?stop|rest does nothing|whether i rest or not|"
    r"rest or not|makes (?:zero|0|no) difference|(?:cant|cannot) rest it off|"
    r"(?:rest|resting|lying down) (?:doesnt|does not|dont|wont) (?:even )?touch it|"
    r"rest (?:does not|doesnt|dont|wont|never) (?:\w+ )?(?:relieve|ease|help|settle)|"
    r"(?:lying|resting)(?: \w+){0,2} (?:do|does|did) nothing|whether (?:i |he |she )?(?:move|walk|"
    r"sit|stand) or (?:rest|lie|sit)"
)


# "stable", "no change": a weakness said not to be getting worse
_STABLE = re.compile(
    r"\b(?:stable|no change|unchanged|not spreading|(?:hasnt|has not|not|havent|never) (?:\w+ )?"
    r"(?:changed|spread|got worse|gotten worse)|exactly the same|same for (?:\w+ ){0,2}(?:weeks|"
    r"months|years))\b"
)


# "I have none of them" after a list of warning signs denies each of them
_NONE_OF = re.compile(
    r"\b(?:(?:i have|ive got|i ve got|i got|got|have|had|there are|theres) none of|none of) "
    r"(?:them|those|these|that|the above|it)\b|\bi (?:dont|do not|havent|have not) (?:got |have )?"
    r"any of (?:them|those|these|that|the above|the (?:symptoms|signs|warning signs))\b"
)


def _dated_long_ago(doc: Doc, start: int, end: int) -> bool:
    """Long-ago words near a mention: "rear-ended years ago, whiplash", "fell off a ladder
    but that was like 2010" - unless words of now stand nearer ("years ago and again
    yesterday")."""
    lo, hi = max(0, start - 60), min(len(doc.text), end + 60)
    dated = any(
        m.group(0) not in {"used to", "use to", "previously", "in the past"}
        for m in DISTANT_TIME.finditer(doc.text, lo, hi)
    )
    return dated and not _RECENT_NEAR.search(doc.text, lo, hi)


# long-ago words other than habits ("used to"): a date, "years ago", "as a kid"
_DISTANT_ONLY = re.compile(
    r"\b(?:\d+|two|three|four|five|many|several|a few) years? ago|\bdecades? ago|\byears back|"
    r"\bwhen (?:i|he|she|they) (?:was|were) (?:a )?(?:kid|child|little|small|young)"
)
_RECENT_NEAR = re.compile(
    r"\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week)|"
    r"again|just now|earlier|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def _red_flags(
    doc: Doc,
    reasons: list[str],
    denied: list[str],
    recheck: list[str],
    accident_over: list[str],
) -> tuple[list[str], list[str], list[str]]:
    own: list[str] = []
    others: list[str] = []
    hypothetical: list[str] = []
    text = doc.text
    for name, pattern in _RED_FLAGS:
        for m in pattern.finditer(text):
            key = _key(m)
            phrase = m.group(0)
            if (
                name == "weight_loss"
                and scope.explained_weight_loss(doc)
                and not _UNEXPLAINED.search(text, m.start(), m.end() + 40)
            ):
                reasons.append(f"not a red flag (explained weight loss): {phrase}")
                continue
            if name == "cancer_history" and not _night_pain(doc) and not _active_cancer(text):
                # NICE NG59: a history of cancer is a red flag with pain at night or not
                # eased by rest; alone it gets the question (about the writer), not the
                # emergency answer, and someone else's history alone gets nothing.
                if fam.CANCER_RULED_OUT.search(text) and not _active_cancer(text):
                    denied.append(name)
                    reasons.append(f"not cancer (a scare, ruled out): {phrase}")
                elif scope.cancer_without_night_pain(doc):
                    denied.append(name)  # nothing left to ask about
                    reasons.append(f"cancer history, night and rest pain denied: {phrase}")
                elif doc.context(key, m.end(), red_flag=True).other:
                    reasons.append(f"someone else's cancer history, no night pain: {phrase}")
                else:
                    recheck.append(name)
                    reasons.append(f"cancer history without night or rest pain (asked): {phrase}")
                continue
            ctx = doc.context(key, m.end(), red_flag=True)
            s, _ = doc.sentence_of(key)
            if TOPIC_OF.get(name) and topic_settles(doc, TOPIC_OF[name], key):
                reasons.append(f"not a red flag (settled: data/topics.yaml): {phrase}")
                continue
            if name == "trauma" and scope.not_an_injury(doc, key, phrase):
                reasons.append(f"not a red flag (a figure of speech): {phrase}")
                continue
            worry = name in lex.WORRY_FLAGS and bool(_WORRY.search(text[s:key]))
            worry = worry or scope.generic_question(doc, m.start())
            if ctx.negated or _NONE_OF.search(text, m.end()):
                denied.append(name)
                reasons.append(f"not a red flag (negated): {phrase}")
            elif ctx.other and ctx.hypothetical:
                hypothetical.append(name)  # "what would you say if someone couldn't feel ..."
                reasons.append(f"red flag only as a what-if about someone: {phrase}")
            elif (
                ctx.other
                and name not in lex.HISTORY_FLAGS
                and _resolved(doc, key, m.end(), other=True)
            ):
                reasons.append(f"someone else's, and over now: {phrase}")
            elif (
                ctx.other
                and name not in lex.HISTORY_FLAGS
                and (ctx.time == "distant" or _dated_long_ago(doc, key, m.end()))
            ):
                reasons.append(f"someone else's, long ago: {phrase}")
            elif ctx.other:
                others.append(name)
                reasons.append(f"red flag about someone else: {phrase}")
            elif ctx.hypothetical or worry:
                hypothetical.append(name)
                reasons.append(f"red flag only as a question/what-if: {phrase}")
            elif name not in lex.HISTORY_FLAGS and (
                ctx.time == "distant"
                or scope.long_ago(doc, m.end())
                or (name == "trauma" and _dated_long_ago(doc, key, m.end()))
            ):
                reasons.append(f"not a red flag (long ago): {phrase}")
            elif name != "cancer_history" and _resolved(doc, key, m.end()):
                long_ago = _dated_long_ago(doc, m.start(), m.end()) or (
                    name in {"trauma", "fever"} and scope.checked_and_cleared(doc)
                )
                if name not in SETTLES_WHEN_OVER and ctx.time != "distant" and not long_ago:
                    recheck.append(name)  # nerve or bladder signs that stopped: still ask
                    if name == "trauma" and ctx.time in {"current", "recent"}:
                        accident_over.append(name)
                reasons.append(f"over now: {phrase}")
            elif ctx.time in {"recent", "old"} and scope.checked_and_cleared(doc):
                if name not in {"trauma", "fever"}:  # a fall x-rayed, a flu: nothing more
                    recheck.append(name)  # "went to A&E ... all clear": asked, not urgent
                reasons.append(f"before, and checked since (asked): {phrase}")
            elif name == "worsening_weakness" and _STABLE.search(text, s, s + 300):
                recheck.append(name)  # "a bit weaker since my 2015 op, stable, no change"
                reasons.append(f"said to be stable (asked): {phrase}")
            elif name in PASSING and ctx.time == "old":
                recheck.append(name)  # "had a fever last month": is it still there? ask
                reasons.append(f"weeks ago, nothing said about now (asked): {phrase}")
            else:
                own.append(name)
                reasons.append(f"red flag {name}: {phrase}")
    return own, others, hypothetical


_STILL = re.compile(r"\bstill\b")
_EASED = re.compile(r"\b(?:better|less|easier|eased|easing|improv\w*|down|not as|settl\w*)\b")


def _persists(doc: Doc, pos: int) -> bool:
    """Does the clause say the pain goes on as before ("still bad"), not that it eased?"""
    _, s, e = doc.clause_of(pos)
    clause = doc.text[s:e]
    return bool(_STILL.search(clause)) and not _EASED.search(clause)


_IDIOMS = frozenset({"killing me", "screaming"})
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


def _severities(
    doc: Doc, about_pain: bool, mentions: list[ScoreMention] | None = None
) -> list[_Severity]:
    found: list[_Severity] = []
    text = doc.text
    all_mentions = find_scores(text) if mentions is None else mentions
    for mention in all_mentions:
        if score_of_something_else(doc, mention, all_mentions):
            continue
        # "from a 3 yesterday to about an 8 today": the value's own place decides its time
        at = max(mention.start, text.rfind(mention.raw, mention.start, mention.end))
        ctx = doc.context(at, mention.end, score=True)
        if _NOW_RIGHT_AFTER.match(text, mention.end):
            ctx = dataclasses.replace(ctx, time="current")  # "to about an 8 today"
        if not ctx.negated and not scope.definition_question(doc, mention.start):
            above = " (above the scale)" if mention.above_scale else ""
            why = f"score {mention.raw}/10{above}"
            rank = 3 if mention.above_scale else _rank_of_score(mention.value)
            body = names_body(doc, mention.start, mention.end)
            fine = mention.value <= 3 and names_back(doc, mention.start, mention.end)
            found.append(
                _Severity(rank, "explicit", mention.value, why, ctx, body=body, back_is_fine=fine)
            )
    for rank, label, pattern in _WORD_TABLE:
        for m in pattern.finditer(text):
            if _not_a_report(doc, m.start(), rank):
                continue
            if rank == 3 and figure_of_speech(doc, m.start(), m.end()):
                continue
            ctx = doc.context(_key(m), m.end())
            word = f"{_RANK_LEVEL[rank]} word: {m.group(0)}"
            if not ctx.negated and rank == 3 and scope.retracted(doc, m.end()):
                found.append(_Severity(1, "explicit", None, f"taken back: {word}", ctx))
            elif not ctx.negated:
                persists = rank >= 2 and _persists(doc, m.start())
                idiom = label in _IDIOMS
                body = names_body(doc, m.start(), m.end())
                found.append(
                    _Severity(rank, "explicit", None, word, ctx, persists, idiom, body=body)
                )
            elif rank == 2 or label in {"stiff", "sore"} or _SMALL_PAIN.match(m.group(0)):
                # "not sore", "not a twinge": no pain
                found.append(_Severity(0, "weak", None, f"negated {word}", ctx))
            else:  # "not unbearable", "no better": some pain, strength unknown
                found.append(_Severity(2, "vague", None, f"negated {word}", ctx))
    for m in _VAGUE.finditer(text):
        ctx = doc.context(m.start(), m.end())
        if scope.general_question(doc, m.start()) or scope.topic(doc, m.start()):
            continue  # "what's a normal pain level to stop at?", "stretches for sciatica"
        if _not_a_report(doc, m.start(), 2):
            continue  # "how do I log my pain?"
        rank, tier = (0, "weak") if ctx.negated else (2, "vague")
        found.append(_Severity(rank, tier, None, f"pain mentioned: {m.group(0)}", ctx))
    for m in _NO_PAIN.finditer(text):
        ctx = doc.context(m.start(), m.end())
        starts_negative = cues.NEGATION.match(m.group(0)) is not None  # "no pain"
        if ctx.negated and not starts_negative:  # "not feeling great"
            found.append(_Severity(2, "vague", None, f"negated no pain: {m.group(0)}", ctx))
        else:
            fine = (
                bool(_FINE_WORDS.search(m.group(0)))
                and "gone" not in m.group(0)
                and names_back(doc, m.start(), m.end())
            )
            found.append(
                _Severity(0, "explicit", None, f"no pain: {m.group(0)}", ctx, back_is_fine=fine)
            )
    if about_pain or any(f.tier != "weak" or f.rank for f in found):
        for m in _WEAK_NONE.finditer(text):
            ctx = doc.context(m.start(), m.end())
            found.append(_Severity(0, "explicit", None, f"no pain: {m.group(0)}", ctx))
    return found


_NOW_RIGHT_AFTER = re.compile(
    r"(?: ?/ ?10| out of 10)?\s*(?:today|now|tonight|this morning|right now|at the moment)\b"
)
# a "no pain" phrase that speaks of the back or how it is ("back's fine", "no pain")
_FINE_WORDS = re.compile(r"\b(?:back|pain|sciatica|fine|ok|okay|good|great|alright|grand|sound)\b")


def _level_from(severities: list[_Severity], reasons: list[str]) -> tuple[PainLevel, int | None]:
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
    if any(f.back_is_fine for f in chosen) and any(f.rank == 3 and not f.body for f in chosen):
        # "Back's a 2 ... Monday mornings are unbearable lol", "gave the film a 10, back's a
        # 2": the person said how the back is; a strong word or number in a clause that
        # names no body part is about something else
        for f in chosen:
            if f.rank == 3 and not f.body:
                reasons.append(f"not about the body (the back is said to be fine): {f.why}")
        chosen = [f for f in chosen if f.rank < 3 or f.body]
    rank = max(f.rank for f in chosen)
    reasons.extend(f.why for f in chosen if f.rank == rank)
    scores = [f.score for f in chosen if f.score is not None]
    if not scores:
        scores = [f.score for f in recent if f.score is not None and f.tier == "explicit"]
    return _RANK_LEVEL[rank], max(scores) if scores else None


def assess_text(text: str) -> Assessment:
    """Triage any free text a person writes."""
    doc = Doc(text)
    reasons: list[str] = []
    denied: list[str] = []
    recheck: list[str] = []
    accident_over: list[str] = []  # "came off the scooter (I'm ok mostly)": recent, said over
    own, others, hypothetical = _red_flags(doc, reasons, denied, recheck, accident_over)
    mentions = find_scores(doc.text)
    scores_found = bool(mentions)
    about_pain = bool(
        own or others or hypothetical or denied or scores_found or ABOUT_PAIN.search(doc.text)
    )
    severities = _severities(doc, about_pain, mentions)
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
    level, score = _level_from(severities, reasons)
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
    others_severe = not own and _others_severe(severities, level, doc)
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


# which red-flag topic (data/topics.yaml) each red flag belongs to
TOPIC_OF = {
    "saddle_numbness": "sensation",
    "wiping_numbness": "sensation",
    "cauda_equina": "bladder_bowel",
    "bladder_control": "bladder_bowel",
    "bowel_control": "bladder_bowel",
    "bladder_bowel": "bladder_bowel",
    "both_legs": "leg_strength",
    "worsening_weakness": "leg_strength",
    "foot_drop": "leg_strength",
    "leg_weakness": "leg_strength",
    "trauma": "fall_injury",
    "fever": "fever_unwell",
    "cancer_history": "cancer_night",
    "weight_loss": "weight",
}
# Nerve and bladder topics are asked about even in a message that is not about pain.
ALWAYS_ASK = frozenset({"sensation", "bladder_bowel", "leg_strength"})


def _others_severe(severities: list[_Severity], own_level: PainLevel, doc: Doc) -> bool:
    """Someone else's severe pain ("my wife is in agony, 9/10") when the writer's own is
    not severe: the advice for them is the severe one (see a clinician, booking link)."""
    if own_level in {PainLevel.SEVERE, PainLevel.REDFLAG}:
        return False
    if _DISTANT_ONLY.search(doc.text) and not _RECENT_NEAR.search(doc.text):
        return False  # "she couldn't walk for a week, that was 2 years ago"
    return any(
        f.ctx.other and not f.ctx.hypothetical and f.rank == 3 and f.ctx.time != "distant"
        for f in severities
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


_RANK_ORDER = {level: i for i, level in enumerate((*_RANK_LEVEL, PainLevel.REDFLAG))}


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
