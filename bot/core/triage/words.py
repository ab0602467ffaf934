"""Word patterns for pain triage: how strong the pain is, in the words people use.

Patterns run on text already normalised by `triage_context.normalise` (lower case, no
apostrophes, shorthand expanded, key words respelt). Each entry is a family of synonyms
and word forms, not a list of example messages. Only data here: no logic.
"""

from __future__ import annotations

from bot.core.triage.lexicon import CANT

# the whole message is one strength word, with at most a softener or a time:
# "terrible", "pretty horrendous tbh", "bad today" (no pain noun is needed then)
_ANSWER_PAD = (
    r"(?:its|it is|pretty|really|very|just|so|absolutely|honestly|quite|bit|a bit|kinda|fairly|"
    r"bloody|fucking|fkn|tbh|ngl|today|tonight|right now|still|again|mate|lol|now|this morning)"
)


_HEAD = r"^\W*(?:" + _ANSWER_PAD + r" )*(?P<k>"
_TAIL = r")(?: " + _ANSWER_PAD + r")*\W*$"
SEVERE_ANSWER = (
    _HEAD + r"horrendous|horrific|terrible|awful|horrible|dreadful|atrocious|brutal|insane|"
    r"extreme|intense|savage|vicious|hell|hellish|agonising|agonizing|severe" + _TAIL
)
MODERATE_ANSWER = _HEAD + r"bad|rough|not good|not great|crap|rubbish|poor|shit|shite" + _TAIL

# --- severity words: (level, label, pattern) --------------------------------------------

SEVERE_WORDS: tuple[tuple[str, str], ...] = (
    ("terrible (answer)", SEVERE_ANSWER),
    ("unbearable", r"\bun-?b[ea]{1,2}re?[aei]?b(?:le|el|l)\b|\bunbearabl\w*|\bunberable\b"),
    (
        "excruciating",
        r"\bex[ck]?[rc][a-z]{3,9}ting(?:ly)?\b(?<!excavating)(?<!excreting)|\bexcruc\w*",
    ),
    ("agony", r"\bagon(?:y|ies|i[sz]ing\w*|i[sz]ed)\b"),
    (
        "worse than childbirth",
        r"\b(?:worse|more painful|hurts more|harder) than (?:\w+ ){0,3}?(?:childbirth|labou?rs?|"
        r"giving birth|births?|kidney stones?|(?:a |my )?broken (?:leg|arm|bone)|being stabbed|"
        r"(?:any|either|both|all) of (?:them|my (?:births|labours|kids|children|deliveries)))\b|"
        r"\b(?:kidney stones?|childbirth|labou?rs?|giving birth)(?:\W+\w+){0,8}?\W+(?:beats|tops|"
        r"trumps) "
        r"(?:both|all|either|any|them)\b|"
        r"\b(?:kids|children|babies|labou?rs?|births?) (?:\w+ ){0,4}?(?:without|no) (?:an? )?"
        r"(?:epidural|pain relief|drugs|gas and air)\b(?:\W+\w+){0,8}?\W+(?:worse|more painful|"
        r"hurts more)\b",
    ),
    (
        "worst pain",
        r"(?<!over the )(?<!past the )\bworst (?:\w+ ){0,2}?(?:pain|ever|of my life|ive had|"
        r"i have had|i have ever|"
        r"its (?:ever )?been|it has (?:ever )?been|day|night|flare|in (?:years|ages|my life)|"
        r"i can remember|yet)",
    ),
    (
        "never this bad",
        r"\b(?:level|pain|anything|kind)(?: \w+){0,2}? (?:i|ive|i have) (?:have )?never "
        r"(?:experienced|felt|had|known)|"
        r"\bnever (?:had|felt|been in|been|experienced|known) (?:\w+ )?"
        r"(?:pain|anything"
        r")? ?(?:like (?:this|it|the last)|this bad|so bad|this much|such pain|so much pain)"
        # "never felt anything like this stretch, so much better": relief, not pain
        r"(?!(?:\W+\w+){0,8}?\W+(?:better|relief|good|great|amazing|brilliant|lovely|helped|"
        r"helps|works?|massage|stretch\w*|physio))",
    ),
    (
        "cannot function",
        r"\b" + CANT + r" (?:even |really |properly )?(?:walk(?! (?:the |my |our |his |her |"
        r"their )(?:\w+ )?(?:dogs?|pupp(?:y|ies)|kids?|children|baby|son|daughter|grandkids|"
        r"horse|pony)\b)|"
        r"wal|stand|"
        r"sit(?!(?: \w+){0,4} (?:long|for long|too long|long time|more than|for more than|for "
        r"hours)\b)|sleep|move(?! from (?:the |my )?(?:desk|computer|screen|laptop|books))"
        r"(?! out\b(?! of)| house| "
        r"home| flat| abroad| away)|get up|"
        r"get (?:up )?(?:off|up from|out of) (?:the |my |his |her |their )?(?:\w+ )?"
        r"(?:floor|couch|sofa|settee|bed|chair|armchair|recliner|toilet|car|bath)|"
        r"put (?:my |the |his |her |any )?(?:weight|foot|feet|leg) (?:on|down|to) "
        r"(?:the "
        r"(?:ground|floor)|it)|turn (?:over )?in (?:the |my |his |her )?bed|"
        r"get from (?:the |my |his |her )?\w+ (?:to|into|onto) (?:the |my |his |her )?"
        r"\w+|get (?:across|to) the (?:room|toilet|loo|bathroom|kitchen|door)|"
        r"function|work|drive|turn over|roll over|lie down|"
        r"lay down|get comfortable|do anything|put (?:my )?(?:socks|shoes) on|put on my \w+|"
        r"tie (?:my )?\w+|bend|straighten up|"
        r"stand up|sit down|stand straight|get dressed|breathe|think|concentrate|focus|cope|"
        r"take (?:it|this|the pain|much more)|handle (?:it|this|the pain)|bear (?:it|this|the "
        r"pain)|stand (?:it|this|the pain))\b(?! still| wait)",
    ),
    (
        "pain stops me",
        r"\b(?:pain|it|back|sciatica) (?:\w+ )?(?:keeps|kept|stops|stopping|stopped"
        r"|wakes|woke|waking|won ?t let) me (?:up|from|awake|sleeping|walking|moving|move|walk|"
        r"stand|sit|sleep|bend|get up|dead|in my "
        r"tracks|"
        r"cold)|\b(?:can|could) only (?:shuffle|hobble|crawl|limp)\b",
    ),
    ("screaming", r"\b(?:scream\w*|crying|cried|cry|in tears|tears|sobb\w*|howl\w*|yell\w*)\b"),
    (
        "crippling",
        r"\bcrippl\w*|\bdebilitat\w*|\bdebilating\b|\bincapacitat\w*|\bbed ?ridden\b|"
        r"\bbed ?bound\b|\bstuck (?:in|on) (?:the |my )?(?:bed|floor|toilet|ground)\b|\bstuck "
        r"(?:lying|sitting)\b|\bparaly[sz]ed (?:by|with) (?:the )?pain",
    ),
    (
        "killing me",
        r"\b(?:killing|kills|killin|murdering|destroying|wrecking) (?:me|mr|ne|mee|m)\b|\b(?:back|"
        r"backs|spine|it|its|sciatica)(?: is| s| has| feels| been)? (?:\w+ )?(?:stuffed|rooted|"
        r"cactus|buggered|banjaxed|bolloxed|munted|in bits)\b|\bgiving me (?:hell|murder|gyp big "
        r"time)\b|\b(?:wrecked|destroyed|"
        # "just knackered", "I'm wrecked" say tired, not pain
        r"fucked|(?<!just )(?<!so )(?<!im )(?<!am )(?<!feeling )(?<!feel )(?<!totally )"
        r"(?<!absolutely )(?<!completely )(?<!bit )(?<!proper )(?<!well )knackered|shot to pieces|"
        r"in pieces)\b|\b(?:im|am) "
        r"dying\b(?! to)|\bdying (?:of|from|with|in) (?:the )?pain",
    ),
    (
        "intolerable",
        r"\b(?:intolerable|unmanageable|unbelievable pain|torture|torturous|hellish|"
        r"(?<!moderate or )(?<!mild or )(?<!moderate and )severe\w*(?! or (?:not|moderate|mild))|"
        r"strong pain|pain (?:is )?(?:very |so |really )?strong)\b",
    ),
    (
        "terrible",
        r"\b(?:pain\w*|ache|aches|aching|back|backs|sciatica|leg|hip|it|its|spine|nerve|today|"
        r"hurts?|hurting)(?: is| s| feels| has been| been| was| are)? (?:\w+ )?"
        r"(?P<k>insane|unreal|horrendous|horrific|atrocious|brutal|extreme|intense|terrible|"
        r"horrible|awful|dreadful|god awful|savage|vicious|excessive)\b|\b(?:pain\w*|ache|aches|"
        r"aching|back|backs|sciatica|hurts?|hurting)(?: is| s| feels| has been| been| was| are)? "
        r"(?:\w+ )?(?P<j>unbelievable|indescribable|immense|tremendous|crazy|ridiculous|mental)\b"
        r"(?! (?:how|that|busy|good|better|well))|\b(?:insane|unreal|indescribable|immense|"
        r"horrendous|horrific|atrocious|brutal|extreme|intense|terrible|horrible|awful|dreadful|"
        r"savage|vicious|excessive)(?:ly)? (?:\w+ )?(?:pain\w*|ache|aching|sciatica|back ?ache|"
        r"cramps?|spasms?|hurts?|sore)\b",
    ),
    (
        "off the scale",
        r"\b(?:through the roof|off the (?:charts?|scale)|beyond (?:belief|words)|"
        r"too much to bear|more than (?:i|he|she) can (?:carry|bear|take|handle|stand)|"
        r"so (?:hard|bad|badly|much) (?:that )?(?:i|he|she) (?:go|went|nearly|almost)? ?(?:dizzy|"
        r"passed out|pass out|see stars|saw stars|threw up|throw up|vomit\w*)|"
        r"(?:go|went|going) dizzy (?:with|from) (?:the )?pain|like hell|"
        r"from hell|(?<!drove )(?<!drives )(?<!driving )(?<!ran )(?<!running )(?<!work )"
        r"(?<!working )(?<!busy )like crazy|like mad|like a (?:bitch|mf)|like fuck|"
        r"like anything|like nothing else|like the devil|like a mother\w*|like the (?:dickens|"
        r"blazes|clappers)|like blazes|like heck|like billy ?o)",
    ),
    (
        "very strong",
        r"\b(?:so|very|really|super|incredibly|extremely|crazy|seriously) (?:\w+ )?"
        r"(?:painful|bad|sore)\b|\bhurts? (?:so|too|very|really) (?:much|bad|badly)\b|\bhurts? like"
        r" (?:hell|crazy|mad)\b|\bso much pain\b|\bpain (?:is )?so (?:bad|strong)\b|\bhurts? like"
        r" (?:hell|crazy|mad)\b|\bhurts? (?:a )?(?:ton|loads)\b|\bpain is (?:so )?bad\b|"
        r"\b(?:pain\w*|it|hurts?|hurting)(?: is| s)? (?:very|too|so) much\b(?! (?:better|less|"
        r"easier))|\b(?:very|so|too) much pain\b",
    ),
    (
        "emergency room",
        r"\b(?:went|been|ended up|was|were|am|im|sitting|waiting|currently|spent \w+|rushed) "
        r"(?:\w+ )?(?:in|at|to) (?:the )?(?:emergency room|a&e|er|urgent care|hospital)\b"
        r"(?! for (?:my |an? |the |his |her )?(?:chemo\w*|op|operation|surgery|treatment|scan|"
        r"tests?|procedure|birth|baby|hip|knee|appointment|check ?up|induction))|"
        r"(?<!this thing )(?<!will you )(?<!will it )(?<!the bot )(?<!does it )(?<!would it )"
        r"(?<!do you )(?<!would you )(?<!can it )(?<!does limber )\b(?:call"
        r"\w*|ring|rang|phoned|needed|got|get|took|sent for) (?:for )?(?:an|the|a) ambulance\b|"
        r"\b(?:the |called (?:the |for )?|got the |needed (?:the )?)paramedics?\b|\bparamedics? "
        r"(?:came|arrived|took|were called|had to)\b",
    ),
    (
        "crawling",
        # not "an ants-crawling feeling", "my skin crawls"
        r"\b(?:(?<!ants )(?<!ant )(?<!ants are )(?<!bugs )(?<!insects )(?<!skin )crawl\w*"
        r"(?! (?:feeling|sensation|under|over my skin|with (?:ants|bugs))|like ants)|"
        r"too (?:painful|sore|much pain)|doubled over|on all fours)\b",
    ),
    (
        "the most pain",
        r"\b(?:10|ten) out of (?:10|ten)\b(?! would| recommend| for)|\bmax(?:imum)? pain\b|"
        r"(?<!at )(?<!at its )(?<!over the )(?<!past the )(?<!through the )\bworst\b"
        r"(?! (?:bit|part|time|thing|moment)s?\b| is over| is behind)",
    ),
    (
        "too much",
        r"\b(?:in (?:\w+ )?hell|living hell|pure hell|too much (?:pain|to bear|to handle)|(?:pain|"
        r"it) (?:is|s) (?:just )?too much|cant (?:do|take) (?:this|it) any ?more|(?:so|very|really|"
        r"super|extremely|incredibly) (?:strong|intense|sharp)|sleepless|no sleep|(?:didnt|couldnt|"
        r"havent|hardly|barely) (?:\w+ )?slept|(?:up|awake) all night|kept me (?:up|awake))\b",
    ),
    (
        "walking aid",
        r"\b(?:need\w*|having to use|have to use|had to use|(?:now|started|start) using|cant "
        r"(?:walk|move|get about|get around) without) (?:a |my |the |two |2 )?(?:walking stick|"
        r"walking frame|stick|crutch\w*|cane|walker|zimmer\w*|wheelchair)\b",
    ),
    (
        "like being hurt",
        r"\b(?:like|as if|as though) (?:\w+ ){0,4}?(?:stabb\w*|knife|knives|dagger\w*|hit by|run "
        r"over|hammer\w*|in a vice|on fire|electrocut\w*|torn|ripped|crush\w*|snapp\w*|broken|"
        r"breaking)\b",
    ),
    (
        "cannot even",
        r"\b" + CANT + r" even (?:lift|carry|pick up|reach|dress|shower|wash|bend|climb|tie|put "
        r"on|look after|hug|cuddle|cook|make (?:a |my |the )?(?:cup|tea|coffee|breakfast|lunch|"
        r"dinner|bed)|get (?:up|dressed|out|off|to the (?:toilet|loo|bathroom))|go to the (?:toilet"
        r"|loo|bathroom))\b",
    ),
)

MODERATE_WORDS: tuple[tuple[str, str], ...] = (
    ("moderate", r"\bmoderat\w*"),
    ("bad (answer)", MODERATE_ANSWER),
    ("quite bad", r"\b(?:pretty|quite|fairly|rather|kinda|kind of) (?:bad|painful|rough)\b"),
    ("medium", r"\b(?:medium|middling)\b"),
    (
        "bad day",
        r"\b(?:horrendous|terrible|awful|horrible|dreadful|brutal|hellish|shocking|rotten) (?:day|"
        r"night|morning|evening|week|flare\w*)\b",
    ),
    (
        "bad back",
        r"\b(?:bad|crook|dodgy|wonky|ropey|ropy|dicky|iffy|gammy|dicey) (?:lower |low )?(?:back|"
        r"sciatica|hip|leg)\b|\bgiving me (?:grief|gyp|jip|gip|trouble|bother|problems|issues|a "
        r"hard time|some stick|jip)\b",
    ),
    (
        "hurts a lot",
        r"\bhurt\w* (?:quite )?a lot\b|\ba lot of pain\b|\bquite (?:a bit|sore)\b|\b"
        r"really (?:hurts|sore|aches)\b",
    ),
    ("bad", r"\b(?:its|it is|is|feels?|feeling|pretty|really|still|been|back|s) (?:\w+ )?bad\b"),
    (
        "worse",
        r"\b(?<!could be )(?<!could have been )(?<!couldnt be )(?:worse|flare\w*|flaring|flared|"
        r"acting up|playing up|limp\w*|spasm\w*|"
        r"throbb\w*|shooting|stabbing|burning|rough|not good|not great|bad day|bad today)\b",
    ),
)

MILD_WORDS: tuple[tuple[str, str], ...] = (
    (
        "mild",
        r"\b(?:mild\w*|slight\w*|minor|niggl\w*|twinges?|(?:little bit|a (?:little|bit|tad|"
        r"touch))(?! of (?:a |an )?(?!pain|ache|aching|sore|stiff|tight|discomfort|twinge|niggle)"
        r"[a-z])|bit (?:sore|stiff|achy|tight|tender)|tiny|minimal|minimum|negligible|barely "
        r"there|hardly there|hardly noticeable)\b",
    ),
    ("stiff", r"\b(?:stiff\w*|tight\w*|tender|achy|uncomfortable|discomfort)\b"),
    (
        "manageable",
        r"\b(?:manageable|bearable|tolerable|not (?:too|that|so|as) bad|not bad|not (?:much|a lot"
        r" of|too much|that much) (?:pain|hurt\w*)|(?:hardly|barely) any pain|"
        r"could be worse|(?:doesnt|dont|does not|not|isnt) (?:hurt\w* )?(?:as|that|so|too) (?:much|"
        r"bad)|not as (?:bad|painful|sore)|better|improv\w*|easing|eased|settling|settled|"
        r"calm\w* down|almost gone|nearly gone|mostly gone|barely (?:hurts|notice\w*|any)|hardly "
        r"(?:hurts|any|notice\w*)|so so|meh|ok ?ish|okay ?ish|not too painful)\b",
    ),
)
# "sore" alone is mild, "very sore" is caught by "very strong"
SORE_WORD = r"\bsore\w*\b"
# plain mentions of pain with no strength given: the default level is moderate
VAGUE_PAIN = (
    r"\b(?:pain(?!kill)\w*|hurt\w*|ach(?:e|es|ing|ey)|backache\w*|backpain|sciatica|sciatic|"
    r"nerve pain|"
    r"numb(?!ers\b)\w*|"
    r"tingl\w*|pins and needles|"
    r"it kills)\b"
)
NO_PAIN = (
    r"\b(?:no (?:\w+ )?(?:pain|issues|problems|symptoms|discomfort|soreness)|pain ?-?free|zero "
    r"pain|0 pain|(?:doesnt|dont|does not|isnt|not|didnt) (?:\w+ )?(?:hurt\w*|sore|painful|ach\w*"
    r")(?! (?:as|that|so|too) )|nothing hurts|(?:pain|it|everything|back|sciatica)(?:s| is| has"
    r")? (?:completely |totally |all |basically )?(?<!back )(?<!backs )(?<!back is )(?<!back has "
    r")(?:gone(?! deep| worse| bad| nasty| into| down| "
    r"up| to"
    r"\b| from| sharp| weird)|went away|disappeared)|feel(?:s|ing)? "
    r"(?:great|good|fine|amazing|awesome|perfect|normal|100|fantastic|brilliant|lovely)|"
    r"(?:back is|backs|back feels|feeling) (?:totally |completely |perfectly |absolutely |all |"
    r"really |pretty )?(?:good|great|fine|perfect|ok|okay|grand|well)|(?:stopped|stops|quit|"
    r"ceased) (?:hurt\w*|aching|being (?:sore|painful))|not in"
    r" pain|pain (?:is )?(?:at )?(?:0|nil|none)|100 ?% (?:pain ?free|gone|better|fine|healed)|"
    r"(?:its|it is|pain is|now) (?:basically |pretty much )?nothing|(?:fixed|cured|sorted|"
    r"solved) (?:it|me|my back|the pain)|back to normal|"
    # "Back's no bother at all", "the sciatica gives me no bother"
    r"(?:back|backs|back is|sciatica|sciatica is|it is|its) (?:\w+ )?(?:no|not a) bother|"
    r"(?:gives|giving|given) me no bother)\b"
)
# "I'm fine" says nothing about pain on its own; it counts when the message is about pain
WEAK_NONE = (
    r"\b(?:all good|(?:im|its|it is|all|doing|feel|feels|feeling) (?:good|great|fine|ok|okay|"
    r"grand|well|alright|all right))\b"
)
