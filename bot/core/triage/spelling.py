"""Spelling for pain triage: texting shorthand, dropped g's and common misspellings.

`respell` runs inside `triage_context.normalise`, on lower-case text without apostrophes,
so the word patterns only need to know each word once: "thru" -> "through", "rly" ->
"really", "hurtin" -> "hurting", "excrutiating" -> "excruciating", "numbess" -> "numbness".

Misspellings are fixed by edit distance to a short list of the words that matter for
safety and severity (one edit for words of up to 8 letters, two for longer ones; the first
letter must match). Real English words that are that close to one of them ("fewer",
"bowls", "sedation") are listed so they are never "corrected"; the list was made from the
Debian British and American word lists. Pure text processing; no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

# texting shorthand and idioms, replaced before anything else reads the text
SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\ba ?& ?e\b", "a&e"),
        (r"(?<!\ba)&(?!e\b)", " and "),
        (r"\bw/o\b", "without"),
        (r"\bw/", "with "),
        (r"\bb/c\b|\bbc\b|\bcuz\b|\bcoz\b|\bbecuase\b|\bbcoz\b|\bbcz\b", "because"),
        (r"\bidk\b|\bdunno\b|\bidek\b", "dont know"),
        (r"\b(?:rn|atm)\b", "right now"),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
        (r"\bcan not\b", "cannot"),
        (r"\bout ?ta\b|\boutof\b|\bouta\b", "out of"),
        (r"\bthru\b|\bthrough out\b", "through"),
        (r"\b(?:rly|realy|rlly|reely|relly)\b", "really"),
        (r"\bv\b(?= (?:bad|painful|sore|stiff|strong|severe|much|weak|numb|tight|achy))", "very"),
        (r"\b(?:2day|tday|tdy|todya|tody)\b", "today"),
        (r"\b(?:2nite|2night|tonite|tonigt)\b", "tonight"),
        (r"\b(?:tmrw|tmr|tmrow|tomoz|2moro|2morrow)\b", "tomorrow"),
        (r"\b(?:yday|yest|yesturday|yesterdy|yestarday|ystrday)\b", "yesterday"),
        (r"\b(?:lst|las) (night|week)\b", r"last \1"),
        (r"\b(?:b4|bfore)\b", "before"),
        (r"\bcudnt\b|\bcouldn\b|\bcouldnot\b", "couldnt"),
        (r"\bcnt\b|\bcan t\b|\bcnat\b|\bcna t\b", "cant"),
        (r"\bate (?=out of (?:ten|10)\b)", "8 "),
        (r"\bmeself\b", "myself"),
        (r"\b(?:wlak|wlk|wakl|wak)\b", "walk"),
        (r"\bnite\b", "night"),
        (r"\bdown their\b(?= (?:since|for|and|now|again|today)\b|\W*$)", "down there"),
        (r"\b(\d{1,2}) from (?:10|ten)\b", r"\1 out of 10"),
        (
            r"\bscale of (?:1|one|0|zero) ?(?:to|-) ?(?:10|ten)\W+(?:(?:its|it s|i am|im|id say|"
            r"about|a|an|like|honestly|literally|fkn|fking|fucking|effing|bloody|freaking) )*"
            r"(\d{1,3})\b",
            r"pain is \1",
        ),
        (
            r"\bme (?=(?:back|legs?|bum|hips?|sciatica|pain|feet|foot|hand|bladder|waterworks)\b)",
            "my ",
        ),
        (r"\bnae\b", "no"),
        # the Irish English perfect: "she's after falling", "me legs are after going"
        (r"\b(im|i am|is|are|was|were|hes|shes|theyre|s|m)\s+after\s+(?=[a-z]+ing\b)", r"\1 just "),
        (r"\bzero (?=(?:pain|numbness|bother|problems?|issues?|tingling|weakness)\b)", "no "),
        (r"\bi meant (\d{1,2}) not \d{1,2}\b", r"pain is \1"),
        (r"\bdnt\b|\bdon t\b", "dont"),
        (r"\b(?:havnt|hvnt|haven)\b(?= (?:been|had|peed|slept|felt))", "havent"),
        (r"\b(?:wen|wn)\b", "when"),
        (r"\b(?:lil|lttle|litle)\b", "little"),
        (r"\b(?:bk)\b", "back"),
        (r"\b(?:pls|plz|plez)\b", "please"),
        (r"\b(?:bcos|cos)\b(?= (?:of|i|my|its|the|it))", "because"),
        # "cannot able to", "can not able to" (Indian English): unable to
        (r"\b(?:cannot|cant|couldnt) able to\b", "not able to"),
        # dropped g: "hurtin", "achin", "killin", "peein"
        (
            r"\b(hurt|ach|kill|throbb|tingl|pee|wee|piss|shak|walk|sleep|limp|cry|scream|"
            r"struggl|lift|stand|sitt|mov|feel|bend|sweat|shiver|burn|shoot|stabb|leak|"
            r"los|gett|numb|spread|wak|hang|ly|rest|fall|slipp|trip)in\b",
            r"\1ing",
        ),
        (r"\bkillin me\b", "killing me"),
        # emphasis and slang: "no cap" is not a negation, "real bad" is "really bad"
        (
            r"\b(?:no cap|deadass|fr fr|ong|no lie|no word of a lie|not gonna lie|no exaggeration|"
            r"not even joking|not joking|hand on heart)\b",
            "honestly",
        ),
        (r"\bfor the life of me\b", "even"),
        (r"\breal (?=bad|painful|sore|stiff|weak|numb|tight)", "really "),
        (r"\bt ?-? ?boned\b|\bside ?swiped\b", "crash"),
    )
)


# pain words from other languages mixed into English (Hindi/Urdu, Polish, Portuguese,
# Spanish, French), turned into the English word so the same families read them; the
# negations come first ("koi dard nahi" is "no pain", "nie boli" is "doesnt hurt")
FOREIGN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\b(?:koi )?(?:dard|dukh) (?:nahi|nahin|nai)\b", "no pain"),
        (r"\b(?:muita|muito|mucho|bahut|bohot) (?=dor|dard|dolor)", "a lot of "),
        (r"\bnie (?:boli|bolą|bola)\b", "doesnt hurt"),
        (r"\b(?:sem|sin) (?:dor|dores|dolor)\b|\bpas de douleurs?\b", "no pain"),
        (
            r"\b(?:dard|dukh|dukhta|dukhti|dukhe|ból|bol|bólu|bolu|dor|dores|dolor|douleurs?)\b",
            "pain",
        ),
        (r"\b(?:bahut|bohot|bardzo|muito|muy|très|tres)\b", "very"),
        (r"\b(?:thoda|thora|thodi|trochę|troche|pouco|poco|un peu)\b", "a little"),
        (r"\b(?:j ?ai )?mal (?:au|aux|a la|à la) (?:dos|reins)\b", "back pain"),
        (r"\b(?:j ?ai|i have) (a little |very )?mal\b", r"it hurts \1"),
        (r"\b(?:boli|bolą|bola|bolało|bolalo|dói|doi|duele)\b", "hurts"),
        (r"\b(?:forte|fuerte|silny|silne|mocno)\b", "strong"),
        (r"\b(?:leve|lekki|lekko|léger|legere|leger)\b", "mild"),
        (r"\b(?:costas|plecy|plecami|espalda|kamar|peeth)\b", "back"),
        (r"(?<=\d) (?:sur|de|na|z|em|en) (?=10\b)", " out of "),
        # Scots and northern English
        (
            r"\bcannae\b|\bcanna\b|\bcanny\b(?= (?:even |move|walk|stand|sit|feel|bend|get|sleep))",
            "cant",
        ),
        (r"\bdinnae\b|\bdinna\b", "dont"),
        (r"\boot o\b|\boot of\b", "out of"),
        (r"\bma\b(?= (?:back|legs?|bum|feet|foot|hip|sciatica|spine|pain|socks|shoes))", "my"),
        (
            r"\bme\b(?= (?:back|legs?|bum|feet|foot|hip|sciatica|spine|mam|mum|ma|da|dad|nan|"
            r"husband|wife|fella|missus|son|daughter|brother|sister|auld|old))",
            "my",
        ),
        (r"\bmurderin\b", "murdering"),
        (r"\bthe day\b(?=[ ,.!?]|$)", "today"),
        (r"\b(?:numm|nubm|numbb)\b", "numb"),
        (r"\bpins? (?:n|and|&) needles?\b", "pins and needles"),
        (r"\bkant\b|\bcyaan\b|\bcaan\b", "cant"),
        (r"\bwata\b", "water"),
        (r"\bhol\b", "hold"),
        (r"\bbahookies?\b|\bbum ?bum\b|\bhiney\b", "bum"),
        (r"\bmaself\b|\bmasel\b|\bmeself\b", "myself"),
        (r"\ba (?=cannae|cant|canny|dinnae|wis|wasnae|couldnae)", "i "),
        (r"\bmasakit\b", "painful"),
        (r"\blikod\b", "back"),
        (r"\bwurst\b", "worst"),
        (r"\bbalakang\b", "lower back"),
        (r"\b(?:the |using the )?cr\b", "the toilet"),
        (r"\b(?:parang )?wala (?:akong|ako) (?:maramdaman|nararamdaman)\b", "cant feel anything"),
        (r"\bpwet\b", "bum"),
        (r"\bback passes\b", "back passage"),
        (r"\bbeine\b", "legs"),
        (r"\bbein\b", "leg"),
        (r"\br(?:ü|u|ue)cken\b", "back"),
        (r"\b(?:coccige|coccice|coxis|bum bone|tail bone)\b", "tailbone"),
        (r"\bwegeb\b|\bkoshi\b", "lower back"),
        (r"\bgreeting? (?=wi |with )", "crying "),
        (r"\bmanhid\b", "numb"),
        (r"\bbandscheibe\b", "disc"),
        (r"\bnothin\b", "nothing"),
        (r"\baff\b", "off"),
        (r"\b(i|he|she) not (?=feel|feeling)", r"\1 cant "),
        (r"\bwillnae\b|\bwullnae\b|\bwilnae\b", "will not"),
        (r"\bdisnae\b|\bdoesnae\b", "does not"),
        (r"\bcouldnae\b|\bcouldna\b", "couldnt"),
        (r"\bspend(?:ing)? a penny\b", "pee"),
        (r"\b(?:the )?(?:wean|bairn)\b", "my child"),
        (r"\bfoot dem\b|\bfoots\b", "feet"),
        (r"\b(?:dem|them) both a get\b", "both are getting"),
        (r"\ba get\b", "are getting"),
        (r"\bmi (?=lose|lost|cyaan|cant|can|nuh|no|feel|have|get|got|wake|did|just)", "i "),
        (r"\bnuh know\b|\bno know\b", "dont know"),
        (r"\bnuff\b", "a lot of"),
        (r"\bmuch weight\b", "a lot of weight"),
        # Nigerian Pidgin and Jamaican patois
        (r"\bno fit\b|\bno go fit\b|\bcyaan\b|\bkyaan\b|\bcaan\b", "cant"),
        (r"\bwaka\b", "walk"),
        (r"\bno get\b", "have no"),
        (r"\bdon lean\b", "has lost weight"),
        (r"\bno dey\b", "is not"),
        (r"\bbel\b(?= (?:\d|pain|agr|hurt|is|fit))", "lower back"),
        (r"\b(dropp|los|loos|shedd|tryin(?=g)|eat)in\b", r"\1ing"),
        (
            r"\b(?:dey|de) pain (?:me|am|him|her) (?:die|well well|bad bad|too much)\b",
            "is killing me",
        ),
        (r"\bkill mi\b", "killing me"),
        # more body words: "yansh" (Pidgin), "puwet" (Tagalog) for the bottom; children's and
        # other languages' words for pee; Tagalog "namamanhid" (going numb), "nanghihina"
        # (going weak) and "X ko" (my X)
        (r"\b(?:yansh|nyansh|nyash|puwet|puwit)\b", "bum"),
        (r"\b(?:wiwi|weewee|wee wee|pipi|xixi|susu|shu ?shu)\b", "pee"),
        (r"\b(?:namamanhid|nangangalay|namanhid)\b", "numb"),
        (r"\b(?:nanghihina|mahina)\b", "weak"),
        (r"\b(?:yung |ang )?(legs?|foot|feet|back|likod|paa|bum|bladder|balakang) ko\b", r"my \1"),
        (r"\bpaa\b", "legs"),
        # European words for numb, the bottom, the back and sciatica
        (
            r"\b(?:taub|amortit|amortie|amorti|amortecido|dormido|dormida|intorpidito|dormente)\b",
            "numb",
        ),
        (r"\b(?:culo|fesses|bunda|sedere|hintern)\b|\bpo\b(?= (?:is|ist|feels|numb|taub))", "bum"),
        (r"\b(?:kreuz|schiena|espalda|costas|dos)\b(?= (?:hurts|is|pain|ache|\d))", "back"),
        (r"\b(?:ischias|ciatica|sciatique|sciatalgia|ischialgie|ciática)\b", "sciatica"),
        (r"\bsciaticas\b", "sciatica"),
        (r"\bfell\W{1,5}asleep\b", "fell asleep"),
        # voice-to-text and typing slips: "my sat all area", "back is kill in me"
        (r"\bsat ?all (?=area|region|numb)|\bsad ?dle\b|\bsaddel\b", "saddle "),
        (r"\bkill in me\b|\bkillin g me\b", "killing me"),
        (r"\b(?:dosnt|dosent|doesent|doesnt|dose not)\b", "doesnt"),
        (r"\bremision\b|\bremmission\b", "remission"),
        # a spinal level is no score: "L4/5", "L5/S1", "C5/6"
        (r"\b([lcts])(\d{1,2}) ?/ ?([lcts]?\d{1,2})\b", r"\1\2-\3"),
        (r"\bsunn\b", "numb"),
        (r"\b(?:go|goes|went|going|gone) for a slash\b|\bhave a slash\b|\bhad a slash\b", "pee"),
        (r"\bchân\b", "leg"),
        (r"\bt(?:ê|e) (?:tê )?(?=from|since|for|and|,)", "numb "),
        # an anniversary is the past: "one year ago today I was lying on the floor"
        (r"\b(ago|back) today\b", r"\1"),
        # a score taken back: "3, no actually more like 8", "5... wait, make that 7"
        (
            r"\b\d{1,2}\W{0,4} ?(?:no|nah|wait|sorry|ok|hmm)\W* "
            r"(?:actually |honestly |really |wait |ok )?(?:more like|closer to|nearer|"
            r"make (?:that|it)|say|its|it s|more) (?:a |an )?(\d{1,2})\b",
            r"pain is \1",
        ),
        (
            r"\bmi\b(?= (?:back|leg|legs|foot|feet|waist|water|wata|bladder|belly|batty|bottom))",
            "my",
        ),
    )
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


VOCABULARY = _words(
    """
    unbearable unbearably excruciating excruciatingly agonising agonizing intolerable
    unbelievable horrendous horrible terrible dreadful debilitating crippling incapacitating
    bedridden screaming painful painkillers killing severe severely extreme extremely intense
    unmanageable numbness tingling weakness sensation genitals buttocks perineum privates
    testicles anaesthesia anesthesia bladder bowels incontinence incontinent urinate urinating
    urinary retention peeing accident motorbike motorcycle fever feverish temperature
    shivering chemotherapy lymphoma leukaemia leukemia oncologist osteoporosis spreading
    worsening sciatica throbbing stabbing moderate manageable tolerable discomfort
    uncomfortable yesterday walking standing sleeping breathing
    """
)
# real words close to a vocabulary word: never changed
REAL_WORDS = _words(
    """
    accidents agonisingly agonizingly anaesthesias anaesthetic anesthesias anesthetic badder
    bathing beaching beating berating berthing bestridden bladders blander bleaching
    bleating bowel bowell bowells bowens bowers bowls breaching breading breaking breasting
    breathier breathings broaching buttock chemotherapys chipping clipping crapping crimping
    crinkling crisping cropping crumpling debilitation debilitations discomfit discomforted
    discomforts extremer extremes extremest extremity fevers fewer fiver genital genitalss
    horrendously horribly incense incontinences inoperable intenser intolerably intolerance
    killings kilning kipling leukaemias leukemias lymphomas moderated moderates motorbiked
    motorbikes motorcycled motorcycles motorise motorize numbnesss oncologys osteoporosiss
    pailful painkiller peeking peeling peeping peering peeving peking pieing primates
    private privater privatest reception rejection retentions retentive sanding scabbing
    scheming sciatic sciaticas scramming scraping screening screwing seaming sedation
    seeping sensational sensations serenading severed severer severing severn sheering
    shimmering shirring shoveling showering shredding shriveling silvering slabbing
    slavering sleeking sleeting slivering sniveling spading speaking spearing speeding
    spending spraying spreeing stabbings stabling standings steaming steeping stranding
    streaking streaming stubbing swabbing sweeping swiveling tangling temperate temperatures
    tentacles terribly testicle testifies textiles thronging throwing tingeing tinging
    tinglings tinkling tolerably tolerance tolerate unbeatable unbelievably unbreakable
    uncomfortably unreadable urinated urinates urination urinations waking waling walling
    wanking weaknesss worsting yesterdays
    """
)
_TOKEN = re.compile(r"\b[a-z]{5,}\b")


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), stopping above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str:
    """The vocabulary word a misspelt word stands for, or the word itself."""
    if word in VOCABULARY or word in REAL_WORDS or len(word) < 5:
        return word
    best: list[tuple[int, str]] = []
    for known in VOCABULARY:
        limit = 1 if len(known) <= 8 else 2
        if known[0] == word[0]:
            d = _distance(word, known, limit)
            if d <= limit:
                best.append((d, known))
    if not best:
        return word
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return word  # two words equally close: leave it
    return best[0][1]


def respell(text: str) -> str:
    """Shorthand expanded and misspelt key words corrected, in normalised text."""
    for pattern, repl in FOREIGN + SHORTHAND:
        text = pattern.sub(repl, text)
    return _TOKEN.sub(lambda m: correct_word(m.group(0)), text)
