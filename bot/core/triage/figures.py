"""Strong words and numbers that are not about the body, and what a clause is about.

"The bank's helpline is absolute agony", "this rent increase is killing me", "Gary is a 10",
"rated the restaurant a 9/10", "down to a 2 from an 8": each is read as a figure of speech
or a number about something else, so it does not raise the level of pain (data in
`data/hyperbole.yaml`: figurative words, targets, body words, plain words, figures that
always are). Also: does a phrase's clause name the body (`names_body`), is its sentence
about the back (`names_back`). Pure text processing on normalised text; no I/O.
"""

from __future__ import annotations

import re

from bot.core.triage.clinical_context import PERSON, Doc
from bot.core.triage.datafiles import Hyperbole, hyperbole
from bot.core.triage.scores import ScoreMention

__all__ = ["ABOUT_PAIN", "figure_of_speech", "names_back", "names_body", "score_of_something_else"]

ABOUT_PAIN = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach(?:e|es|ing|y)|sore\w*|stiff\w*|tight\w*|numb(?!ers\b)\w*|tingl\w*|"
    r"sciatica|sciatic|spasm\w*|twinge\w*|niggl\w*|throb\w*|cramp\w*|flare\w*|symptoms?|"
    r"(?:my|the|lower|upper|low|lumbar|mid) back|back (?:is|feels|pain|ache)|backs|"
    r"feel(?:s|ing)? (?:better|worse|good|great|fine|bad|ok|okay|rough)|discomfort|agony|"
    r"injur\w*|weak\w*)\b"
)


_SUBJECT_IS = re.compile(
    r"\b([a-z]+) (?:is|was|s|are|were) (?:(?:a|an|at|like|about|solid|easily|probably|"
    r"definitely|totally|honestly|def|defo|strong|full) )*$"
)
_THING_AFTER_SCORE = re.compile(
    r"(?: ?/ ?10| out of 10)?,? (?:would (?:\w+ )?recommend|would (?:\w+ ){1,4}?again|"
    r"(?:\w+ )?(?:nightmare|disaster|mess|"
    r"legend|film|movie|show|"
    r"game|match|meal|day out|holiday|trip|party|album|song|book|episode|performance|effort|"
    r"rating|review|stress|stressed|anxiety|panic|chaos|drama|vibes|fun|cuteness|banter|boredom|"
    r"hunger|hungry|tiredness|exhaustion|hangover|regret|excitement|nerves|smugness|"
    r"pain in the (?:neck|arse|ass|butt|backside|rear|bum)))\b"
)
_FIGURATIVELY = re.compile(
    r"\b(?:emotionally|figuratively|metaphorically|spiritually|not literally|mentally|"
    r"psychologically|financially|economically|money ?wise|on the inside|(?<=dying )inside|"
    r"(?<=crying )inside|(?<=dead )inside)\b"
)
_PAIN_OF_DOING = re.compile(
    r"\bpain of (?:watching|seeing|losing|listening to|being|having to|waiting|dealing with|"
    r"sitting through|supporting|paying)\b"
)
_NON_BODY_BEFORE = re.compile(r"\b(?:ego|pride|heart|wallet|feelings|soul|confidence)\s*$")
# "my bank account after the physio bill feels like a 10": a thing's number, not pain
_THING_SUBJECT = re.compile(
    r"\b(?:my|the|our) (?:bank account|bank balance|account|wallet|bill|bills|budget|savings|"
    r"mortgage|rent|overdraft|credit card)\b(?:\W+\w+){0,8}?\W+$"
)
# "got a 7 on my driving theory mock": a mark for a test or a game
_ON_A_TEST = re.compile(
    r"^(?: ?/ ?10| out of 10)? (?:on|for|in) (?:my|the|a|our|his|her|this|that) (?:\w+ ){0,3}?"
    r"(?:test|exam|mock|quiz|essay|assignment|paper|course\w*|module|homework|coursework|"
    r"practical|viva|audition|interview|review|report card|theory)s?\b"
)
# a gauge that is not pain: "spoons at absolute zero", "energy is a 2", "social battery 0"
_GAUGE_BEFORE = re.compile(
    r"\b(?:spoons?|energy|battery|motivation|mood|patience|morale|sleep score|brain|vibes?)"
    r"(?: \w+)?(?: (?:at|is|are|s|was|were|levels?|=|:))? ?(?:a |an |about |like |absolute |"
    r"literally |basically |maybe |around |only )*$"
)
_NOT_BODY_PLACE = re.compile(
    r"^(?: ?/ ?10| out of 10)? (?:\w+ ){0,2}?in (?:my|his|her|our) (?:heart|soul|wallet|bank|"
    r"feelings|pride|ego|bank account)\b"
)
_RATED = re.compile(
    r"\b(?:rated|rate|gave|give|giving|scored|score) (?:(?:the|this|that|my|our|their|his|her) "
    r"((?!(?:a|an|at|about) )(?:\w+ ){1,2})|(him |her |them ))(?:a |an |at |about )?$"
)
_FROM_BEFORE = re.compile(r"\bfrom (?:a |an )?$")
_SCORE_WORDS = re.compile(r"\b\d+(?:\.\d+)? ?(?:/ ?10|out of (?:10|ten))")


def score_of_something_else(doc: Doc, mention: ScoreMention, mentions: list[ScoreMention]) -> bool:
    """A number that is not the person's pain now: "Gary is a 10", "my team is a solid 10
    out of 10 disaster" (its subject is another thing and its clause names no body part),
    or the old value in "down to a 2 from an 8"."""
    text = doc.text
    s, _ = doc.sentence_of(mention.start)
    head = text[max(s, mention.start - 40) : mention.start]
    if _FROM_BEFORE.search(head) and any(
        s <= other.start < mention.start for other in mentions if other is not mention
    ):
        return True
    _, cs, ce = doc.clause_of(mention.start)
    words = hyperbole()
    if _THING_SUBJECT.search(text, cs, mention.start):
        return True
    if _PAIN_OF_DOING.search(text, cs, mention.start):
        return True  # "the pain of watching us lose 4-0 at home is a 10"
    if thing_after_score(doc, mention.start, mention.end):
        return True
    if _NON_BODY_BEFORE.search(text, max(0, mention.start - 20), mention.start):
        return True  # "ego 10/10 pain, back 2/10"
    if _NOT_BODY_PLACE.search(text, mention.end, min(len(text), mention.end + 40)):
        return True  # "pain is 10 out of 10 in my heart"
    if _GAUGE_BEFORE.search(text, max(0, mention.start - 40), mention.start):
        return True  # "spoons at absolute zero this week"
    if _ON_A_TEST.search(text[mention.end : mention.end + 60]):
        return True  # "got a 7 on my driving theory mock"
    rated = _RATED.search(text[max(0, mention.start - 50) : mention.start])
    thing = rated and (rated.group(1) or rated.group(2) or "")
    if rated and thing and not (words.body.search(thing) or ABOUT_PAIN.search(thing)):
        return True  # "rated the restaurant a 9/10", "gave the film a 10"
    subject = _SUBJECT_IS.search(text[max(cs, mention.start - 60) : mention.start])
    if subject is None:
        return False
    word = subject.group(1)
    if word in words.plain or PERSON.fullmatch(word) or word.isdigit():
        return False
    key = ("clause body", cs, ce)
    if key not in doc.memo:
        clause = _SCORE_WORDS.sub(" ", text[cs:ce])  # the score itself is no body word
        doc.memo[key] = bool(words.body.search(clause) or ABOUT_PAIN.search(clause))
    return not doc.memo[key]


def thing_after_score(doc: Doc, start: int, end: int) -> bool:
    """A thing named right after a score: "my boss is a 10/10 nightmare", "the wings: ten
    out of ten, would eat again". A review idiom ("would not recommend", "would ... again")
    rates the pain when the pain or the body is named just before it ("rating my back
    pain: 9/10, would not book again") or as its object ("10/10 would not recommend this
    back pain")."""
    thing = _THING_AFTER_SCORE.match(doc.text, end)
    if thing is None:
        return False
    if "would" not in thing.group(0):
        return True  # "a 10/10 nightmare": the thing stands right after the number
    ss, _ = doc.sentence_of(start)
    before = doc.text[max(0, ss - 120) : start]  # "... spine lights up. 8 out of 10, would"
    object_ = re.split(r"[.,;!?]", doc.text[end : end + 60], maxsplit=1)[0]
    return not (
        ABOUT_PAIN.search(before) or hyperbole().body.search(before) or ABOUT_PAIN.search(object_)
    )


def figure_of_speech(doc: Doc, start: int, end: int) -> bool:
    """A strong word about something other than the body: "this heat is unbearable",
    "the bank's helpline is absolute agony", "this rent increase is killing me"
    (data/hyperbole.yaml). It is, when its clause says nothing about pain or the body and
    names something else: a listed target, or a noun after "the", "my", "a"... What stands
    before the strong word (its subject) is read first: "my team is crippled with
    injuries" is about the team, "my back is crippled" is pain. A clause that names
    nothing ("absolute agony") is read through its sentence, and a sentence that names
    nothing ("Just agony.", "Excruciating.") through the sentence next to it when that one
    is a figure too ("The traffic was agony.") or says "I mean". "It's agony", "I'm in
    agony all day" and "the worst back pain of my life" stay pain."""
    words = hyperbole()
    if any(
        m.start() < end and start < m.end()
        for m in words.always.finditer(doc.text, max(0, start - 80), end + 40)
    ):
        return True  # "my glutes are screaming after the pigeon stretch"
    ss, se = doc.sentence_of(start)
    if _FIGURATIVELY.search(doc.text, ss, min(len(doc.text), se + 40)) and not words.body.search(
        doc.text, ss, se
    ):
        return True  # "I'm in agony. Excruciating. Can't walk. (emotionally)"
    figure = next(
        (
            m
            for m in words.figurative.finditer(doc.text, max(0, start - 40), end + 40)
            if m.start() < end and start < m.end()
        ),
        None,
    )
    if figure is None or _OWN_PAIN_WORD.search(figure.group(0)):
        return False
    if _PAIN_IN_FIGURE.search(figure.group(0)):
        # "the worst pain of my life, and I've had two kids": pain named by the figure itself
        # is pain, unless what stands before it is another thing ("watching my team lose is
        # the worst pain ever")
        _, s, e = doc.clause_of(start)
        head = doc.text[s : figure.start()] if figure.start() > s else ""
        if not head.strip(" ,") or not words.body.search(head):
            ss, _ = doc.sentence_of(start)
            head = doc.text[ss : figure.start()]  # "my team lost 5-0, I'm in excruciating pain"
        return _last_thing(head, words, False) is not None and not words.body.search(head)
    _, s, e = doc.clause_of(start)
    verdict = _names_something_else(doc.text, s, e, figure, words, lead=doc.sentence_of(start)[0])
    if verdict is None:
        s, e = doc.sentence_of(start)
        verdict = _names_something_else(doc.text, s, e, figure, words)
    if verdict is None:
        verdict = _neighbour_names_something_else(doc, s, e, words)
    return bool(verdict)


# pain named inside the figure itself: "the worst back pain of my life"
_OWN_PAIN_WORD = re.compile(r"\b(?:back|sciatica|legs?|spine|hips?|nerve\w*)\b")
_ANYTHING = re.compile(r"")
_PAIN_IN_FIGURE = re.compile(r"\b(?:pain|hurt\w*|ache)\b")
_I_MEAN = re.compile(r"\b(?:i mean|i meant|meaning|referring to)\b")


def _neighbour_names_something_else(doc: Doc, s: int, e: int, words: Hyperbole) -> bool:
    """ "The traffic on the M25 was agony. Just agony." / "Excruciating. The wait for my
    train, I mean.": the sentence before (with the same kind of strong word) or after
    (with "I mean") names the thing, and has no body word."""
    text = doc.text
    before = text[max(0, s - 200) : s].rstrip(" .!?;")
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"))
    before = before[cut + 1 :]
    after = text[e : e + 200].lstrip(" .!?;")
    stop = min(
        (i for i in (after.find("."), after.find("!"), after.find("?")) if i >= 0),
        default=len(after),
    )
    after = after[:stop]
    alone = len(_WORD_RE.findall(text[s:e])) <= 3  # "Absolute agony." on its own
    for span, needs in (
        (before, _ANYTHING if alone else words.figurative),
        (after, _I_MEAN),
    ):
        figure = needs.search(span)
        if figure is None or words.body.search(span):
            continue
        blank = (
            span[: figure.start()] + " " * (figure.end() - figure.start()) + span[figure.end() :]
        )
        if (
            words.targets.search(blank)
            or _determiner_noun(blank, words)
            or words.always.search(span)
        ):
            return True  # "Watching England's batting collapse was agony. Absolute agony."
    return False


_WORD_RE = re.compile(r"[a-z]+")
# the strong word said of the body right after it: "was agony for my back", "hell on my legs"
_PAIN_SUBJECT = re.compile(r"\b(?:flare(?: ?up)?s?|sciatica|spasms?|pain|ache)\b")
_FOR_THE_BODY = re.compile(r"\W*(?:for|on|in|through|with|from) (?:my|his|her|their|the) ")


def _determiner_noun(span: str, words: Hyperbole, people: bool = False) -> bool:
    """ "the vending machine", "those hard chairs", "a squat rack": a thing is named. A
    person ("my husband", "my mother") counts only when `people` (the figure is what they
    do to the writer: "the grandchildren have been murder"); otherwise their pain is pain."""
    found = _WORD_RE.findall(span if people else PERSON.sub(" ", span))
    return any(
        w in _DETERMINERS and any(len(x) > 2 and x not in words.plain for x in found[i + 1 : i + 3])
        for i, w in enumerate(found)
    )


def _names_something_else(
    text: str, s: int, e: int, figure: re.Match[str], words: Hyperbole, lead: int | None = None
) -> bool | None:
    """False: the span speaks of the body; True: it names another thing; None: neither.
    The part before the strong word (its subject) decides first, then the part after."""
    # the figure's own words ("can't walk past a bakery") are not a body word
    lo, hi = max(s, figure.start()), min(e, figure.end())
    parts = (text[s:lo], text[hi:e]) if lo < hi else (text[s:e],)
    people = bool(_DONE_TO_ME.search(figure.group(0)) or _PEOPLE_FIGURE.search(text, s, e))
    lead = s if lead is None else lead
    if (
        len(parts) == 2
        and _IT_SUBJECT.search(parts[0])
        and not (
            (
                words.targets.search(text, lead, e)
                or _last_thing(text[lead:lo], words, False) is not None
            )
            and not words.body.search(text, lead, e)
        )
    ):
        # "It's excruciating, I had to get my colleague to finish": "it" is the pain; not
        # when the sentence so far names only a thing ("rent up again, it's crippling")
        return False
    if (
        len(parts) == 2
        and _PRONOUN_SUBJECT.search(parts[0])
        and len(parts[0].split()) > 3
        and not words.targets.search(text, s, e)
    ):
        return False  # "lying on the floor for an hour saying it's agony", "in agony"
    after = parts[-1]
    if len(parts) == 2 and _FOR_THE_BODY.match(after) and words.body.search(after):
        return False  # "sitting through the meeting was agony for my back"
    if len(parts) == 2:
        # before the strong word, the nearest of body and thing is its subject: "the pain down
        # my leg is excruciating" (body), "my fantasy team is crippled with injuries" (thing)
        # ("this flare is the worst I've ever had": a pain word is a subject too)
        bodies = [m.start() for m in words.body.finditer(parts[0])] + [
            m.start() for m in _PAIN_SUBJECT.finditer(parts[0])
        ]
        thing = _last_thing(parts[0], words, people)
        if bodies and (thing is None or max(bodies) >= thing):
            return False
        if thing is not None:
            return True
    if words.body.search(after):
        return False  # "in agony with my sciatica"
    if _last_thing(after, words, people) is not None:
        return True  # "absolute agony, the bank's helpline"
    return None


def _last_thing(part: str, words: Hyperbole, people: bool) -> int | None:
    """Where the last thing other than the body is named in `part` (a target, or a noun
    after "the", "my", "a"...), or None."""
    span = part if people else PERSON.sub(lambda m: " " * len(m.group(0)), part)
    found = [m.start() for m in words.targets.finditer(part)]
    for m in _DET_NOUN.finditer(span):
        if span[max(0, m.start() - 5) : m.start()].endswith("like "):
            continue  # "like a live electric cable": a likeness, not a thing named
        if words.body.search(m.group(2)) or ABOUT_PAIN.search(m.group(2)):
            continue  # "the pain", "my lower back"
        if m.group(2).split()[0] in _VERBS_AFTER_DET:
            continue  # "this is easily the worst": "this" is the subject, not a thing
        if m.group(1) in {"that", "this"} and m.group(2).split()[0] in _PRONOUNS:
            continue  # "nothing neuro that I can find, just agony": "that" starts a clause
        nouns = [
            w for w in m.group(2).split() if len(w) > 2 and w not in words.plain and not w.isdigit()
        ]
        if nouns:
            found.append(m.start())
    return max(found) if found else None


_VERBS_AFTER_DET = frozenset(
    {"is", "was", "has", "s", "are", "were", "will", "would", "can", "could", "feels", "feel"}
    | {"seems", "seem", "hurts", "hurt", "keeps"}
)
_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "it", "im", "ive", "id", "its"})
_DET_NOUN = re.compile(
    r"\b(the|this|that|these|those|my|our|your|his|her|their|a|an|some) ((?:[a-z0-9]+ ?){1,2})"
)


# figures that say what someone or something does to the writer: people can be the cause
_IT_SUBJECT = re.compile(
    r"(?:^|\W)(?:its|it s|it is|call it|calling it|called it|describe it as|rate it as)\s+"
    r"(?:(?:absolute|pure|total|sheer|just)\s+)?$"
)
_PRONOUN_SUBJECT = re.compile(
    r"(?:\b(?:its|it s|it is)|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bin)\s+"
    r"(?:(?:absolute|pure|total|sheer|complete|utter|real|literal)\s+)?$"
)
_DONE_TO_ME = re.compile(r"\b(?:me|murder|nightmare|hell\w*|tortur\w*|insufferable)\b")
_PEOPLE_FIGURE = re.compile(
    r"\b(?:(?:been|being|are|were|is|was) (?:a |an |absolute |total |complete )*(?:murder|"
    r"nightmare|hell|torture|insufferable|terrors?|monsters?|devils?|handful|"
    r"(?:right |real )?pain))\b"
)


_DETERMINERS = frozenset(
    {"the", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their"}
    | {"a", "an", "some"}
)


def names_body(doc: Doc, start: int, end: int) -> bool:
    """Does the clause of the word at start..end, besides the word itself, name the body or
    pain ("my back is a 2": yes; "gave the film a 10": no)?"""
    _, s, e = doc.clause_of(start)
    key = ("body spans", s, e)
    spans = doc.memo.get(key)
    if spans is None:
        clause = doc.text[s:e]
        found = [*hyperbole().body.finditer(clause), *ABOUT_PAIN.finditer(clause)]
        spans = doc.memo[key] = [(s + m.start(), s + m.end()) for m in found]
    assert isinstance(spans, list)
    return any(b <= start or a >= end for a, b in spans)


_BACK = re.compile(r"\b(?:back|backs|sciatica|spine|lumbar|pain|hurts?|aches?|sore)\b")


def names_back(doc: Doc, start: int, end: int) -> bool:
    """Is the phrase at start..end, with its sentence, about the back ("back's fine", "my
    back is a 2", "Back's alright, 3.")? "It's fine" alone and "I'm ok otherwise" are not."""
    s, e = doc.sentence_of(start)
    key = ("back", s, e)
    if key not in doc.memo:
        doc.memo[key] = bool(_BACK.search(doc.text, s, e))
    return bool(doc.memo[key])
