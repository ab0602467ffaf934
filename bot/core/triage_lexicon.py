"""Word patterns for pain triage: red flags and severity words (context cues: `triage_cues`).

Patterns run on text already normalised by `triage_context.normalise` (lower case, no
apostrophes so "can't" is "cant", number words as digits). Only data here: no logic.
Red-flag patterns describe symptoms in the plain words people use; they must never be
used to name a diagnosis.
"""

from __future__ import annotations

import re

# --- building blocks -------------------------------------------------------------------

CANT = (
    r"(?:cant|cannot|can not|cnt|carnt|unable to|not able to|(?:havent|hasnt|have not|has not)"
    r" been able to|(?:cant|can) (?:barely|hardly)|barely|hardly|(?:really )?struggl\w* to"
    r"|couldnt|could not|could (?:barely|hardly)|wasnt able to|was unable to)"
)
GAP = r"(?:\W+\w+){0,%d}?\W+"  # up to N words in between, same sentence
K = r"(?P<k>%s)"  # the symptom itself: negation and context are read from here
_NUMB = (
    r"(?:numb\w*|no (?:feeling|sensation)|(?:cant|cannot|can not|dont|do not|didnt|couldnt|"
    r"barely|hardly|not able to|unable to) (?:really )?(?:feel|sense)\w*|lost (?:\w+ ){0,2}?"
    r"(?:feeling|sensation)|loss of (?:feeling|sensation)|(?:less|reduced|altered|weird|strange"
    r"|odd|funny|zero|lack of|decreased|lost) (?:feeling|sensation)|anaesthe\w*|anesthe\w*|"
    r"dead|asleep|feel(?:s|ing)? (?:weird|strange|odd|funny|different|dead|nothing))"
)
_TINGLE = r"(?:tingl\w*|pins and needles|pins n needles|prickl\w*|buzzing|electric)"
_SADDLE_CORE = (
    r"(?:groin|genital\w*|crotch|privates|private (?:parts|area|bits|region)|down there|down "
    r"below|between (?:my|the|your|ur) legs|anus|anal|rectum|rectal|back passage|perine\w*|"
    r"taint|gooch|saddle|inner thighs?|vagina\w*|vulva|labia|penis|balls|testicles?|scrotum|"
    r"nether regions?|pelvic floor|lady parts|sit ?bones?|sitting bones?)"
)
_SADDLE_BUM = r"(?:bum|butt|butt ?cheeks?|buttocks?|bottom(?! of)|backside|arse|ass|cheeks)"
_LEGS = (
    r"(?:both (?:of )?(?:my |the |his |her )?(?:legs?|feet|thighs|calves|sides|knees|ankles)|"
    r"(?<!between my )(?<!between the )(?<!between your )legs|feet|(?:left|right) and "
    r"(?:left|right) (?:legs?|sides?|feet)|(?:2|two) legs|each leg"
    r"|either leg|lower body|(?:from )?(?:the )?waist down)"
)
_LEG_DEFICIT = (
    r"(?:numb\w*|weak\w*|tingl\w*|pins and needles|no (?:feeling|sensation)|"
    + CANT
    + r" (?:feel|move|lift|control)\w*|(?:giving|gave|give|gives|go|goes|went) (?:way|out)|"
    r"buckl\w*|collaps\w*|jelly|paraly[sz]\w*|dead|asleep|lost (?:all )?(?:feeling|strength))"
)
_ONE_LEG = r"(?:leg|foot|calf|thigh|ankle|toes?|knee)"
_GETTING_WORSE = (
    r"(?:(?:getting|gets|got|becoming|became|growing|going|gone|get) (?:(?:a lot|much|even|"
    r"way|a bit) )?(?:worse|weaker|number|more numb|more weak|floppy|more and more)|spread\w*|"
    r"worsen\w*|increas\w*|progress\w*|more and more|weaker and weaker|(?:weaker|number) than)"
)

# --- red flags: (machine name, pattern) ------------------------------------------------

RED_FLAGS: tuple[tuple[str, str], ...] = (
    ("saddle_numbness", r"\bsaddle (?:numb\w*|an(?:a)?esthe\w*|area)"),
    ("saddle_numbness", r"\b" + K % _NUMB + GAP % 6 + _SADDLE_CORE + r"\b"),
    ("saddle_numbness", r"\b" + _SADDLE_CORE + GAP % 5 + K % _NUMB),
    ("saddle_numbness", r"\b" + K % _TINGLE + GAP % 5 + _SADDLE_CORE + r"\b"),
    ("saddle_numbness", r"\b" + _SADDLE_CORE + GAP % 4 + K % _TINGLE),
    (
        "saddle_numbness",
        r"\b(?P<k>numb\w*|no feeling|cant feel|dead)" + GAP % 3 + _SADDLE_BUM + r"\b",
    ),
    ("saddle_numbness", r"\b" + _SADDLE_BUM + r"\W+(?:\w+\W+){0,2}?(?P<k>numb\w*|dead|no feeling)"),
    (
        "wiping_numbness",
        r"\b" + K % _NUMB + GAP % 7 + r"(?:wip(?:e|es|ing|ed)|toilet (?:paper|tissue)|"
        r"loo roll|tp)\b",
    ),
    (
        "wiping_numbness",
        r"\b(?:wip(?:e|es|ing|ed)|toilet (?:paper|tissue)|loo roll)" + GAP % 6 + K % _NUMB,
    ),
    (
        "bladder_control",
        r"\b(?:wet|peed|pee|pissed|weed|urinated|leaked|leaking|leak|wetting|"
        r"peeing|weeing) (?:myself|my ?self|my (?:pants|trousers|underwear|knickers|jeans|shorts|"
        r"bed|undies)|the bed)|\b(?:leak|leaks|leaking|leaked|dribbl\w*) (?:\w+ )?"
        r"(?:urine|pee|wee)",
    ),
    ("bladder_control", r"\bincontinen\w*"),
    (
        "bladder_control",
        r"\b(?:lost|losing|lose|loss of|no|cant|cannot|can not|not able to|"
        r"unable to|trouble|problems?|issues?|difficulty|struggl\w*) (?:\w+ ){0,2}?control\w*"
        r"(?: of| over)? (?:my |the )?(?:bladder|pee|wee|urine|peeing|weeing)",
    ),
    (
        "bladder_control",
        r"\b(?:bladder|urine|urinary|pee|wee|peeing|weeing) (?:control|"
        r"problems?|issues?|leak\w*|accidents?|incontinence|dysfunction|retention|trouble|"
        r"changes?|isnt working|not working)",
    ),
    (
        "bladder_control",
        r"\b" + CANT + r" (?:\w+ )?(?:pee|wee|urinate|piss|empty (?:my )?bladder|"
        r"start peeing|go (?:to the )?(?:toilet|loo|bathroom|restroom)|hold (?:my |it|in )?(?:pee|"
        r"wee|urine|bladder|it in)|feel (?:when|if) i need to (?:pee|wee|go))",
    ),
    (
        "bladder_control",
        r"\b(?:trouble|difficulty|problems?|struggl\w*|hard time|cant start)"
        r" (?:\w+ )?(?:peeing|urinating|weeing|passing (?:urine|water)|emptying (?:my )?bladder)",
    ),
    (
        "bladder_control",
        r"\b(?:havent|hasnt|have not|not) (?:\w+ )?(?:peed|weed|urinated|been "
        r"able to (?:pee|wee|urinate))",
    ),
    (
        "bladder_control",
        r"\b(?:didnt|dont|couldnt|did not|do not|could not|never) (?:always )?"
        r"make it to the (?:toilet|loo|bathroom|restroom)",
    ),
    (
        "bladder_control",
        r"\b(?:dont|didnt|cant|do not|no longer) (?:know|feel|notice|tell) "
        r"(?:when|if) i (?:need|have) to (?:pee|wee|go)",
    ),
    (
        "bowel_control",
        r"\b(?:pooped|pooed|pood|shat|shit|soiled|messed|crapped|pooping|"
        r"pooing) (?:myself|my ?self|my (?:pants|trousers|underwear|knickers|bed))",
    ),
    (
        "bowel_control",
        r"\b(?:lost|losing|lose|loss of|no|cant|cannot|can not|not able to|"
        r"unable to|trouble|problems?|issues?|difficulty) (?:\w+ ){0,2}?control\w*(?: of| over)? "
        r"(?:my |the )?(?:bowels?|poo|poop|bum|back passage)",
    ),
    (
        "bowel_control",
        r"\b(?:bowels?|poo|poop|faecal|fecal) (?:control|incontinence|leak\w*|"
        r"accidents?|problems?|issues?)",
    ),
    ("both_legs", r"\b" + K % _LEG_DEFICIT + GAP % 5 + _LEGS + r"\b"),
    ("both_legs", r"\b" + _LEGS + GAP % 4 + K % _LEG_DEFICIT),
    (
        "worsening_weakness",
        r"\b(?P<k>weak\w*|numb\w*|tingl\w*|pins and needles)"
        + r"(?:\W+(?!pain|ache|hurt|back)\w+){0,5}?\W+"
        + _GETTING_WORSE,
    ),
    (
        "worsening_weakness",
        r"\b" + _ONE_LEG + r"\W+(?:\w+\W+){0,4}?(?:(?:getting|going|growing|feels?|is|s|"
        r"becoming) (?:a bit |even |much |so much )?(?:weaker|number|more numb|more weak|"
        r"floppier)|weaker)\b",
    ),
    (
        "worsening_weakness",
        r"\b(?:weaker|more numb|more weak)\W+(?:\w+\W+){0,3}?" + _ONE_LEG + r"\b",
    ),
    (
        "worsening_weakness",
        r"\b(?:worsening|increasing|progressive|spreading) (?:numb\w*|"
        r"weak\w*|tingl\w*)",
    ),
    (
        "foot_drop",
        r"\b(?:foot ?drop|drop ?foot|dropped foot|foot (?:is |keeps )?(?:dragg\w*|"
        r"drags|flopp\w*|flops|slapp\w*|slaps|catch\w*)|dragg\w* my (?:foot|leg|feet)|"
        + CANT
        + r" (?:lift|raise|pick up|flex|point) my (?:foot|feet|toes|ankle)|(?:tripping|trip) over"
        r" my (?:own )?(?:foot|feet|toes))",
    ),
    (
        "leg_weakness",
        r"\b(?:leg|legs|knee) (?:\w+ )?(?:keeps |kept |just )?(?:giving|gave|give|"
        r"gives) (?:way|out)\b",
    ),
    (
        "trauma",
        r"\b(?:fell|fallen|falling|tumbled|tumble|keep falling)\b(?! asleep| behind| apart| in "
        r"love| through| short| silent| ill| sick| pregnant| for| off the wagon| out of (?:love|"
        r"touch|the habit|routine)| into (?:a|the|my) (?:habit|routine)| back (?:in|on|into)| on "
        r"hard times| to \d| from \d| below| under| by| within| into place| in line| in the "
        r"(?:pain|score|range)| flat$)",
    ),
    (
        "trauma",
        r"(?<!\bin )\b(?:a|bad|nasty|big|hard|heavy|the|my|that|recent|serious) fall\b"
        r"(?! asleep| behind| back| into| for| in love| out)",
    ),
    (
        "trauma",
        r"\b(?:car|bike|motorbike|motorcycle|cycling|skiing|ski|road|traffic|bus|work|"
        r"workplace|sports?|rugby|football|horse ?riding|riding) (?:crash|accident|collision|"
        r"injury|fall|wreck)",
    ),
    (
        "trauma",
        r"(?<!by )\b(?:accident|crash|collision|rear ?ended|rear-ended|whiplash|car wreck)\b",
    ),
    ("trauma", r"\b(?:hit|knocked|struck) (?:by|down|over|off) (?:a |the |my )?\w*"),
    (
        "trauma",
        r"\b(?:slipped|slip|slipping|tripped|tripping) (?!up\b)(?:\w+ )?(?:on|in|down|off|"
        r"over|up|and|at)\b(?! (?:a |my |the )?discs?)",
    ),
    (
        "trauma",
        r"\b(?:down|off) (?:a|the|some|my) (?:stairs|steps|ladder|roof|horse|bike|wall|"
        r"chair|trampoline|stool|scaffold\w*|tree|bed)\b|\bdown the stairs\b",
    ),
    ("trauma", r"\b(?:tackled|thrown (?:off|from)|landed (?:on|hard|badly)|(?:was|got) hit)\b"),
    (
        "trauma",
        r"\b(?:car|truck|lorry|bus|van|bike|cyclist|motorbike|someone|somebody|a guy) (?:\w+ )?"
        r"(?:hit|ran into|ran me over|knocked|struck|crashed into|drove into|rear ended) me\b",
    ),
    (
        "fever",
        r"\b(?:fever\w*|febrile|chills|shiver\w*|rigou?rs|night sweats|sweats|"
        r"(?:high|a|running a|got a|have a|with a) (?:temp|temperature)\b|temperature of|hot and "
        r"cold|hot n cold)",
    ),
    (
        "cancer_history",
        r"\b(?:cancer\w*|tumou?rs?|chemo\w*|radiotherapy|radiation therapy|"
        r"oncolog\w*|lymphoma|leuka?emia|myeloma|metasta\w*|carcinoma|melanoma|sarcoma|malignan\w*"
        r")",
    ),
    (
        "weight_loss",
        r"\b(?:lost|losing|lose|dropped|dropping|shed|shedding) (?:a lot of |so much "
        r"|loads of |some |lots of |heaps of |(?:a )?(?:few|bit of|little) |\d+ ?(?:kg|kgs|kilos?|"
        r"lbs?|pounds|stone|st)\b(?: of)? )?weight\b|\bweight loss\b|\b(?:lost|dropped) \d+ ?(?:kg|"
        r"kgs|kilos?|lbs?|pounds|stone)\b|\bweight (?:is |has been |keeps )?(?:dropping|falling "
        r"off)",
    ),
    (
        "bladder_control",
        r"\b(?:pee|wee|urine|piss) (?:\w+ ){0,2}?(?:comes out|came out|leaks?|leaking|dribbl\w*|"
        r"escap\w*|trickl\w*)|\bnothing (?:comes|came|will come) out\b|\bbladder (?:\w+ ){0,2}?"
        r"full\b",
    ),
    (
        "bladder_control",
        r"\b(?:cant|cannot|can not|dont|didnt|do not|no longer|barely) (?:feel|notice|tell|know|"
        r"sense) (?:when|if|that|whether) (?:i|im|ive|id) (?:\w+ ){0,2}?(?:pee\w*|wee\w*|urinat\w*"
        r"|go|going|need)\b",
    ),
    (
        "foot_drop",
        r"\b(?:foot|feet|toes|ankle) (?:\w+ ){0,2}?(?:wont|doesnt|cant|cannot|will not|does not|"
        r"dont) (?:\w+ )?(?:lift|raise|go up|come up|flex|bend up|work)\b|\bstumbl\w* "
        r"(?:\w+ ){0,3}?(?:foot|feet|toes)\b",
    ),
    (
        "weight_loss",
        r"\b(?:lost|dropped|losing|shed) (?:a|\d+|half a|a couple of|a few|couple of|few|two|"
        r"several|loads of) (?:stone|kilos?|kgs?|pounds|lbs?|dress sizes?|sizes?)\b",
    ),
    (
        "trauma",
        r"\b(?:hit|banged|bashed|smashed|whacked|landed on|jarred) my (?:lower |upper )?(?:back|"
        r"spine|tailbone|coccyx)\b",
    ),
)

# weight loss that is explained (dieting...) is not a red flag
WEIGHT_LOSS_EXPLAINED = re.compile(
    r"\b(?:diet\w*|on purpose|trying to|been trying|want to|wanna|need to|hoping to|goal|plan|"
    r"calorie\w*|keto|fasting|ozempic|wegovy|mounjaro|intentional\w*|gym|working out|workouts?|"
    r"running|weight watchers|slimming|program+e|help\w*|for weight loss|lose weight)\b"
)
# these red flags are not negated by "it went away": a passing saddle numbness still counts
# cancer is a red flag as history, so its time does not matter
HISTORY_FLAGS = frozenset({"cancer_history"})
# "could this be cancer?" is a worry, not a report
WORRY_CUE = re.compile(
    r"\b(?:could|can|might|may|would) (?:this|it|that|these) (?:\w+ )?be|\bis (?:this|it|that) "
    r"(?:a |an )?$|\b(?:worried|scared|afraid|terrified|anxious|fear\w*|paranoid|concerned) "
    r"(?:\w+ ){0,3}$|\bdo i have\b|\bcheck for\b|\brule out\b"
)
WORRY_FLAGS = frozenset({"cancer_history"})

# --- severity words: (level, label, pattern) --------------------------------------------

SEVERE_WORDS: tuple[tuple[str, str], ...] = (
    ("unbearable", r"\bun-?b[ea]{1,2}re?[aei]?b(?:le|el|l)\b|\bunbearabl\w*|\bunberable\b"),
    ("excruciating", r"\bex[ck]?[rc][a-z]{3,9}ting\b(?<!excavating)(?<!excreting)|\bexcruc\w*"),
    ("agony", r"\bagon(?:y|ies|i[sz]ing\w*|i[sz]ed)\b"),
    (
        "worst pain",
        r"\bworst (?:\w+ ){0,2}?(?:pain|ever|of my life|ive had|i have had|i have ever|"
        r"its (?:ever )?been|it has (?:ever )?been|day|night|flare|in (?:years|ages|my life)|"
        r"i can remember|yet)",
    ),
    (
        "never this bad",
        r"\bnever (?:had|felt|been in|been|experienced) (?:\w+ )?(?:pain|anything"
        r")? ?(?:like this|this bad|so bad|this much|such pain|so much pain)",
    ),
    (
        "cannot function",
        r"\b" + CANT + r" (?:even )?(?:walk|stand|sit|sleep|move|get up|get out "
        r"of bed|get off the (?:floor|couch|sofa)|function|work|drive|turn over|roll over|lie down|"
        r"lay down|get comfortable|do anything|put (?:my )?(?:socks|shoes) on|put on my \w+|"
        r"tie (?:my )?\w+|bend|straighten up|"
        r"stand up|sit down|stand straight|get dressed|breathe|think|concentrate|focus|cope|"
        r"take (?:it|this|the pain|much more)|handle (?:it|this|the pain)|bear (?:it|this|the "
        r"pain)|stand (?:it|this|the pain))\b(?! still| wait)",
    ),
    (
        "pain stops me",
        r"\b(?:pain|it|back|sciatica) (?:\w+ )?(?:keeps|kept|stops|stopping|stopped"
        r"|wakes|woke|waking|won ?t let) me (?:up|from|awake|sleeping|walking|moving)",
    ),
    ("screaming", r"\b(?:scream\w*|crying|cried|cry|in tears|tears|sobb\w*|howl\w*|yell\w*)\b"),
    (
        "crippling",
        r"\bcrippl\w*|\bdebilitat\w*|\bdebilating\b|\bincapacitat\w*|\bbed ?ridden\b|"
        r"\bbed ?bound\b|\bstuck in bed\b|\bparaly[sz]ed (?:by|with) (?:the )?pain",
    ),
    (
        "killing me",
        r"\b(?:killing|kills|killin|murdering|destroying|wrecking) me\b|\b(?:wrecked|destroyed|"
        r"fucked|knackered|shot to pieces|in pieces)\b|\b(?:im|am) "
        r"dying\b(?! to)|\bdying (?:of|from|with|in) (?:the )?pain",
    ),
    (
        "intolerable",
        r"\b(?:intolerable|unmanageable|unbelievable pain|torture|torturous|hellish|severe\w*)\b",
    ),
    (
        "terrible",
        r"\b(?:pain\w*|ache|aches|aching|back|backs|sciatica|leg|hip|it|its|spine|nerve|today|"
        r"hurts?|hurting)(?: is| s| feels| has been| been| was| are)? (?:\w+ )?"
        r"(?P<k>insane|unreal|horrendous|horrific|atrocious|brutal|extreme|intense|terrible|"
        r"horrible|awful|dreadful|god awful|savage|vicious|excessive)\b|\b(?:insane|unreal|"
        r"horrendous|horrific|atrocious|brutal|extreme|intense|terrible|horrible|awful|dreadful|"
        r"savage|vicious|excessive)(?:ly)? (?:\w+ )?(?:pain\w*|ache|aching|sciatica|back ?ache|"
        r"cramps?|spasms?|hurts?|sore)\b",
    ),
    (
        "off the scale",
        r"\b(?:through the roof|off the (?:charts?|scale)|beyond (?:belief|words)|"
        r"too much to bear|like hell|from hell|like crazy|like mad|like a (?:bitch|mf)|like fuck)",
    ),
    (
        "very strong",
        r"\b(?:so|very|really|super|incredibly|extremely|crazy|seriously) (?:\w+ )?"
        r"(?:painful|bad|sore)\b|\bhurts? (?:so|too|very|really) (?:much|bad|badly)\b|\bhurts? like"
        r" (?:hell|crazy|mad)\b|\bso much pain\b|\bpain (?:is )?so (?:bad|strong)\b|\bhurts? like"
        r" (?:hell|crazy|mad)\b|\bhurts? (?:a )?(?:ton|loads)\b|\bpain is (?:so )?bad\b",
    ),
    (
        "emergency room",
        r"\b(?:went|been|ended up|was|were|am|im|sitting|waiting|currently|spent \w+|rushed) "
        r"(?:\w+ )?(?:in|at|to) (?:the )?(?:emergency room|a&e|er|urgent care|hospital)\b|\bcalled "
        r"(?:an|the) ambulance\b",
    ),
    ("crawling", r"\b(?:crawl\w*|too (?:painful|sore|much pain)|doubled over|on all fours)\b"),
    ("the most pain", r"\b(?:10|ten) out of (?:10|ten)\b|\bmax(?:imum)? pain\b|\bworst\b"),
    (
        "too much",
        r"\b(?:in (?:\w+ )?hell|living hell|pure hell|too much (?:pain|to bear|to handle)|(?:pain|"
        r"it) (?:is|s) (?:just )?too much|cant (?:do|take) (?:this|it) any ?more|(?:so|very|really|"
        r"super|extremely|incredibly) (?:strong|intense|sharp)|sleepless|no sleep|(?:didnt|couldnt|"
        r"havent|hardly|barely) (?:\w+ )?slept|(?:up|awake) all night|kept me (?:up|awake))\b",
    ),
)

MODERATE_WORDS: tuple[tuple[str, str], ...] = (
    ("moderate", r"\bmoderat\w*"),
    ("quite bad", r"\b(?:pretty|quite|fairly|rather|kinda|kind of) (?:bad|painful|rough)\b"),
    ("medium", r"\b(?:medium|middling)\b"),
    (
        "hurts a lot",
        r"\bhurt\w* (?:quite )?a lot\b|\ba lot of pain\b|\bquite (?:a bit|sore)\b|\b"
        r"really (?:hurts|sore|aches)\b",
    ),
    ("bad", r"\b(?:its|it is|is|feels?|feeling|pretty|really|still|been|back|s) (?:\w+ )?bad\b"),
    (
        "worse",
        r"\b(?:worse|flare\w*|flaring|flared|acting up|playing up|limp\w*|spasm\w*|"
        r"throbb\w*|shooting|stabbing|burning|rough|not good|not great|bad day|bad today)\b",
    ),
)

MILD_WORDS: tuple[tuple[str, str], ...] = (
    (
        "mild",
        r"\b(?:mild\w*|slight\w*|minor|niggl\w*|twinges?|little bit|a (?:little|bit|tad|"
        r"touch)|bit (?:sore|stiff|achy|tight|tender)|tiny)\b",
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
    r"\b(?:pain(?!kill)\w*|hurt\w*|ach(?:e|es|ing|ey)|sciatica|sciatic|nerve pain|numb\w*|"
    r"tingl\w*|pins and needles|"
    r"it kills)\b"
)
NO_PAIN = (
    r"\b(?:no (?:\w+ )?(?:pain|issues|problems|symptoms|discomfort|soreness)|pain ?-?free|zero "
    r"pain|0 pain|(?:doesnt|dont|does not|isnt|not|didnt) (?:\w+ )?(?:hurt\w*|sore|painful|ach\w*"
    r")(?! (?:as|that|so|too) )|nothing hurts|(?:pain|it|everything|back|sciatica)(?:s| is| has"
    r")? (?:completely |totally |all |basically )?(?:gone|went away|disappeared)|feel(?:s|ing)? "
    r"(?:great|good|fine|amazing|awesome|perfect|normal|100|fantastic|brilliant|lovely)|"
    r"(?:back is|backs|back feels|feeling) (?:good|great|fine|perfect|ok|okay|grand|well)|not in"
    r" pain|pain (?:is )?(?:at )?(?:0|nil|none)|(?:its|it is|pain is|now) (?:basically |pretty "
    r"much )?nothing|(?:fixed|cured|sorted|solved) (?:it|me|my back|the pain)|back to normal)\b"
)
# "I'm fine" says nothing about pain on its own; it counts when the message is about pain
WEAK_NONE = (
    r"\b(?:all good|(?:im|its|it is|all|doing|feel|feels|feeling) (?:good|great|fine|ok|okay|"
    r"grand|well|alright|all right))\b"
)
