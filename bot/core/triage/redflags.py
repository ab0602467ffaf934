"""Red flags in free text (NICE NG59; NICE NG234 for cancer): for each phrase in
`data/red_flag_phrases.yaml` and the lexicon, decide whether it is the writer's own now,
someone else's, a what-if or question, denied, long ago, over, or over but still worth
asking about.

`find_red_flags(doc, reasons, denied, recheck, accident_over)` returns three lists of
red-flag names (the writer's own, someone else's, hypothetical) and appends to the lists it
is given: `reasons` (one line per decision, for `limber triage --json` and tests),
`denied` (asked and answered no), `recheck` (not confidently a red flag, not confidently
over: the screening questions are asked) and `accident_over` (a recent accident said to be
over, for `assess_text` to weigh against pain now).
"""

from __future__ import annotations

import re

from bot.core.triage import families as fam
from bot.core.triage import lexicon as lex
from bot.core.triage import scope as scope
from bot.core.triage.clinical_context import DISTANT_TIME, RECENT_NEAR, Doc, symptom_start
from bot.core.triage.datafiles import red_flag_phrases
from bot.core.triage.topics import resolved_near, topic_settles

__all__ = ["PASSING", "SETTLES_WHEN_OVER", "TOPIC_OF", "find_red_flags"]

RED_FLAGS = tuple((name, re.compile(p)) for name, p in lex.RED_FLAGS) + red_flag_phrases()
_WORRY = re.compile(lex.WORRY_CUE.pattern)

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


# Red flags that are over once the person says so ("had a fever last month, gone now");
# the others (numbness, bladder, legs, injury) still get the questions when "gone".
# the weight loss itself says it is unexplained: "lost 8 kilos without even trying! ...
# diet of the year" - a later joke about a diet does not explain it
_UNEXPLAINED = re.compile(
    r"\b(?:without (?:even )?cutting|(?:i )?eat\w* (?:exactly |just )?the same|(?:with )?(?:zero|"
    r"no) effort|(?:do not|dont|not) do (?:a )?diet|"
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


_FIGURATIVELY = re.compile(r"(?<!not )\b(?:figuratively|metaphorically)\b|\bnot literally\b")
_USED_TO = re.compile(r"\b(?:used to|use to)\b")


def _dated_in_clause(doc: Doc, start: int, end: int) -> bool:
    """Night pain said to be long ago: "used to wake me at night", "at night years ago";
    not "had cancer years ago and my back hurts at night" (the date is the cancer's)."""
    _, s, _ = doc.clause_of(start)
    after = DISTANT_TIME.search(doc.text, end, min(len(doc.text), end + 25))
    return bool(_USED_TO.search(doc.text, s, start)) or (
        after is not None and after.start() - end < 8
    )


def _night_pain(doc: Doc) -> bool:
    """Pain at night or not eased by rest, said and not denied (NICE NG59 with cancer)."""
    denied = [m.span() for m in fam.NIGHT_PAIN_DENIED.finditer(doc.text)]
    return any(
        not doc.negated(m.start(), m.end())
        and not _dated_in_clause(doc, m.start(), m.end())
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
    r"every single night|keeping (?:me|her|him|them) (?:up|awake)|"
    r"wak(?:es|ing|e) (?:me|her|him|them) (?:up)?|woke (?:me|her|him|them) up|keeps? (?:me|her|"
    r"him|them) (?:up|awake)|there all night|all night long|(?:at|around|about) [1-5] ?am|"
    r"in the (?:small|early) hours|middle of the night|all the night|(?:the )?whole night|"
    r"entire night|"
    r"(?:up|aches?|aching|hurts?|hurting|sore|pain|awake) (?:\w+ )?"
    r"(?:all night|through the night|overnight)|in night|at nights?|"
    r"(?:cant|cannot|couldnt) sleep (?:from|because of|with) (?:it|the pain))\b"
)


_REST_PAIN = re.compile(
    r"\b(?:not|never|doesnt|dont|does not|wont|isnt|no) (?:\w+ ){0,2}?(?:ease|eased|easing|"
    r"settle|settling|better|go away|stop|let up|reliev\w*|improv\w*|reduc\w*|decreas\w*|"
    r"subsid\w*|calm\w* down|go(?:ing)? down) (?:\w+ ){0,3}?"
    r"(?:rest|lie|lying|lay|sleep|bed)"
    r"|(?:even |worse )(?:at|when|while|with) (?:i )?(?:rest|lie down|lying down|sleep)"
    r"|not even (?:with|when) (?:i )?(?:rest|lie)"
    # "the pain not go when he rest" (second-language English)
    r"|(?:not|no|never|doesnt|dont|wont) go(?:es)?(?: away)? (?:\w+ ){0,2}?(?:when|while|with|even)"
    r" (?:i |he |she |they )?(?:rest|rests|lie|lies|sleep|sleeps|lay|lays)"
    r"|(?:lie|lying|lay|rest\w*|in bed)(?: in bed)? (?:is |it is |its )?(?:not|no) "
    r"(?:better|easier)"
    r"|(?:at night (?:it is|its|is|it gets) (?:the )?worst|worst at night)"
    # "doesn't settle on my days off", "there sitting, lying, whatever I do"
    r"|(?:doesnt|does not|wont|never|not) (?:settle|ease|go|improve|get better)\w* (?:\w+ ){0,3}?"
    r"(?:days? off|weekends?|holidays?|rest days?|time off)"
    r"|(?:sitting|lying|standing|walking)\W+(?:\w+\W+){0,2}?(?:whatever i do|no matter what)"
    r"|(?:sit|sitting) up (?:on|in) (?:the |a )?(?:sofa|chair|couch|recliner) to sleep"
    r"|sleep(?:ing)? (?:sitting up|in (?:a|the) chair)"
    r"|(?:lying|lie|lay|laying|resting|rest)(?: \w+){0,2} (?:doesnt|does not|dont|wont|makes no|"
    r"never) (?:help|ease|diff\w*|change)|cant get comfy|cannot get comfortable|"
    r"cant get comfortable|whether (?:im |i am |hes |shes )?(?:moving|active|up) or (?:resting|"
    r"still|lying|sitting)|(?:day and night|night and day|day or night)|constant\w*|24/7|"
    r"round the clock|never (?:lets up|eases|stops)|nothing (?:takes the edge off|helps|eases it)|"
    r"even (?:in bed|lying (?:down|flat|still)|resting|at rest|when (?:i|he|she) (?:rest|lie))|"
    r"no position (?:helps|works|eases it|is comfortable)|even (?:lying )?flat(?: in bed)?|"
    r"even (?:when|while|if) (?:im|i am|hes|shes|he is|she is|i|he|she) (?:\w+ ){0,2}?(?:lying|"
    r"laying|resting|still|in bed|asleep|not moving)|"
    r"rest (?:no|doesnt|does not|dont|wont|not) help|non ?stop|rest does nothing|"
    r"whether i rest or not|rest or not|makes (?:zero|0|no) difference|(?:cant|cannot) rest it off|"
    r"(?:rest|resting|lying down) (?:doesnt|does not|dont|wont) (?:even )?touch it|"
    r"rest (?:does not|doesnt|dont|wont|never) (?:\w+ )?(?:relieve|ease|help|settle)|"
    r"(?:doesnt|does not|dont|do not) (?:care|matter) (?:\w+ ){0,2}?(?:whether|if|what|how) "
    r"(?:\w+ ){0,3}?(?:sit\w*|ly\w*|lie|lay|stand\w*|rest\w*)|"
    r"no matter (?:how|what|whether|if) (?:\w+ ){0,3}?"
    r"(?:lie|lay|sit|rest|position)|(?:worst|worse) (?:when|while|in|at|during) (?:im |i am |i )?"
    r"(?:in bed|lying|resting|asleep|bed|rest)|"
    r"(?:hurts|pain\w*|worse|aches?) more (?:when )?(?:lying|in (?:the )?bed|at night|resting)|"
    r"when i (?:lie down|lie|rest)(?: \w+){0,4}? (?:it )?(?:does not|doesnt|wont|will not|dont) "
    r"(?:stop|ease|go)|"
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
    r"\ball (?:no|nos|negative)\b|\b(?:said |answered )?no to (?:all|each|every\w*)"
    r"(?: of them)?\b|\b(?:(?:i have|ive got|i ve got|i got|got|have|had|there are|theres) none of|"
    r"none of) "
    # not "none of them had back pain": "them" there are people
    r"(?:(?:those|these|that|the above|it)\b|them\b(?! (?:had|have|has|got|were|was|are|is)\b))|"
    r"\bi (?:dont|do not|havent|have not) (?:got |have )?"
    r"any of (?:them|those|these|that|the above|the (?:symptoms|signs|warning signs))\b|"
    r"\b(?:i (?:have )?(?:had |got )?|ive had )neither(?: of (?:them|those|these))?\b"
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
    # words of now count in the mention's own sentence only: "fell off a horse at 16, healed
    # years ago. Today my back is a 2" is an old fall
    s, e = doc.sentence_of(start)
    return dated and not RECENT_NEAR.search(doc.text, max(lo, s), min(hi, e))


# "my wallet lost weight this month": a thing loses weight, not a person
_THING_LOST = re.compile(
    r"\b(?:wallet|purse|bank account|account|budget|phone|bag|suitcase|luggage|laptop|company|"
    r"shares?|stocks?|car|bike)(?: \w+)? $"
)
# someone else's fever is a red flag with their back pain ("his back is killing him")
_THEIR_PAIN = re.compile(
    r"\b(?<!my )(?<!i have )(?<!ive got )(?:back ?pain|back ?ache|waist pain|sciatica|"
    r"pain in (?:the |her |his |their )?(?:low(?:er)? |middle |upper )?back)|"
    r"\b(?<!my )(?:bad|sore|aching|achy|painful) (?:low(?:er)? )?back\b|"
    r"\b(?:his|her|their|(?!(?:hes|shes|thats|its|lets)\b)[a-z]+s) (?:\w+ ){0,2}?backs?\b"
    r"(?! (?:in bed|home|at home|to (?:normal|work|bed|sleep)|from|into|again|in (?:the|his|her) "
    r"(?:chair|room|bed)|on (?:her|his|their) feet)\b)|"
    r"(?<!my )\bback (?:wound |incision |scar )?(?:is |s )?"
    r"(?:sore|hurts?|hurting|aching|painful)\b|"
    r"\b(?:he|she|they)(?:s| is| are| has| have)? (?:\w+ ){0,3}?"
    r"(?:in (?:agony|pain)|hurt\w*|sore)\b"
)
_NOT = re.compile(r"\b(?:not|no|never|isnt|wasnt)\b")  # "he's not hurt" is no pain of theirs
_HEALED = re.compile(r"\b(?:healed|mended|recovered|knitted|long gone)\b")
_NO_BACK_PAIN = re.compile(r"\bno (?:back ?pain|pain in (?:her|his|their) back)\b")


def _their_pain_said(doc: Doc, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Someone else's pain told as theirs and as now: not denied ("he's not hurt"), not a
    what-if, not in a sentence only about the writer ("me, my normal mild backache")."""
    return any(
        not _NOT.search(p.group(0))
        and not doc.hypothetical(p.start())
        # not in a sentence that names only the writer ("me: no cancer, back ache 3")
        and doc.sentence_subjects(p.start()) != {"self"}
        for pattern in patterns
        for p in pattern.finditer(doc.text)
    )


def find_red_flags(
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
    for name, pattern in RED_FLAGS:
        for m in pattern.finditer(text):
            key = symptom_start(m)
            phrase = m.group(0)
            if name == "weight_loss" and _THING_LOST.search(
                text, max(0, m.start() - 24), m.start()
            ):
                reasons.append(f"not a red flag (a thing, not a person): {phrase}")
                continue
            if (
                name == "weight_loss"
                and scope.explained_weight_loss(doc, m.start())
                and not _UNEXPLAINED.search(text)
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
            if _FIGURATIVELY.search(text, s, min(len(text), doc.sentence_of(key)[1] + 30)):
                reasons.append(f"not a red flag (said to be figurative): {phrase}")
                continue
            if TOPIC_OF.get(name) and topic_settles(doc, TOPIC_OF[name], key):
                reasons.append(f"not a red flag (settled: data/topics.yaml): {phrase}")
                continue
            if name == "trauma" and scope.not_an_injury(doc, key, phrase):
                reasons.append(f"not a red flag (a figure of speech): {phrase}")
                continue
            if name == "trauma" and ctx.other and scope.injury_elsewhere(doc):
                reasons.append(f"someone else's injury, not to the back: {phrase}")
                continue
            worry = name in lex.WORRY_FLAGS and bool(_WORRY.search(text[s:key]))
            worry = (
                worry
                or scope.generic_question(doc, m.start())
                or scope.about_the_list(doc, m.start())
            )
            if ctx.negated or _NONE_OF.search(text, m.end()):
                denied.append(name)
                reasons.append(f"not a red flag (negated): {phrase}")
            elif (ctx.other and ctx.hypothetical) or scope.news_story(doc, key):
                hypothetical.append(name)  # "what would you say if someone couldn't feel ..."
                reasons.append(f"red flag only as a what-if about someone: {phrase}")
            elif (
                ctx.other
                and name not in lex.HISTORY_FLAGS
                and _resolved(doc, key, m.end(), other=True)
                # "Mum took a tumble last night ... her back hurts but she's 'perfectly
                # fine'": pain after a recent fall outlasts their saying they are fine
                # (NICE NG59); "broke her wrist in March, all healed" stays over
                and not (
                    name == "trauma"
                    and ctx.time in {"current", "recent"}
                    and _their_pain_said(doc, (_THEIR_PAIN,))
                    and not _HEALED.search(text)
                )
            ):
                reasons.append(f"someone else's, and over now: {phrase}")
            elif (
                ctx.other
                and name not in lex.HISTORY_FLAGS
                and (ctx.time == "distant" or _dated_long_ago(doc, key, m.end()))
            ):
                reasons.append(f"someone else's, long ago: {phrase}")
            elif (
                ctx.other
                and name == "cancer_history"
                and not _their_pain_said(doc, (_THEIR_PAIN, _NIGHT_WORDS, _REST_PAIN))
            ):
                # "my sister's just been diagnosed with breast cancer ... for me, no cancer,
                # a 2": their cancer with no back pain of theirs is no back red flag
                reasons.append(f"someone else's cancer, no back pain of theirs: {phrase}")
            elif (
                ctx.other
                and name in {"trauma", "fever"}
                and scope.checked_and_cleared(doc)
                # "the hospital checked his neck and sent him home but now his low back has
                # started hurting": pain since the check outlasts it
                and not _their_pain_said(doc, (_THEIR_PAIN,))
            ):
                reasons.append(f"someone else's, checked since: {phrase}")
                denied.append(name)  # nothing to ask the writer about it
            elif (
                ctx.other
                and name == "fever"
                and (_NO_BACK_PAIN.search(text) or not _THEIR_PAIN.search(text))
            ):
                reasons.append(f"someone else's fever without back pain: {phrase}")
                denied.append(name)
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
