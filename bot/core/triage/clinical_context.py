"""Reading the context of a phrase in a pain report: negation, who, when, and "what if".

`Doc` normalises a message and answers, for a span of it, whether the phrase is negated
("no numbness"), about someone else ("my mum has ..."), only hypothetical ("what if ..."),
and how long ago it was ("used to", "yesterday", "now"). Pure text processing with the
standard library; it knows nothing about levels or replies.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from bot.core.triage import cues as cues
from bot.core.triage.spelling import respell

_APOSTROPHES = re.compile(r"['’‘`´ʼ′]")
_NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(w for w in _NUMBER_WORDS if w != "one") + r")\b|\b(one)\b(?=\s*(?:out of|/|"
    r"of (?:10|ten)|on (?:10|ten)|or (?:2|two)|to (?:2|two)|-))|(?<=\bpain is )(one)\b|"
    r"(?<=\ba )(one)\b(?=\s*(?:[.!?,;]|$|today|now|at the moment|this))|^\W*(one)\b(?=\W*$)"
)


# "no feeling in my legs", "zero bladder control", "without any sensation down there": a
# negation word before a capacity (control, feeling, sensation, strength, power) reports its
# loss, it does not deny a symptom. Rewritten to "lost ..." so negation rules never see it.
# Not when the noun is followed by what it is about ("no feeling of numbness", "no feeling
# like it's worse") or is a verb ("without feeling any pain").
_CANT_DOT = re.compile(
    r"\b(cant|cannot|can not|couldnt)[.!]+\s+(move|walk|stand|sit|breathe|sleep)\b"
)
_NOT_ONESELF = re.compile(
    r"\bnot (?:been )?feeling (?:myself|my usual self|(?:very |too |that |so )?(?:well|great|"
    r"right|good)|100 ?%?)(?= *(?:[,.;!?]|and|$))"
)
_ABSENT_CAPACITY = re.compile(
    r"\b(?:no|zero|0|nil|without|hardly any|barely any|not much|not any)\s+"
    r"(?P<what>(?:(?:any|real|proper|much|bladder|bowel|leg|legs|feet|foot)\s+)?"
    r"(?:control|feeling|sensation|strength|power))\b"
    r"(?!\s+(?:of|that|like|about|issues?|problems?|changes?|training|loss|any|a|an|the|too|"
    r"much|so|my|it|well|good|great|bad|better|worse|guilty|sorry)\b)"
)


# "didn't notice I'd wet myself", "never realised I'd soiled myself", "without feeling it
# happen": not being aware of it is the finding (lost sensation), not a denial of it.
_UNAWARE = re.compile(
    r"\b(?:didnt|did not|dont|do not|never|without|wasnt|was not|not|couldnt|could not|hadnt|"
    r"had not)(?: even|"
    r" really| seem to| honestly| "
    r"always)? "
    r"(?:(?:notic\w*|realis\w*|realiz\w*|aware|know|knowing)(?= (?:(?:that|until|till|"
    r"when) )?(?:id|ive|hed|shed|i had|he had|she had|i was|it was|it happen\w*|i d ))|"
    r"(?:feel\w*|felt)(?= (?:it|that) (?:happen\w*|com\w*|go|going|flow\w*|pass\w*|when|"
    r"until)| (?:when|until|till) ))"
)
_NO_APPETITE = re.compile(
    r"\b(?:no|zero|without (?:any )?|not much|hardly any|barely any) appetite\b|\bnot "
    r"(?:really |very )?(?:hungry|eating(?: much| properly)?)\b|\boff (?:my|his|her) food\b"
)
# "not great", "not too bad tbh": a remark complete in itself, not the head of a list
_NOT_ADJECTIVE = re.compile(
    r"\bnot (?:so |too |that |very |really |feeling )?(?:great|good|fine|ok|okay|brilliant|amazing|"
    r"bad|terrible|awful|the best|well|happy)(?: \w+)?\s*$"
)
_FOREIGN_SCALE = re.compile(r"\b(\d{1,2}) (?:von|de|sur|su|na|z|from|uit|av|ud af) 10\b")
_IF_TIME = re.compile(
    r"^\s*(?:one day|some ?day|ever|suddenly|later|later on|in (?:the )?future|at some point|"
    r"by chance|tomorrow|next (?:week|month|year)|one of these days)\b"
)


def _join_short_lines(t: str) -> str:
    """Lines end sentences, except a run of one- or two-word lines, which is one phrase
    typed a word at a time ("both legs / weak / since this morning")."""
    lines = [line.strip() for line in re.split(r"[\r\n]+", t) if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and len(line.split()) <= 2 and len(out[-1].split()) <= 4 and line[0].isalpha():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return " . ".join(out)


def normalise(text: str) -> str:
    """Lower case, no apostrophes ("can't" -> "cant"), no emoji, number words as digits.

    Texting shorthand and misspelt key words are fixed too (`triage_spelling`).
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _APOSTROPHES.sub("", t)
    t = re.sub(r"\s[\u2013\u2014]\s|[\u2014]", " - ", t)  # a dash between words: "a 9 – it's"
    t = re.sub(r"\s*(?:\u2192|->|=>|\u27f6)\s*", " to ", t)  # "4 yesterday -> 7 today"
    t = re.sub(
        r"(?<!from )\b(\d{1,2}) (yesterday|last night|last week|this morning|earlier|before) to "
        r"(\d{1,2})\b",
        r"score from \1 \2 to \3",
        t,
    )
    t = _join_short_lines(t)
    # "I had an accident... with the coffee", "in agony... for the exam": a pause, not an end
    t = re.sub(r"(?<=\w)\s*(?:\.{2,}|\u2026)\s*(?=[a-z])", " ", t)
    # an emoji ends a phrase in chat ("a nightmare 😂 back is fine")
    t = "".join(
        ch
        if ch.isalnum() or ch in " .,!?;:/-&%()+~="
        else (" . " if unicodedata.category(ch) == "So" else " ")
        for ch in t
    )
    t = re.sub(r"([a-z])\1{2,}", r"\1", t)  # "sooo" -> "so", "hurtsss" -> "hurts"
    t = respell(t)
    t = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(m.lastindex or 1)], t)
    t = _NOT_ONESELF.sub("feeling unwell", t)  # "not feeling myself, hot and clammy"
    t = re.sub(r"\bago now\b", "ago", t)  # "ten year ago now": the past, not now
    t = _CANT_DOT.sub(r"\1 \2", t)  # "Can't. Move." is one report
    t = _ABSENT_CAPACITY.sub(r"lost \g<what>", t)  # "no bladder control" is a loss
    t = _UNAWARE.sub("unaware", t)  # "didn't notice I'd wet myself" is not a denial
    t = _NO_APPETITE.sub("lost appetite", t)  # "no appetite and lost weight": a finding
    t = _FOREIGN_SCALE.sub(r"\1/10", t)  # "8 von 10", "5 from 10", "7 sur 10"
    t = re.sub(r"(?<=[a-z])-ish\b", "ish", t)  # "bad-ish" is one hedged word
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)  # "pain-free" -> "pain free"
    return re.sub(r"\s+", " ", t).strip()


_SENTENCE_END = re.compile(
    r"[.!?;]+(?=\s|$)|\s(?=(?:but|however|although|though|whereas|except|yet)\s)"
)
_CLAUSE_END = re.compile(
    # a spaced dash ends a clause ("a 9 - the kind of pain I used to get"), not before a
    # range or a date ("7 - 8", "- about ten years ago")
    r",| -+ (?![0-9])(?!(?:about|around|roughly|nearly|almost|over|like|maybe)? ?(?:a |an |\d|"
    r"last|this|that|years?|months?|weeks?|ages|yesterday|ago|back in|in \d))|"
    r"(?<!\bin)(?<!\bout)\s(?=(?:now|nowadays|today|these days|then|and now|and today|currently|"
    r"at the moment|right now)\b)"
)
_WORD = re.compile(r"[a-z0-9&]+(?:\.\d+)?")

_RELATION = (
    r"(?:friends?|mates?|buddy|pal|mum|mom|mother|mam|mommy|mummy|dad|daddy|father|parents?|wife|"
    r"husband|hubby|partner|spouse|boyfriend|girlfriend|bf|gf|fiancee?|sons?|daughters?|kids?|"
    r"child|children|baby|brother|sister|bro|sis|siblings?|grandma|grandmother|grandpa|"
    r"grandfather|granny|gran|nan|nana|grandad|granddad|grandparents?|aunt|auntie|aunty|uncle|"
    r"cousin|niece|nephew|colleague|coworker|co worker|workmate|boss|neighbou?r|roommate|"
    r"flatmate|housemate|clients?|patients?|students?|teammate|in laws?|mother in law|father in "
    r"law|dog|cat|pet|family|relatives?|missus|wifey|other half|better half|old man|old lady|"
    r"step ?(?:mum|mom|dad|son|daughter)|papa|mama|pops|grandsons?|granddaughters?|grandkids?|"
    r"grandchild(?:ren)?|teen(?:ager)?s?|toddlers?|\d+ ?(?:yo|y o|year old|yr old)s?|lad|lass|"
    r"wee one|little one|"
    # family words of other Englishes: Tagalog "tita", "lola"; Pidgin "oga" (boss)
    r"tita|tito|lola|lolo|nanay|tatay|oga|abuela|abuelo|nonna|nonno|babushka|bibi|dadi|nani|"
    r"amma|appa|ammi|abbu)"
)
# a person named by relation ("my husband", "our nan"): used to tell people from things
PERSON = re.compile(r"\b" + _RELATION + r"s?\b")
# after "ms"/"mr" these words show it is not a title before a name ("MS numbness", "MS and")
_NOT_A_NAME = (
    r"(?:numb(?!ers\b)\w*|tingl\w*|weak\w*|fatigue|flare\w*|symptoms?|relapse\w*|related|nerve\w*|"
    r"pain\w*|spasm\w*|lesions?|diagnos\w*|meds?|medication|and|or|but|so|is|was|has|had|"
    r"makes?|means?|since|for|from|with|too|as|i|im|my|me|the|a|same|still|unchanged|which)\b"
)
_REPORTING = (
    r"(?!\s+(?:says?|said|thinks?|thought|told|tells|reckons?|suggested|suggests|recommended|"
    r"recommends|wants|asked|asks|made|makes|sent|showed|shows|gave|is worried|was worried|"
    r"worries|helped|helps|drove|drives|noticed|found|booked|insisted|insists|"
    # "my mum took me to A&E" is about the writer; "my grandad took a tumble" about him
    r"(?:took|takes)(?! (?:a |an )?(?:\w+ )?(?:tumble|fall|spill|knock|hit|header|nosedive|"
    r"dive|turn))|"
    r"keeps telling|used this|uses|got me))"
)
_OTHER = re.compile(
    r"\b(?:(?:my|our|his|her|their) (?:\w+ )?" + _RELATION + r"(?:s)?\b" + _REPORTING + r"|"
    r"\bone of (?:them|the kids|my kids|the children|the boys|the girls|the lads|the players|"
    r"the residents|my residents)\b|"
    r"(?<!\bas )(?:a|one of my|this|one of our|our) (?:friend|mate|buddy|pal|colleague|coworker|"
    r"neighbou?r|guy|woman|man|lady|girl|boy|person|bloke|fella|chap|dude|client|resident|"
    r"service user|customer)(?: of (?:mine|ours))?\b"
    + _REPORTING
    + r"|(?<!\bas )(?:a|one of my|this) (?:friend|mate|buddy|pal|colleague|coworker|neighbou?r|"
    r"guy|woman|man|lady|girl|boy|person|bloke|fella|chap|dude)\b"
    + _REPORTING
    + r"|(?:he|she|hes|shes)\b"
    + _REPORTING
    + r"|"
    r"his\b|her (?=back|legs?|pain|hips?|groin|bladder|bowels?|feet|foot|sciatica|spine|butt|"
    r"bum|bottom|symptoms?|numbness|score|level|doctor|cancer|chemo|tumou?r|diagnosis|results?|"
    r"scan|treatment|radiotherapy)|for (?:her|him)\b|himself|herself|"
    r"themselves|(?<!like )(?<!if )(?<!though )(?:someone|somebody)|"
    r"family history|runs in (?:my|the) family|"
    # a parent named by the word alone ("Mum fell", "Dad's legs"), a person by title
    r"(?<!\ba )(?<!\bas a )(?<!\bim a )(?<!\bnew )(?<!\bsingle )(?:mum|mom|mam|mummy|mommy|son|"
    r"daughter|"
    r"toddler|brother|sister|"
    r"mama|dad|daddy|papa|grandma|granny|gran|nan|nana|grandad|granddad|grandpa|grandson|"
    r"granddaughter|grandkid|grandchild|hubby|husband|wife|missus|boyfriend|girlfriend|"
    r"friend|partner|neighbou?r|colleague|boss|resident|client|service user)s?\b"
    + _REPORTING
    + r"|\b(?:mr|mrs|ms|miss|mx) (?!"
    + _NOT_A_NAME
    + r")[a-z]+)"
)
# "to my daughter's", "at my mum's", "with my husband": a place or company, not the subject
_PLACE_BEFORE = re.compile(
    r"\b(?:to|at|from|visiting|visit|visited|near|round|into|towards|with|over at|by) $"
)
_JOINT_SELF = re.compile(
    r"\b(?:me and (?:my|the) \w+(?: \w+)?|(?:my|the) \w+ and (?:i|me|myself)|we|us|both of us|"
    r"the 2 of us|our (?!\w+ (?:friend|mum|mom|dad|son|daughter|kids?))|ours|anyone else|anybody"
    r" else|people|anyone|anybody)\b"
)
_SELF = re.compile(r"\b(?:i|im|ive|id|ill|me|my|mine|mines|myself)\b")
_SYMPTOM = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|numb(?!ers\b)\w*|tingl\w*|sciatica|weak\w*|stiff\w*|fever|"
    r"cancer|fell|fall|accident|bladder|bowels?|unbearable|agony|\d+)\b"
)

_TIME_ADVERBS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "distant",
        re.compile(
            r"\b(?:(?<!like i )(?<!as i )(?<!like he )(?<!like she )(?<!like it )used to|"
            r"use to|years? ago|(?:winters|summers|christmases|seasons) ago|yrs ago|last year|a "
            r"year ago|"
            r"(?:the )?(?:winter|"
            r"summer|spring|autumn|year) before last|decades? ago|as a (?:kid|child|teen\w*|boy|gir"
            r"l|lad|"
            r"lass|youngster|student|baby|toddler|schoolboy|schoolgirl)|"
            r"when (?:\w+ ){1,2}(?:was|were) pregnant|"
            r"when (?:i|he|she|they) (?:was|were) (?:like |about |around |only |just |maybe )?"
            r"(?:young|younger|a kid|little|small|a child|a boy|a girl|a teen\w*|kid|child|boy|"
            r"girl|in "
            r"(?:school|college|uni|my \d+s)|\d+)|back in (?:(?:19|20)\d\d|the day)|"
            r"in (?:my|his|her|their) (?:teens|twenties|thirties|forties|fifties|sixties)|"
            r"(?:are|is|now) behind (?:me|us|him|her)|a thing of the past|"
            # an age: "crashed at 30", "aged 19" (above 24: not a score, not an hour)
            r"(?:long since (?:mended|healed|recovered|fixed|sorted|gone)|"
            r"aged (?:1[1-9]|[2-9]\d)\b|at (?:the )?age (?:of )?(?:1[1-9]|[2-9]\d)\b|"
            r"at (?:2[5-9]|[3-9]\d))\b"
            r"(?! ?(?:am|pm|mph|kph|km|kg|%|/|out of|o ?clock|percent|this|last|today|tonight|"
            r"yesterday|in the|on|at night|ish|hundred|\d))|"
            r"(?:was|were|in|from|for) (?:like |around |about |in |back in )?(?:19|20)\d\d|(?:back "
            r")?in the "
            r"(?:19)?[5-9]0s|in the (?:fifties|sixties|seventies|eighties|nineties)|in (?:19|20)"
            r"\d\d|ages ago|long time ago|long ago|years back|in the past|previously|in my "
            r"(?:20|30|40|50|60)s|once upon)\b"
        ),
    ),
    (
        "old",
        re.compile(
            r"\b(?:months? ago|last month|months back|earlier this year|"
            r"(?:the )?last time(?: when)?|"
            # "before cannot bend to tie shoe, now can": "before" as "earlier"
            r"(?:(?<=[.,;!?] )|^)before(?= (?:i |he |she |it )?(?:cannot|cant|couldnt|could not|"
            r"can not) )|"
            r"last (?:spring|summer|"
            r"autumn|fall|winter)|(?:in|"
            r"last|back in) (?:jan|january|feb|february|march|april|june|july|aug|august|sept?|"
            r"september|oct|october|nov|november|dec|december)|at first|initially|originally|"
            r"in the beginning|when it "
            r"(?:first )?started|at the start)\b"
        ),
    ),
    (
        "recent",
        re.compile(
            r"\b(?:yesterdays?|last nights?|this mornings?|earlier|the other day|days? ago|"
            r"weeks? ago|(?:a )?fortnight ago|last weeks?|last month|last weekend|at the weekend|"
            r"over the "
            r"weekend|on (?:mon|"
            r"tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day "
            r"(?:was|were)|at (?:breakfast|lunch|lunchtime)|prior|recently|lately|"
            # "it was worse before", not "before the leg pain stops me"
            r"before(?=\s*(?:$|[,.!?;)]|and\b|but\b|then\b|though\b|too\b|now\b|as well\b))|"
            r"(?:^|(?<=[.!?,] ))before(?= (?:it was|was|very|so|really|it|the pain)\b))\b"
        ),
    ),
    (
        "current",
        re.compile(
            r"\b(?:now|right now|today|tonight|currently|at the moment|these days|nowadays|at "
            r"present|still|this (?:evening|afternoon|week)|since|anymore|any more)\b"
        ),
    ),
)
DISTANT_TIME = _TIME_ADVERBS[0][1]
# words of the last day or two near a mention: "years ago and again yesterday" is recent
RECENT_NEAR = re.compile(
    r"\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week)|"
    r"again|just now|earlier|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
_NOW_AFTER = re.compile(r"\s*(?:now|today|tonight|currently|at the moment|right now|these days)\b")
_TODAY_PART = re.compile(r"this (?:morning|afternoon|evening)")
_PRESENT = re.compile(r"\b(?:is|am|are|its|im|hurts|feels|keeps|cant|cannot)\b")
"""Words that date something long ago ("years ago", "as a kid", "in 2010")."""
_TIME_VERBS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("distant", re.compile(r"\b(?:used to|use to)\b")),
    ("current", re.compile(r"\b(?:ive had|have had|has had|has been|have been|ive been)\b")),
    (
        "recent",
        re.compile(
            r"\b(?:was|were|had|did|went|couldnt|could not|could barely|could hardly|wasnt|"
            r"werent|woke)\b"
        ),
    ),
    (
        "current",
        re.compile(
            r"\b(?:is|am|are|its|im|has|have|ive|hurts|feels|keeps|keep|getting|feel|cant|"
            r"cannot|can)\b"
        ),
    ),
)


# an "if" part that is something said to the bot: "if I tell you ...", "if I type 10"
_IF_I_SAY = re.compile(
    r"\s*(?:i|we|someone|somebody|anyone|a user|you) (?:\w+ )?(?:tell|tells|say|says|type|types|"
    r"put|puts|report|reports|write|writes|rate|rates|score|scores|send|sends|answer|answers|"
    r"reply|replies|enter|enters|click|clicks|press|presses|pick|picks|choose|chooses)\b"
)
_TENSELESS = re.compile(r"(?:cant|cannot|can)\b")


@dataclass(frozen=True)
class Context:
    negated: bool
    other: bool  # about someone else, not the person writing
    hypothetical: bool
    time: str  # "current", "recent", "old" or "distant"
    time_cue: str = "adverb"  # what told the time: "adverb" (yesterday), "verb" (was) or "none"


def _spans(text: str, splitter: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in splitter.finditer(text, start, end):
        if m.end() > pos:
            spans.append((pos, m.end()))
            pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans or [(start, end)]


def _markers(
    found: list[tuple[int, int, str]],
    pattern: re.Pattern[str],
    text: str,
    kind: str,
    skip: re.Pattern[str] | None = None,
) -> None:
    for m in pattern.finditer(text):
        if skip and skip.search(text, max(0, m.start() - 12), m.start()):
            continue
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), kind))


REACH = 240
"""Characters before a phrase in which a negation or an "if" can still apply to it."""


# inside an "if" part, these do not start the main clause: "if I get that numbness",
# "what if I do get it"
_DETERMINERS = frozenset({"that", "the", "this", "my"})
_OBJECT_VERBS = frozenset(
    {"get", "got", "have", "has", "had", "lose", "lost", "feel", "start", "develop", "notice"}
    | {"makes", "make", "made", "gets", "causes", "cause", "leaves", "turns"}
)
_EMPHATIC = frozenset({"do", "did"})
# "if someone I look after couldn't feel their legs": a relative clause, not a new clause
_RELATIVE_HEADS = frozenset(
    {
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "person",
        "people",
        "client",
        "clients",
        "patient",
        "patients",
        "resident",
        "residents",
        "everyone",
        "everybody",
    }
)
_SUBJECTS = frozenset({"i", "you", "he", "she", "we", "they"})


_FILLERS = frozenset({"my", "his", "her", "their", "your", "our", "the", "a", "an"})


class Doc:
    """One normalised message with its sentences, clauses and who each clause is about."""

    def __init__(self, raw: str) -> None:
        self.text = normalise(raw)
        t = self.text
        self.sentences = _spans(t, _SENTENCE_END, 0, len(t))
        self.clauses: list[tuple[int, int]] = []
        for s, e in self.sentences:
            self.clauses.extend(_spans(t, _CLAUSE_END, s, e))
        self._clause_starts = [s for s, _ in self.clauses]
        self._marks_cache: dict[int, list[tuple[str, list[tuple[int, str]]]]] = {}
        self.memo: dict[tuple[str, int, int], object] = {}  # per-text results of callers
        self._sentence_starts = [s for s, _ in self.sentences]
        found: list[tuple[int, int, str]] = []
        _markers(found, _JOINT_SELF, t, "self")
        _markers(found, _OTHER, t, "other", skip=_PLACE_BEFORE)
        _markers(found, _SELF, t, "self")
        self.subject_markers = sorted(found)
        self._clause_default = self._inherit_subjects()

    def _inherit_subjects(self) -> list[str]:
        """Who a clause with no "I"/"my mum" in it is about: the last clause that said so."""
        defaults: list[str] = []
        carry = "self"
        for s, e in self.clauses:
            defaults.append(carry)
            kinds = [k for ms, _, k in self.subject_markers if s <= ms < e]
            if kinds and (kinds[-1] == "self" or _SYMPTOM.search(self.text, s, e)):
                carry = kinds[-1]
        return defaults

    def clause_of(self, pos: int) -> tuple[int, int, int]:
        i = max(0, bisect.bisect_right(self._clause_starts, pos) - 1)
        s, e = self.clauses[i]
        return i, s, e

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)
        return self.sentences[i]

    def context(self, start: int, end: int, red_flag: bool = False, score: bool = False) -> Context:
        time, cue = self.time_and_cue(start)
        return Context(
            negated=self.negated(start, end, red_flag, score),
            other=self.subject(start, end) == "other",
            hypothetical=self.hypothetical(start),
            time=time,
            time_cue=cue,
        )

    # --- negation -------------------------------------------------------------------------

    def negated(self, start: int, end: int, red_flag: bool = False, score: bool = False) -> bool:
        """Is the phrase denied? A score after a comma is never part of a negated list."""
        s, e = self.sentence_of(start)
        # A denial reaches a few words back, never further than REACH characters: this
        # keeps a long message without punctuation linear.
        s = max(s, start - REACH)
        # a break may be told by the phrase's own first word: "no longer severe, just an ache"
        breaks = [m.end() for m in cues.SCOPE_BREAK.finditer(self.text, s, end) if m.end() <= start]
        before = self.text[max(breaks, default=s) : start]
        _, comma, tail = before.rpartition(",")
        tail_words = _WORD.findall(tail)
        if comma and score:
            before = tail  # "nothing major, 2/10": a number is not an item of the list
        elif comma and tail_words and not {"or", "and", "nor"} & set(tail_words):
            before = tail  # "not great, pain around 7": a comma ends the "not" unless a list
        elif comma and self._clause_negation_ends(before[: -len(tail) - 1], end, e):
            before = tail  # "painkillers not working at all, worst flare ever"
        elif comma and _NOT_ADJECTIVE.search(before[: -len(tail) - 1]):
            before = tail  # "it's not great tbh, took me 20 mins to get up": a whole remark
        before = cues.UNCERTAIN.sub(" ", before)
        # six words back, not counting "my", "her", "the": "nothing odd with her legs or
        # her bladder" denies the bladder as "nothing odd with legs or bladder" does
        found = _WORD.findall(before)
        content = [i for i, w in enumerate(found) if w not in _FILLERS]
        window = " ".join(found[content[-6] if len(content) >= 6 else 0 :])
        # a red flag that has stopped ("no longer numb") still happened: it is not denied
        ceased = cues.CEASED.fullmatch if red_flag else (lambda _: None)
        if any(not ceased(m.group(0)) for m in cues.NEGATION.finditer(window)):
            return True
        if red_flag and cues.NOTHING_LIKE_THAT.search(self.text[end : end + 60]):
            return True
        after = cues.POSTFIX_NEGATION.search(self.text[end : end + 40])
        if after and not (red_flag and cues.CEASED.search(after.group(0))):
            return True
        return not red_flag and bool(cues.POSTFIX_GONE.search(self.text[end:e]))

    def _clause_negation_ends(self, head: str, end: int, sentence_end: int) -> bool:
        """After a comma, a "not" carries on only over a list ("no numbness, tingling or ...").

        A negated clause of three words or more ("not working at all,") is not a list item,
        unless an "or"/"nor" after the phrase shows the list goes on.
        """
        found = list(cues.NEGATION.finditer(head))
        cue = found[-1] if found else None
        if cue is None or len(_WORD.findall(head[cue.end() :])) <= 2:
            return False
        return not re.search(r"\b(?:or|nor)\b", self.text[end:sentence_end])

    # --- who ------------------------------------------------------------------------------

    def subject(self, pos: int, end: int | None = None) -> str:
        i, s, e = self.clause_of(pos)
        inside = [k for ms, _, k in self.subject_markers if pos <= ms < (end or pos)]
        if inside and self.text[pos : end or pos].count(" ") >= 2:
            return inside[0]  # "can't feel her legs", "numbness in my groin"
        before = [k for ms, _, k in self.subject_markers if s <= ms < pos]
        if before:
            return before[-1]
        after = [k for ms, _, k in self.subject_markers if pos <= ms < e]
        if after:
            return after[0]
        return self._clause_default[i]

    def clause_is_self(self, pos: int) -> bool:
        return self.subject(pos) == "self"

    def sentence_subjects(self, pos: int) -> set[str]:
        """Who the sentence at `pos` names: "self", "other", both or neither."""
        s, e = self.sentence_of(pos)
        return {kind for at, _, kind in self.subject_markers if s <= at < e}

    def about_others_only(self, pos: int) -> bool:
        """The sentence at `pos` names other people, by marker or relation word before
        `pos` ("Kids had a stomach bug last week, all fine now"), and not the writer."""
        kinds = self.sentence_subjects(pos)
        s, _ = self.sentence_of(pos)
        return "self" not in kinds and ("other" in kinds or bool(PERSON.search(self.text, s, pos)))

    # --- what if --------------------------------------------------------------------------

    def hypothetical(self, pos: int) -> bool:
        s, e = self.sentence_of(pos)
        if any(m.start() < pos < m.end() for m in cues.REPORTED_CLAIM.finditer(self.text, s, e)):
            return True  # "my cousin said numbness down there is serious"
        s = max(s, pos - REACH)
        found = [m for m in cues.HYPOTHETICAL.finditer(self.text, s, pos) if m.end() <= pos]
        if not found:
            return False
        cue = found[-1]
        if cues.NOT_HYPOTHETICAL_IF.search(self.text, s, cue.end()):
            return False
        if ")" in self.text[cue.end() : pos]:
            return False  # "(wouldn't see a doctor if his leg fell off) says his groin is numb"
        if cue.group(0) == "apparently" and _SELF.search(self.text, s, pos):
            return False  # "I'm 38 and apparently back in nappies - wet myself twice"
        if cues.REPORTED_QUESTION.fullmatch(cue.group(0)):
            return True  # "a friend asked me if sciatica can cause numbness": all of it asked
        if _IF_I_SAY.match(self.text, cue.end()) and not cues.PRESENT_IF.search(
            self.text, cue.end(), self.sentence_of(pos)[1]
        ):
            return True  # "what happens if I tell you my pain's a 10?": all of it is the what-if
        # "if one day I cannot ...": a time at the start of the "if" part does not end it
        words = _WORD.findall(_IF_TIME.sub("", self.text[cue.end() : pos], count=1))
        if any(
            w in cues.IF_BOUNDARY
            and words[i] not in cues.PREPOSITIONS
            and not (w in _DETERMINERS and words[i] in _OBJECT_VERBS)  # "if I get that numbness"
            and not (w in _EMPHATIC and words[i] in _SUBJECTS)  # "what if I do get ..."
            and not (w == "my" and words[i] in {"both", "all", "either"})  # "if both my legs"
            and not (w in {"i", "we", "you"} and words[i] in _RELATIVE_HEADS)
            for i, w in enumerate(words[1:])
        ):
            return False  # the "if" part ended: "if I sit for long it is unbearable"
        _, sentence_end = self.sentence_of(pos)
        comma = self.text.find(",", pos, sentence_end)
        if_end = comma if comma >= 0 else sentence_end
        if cue.group(0).endswith("if") and cues.PRESENT_IF.search(self.text, cue.end(), if_end):
            return False  # "do I press stop if it's a 7 right now?"
        if cue.group(0).endswith("if") and cues.SELF_QUESTION.search(self.text, s, cue.start()):
            _, clause_end = self.sentence_of(pos)
            rest = self.text[cue.end() : clause_end]
            if cues.PRESENT_STATE.search(rest) and not cues.FUTURE_WORDS.search(rest):
                return False  # "should I worry if I have numbness down there?" - fail safe
        return True

    # --- when -----------------------------------------------------------------------------

    def time(self, pos: int) -> str:
        return self.time_and_cue(pos)[0]

    def time_and_cue(self, pos: int) -> tuple[str, str]:
        """When the phrase at `pos` holds, and whether an adverb, a verb or nothing said so.

        The time marks of a clause are found once and kept (a long message has hundreds of
        phrases in one clause: scanning the clause again for each was quadratic)."""
        i, s, e = self.clause_of(pos)
        if i > 0 and not self._time_marks(i)[0][1]:
            # "Before, I no fit walk": a clause that is only a time word dates the next one
            ps, pe = self.clauses[i - 1]
            adverbs = self._time_marks(i - 1)[0][1]
            if adverbs and len(_WORD.findall(self.text[ps:pe])) <= 3:
                return adverbs[-1][1], "adverb"
        if i > 0 and self._only_tenseless_modals(i) and self._now_said_after(i):
            # "Last month the sciatica was damn jialat, cannot walk one. Now ok already":
            # "cannot" has no tense of its own in many Englishes; the date said just before
            # holds when a "now" later sets the present apart ("did deadlifts yesterday,
            # can't walk" stays now)
            ps, _ = self.clauses[i - 1]
            if self.sentence_of(ps)[0] == self.sentence_of(s)[0]:
                adverbs = self._time_marks(i - 1)[0][1]
                if adverbs and adverbs[-1][1] != "current":
                    return adverbs[-1][1], "adverb"
        for cue, marks in self._time_marks(i):
            k = bisect.bisect_left(marks, (pos, ""))
            if k > 0 or marks:
                at, kind = marks[k - 1] if k > 0 else marks[0]
                if (
                    kind == "recent"
                    and _TODAY_PART.match(self.text, at)
                    and _PRESENT.search(self.text, s, e)
                ):
                    return "current", cue  # "sciatica is absolute agony this morning"
                return kind, cue
        if i > 0 and not _NOW_AFTER.match(self.text, e):
            # a clause with no time of its own takes the time words of the clause before it in
            # the same sentence: "yesterday was the worst day, pain 8, but today only 3" (not
            # "was a 7 at the weekend, 3 now": the "now" after it is its own)
            ps, _ = self.clauses[i - 1]
            _, sentence_end = self.sentence_of(ps)
            if sentence_end >= s:
                for cue, marks in self._time_marks(i - 1)[:1]:
                    if marks:
                        return marks[-1][1], cue
        return "current", "none"

    def _now_said_after(self, clause: int) -> bool:
        """A later clause dates itself now with an adverb ("now", "today")."""
        return any(
            kind == "current"
            for j in range(clause + 1, len(self.clauses))
            for _, kind in self._time_marks(j)[0][1]
        )

    def _only_tenseless_modals(self, clause: int) -> bool:
        """The clause's only time words are "can", "cant" or "cannot" (no adverb)."""
        (_, adverbs), (_, verbs) = self._time_marks(clause)
        return (
            not adverbs and bool(verbs) and all(_TENSELESS.match(self.text, at) for at, _ in verbs)
        )

    def _time_marks(self, clause: int) -> list[tuple[str, list[tuple[int, str]]]]:
        cached = self._marks_cache.get(clause)
        if cached is not None:
            return cached
        s, e = self.clauses[clause]
        found: list[tuple[str, list[tuple[int, str]]]] = []
        for cue, table in (("adverb", _TIME_ADVERBS), ("verb", _TIME_VERBS)):
            marks: list[tuple[int, str]] = []
            taken: list[tuple[int, int]] = []
            for kind, pattern in table:
                for m in pattern.finditer(self.text, s, e):
                    if not any(a <= m.start() < b for a, b in taken):
                        taken.append((m.start(), m.end()))
                        marks.append((m.start(), kind))
            found.append((cue, sorted(marks)))
        self._marks_cache[clause] = found
        return found


def symptom_start(m: re.Match[str]) -> int:
    """Where the symptom itself starts in a lexicon match (its `k` group if it has one);
    negation and context are read from there."""
    return m.start("k") if "k" in m.re.groupindex and m.group("k") else m.start()
