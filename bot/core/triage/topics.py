"""Fail safe: red-flag topics a message touches but does not settle.

A mention of a topic (sensation, bladder or bowel, leg strength, a fall or injury, fever
or feeling unwell, cancer or night pain, weight) is *settled* when the words around it
deny it ("no numbness"), say it is over ("the fever went away", "fine now"), make it a
"what if", or when it is about someone else who is fine. Anything else is open, and
Limber asks that topic's red-flag questions instead of guessing (data: data/topics.yaml).
"""

from __future__ import annotations

import re

from bot.core.triage.clinical_context import Doc
from bot.core.triage.datafiles import Topic, topics
from bot.core.triage.families import RESOLVED, THEY_ARE

# "he keeps saying he's fine": a claim of the person, not a sign it is over
_CLAIMS = re.compile(
    r"\b(?:says?|saying|said|claims?|claiming|insists?|insisting|thinks?|keeps|reckons?) "
    r"(?:that )?\w*\s*$"
)
# "she insists it's only her back and she's fine": a claim about someone else, not a sign
_CLAIMED = re.compile(r"\b(?:insists?|insisting|claims?|claiming|reckons?|swears?)\b")
# "the care home say he's not hurt", "the nurses said it's cleared": told by those who
# checked, not claimed by the person
_TOLD_BY_STAFF = re.compile(
    r"\b(?:they|staff|nurses?|carers?|doctors?|docs?|paramedics?|home|gp|hospital|a&e|ward) "
    r"(?:says?|said|told (?:me|us)) (?:that )?\w*\s*$"
)
_NOT_OVER = re.compile(r"(?:not|hasnt|havent|isnt|arent|wont|didnt|never|still not|hasn t)\s*$")


_FIRST_PERSON = re.compile(r"(?:im|i am|i feel|feel|i)\b")


# what a person can lose: "the feeling down there's just gone" is the symptom itself
_LOST_FACULTY = re.compile(
    r"\b(?<!numb )(?<!weird )(?<!tingly )(?<!funny )(?<!odd )(?<!strange )(?:feeling|sensation|"
    r"control|power|strength|grip|balance|urge|signal|warning|appetites?)\b(?:[^\w,.;!?]+\w+){0,6}?[^\w,.;!?]+$"
)


def resolved_from(doc: Doc, lo: int) -> list[re.Match[str]]:
    """`RESOLVED.finditer(doc.text, lo)`, from one scan of the text kept in `doc.memo`: a
    long message asks this for every mention, and each scan would run to its end. Falls
    back to scanning from `lo` when a match of the whole-text scan straddles `lo`."""
    key = ("resolved", 0, 0)
    every = doc.memo.get(key)
    if not isinstance(every, list):
        every = list(RESOLVED.finditer(doc.text))
        doc.memo[key] = every
    if any(m.start() < lo < m.end() for m in every):
        return list(RESOLVED.finditer(doc.text, lo))
    return [m for m in every if m.start() >= lo]


def resolved_near(
    doc: Doc, start: int, end: int, before: int = 60, after: int = 90, other: bool = False
) -> bool:
    """The words around a mention say it is over ("went away", "fine now", "afebrile"),
    and that is not itself denied ("hasn't gone"). For someone else's symptom the writer's
    own "I'm ok" says nothing about them (`other`)."""
    s, _ = doc.sentence_of(start)
    lo, hi = max(s, start - before), min(len(doc.text), end + after)
    # search to the end of the text and stop at `hi`: an end position would let "$" match
    # mid-sentence ("... and gone| back to bed" read as "gone" at the end)
    for m in resolved_from(doc, lo):
        if m.start() >= hi:
            break
        head = doc.text[max(0, m.start() - 24) : m.start()]
        if _SAID_TWICE.search(head):
            continue  # "... I'm fine I'm fine": waved away, not over
        if other and _FIRST_PERSON.match(m.group(0)):
            continue
        if _EXCEPT.match(doc.text, m.end()):
            continue  # "all good apart from the numb patch between my legs"
        if not other and THEY_ARE.match(m.group(0)):
            continue  # "... the kids had flu but they're fine now": not the writer's fever
        if not other and _FINE_NOW.search(m.group(0)) and _others_sentence(doc, start, m.start()):
            continue  # "38.7 and shivering. the kids had flu last week, all fine now"
        if m.group(0).startswith("gone") and _LOST_FACULTY.search(
            doc.text, max(s, m.start() - 40), m.start()
        ):
            continue  # "the feeling down there's just gone": a loss, not an end
        sentence_head = doc.text[s : m.start()]
        if (
            not _NOT_OVER.search(head[-14:])
            and not (_CLAIMS.search(head) and not _TOLD_BY_STAFF.search(head))
            and not (other and _CLAIMED.search(sentence_head))
        ):
            return True
    return False


_FINE_NOW = re.compile(r"\b(?:fine|ok|okay|good|better|well|normal)\b")


def _others_sentence(doc: Doc, start: int, pos: int) -> bool:
    """`pos` is in a later sentence than `start` that names other people and not the writer."""
    return doc.sentence_of(pos)[0] > start and doc.about_others_only(pos)


_END = re.compile(r"[.!?]")
_EXCEPT = re.compile(r"\s*(?:apart from|except|other than|besides|bar|but for|save for)\b")
_SAID_TWICE = re.compile(r"\b(?:im|i am) fine\W*$")


def settled_in_sentence(doc: Doc, topic_settlers: re.Pattern[str] | None, start: int) -> bool:
    """A topic's own settling words in the same sentence, up to the full stop ("tripped
    over the cat but didn't fall", "lost 4 kilos on purpose")."""
    if topic_settlers is None:
        return False
    text = doc.text
    lo = max(0, start - 160)
    ends_before = [m.end() for m in _END.finditer(text, lo, start)]
    s = ends_before[-1] if ends_before else lo
    after = _END.search(text, start, min(len(text), start + 200))
    e = after.start() if after else min(len(text), start + 200)
    return _settler(topic_settlers, text, s, e)


_WINDOW = 90  # characters after a mention in which "gone now" still speaks of it

# "not just tired-legs jelly, properly wobbly": the settling words are denied
_NOT_JUST = re.compile(
    r"\bnot(?: (?:just|only|simply|merely|the usual|your usual|normal|like))?\W*$"
)


def _settler(words: re.Pattern[str], text: str, s: int, e: int) -> bool:
    """Settling `words` between `s` and `e` that are not themselves denied."""
    return any(
        not _NOT_JUST.search(text, max(0, m.start() - 24), m.start())
        for m in words.finditer(text, s, e)
    )


_NEW_FOR_ME = re.compile(
    r"\b(?:(?:whats|what is) not normal|(?:this |that )?(?:isnt|is not|wasnt|was not) like "
    r"(?:him|her|me|them)|(?:was|were) mine|it was me|which is new|"
    r"(?:thats|this is|its) new|which (?:she|he|i) "
    r"never (?:is|does|did|has)|(?:was|been) (?:totally |completely |perfectly )?fine "
    r"(?:with "
    r"\w+ )?before (?:this|that|now|yesterday)|never had (?:this|that|it) before|"
    r"not my (?:normal|usual)|not normal for me|never (?:once )?(?:done|happened|had) (?:that|"
    r"this|it)"
    r"(?: before)?|first time ever|never happened (?:to me )?before|new for me|not like me)\b"
)


def _excluded(doc: Doc, topic: Topic, start: int) -> bool:
    """The topic's `not` words cover the mention at `start` ("fell asleep", "market crash")."""
    if topic.exclusions is None:
        return False
    for m in topic.exclusions.finditer(doc.text, max(0, start - 40), start + 60):
        if m.start() <= start < m.end() or start <= m.start() < start + 12:
            return True
    return False


def topic_settles(doc: Doc, topic_name: str, start: int) -> bool:
    """A topic's `not` words cover the red-flag mention at `start`, or its `takes_back`
    words stand in the same sentence (data/topics.yaml): "nearly fell but caught myself",
    "I wasn't in it". Only these narrow phrases take back a red flag; `settled_by` words
    only keep a follow-up question away."""
    for topic in topics():
        if topic.name == topic_name:
            if _NEW_FOR_ME.search(doc.text):
                # "Slow stream is normal for me. Tonight nothing at all ... Not my normal.":
                # the person says this is new, so what is usual for them does not settle it
                return _excluded(doc, topic, start)
            if _excluded(doc, topic, start):
                return True
            return any(
                check(doc, topic.takes_back, start)
                for check in (settled_in_sentence, settled_in_next_sentence, settled_before)
            )
    return False


_TURN = re.compile(r"\s*(?:but|however|though|although|yet|except)\b")


def settled_before(doc: Doc, takers: re.Pattern[str] | None, start: int) -> bool:
    """Settling words in the sentence just before: "Survived my first half marathon!! legs
    are dead lol"."""
    if takers is None:
        return False
    s, _ = doc.sentence_of(start)
    if s <= 0 or _TURN.match(doc.text, s):
        return False  # "caught myself mostly | but landed on my back": the turn wins
    s0, _ = doc.sentence_of(max(0, s - 2))
    return _settler(takers, doc.text, s0, s)


def settled_in_next_sentence(doc: Doc, takers: re.Pattern[str] | None, start: int) -> bool:
    """Taking back in the very next sentence: "Dad asks if a numb bum is serious. He's never
    had it." Only `takes_back` words reach this far."""
    if takers is None:
        return False
    _, e = doc.sentence_of(start)
    if e >= len(doc.text):
        return False
    _, e2 = doc.sentence_of(min(len(doc.text) - 1, e + 2))
    return _settler(takers, doc.text, e, e2)


# Someone else's history of these, with nothing said about now, asks nothing.
_OTHERS_HISTORY_SETTLES = frozenset({"cancer_night"})


def open_topics(doc: Doc, skip: set[str] | None = None, cues: bool = False) -> tuple[str, ...]:
    """Names of the topics the text touches and leaves open, in file order: by their
    `terms`, or with `cues` by their broader `cues` words (data/topics.yaml)."""
    text = doc.text
    found: list[str] = []
    for topic in topics():
        if skip and topic.name in skip:
            continue
        vocab = topic.cues if cues else topic.terms
        if vocab is None:
            continue
        excluded = [m.span() for m in topic.exclusions.finditer(text)] if topic.exclusions else []
        for m in vocab.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in excluded):
                continue
            if any(
                check(doc, words, m.start())
                for check in (settled_in_sentence, settled_in_next_sentence, settled_before)
                for words in (topic.settled_by, topic.takes_back)
            ):
                continue
            if not _settled(
                doc, m.start(), m.end(), topic.name in _OTHERS_HISTORY_SETTLES, recent=cues
            ):
                found.append(topic.name)
                break
    return tuple(found)


# "I don't know if I have numbness down there": unsure is not settled - ask
_UNSURE = re.compile(
    r"\b(?:dont know|do not know|not sure|unsure|no idea|cant tell|can not tell|cannot tell|"
    r"wondering|wonder) (?:if|whether)\b[^.?!]*$"
)


def _settled(
    doc: Doc, start: int, end: int, others_settle: bool = False, recent: bool = False
) -> bool:
    """The mention at `start` is denied, a "what if", long ago, said to be over, or someone
    else's history. With `recent`, someone else's recent event ("he went over in the garden
    yesterday") stays open: a cue word has no rule behind it that would have caught it."""
    ctx = doc.context(start, end, red_flag=True)
    if _UNSURE.search(doc.text, max(0, start - 60), start):
        return False
    if ctx.negated or ctx.hypothetical or ctx.time == "distant":
        return True
    if resolved_near(doc, start, end, _WINDOW, _WINDOW, other=ctx.other):
        return True
    # someone else's history with nothing said about now ("my aunt had cancer")
    settled_times = {"old", "distant"} if recent else {"old", "distant", "recent"}
    return ctx.other and (others_settle or ctx.time in settled_times)
