"""Finding pain scores (NRS 0–10) in normalised free text.

"8/10", "8 out of 10", "pain is 8", "a solid 8", "like a 7 or 8" (the higher), "went from
3 to 8" (the later), "11/10" (above the scale). Numbers that are not scores - "20 reps",
"at 9am", "for 2 days", "I'm 54", "2 weeks ago" - are left alone: a bare number counts
only next to a pain word, or when the message is little more than the number.
Pure text processing; no I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUM = r"(\d{1,3}(?:\.\d+)?)"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SCALE = re.compile(
    r"(?:on |in )?(?:a |the |my )?(?:pain )?(?:scale|rating|range)(?: of| from)? (?:0|1) ?"
    r"(?:to|-|–) ?10\b|\b(?:from )?(?:0|1) ?(?:to|-|–) ?10 (?:pain )?(?:scale|nrs)\b|\b(?:0|1) ?"
    r"(?:-|–|to) ?10(?=,)|\bout of 10 scale\b"
)
_UNIT = re.compile(
    r"^\s*(?:x\b|reps?\b|sets?\b|times?\b|mins?\b|minutes?|hours?|hrs?\b|h\b|secs?\b|seconds?|"
    r"s\b|days?\b|nights?\b|weeks?\b|wks?\b|months?\b|yrs?\b|years?\b|y/?o\b|yo\b|am\b|pm\b|"
    r"a\.m|p\.m|oclock|o clock|kg|kgs|kilos?|lbs?\b|pounds?|stone|km\b|k\b|miles?|mi\b|steps?\b|"
    r"cm\b|mm\b|inch|ft\b|feet|degrees?|mg\b|ml\b|pills?|tablets?|of (?:the|them|my|these|"
    r"those|em)\b|st\b|nd\b|rd\b|th\b|%|percent|stretch|exercises?|people|kids|children|floors?|"
    r"flights?|stairs|laps?\b|rounds?\b|push|squats?|clams?|dollars|bucks|euros?|quid|more\b|"
    r"stars?\b|points?\b|recommend|wd recommend|would (?:\w+ ){0,2}?(?:recommend|again)\b|"
    r"hour|:\d|/\d(?!0\b)|-\d+ ?(?:mins?|minutes?|hours?|days?|weeks?|reps?|sets?|times?)|"
    r"in a row|on each|each side|per|seasons?|episodes?|games?|goals?|matches|innings|runs|"
    r"wickets|holes|cups?|coffees?|beers?|pints?|glasses|slices|pages|chapters|books?|emails?|"
    r"calls|meetings?|tabs|shows|movies|films|grandkids|grandchildren|dogs|cats|nil|-\d|"
    r"labou?rs|births|babies|pregnanc\w+|c-?sections|operations|surgeries|ops\b|injections|"
    r"sessions|visits|appointments|classes|lessons|jobs|shifts|kids\b|sons|daughters|pairs?\b)"
)
_BAD_BEFORE = _set(
    "at for since after every each in on by until till age aged im turned turning turn x no "
    "number page step did done do completed finished walked ran slept took take taking hold "
    "held holding lost gained weigh weighs weighed than over under within past last next first "
    "only about around those these the of to sugar sugars glucose bp a1c hba1c bmi temp "
    "temperature weight weighed ketones inr psa sats oxygen pulse "
    "day week month year session round stage phase episode season lap chapter"
)
# after "at", "about", "around" a number is a score only next to a pain word
_PAIN_BEFORE_AT = _set(
    "pain im am its is level score rating sitting sits hovering hover currently back sciatica "
    "stuck steady staying stays solid rate rated been was still now today it discomfort ache "
    "aches aching soreness hurt hurting stiffness stable holding sat remains remained peaked "
    "peaking maxed topped constant consistent backs hip hips leg legs neck bum glute glutes "
    "spine waist cross roots continue continues stay stays remain remains"
)
_MOVED = _set(
    "like a maybe of down up dropped gone went risen rose jumped climbed come came fell back "
    "go goes"
)
_STAYS = _set("continue continues continued stay stays stayed remain remains remained")
_LOOSE_BEFORE = _set("about around maybe roughly like")
# "up to 8", "dropped to 3" (not "went to 5 classes")
_RISE = _set(
    "up down dropped drops rose risen jumped shot spiked soared climbed crept increased "
    "decreased fell fallen eased jump jumps went gone goes"
)
_CUE = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|discomfort|level|score|scale|rating|rate|rated|rates|nrs|"
    r"ow+|ouch|oof|argh+|"
    r"back|backs|sciatica|leg|hip|hips|waist|spine|lumbar|bum|glute|nerve|number|id rate|"
    r"stabbing|shooting|sharp|burning|throbbing|"
    r"id give it|give it|(?:i|id|i would|i "
    r"should|i must|i have to|id have to|i would have to|i guess|i suppose) (?:say|call it|put it)|"
    r"(?:feels?|felt) like|solid|strong|steady|pretty much|maybe|probably|around|about|like|"
    r"absolute|absolutely|easy|easily|definitely|honest|honestly|proper|flat|think|guess|reckon|"
    r"suddenly|"
    r"(?:i|id|i would|ill) (?:give|gave|rate|put|call)(?: it| this| that| him| her)?)\b"
)
_CUE_STRONG = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|score|level|sciatica|vas|nrs|vrs|discomfort)\b"
)
# "my back is a solid 11": the back itself rated
_BACK_IS = re.compile(
    r"\b(?:back|backs|sciatica) (?:is|s|was|feels|at) (?:a |an |like |about )?\w*$"
)
_MOVED_FROM = re.compile(
    r"\b(?:went|gone|go|goes|dropped|drop|jumped|increased|decreased|rose|risen|fell|come|came|"
    r"shot|crept|climbed|moved|changed|improv\w*|eas\w*|settl\w*|better|worse|down|up)\W+"
    r"(?:\w+ )?from\b"
)
_ARTICLE = re.compile(
    r"\b(?:a|an|its|it is|its at|was|is|im at|at|now|today|currently|been|its been|has been)\s*$"
)
# what follows a score: "3 at rest but 8 when I walk", "6 on the stairs", "9 or so"
_SCORE_AFTER = re.compile(
    r"^\s*(?:(?:pain|hurt\w*|score|scale)\b|again\W*$|again[.!]|at rest\b|"
    r"when (?:i )?(?:am |im )?(?:walk|stand|sit|"
    r"bend|mov|lie|lying|get up|getting up|climb|lift|cough|sneez|rest)\w*|on (?:the )?(?:stairs|"
    r"movement|moving|walking|standing|bending|exertion)\b|(?:while|whilst) (?:walking|standing|"
    r"sitting|bending|moving|lying|resting)\b|after (?:the |a |my )?(?:walk|session|stretch\w*|"
    r"exercises?|drive|routine|workout)\b|or so\b|or thereabouts\b|ish\b|too (?:high|much|bad|"
    r"sore|painful)\b|(?:sitting|standing|walking|lying|bending|resting|driving|sat|stood)\b|"
    r"down (?:the |my |his |her )?(?:\w+ )?(?:legs?|back|side|thigh|calf|bum|glute))"
)
_FILLER = _set(
    "pain score level my is its a an about around maybe like prob probably today now right "
    "currently solid good strong hmm ok okay id say i would honestly tbh the at moment rn atm "
    "so um uh well just rating it back this morning tonight yeah yes still sciatica was "
    "somewhere and or but only used to be than before then earlier yesterday last night worse "
    "better same as manageable bearable"
)
_RANGE = re.compile(
    r"(?<![\d./:])"
    + NUM
    + r"\s*(?:-|–|or|to|/|or maybe|or even|ish to|ish or)\s*(?:a |an )?"
    + NUM
    + r"(?![\d:]|\.\d)"
)
_BETWEEN = re.compile(r"\bbetween (?:a |an )?" + NUM + r" and (?:a |an )?" + NUM + r"\b")
_APPROX = r"(?:(?:about|around|roughly|maybe|just|only|nearly|almost|probably) )?"
_FROM_TO = re.compile(
    r"\bfrom (?:a |an )?" + NUM + r"(?:\s*/\s*10)?(?: (?!to\b)[a-z]+){0,3}? (?:down |up |right )?"
    r"to " + _APPROX + r"(?:a |an )?" + NUM
)
_OF_TEN = re.compile(
    r"(?<![\d.])(?:"
    + NUM
    + r"\s*(?:-|–|to|or|/)\s*)?"
    + NUM
    + r"\s*(?:/|out of|of|over|on a scale of)\s*10\b(?!\s*(?:am|pm|min|minutes|mins|reps|sets|"
    r"seconds|secs|times|people|days))"
)
# other scales, turned into 0-10: "4 out of 5 on the pain scale", "pain at 80%"
_OTHER_SCALE = re.compile(
    r"(?<![\d.])"
    + NUM
    + r"\s*(?:out of|of|/)\s*(5|100)\b(?!\s*(?:stars?|people|times|days|reps|sets))"
    r"|(?<![\d.])" + NUM + r"\s*(?:%|percent)(?!\s*(?:better|worse|less|more|improv\w*|of|off|down|"
    r"up|reduc\w*|sure|chance|certain|done|through|complete|back|recovered|healed|fine|ok|gone|"
    r"free|pain free|cured|away|over|normal))"
)
# a rating of a thing, not of pain: "rate the app 9/10", "gave the video 8 out of 10"
_RATED_THING = re.compile(
    r"\b(?:rate|rated|rating|give|gave|giving|score|scored|scoring)\s+(?:the|this|your|my|that)?"
    r"\s*(?:new )?(?:app|bot|chat ?bot|video|videos|routine|session|programme|program|course|"
    r"service|chat|team|website|site|content|instructions?|reminders?|music|book|film|movie)\s*$"
)
# "a dull 4", "a steady 6": a describing word between the article and the score
_ARTICLE_ADJ = re.compile(
    r"\b(?:a|an)(?:\s+(?:dull|nagging|sharp|constant|steady|solid|good|strong|low|high|mild|bad|"
    r"nasty|throbbing|burning|achy|manageable|bearable|tolerable|decent|consistent|proper|"
    r"definite|firm|hard|easy|comfortable|miserable|grumbling|annoying|genuine|real|true|honest|"
    r"full|whole|legit|legitimate|actual|certified|confirmed|"
    # any describing word ("a relentless 8", "a brutal 9") or an oath ("a fkn 11")
    r"[a-z]{3,}(?:less|ful|ing|ive|ous|ent|ant|ble|al|ic|ed|y)|fkn|fking|fkin|fckn|fcking|effing|"
    r"bloody|freaking|frickin|flipping|flippin|damn|sodding|bleeding|fricking))?\s*$"
)
# the subject of a pain answer right before the number: "it's still 4", "still 5"
_IT_IS = re.compile(r"\b(?:its|it is|it was|its been|it has been|still|still at|sitting at)\s*$")
_SCALE_NAME = re.compile(r"\b(?:vas|nrs|vrs)\b")
# a date, not a score: "appointment on 8/10"
_DATE_BEFORE = _set("on by until till due dated")
_SINGLE = re.compile(r"(?<![\d./:\-])" + NUM + r"(?![\d:/]|\.\d)(?!\s*%)")
_WORDS = re.compile(r"[a-z0-9&]+")


@dataclass(frozen=True)
class ScoreMention:
    value: int  # 0..10, numbers above the scale are clamped to 10
    raw: str
    start: int
    end: int
    above_scale: bool = False


def _to_int(raw: str) -> int:
    return math.ceil(float(raw))


_APPROX_AFTER = re.compile(r"^\s*(?:-\s*)?(?:or so|ish|odd|or more|or thereabouts)\b")


def _unit_after(text: str, end: int) -> bool:
    """A unit after the number ("20 reps", "9 or so days"): a count, not a score."""
    after = text[end : end + 40]
    approx = _APPROX_AFTER.match(after)
    unit = _UNIT.search(after[approx.end() :] if approx else after)
    if (
        unit
        and unit.group(0).strip().startswith("point")
        and _PAIN_BEFORE_POINTS.search(text, max(0, end - 50), end)
    ):
        return False  # "waist pain very very serious, 7 points": a score told in points
    if (
        unit
        and "recommend" in unit.group(0) + after[unit.end() : unit.end() + 12]
        and _BACK_REVIEWED.search(text, max(0, end - 60), min(len(text), end + 60))
    ):
        return False  # "my back has decided to end me. 10/10 would not recommend": rated pain
    return bool(unit)


# the back or its pain within reach of a review idiom ("10/10 would not recommend")
_BACK_REVIEWED = re.compile(
    r"\b(?:my |this |the )(?:back|sciatica|spine|back ?pain|lower back)\b|\bsciatica\b"
)


_PAIN_BEFORE_POINTS = re.compile(r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|back|waist|sciatica)\b")


def _context_ok(
    text: str, start: int, end: int, value: int, short: bool, loose: bool = False
) -> bool:
    """Is the number at start..end a pain score? Needs a pain word nearby or a short message."""
    if _unit_after(text, end):
        return False
    # Only the last words before the number count (bounded: linear on long messages).
    floor = max(0, start - 120)
    clause_start = max(text.rfind(c, floor, start) for c in ".!?;,") + 1
    colon = text.rfind(": ", floor, start)
    if colon >= 0:
        clause_start = max(clause_start, colon + 2)  # "day 3 check in: 9"
    clause_start = max(clause_start, floor)
    before = text[clause_start:start]
    words = _WORDS.findall(before)
    prev = words[-1] if words else ""
    after_pain = False
    bad_prev = prev in _BAD_BEFORE and prev not in _LOOSE_BEFORE
    if value <= 10 and not bad_prev and _alone_in_clause(text, clause_start, start, end):
        return True
    if prev == "to" and len(words) >= 2 and words[-2] in _RISE:
        return value <= 10  # "shot up to 8", "dropped to 3": a change of level
    if prev in {"a", "an"} and len(words) >= 2:
        if words[-2] in {"did", "done", "walked", "ran", "took", "lost", "gained", "for", "in"}:
            return False
    elif prev in _BAD_BEFORE:
        if prev not in {"at", "about", "around", "only", "the", "to", "of", "no", "in"}:
            return False
        if prev == "in" and (len(words) < 2 or words[-2] not in _STAYS):
            return False  # "the pain continue in 9", not "back in 09"
        if prev == "only" and len(words) >= 2 and words[-2] in {"is", "now", "its", "s"}:
            return value <= 10  # "last week it was unbearable, now is only 5": a level now
        after_pain = len(words) >= 2 and (
            words[-2] in _PAIN_BEFORE_AT | _MOVED or words[-2].startswith("pain")
        )
        if not after_pain and not (prev in {"about", "around"} and (short or loose)):
            return False
    near = " ".join(words[-6:])
    if value > 10 and (
        prev
        not in {"a", "an", "like", "is", "at", "its", "pain", "say", "it", "solid", "easy"}
        | {"easily", "definitely", "genuinely", "literally", "honestly", "probably", "about"}
        or not (
            _CUE_STRONG.search(near)
            # "on a scale of 1-10 its like an 11 honestly, sciatica down the leg"
            or (prev in {"a", "an", "like"} and _CUE_STRONG.search(text, end, end + 60))
            or _BACK_IS.search(near)
            or (prev in {"a", "an", "like", "say"} and short)
        )
    ):
        return False  # "11/10" is caught above; "my father, who is 84" is an age
    if _CUE.search(near) or _SCORE_AFTER.search(text[end : end + 30]):
        return True
    if _ARTICLE_ADJ.search(before) and value <= 10:
        return True  # "it's a 6", "at a 6": an article before a small number reads as a score
    if loose and (not words or after_pain or prev in _LOOSE_BEFORE or _ARTICLE.search(before)):
        return True  # another score or a pain word is in the message: "About 4 now"
    if _IT_IS.search(before) and value <= 10:
        return True
    if (
        after_pain
        and value <= 10
        and words[-2] in {"am", "im", "pain", "back", "sciatica", "level", "score", "rating"}
        and not _CLOCK_TALK.search(text)
    ):
        return True  # "currently I am at 8", "the sciatica is at 7"
    return short or bool(_ARTICLE.search(before) and _CUE.search(text))


# a message about clock times: "what time should I stretch, 7 or 8?"
_CLOCK_TALK = re.compile(r"\b(?:time|oclock|remind\w*|alarm|ping|schedul\w*|appointment|meet)\b")


def _alone_in_clause(text: str, clause_start: int, start: int, end: int) -> bool:
    """A number that is a clause of its own among fillers: "didn't fall, just woke up, 6"."""
    if _CLOCK_TALK.search(text):
        return False
    ceiling = min(len(text), end + 120)
    ends = [i for i in (text.find(c, end, ceiling) for c in ".!?;,") if i >= 0]
    clause = text[clause_start:start] + " " + text[end : min(ends, default=ceiling)]
    return all(w in _FILLER or w == "otherwise" for w in _WORDS.findall(clause))


def _is_short(text: str) -> bool:
    words = [w for w in _WORDS.findall(text) if w not in _FILLER and not w[0].isdigit()]
    return len(words) <= 2


_SENTENCE_MARK = re.compile(r"[.!?;]|: ")
_CLOCK_WORDS = re.compile(
    r"(?<!every )(?<!each )(?<!any )\btime\b|\b(?:oclock|remind\w*|alarm|ping|schedul\w*|"
    r"appointment|meet\w*|am|pm)\b"
)
_ABOUT_PAIN_NOW = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|back|sciatica|worse|better|check ?in|agony|stab\w*|"
    r"shoot\w*|screwdriver|knife|spasm\w*)\b"
)


def _alone_in_sentence(text: str, start: int, end: int) -> bool:
    """A number that is its own sentence in a message about pain: "... every time I move. 9",
    "day 3 check in: 9. sorry", "worse. much worse. 7 going on 8"."""
    if not _ABOUT_PAIN_NOW.search(text) or _CLOCK_WORDS.search(text):
        return False
    marks_before = [m.end() for m in _SENTENCE_MARK.finditer(text, 0, start)]
    lo = marks_before[-1] if marks_before else 0
    after = _SENTENCE_MARK.search(text, end)
    hi = after.start() if after else len(text)
    return _is_short(text[lo:hi])


def find_scores(text: str) -> list[ScoreMention]:
    """All score mentions in normalised text, in order of position."""
    text = _SCALE.sub(lambda m: " " * len(m.group(0)), text)
    short = _is_short(text)
    found: list[ScoreMention] = []
    covered = bytearray(len(text) + 1)  # characters already part of a mention or a date

    def take(start: int, end: int) -> None:
        covered[start:end] = b"\x01" * (end - start)

    def add(raw: str, start: int, end: int) -> None:
        take(start, end)
        if _RATED_THING.search(text, max(0, start - 40), start):
            return
        value = _to_int(raw)
        found.append(ScoreMention(min(value, 10), raw, start, end, value > 10))

    def free(start: int, end: int) -> bool:
        return not any(covered[start:end])

    for m in _OF_TEN.finditer(text):
        before = _WORDS.findall(text[max(0, m.start() - 12) : m.start()])
        if before and before[-1] in _DATE_BEFORE:
            take(m.start(), m.end())
            continue
        if not _unit_after(text, m.end()):
            low, high = m.group(1), m.group(2)
            raw = high if low is None or _to_int(high) >= _to_int(low) else low
            add(raw, m.start(), m.end())
    for m in _OTHER_SCALE.finditer(text):
        sentence_start = max(text.rfind(c, 0, m.start()) for c in ".!?;") + 1
        # "pain at 80%" (a pain word before), "4 out of 5 on the pain scale" (anywhere)
        cue_end = m.start() if m.group(3) else len(text)
        cue = _CUE_STRONG.search(text, sentence_start, cue_end) or _SCALE_NAME.search(text)
        if not free(m.start(), m.end()) or not cue:
            continue
        value, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), "100")
        if float(value) <= float(scale):
            add(str(round(float(value) * 10 / float(scale), 1)), m.start(), m.end())
    for m in _FROM_TO.finditer(text):
        ok = free(m.start(), m.end()) and not _unit_after(text, m.end())
        if ok and (short or _CUE.search(text) or _MOVED_FROM.search(text, 0, m.start() + 5)):
            add(m.group(2), m.start(), m.end())
    for pattern in (_BETWEEN, _RANGE):
        for m in pattern.finditer(text):
            a, b = _to_int(m.group(1)), _to_int(m.group(2))
            if not free(m.start(), m.end()) or a > 10 or b > 10 or b <= a:
                continue
            strong = pattern is _BETWEEN and not _unit_after(text, m.end())
            if strong or _context_ok(text, m.start(1), m.end(), b, short):
                add(m.group(2), m.start(), m.end())
    loose = short or bool(found) or bool(_CUE_STRONG.search(text))
    for pass_loose in (False, True):
        for m in _SINGLE.finditer(text):
            value = _to_int(m.group(1))
            if not free(m.start(), m.end()) or value > 99:
                continue
            alone = not short and value <= 10 and _alone_in_sentence(text, m.start(), m.end())
            if _context_ok(text, m.start(), m.end(), value, short or alone, pass_loose and loose):
                add(m.group(1), m.start(), m.end())
        loose = loose or bool(found)
    return sorted(found, key=lambda s: s.start)
