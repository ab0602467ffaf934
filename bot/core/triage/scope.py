"""Is a phrase in a message a report about the writer's own pain, now?

`triage_context` reads negation, who and when for a span; this module holds the wider
checks `triage` runs before it lets a phrase count: a question about pain in general or
about how to use the bot ("how do I log my pain?", "what counts as severe pain?"), pain
named as a topic, a figure of speech ("my step count has fallen", "like a car crash"),
hyperbole taken back ("killing me lol jk"), weight loss with a reason, a history of cancer
with no night or rest pain, and an event dated long ago right after it is named ("a car
accident twenty years ago"). Pure text processing on a `Doc`; no I/O.
"""

from __future__ import annotations

import re

from bot.core.triage import families as fam
from bot.core.triage import lexicon as lex
from bot.core.triage.clinical_context import Doc
from bot.core.triage.datafiles import hyperbole, red_flag_phrases
from bot.core.triage.topics import resolved_from

_QUESTION_START = re.compile(
    r"(?:what|whats|how|hows|when|which|why|where|wheres|is|are|can|could|should|does|do|will|"
    r"would)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|im|ive|id|me|my|mine|myself)\b")
# telling the bot, or working it: "how do I log my pain?", "where's the button to say it hurts?"
_META_VERB = re.compile(
    r"\b(?:tell|say|type|typed|log|record|report|enter|input|rate|export|download|mark|note|"
    r"track|press|click|tap|select|choose|pick|write|send|put in|show|use the|set up|change)\b"
)
_META_START = re.compile(
    r"(?:how|hows|where|wheres|what|whats|which|can|could|do|does|is there)\b(?! i have\b)"
)
# asking what a word or a number means: "what counts as severe pain?", "does 10 mean ...?"
_DEFINITION = re.compile(
    r"\b(?:mean|means|meant|count|counts|counted|defined|define|definition|stands? for|refers? "
    r"to|classed|classified|considered|remind me what|what is|whats) (?:as )?(?:\w+ ){0,3}?$"
)
# "is 6 moderate or severe?", "would a 7 count as severe?": the number is asked about
_IS_N_A_LEVEL = re.compile(
    r"^\W*(?:is|would|does|isnt) (?:a |an )?\d+(?: ?/ ?10| out of 10)? (?:count as |be |"
    r"considered |classed as |still )?(?:mild|moderate|severe|bad|high|serious|low)\b"
)
# "is 10 the worst or the best on your scale?": which end of the scale is which
_ENDS = r"(?:worst|best|highest|lowest|most|least|top|bottom|max\w*|min\w*|strongest|weakest)"
_SCALE_DIRECTION = re.compile(
    r"^\W*(?:is|does|so is|so) (?:a |an )?\d+(?: ?/ ?10)? (?:mean )?(?:the )?" + _ENDS + r"\b"
    r"(?: (?:pain|one|end|number))? or (?:the )?" + _ENDS + r"\b"
)
_WHAT_DOES_IT_MEAN = re.compile(
    r"^(?:what|whats) (?:does|do|is|s|would)? ?(?:\w+ ){0,6}?(?:mean|means|stand for|stands for|"
    r"refer to|count as)\b"
)
_TOPIC_BEFORE = re.compile(
    r"\b(?:for|about|against|relieve|relieving|relief|treat|treating|ease|easing|help|helps|"
    r"cure|manage|managing|prevent|preventing|with) (?:lower |low |back |nerve )?$"
)
_SIMILE = re.compile(
    r"\b(?:like|as if|as though) (?:\w+ ){0,3}$|"
    r"\b(?:feel|feels|felt) like (?:i ve |ive |i have |id |i d |i had )?(?:been )?$"
)
_FALL_VERB = re.compile(r"(?:fell|fallen|falling)\b")
_INDEFINITE = re.compile(r"\b(?:a|an|any|some|someone|somebody|people|you)\s*$")
_A_OR_AN = re.compile(r"(?:a|an|any)\b")
# hyperbole taken back: "killing me lol jk", "unbearable... only kidding"
_RETRACTED = re.compile(
    r"^(?:\W+\w+){0,6}?\W+(?<!no )(?<!not )(?<!not even )(?<!never )"
    r"(?:jk|j k|just kidding|only kidding|kidding|just joking|only joking|joking|jokes|jks|"
    r"not really|said (?:nobody|no one|noone|no body)|said no (?:one|person) ever)\b"
)
_DISTANT_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:(?:\w+ ){1,2}(?:years?|yrs|decades?) (?:ago|back|before)|as a "
    r"(?:kid|child|teen\w*|boy|girl|student)|when i was|back in|in (?:19|20)\d\d|long ago|ages "
    r"ago)\b"
)


def _sentence(doc: Doc, pos: int) -> str:
    s, e = doc.sentence_of(pos)
    return doc.text[s:e].strip()


def _is_question(sentence: str) -> bool:
    return bool(_QUESTION_START.match(sentence)) or sentence.endswith("?")


def general_question(doc: Doc, pos: int) -> bool:
    """A question about pain in general, with no "I" or "my" in it."""
    sentence = _sentence(doc, pos)
    return bool(_QUESTION_START.match(sentence)) and not _FIRST_PERSON.search(sentence)


def topic(doc: Doc, pos: int) -> bool:
    """Pain named as a topic with no "I" or "my" ("top 10 stretches for sciatica?")."""
    s, e = doc.sentence_of(pos)
    return bool(_TOPIC_BEFORE.search(doc.text, s, pos)) and not _FIRST_PERSON.search(doc.text, s, e)


def about_the_bot(doc: Doc, pos: int) -> bool:
    """Pain words as what to tell or do in the bot: "how do I log that my pain is worse?"."""
    s, _ = doc.sentence_of(pos)
    sentence = _sentence(doc, pos)
    if not (_META_START.match(sentence) and _is_question(sentence)):
        return False
    return bool(_META_VERB.search(doc.text, s, pos))


_AVERT = re.compile(
    r"\b(?:stop|stopping|prevent\w*|avoid\w*|keep|keeping) (?:it|this|that|the pain|my back|"
    r"things|myself|me)? ?(?:from )?(?:getting|going|becoming|turning|being) (?:any )?$"
)


def averted(doc: Doc, pos: int) -> bool:
    """A worse state as the thing to prevent: "I want to stop it getting worse"."""
    return bool(_AVERT.search(doc.text[max(0, pos - 60) : pos]))


def definition_question(doc: Doc, pos: int) -> bool:
    """A question about what a word or number means: "what counts as severe pain?"."""
    s, e = doc.sentence_of(pos)
    sentence = _sentence(doc, pos)
    if not _is_question(sentence):
        return False
    asks = _WHAT_DOES_IT_MEAN.match(sentence) or _SCALE_DIRECTION.match(sentence)
    if not asks and re.search(r"\b\d+\b", doc.text[e:]):
        # "is 6 moderate or severe? mine is a 6": asked, then their own number told; "is 8
        # bad? because that's where I am" tells no other number and stays a report
        asks = _IS_N_A_LEVEL.match(sentence)
    return bool(_DEFINITION.search(doc.text, s, pos)) or bool(asks and pos < s + asks.end() + 1)


def retracted(doc: Doc, end: int) -> bool:
    """The words just said are taken back as a joke ("killing me lol jk it's fine"), also
    right after the full stop when the sentence ends with them ("excruciating... said
    nobody")."""
    _, e = doc.sentence_of(end)
    if not doc.text[end:e].strip(" .!?") and e < len(doc.text):
        _, e = doc.sentence_of(min(len(doc.text) - 1, e + 1))
    return bool(_RETRACTED.search(doc.text[end:e]))


# words of pain or harm: a fall told as a joke with none of these hurt nobody
_HURT = re.compile(
    r"\b(?:pain\w*|hurt\w*|ach(?:e|es|ing|y)|sore\w*|injur\w*|agony|bruis\w*|broke\w*|"
    r"sprain\w*|bleed\w*|blood|cut|numb(?!ers\b)\w*|back|spine|sciatica|stiff\w*|killing|ouch|ow+)\b"
)


_FALL_VERB_ANY = re.compile(r"\b(?:fell|fallen|falling|tumbled|slipped|dropped)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|hers|him|they|their|them)\b")


def not_an_injury(doc: Doc, key: int, phrase: str) -> bool:
    """A fall or crash named as a figure of speech, or a thing that falls, not a person."""
    s, _ = doc.sentence_of(key)
    before = doc.text[s:key]
    if _SIMILE.search(before):
        return True  # "like I was in a car crash"
    verbs = list(_FALL_VERB_ANY.finditer(before))
    if verbs and fam.FALL_NOT_PERSON.search(before, 0, verbs[-1].start()):
        return True  # "my son's teddy fell down the stairs": a thing fell, not a person
    if (
        hyperbole().jokes.search(doc.text)
        and _THIRD_PERSON.search(doc.text)
        and not _HURT.search(doc.text)
    ):
        return True  # "our striker fell over his own feet lmao": a joke, nobody hurt
    return bool(_FALL_VERB.match(phrase)) and bool(fam.FALL_NOT_PERSON.search(before))


# an injury named somewhere other than the back: "broke her arm falling off the trampoline"
_LIMB = (
    r"(?:arm|wrist|ankle|finger|thumb|toe|nose|collarbone|elbow|hand|foot|knee|shoulder|chin|"
    r"tooth|teeth|lip|leg|shin|hip|femur|kneecap|ribs?|jaw|cheekbone)s?"
)
_INJURY_ELSEWHERE = re.compile(
    r"\b(?:broke|broken|breaking|fractured?|sprain\w*|twisted|cut|bruised|grazed|hurt|injured|"
    r"banged|bumped|dislocated|chipped|skinned|scraped) (?:\w+ )?"
    r"(?:(?:her|his|their|my|the|a|both) )?"
    + _LIMB
    + r"\b|\b"
    + _LIMB
    + r" (?:is |was |in |got )?(?:broken|fractured|sprained|in a cast|in plaster|in a sling)"
)
# their back, spine or head ("my back is feeling it" is the writer's own, told apart)
_BACK_OR_SPINE = re.compile(
    r"\b(?<!my )(?<!my own )(?<!me )(?<!my usual )(?<!my old )(?<!my normal )(?<!my lower )"
    r"(?<!my bad )(?:back|backs|spine|spinal|tailbone|coccyx|neck|bum|butt|"
    r"bottom|pelvis|head|sciatica|lower body|legs? (?:went|gone|numb|weak))\b(?! (?:home|in|to|"
    r"out|up|at|from)\b)(?!s? (?:is |s )?(?:totally |completely |absolutely )?(?:fine|ok|okay|"
    r"alright|good|unhurt))|\bhips? (?:and|or|&) (?:\w+ )?(?:back|spine)\b"
)


def injury_elsewhere(doc: Doc) -> bool:
    """Someone's fall told by an injury away from the back ("my kid broke her arm falling
    off the trampoline"), and nothing said about a back, spine, hip or head."""
    return bool(_INJURY_ELSEWHERE.search(doc.text)) and not _BACK_OR_SPINE.search(doc.text)


_NEWS = re.compile(
    r"\b(?:saw|seen|read|heard|watched) (?:\w+ ){0,2}?(?:in|on|about) (?:the |a |some )?(?:paper|"
    r"papers|news|telly|tv|radio|internet|online|facebook|tiktok|instagram|youtube|forum|reddit|"
    r"article|documentary|podcast|programme|program|show)\b"
)


_ABOUT_LIST = re.compile(
    r"\b(?:your|the|a|this|that) (?:\w+ )?(?:list|checklist|warning signs?|signs|red flags?|"
    r"info sheet|leaflet|poster)\b|\blisted\b|\bintro (?:msg|message)\b"
)


def about_the_list(doc: Doc, start: int) -> bool:
    """A question about the warning signs themselves, not a report: "why is fever on your
    list of warning signs?", "what does the 'saddle area' on your list mean?"."""
    return general_question(doc, start) and bool(_ABOUT_LIST.search(doc.text))


def news_story(doc: Doc, start: int) -> bool:
    """A red flag in a story from the news: "saw in the paper a bloke lost control of his
    bladder" is about nobody the writer knows; or a case a clinician saw at work: "we had a
    patient in today with cauda equina" (already in care)."""
    s, _ = doc.sentence_of(start)
    return bool(_NEWS.search(doc.text, s, start) or _CASE_AT_WORK.search(doc.text, s, start))


_CASE_AT_WORK = re.compile(
    r"\b(?:we|i|weve|ive) (?:had|saw|seen|treated|admitted|got|sent off) "
    r"(?:a |an |one |this |another )?(?:patient|client|resident|pt|gentleman|lady|chap|fella) "
    r"(?:\w+ ){0,3}?(?:in|on the ward|at work|on shift|today|yesterday|last night)\b"
)


# a general question asks whether a symptom is a sign: "... a drop-everything sign?" ("is
# numbness in the groin serious?" may be about oneself: it stays a red flag, fail safe)
_ASKS_IF_SIGN = re.compile(
    r"\b(?:a|an|the|one of the|one of those)(?: \w+){0,2}? (?:signs?|red flags?|warning signs?|"
    r"emergency|emergencies|symptoms?)\b"
)


def generic_question(doc: Doc, start: int) -> bool:
    """A red flag in a question about people in general: "is pain after a fall serious?",
    "is going numb around the bum a drop-everything sign?"."""
    s, e = doc.sentence_of(start)
    indefinite = _INDEFINITE.search(doc.text, s, start) or _A_OR_AN.match(doc.text, start)
    asks_if_sign = _ASKS_IF_SIGN.search(doc.text, start, e)
    return general_question(doc, start) and bool(indefinite or asks_if_sign)


def long_ago(doc: Doc, end: int) -> bool:
    """An event dated long ago right after it is named: "a car accident 20 years ago"."""
    i, _, e = doc.clause_of(end)
    if _DISTANT_AFTER.search(doc.text[end:e]):
        return True
    # a date on its own after a comma: "numb in the groin after the epidural, 10 year ago"
    _, sentence_end = doc.sentence_of(end)
    if i + 1 < len(doc.clauses) and doc.clauses[i + 1][0] < sentence_end:
        s2, e2 = doc.clauses[i + 1]
        nxt = doc.text[s2:e2]
        return len(nxt.split()) <= 5 and bool(_DATE_ONLY.search(nxt))
    return False


_DATE_ONLY = re.compile(
    r"^\W*(?:\w+ ){0,2}?(?:(?:\d+|many|several|a few|some) years? ago|(?:back )?in (?:19|20)\d\d|"
    r"decades? ago|ages ago|long ago)\b"
)


def explained_weight_loss(doc: Doc, pos: int) -> bool:
    """Weight loss from dieting or training is not a red flag ("not dieting" does not explain).
    The reason is read in the sentence of the loss at `pos` and the one after it: "lost 8 kg,
    nobody knows why. We want to do gentle stretches" is not explained by "want to"."""
    s, e = doc.sentence_of(pos)
    if e < len(doc.text):
        e = doc.sentence_of(min(len(doc.text) - 1, e + 1))[1]
    return any(
        not doc.negated(m.start(), m.end())
        for m in lex.WEIGHT_LOSS_EXPLAINED.finditer(doc.text, s, e)
    )


def cancer_without_night_pain(doc: Doc) -> bool:
    """A history of cancer, and the person says the pain is not at night or at rest."""
    denials = [m.span() for m in fam.NIGHT_PAIN_DENIED.finditer(doc.text)]
    if not denials:
        return False
    return not any(
        not any(a <= m.start() < b for a, b in denials) and not doc.negated(m.start(), m.end())
        for m in fam.NIGHT_PAIN.finditer(doc.text)
    )


_FEVER = [re.compile(p) for name, p in lex.RED_FLAGS if name == "fever"] + [
    p for name, p in red_flag_phrases() if name == "fever"
]


def fever_explained(doc: Doc, no_back_pain: bool) -> bool:
    """A fever with a cold or the flu, and the back is fine or the fever is over."""
    illness = [m for m in fam.ILLNESS.finditer(doc.text) if not doc.negated(m.start(), m.end())]
    if not illness:
        return False
    if no_back_pain:
        return True
    fevers = [m for p in _FEVER for m in p.finditer(doc.text)]
    return all(doc.time(m.start()) != "current" and _over_after(doc, m.end()) for m in fevers)


def _over_after(doc: Doc, pos: int) -> bool:
    """Words after `pos` say it is over - not words about others ("the grandchildren were
    poorly, they're fine now")."""
    return any(
        not fam.THEY_ARE.match(m.group(0))
        and not fam.THEY_ARE.search(doc.text, max(0, m.start() - 10), m.start())
        for m in resolved_from(doc, pos)
    )


# a clinician looked and cleared it: "went to A&E, they did a scan ... given me the all clear"
_CHECKED = re.compile(
    # not when refused: "she won't go to the GP", "never saw a doctor"
    r"(?<!wont go to the )(?<!wont see the )(?<!wont see a )(?<!refuses to see a )"
    r"(?<!refuses to see the )(?<!wont go to )(?<!refuses to go to the )(?<!not seen a )"
    r"(?<!never saw a )(?<!never seen a )(?<!not been to the )(?<!wont call the )"
    r"(?<!not go to )(?<!didnt go to )(?<!didnt go to the )(?<!not go to the )(?<!didnt see a )"
    r"(?<!didnt see the )(?<!havent seen a )(?<!havent been to the )"
    r"\b(?:a ?& ?e|a and e|er|emergency|hospital|gp|doctor|doc|dr|consultant|surgeon|neuro\w*|"
    r"investigated|tests|bloods|"
    r"physio|urgent care|walk in|scan|mri|ct|x ?ray|checked (?:her|him|them) (?:over|out)|"
    r"(?:get|got|getting|been) (?:her |him |them )?checked(?: out| over)?|"
    r"(?:nurses?|staff|paramedics?) (?:\w+ )?(?:checked|looked at|saw|examined))\b"
)
_CLEARED = re.compile(
    r"\b(?:all clear|cleared (?:me|him|her)|ruled (?:it |that )?out|nothing (?:serious|sinister|"
    r"pressing|wrong|to worry about|urgent)|(?:scan|mri|tests?|results?|x ?rays?) (?:was |were |"
    r"came "
    r"back )?"
    r"(?:clear|fine|normal|ok|okay)|(?:feeling|sensation) (?:came|has come|is) back|"
    r"back to normal|turned out to be|(?:has |have )?been sorted|(?:it|that) was (?:only|just)|"
    r"(?:says?|said) (?:my |it |its |it s |im |i m |that )?(?:\w+ )?(?:is |s )?"
    r"(?:fine|ok|okay|normal|nothing)|no injur(?:y|ies)|nothing broken|sent (?:him|her|them) "
    r"(?:back|home)|(?:hes|shes|theyre) (?:back|home) (?:in|on|at|watching|to|now)|not hurt|"
    r"unhurt)\b"
)


def checked_and_cleared(doc: Doc) -> bool:
    """The person says a clinician checked them and found nothing urgent, or it is over."""
    return bool(_CHECKED.search(doc.text)) and bool(_CLEARED.search(doc.text))
