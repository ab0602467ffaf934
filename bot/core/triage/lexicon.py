"""Word patterns for pain triage: red flags (severity words: `triage_words`; cues: `triage_cues`).

Patterns run on text already normalised by `triage_context.normalise` (lower case, no
apostrophes so "can't" is "cant", number words as digits). Only data here: no logic.
Red-flag patterns describe symptoms in the plain words people use; they must never be
used to name a diagnosis.
"""

from __future__ import annotations

import re

from bot.core.triage.families import (
    EXCRETA,
    FOREIGN_NUMB,
    PARAESTHESIA,
    RETENTION,
    TROUBLE_WITH,
    UNFELT,
    URINE,
    VOID,
)

# --- building blocks -------------------------------------------------------------------

CANT = (
    r"(?:cant|cannot|can not|cnt|carnt|unable to|not able to|(?:havent|hasnt|have not|has not|"
    r"not|never) been able to|no longer able to|(?:cant|can) (?:barely|hardly)|barely|hardly|"
    r"(?:really )?struggl\w* to|(?:not|hasnt|havent|has not|have not|never) managed to"
    r"|couldnt|could not|could (?:barely|hardly)|wasnt able to|was unable to)"
)
GAP = r"(?:[^\w.?!]+\w+){0,%d}?[^\w.?!]+"  # up to N words in between, same sentence
K = r"(?P<k>%s)"  # the symptom itself: negation and context are read from here
# numbness by likeness: "like I walk with thick socks", "as if through gloves"
_THROUGH_SOCKS = (
    r"(?:like|as if|as though) (?:i |im |i am |he |she )?(?:\w+ )?(?:walk\w* |wear\w* )?"
    r"(?:with |in |on |through )?(?:(?:\w+|(?:two|2) pairs? of) ){0,2}?"
    r"(?:socks?|gloves?|mittens?|cotton wool|cushions|pillows)"
)
_NUMB = (
    r"(?:numb(?!ers\b)\w*|no (?:feeling|sensation)|(?:cant|cannot|can not|dont|do not|didnt|"
    r"couldnt|"
    r"barely|hardly|not able to|unable to|(?:havent |hasnt |have not |has not |not |never )?"
    r"been able to|not|never) (?:really |properly |fully |"
    r"quite |even |always |seem to |seems to |seemed to )?(?:feel|sense)\w*"
    r"(?: a thing| anything)?(?! (?:good|great|well|fine|ok|okay|right|like|as if"
    r"|better|worse|bad|up to|sure|confident|comfortable|any (?:pain|numb(?!ers\b)\w*|tingl\w*)))|"
    r"lost "
    r"(?:\w+ ){0,2}?"
    r"(?:feeling|sensation)|loss of (?:feeling|sensation)|(?:less|reduced|altered|weird|strange"
    r"|odd|funny|zero|lack of|decreased|lost|little|hardly any|barely any|not much) "
    r"(?:feeling|sensation)|anaesthe\w*|anesthe\w*|"
    r"dead|asleep|(?:went|gone|goes|go|going) to sleep|hasnt woken up|feel(?:s|ing)? (?:weird|"
    r"strange|"
    r"odd|funny|different|dead|nothing|dull)|frozen|"
    + _THROUGH_SOCKS
    + r"|(?:is|are|s|been|keeps?|gone|went) sleeping|"
    + PARAESTHESIA
    + r"|"
    r"injected|novocaine|like (?:\w+ ){0,5}?(?:(?:the |a )?dentist|(?:an? )?(?:\w+ )?"
    r"(?:anaesthetic|anesthetic|injection)|sat on ice|(?:isnt|wasnt) (?:mine|there))|"
    + FOREIGN_NUMB
    + r"|(?:(?:as if|as though|like) (?:it |they |its |theyre )?)?"
    r"(?:belongs?|belonging|belonged) to (?:(?:someone|somebody) else|a (?:stranger|mannequin|"
    r"shop mannequin|dummy|doll|robot|statue))|(?:someone|somebody) elses)"
)
_TINGLE = (
    r"(?:tingl\w*|pins and needles|pins n needles|prickl\w*|buzzing|electric|like ants|"
    r"(?:pins and )?ants (?:walking|crawling|running|marching)|"
    + FOREIGN_NUMB
    + "|"
    + PARAESTHESIA
    + ")"
)
_SADDLE_CORE = (
    r"(?:groins?|genital\w*|crotch|privates|private (?:parts?|area|bits|region|zone)|down there|"
    r"down "
    r"below|between (?:my|the|your|ur|his|her|their) legs|anus|anal|rectum|rectal|back passage|"
    r"perine\w*|"
    r"taint|gooch|saddle|inner thighs?|insides? of (?:my |her |his |their |the |both )?thighs|"
    r"inner sides? of (?:my |her |his |their |the |both )?(?:thighs?|legs)|"
    r"(?:part|bit|area) of (?:me|my body|him|her) (?:that|which|where) (?:\w+ ){0,2}?(?:touch\w*|"
    r"sit\w*|"
    r"rest\w*) (?:on )?(?:the )?(?:chair|seat|toilet|saddle)|"
    r"vagina\w*|vulva|labia|penis|balls|testicles?|scrotum|"
    r"nether regions?|pelvic floor|lady parts|lady bits|girly bits|sit ?bones?|sitting bones?|"
    r"willy|dick|cock|"
    r"fanny|front bottom|nethers|undercarriage|(?:my|the) (?:bits|junk)|tailbone|coccyx|perianal|"
    r"(?:area|part|bits?|region|place|parts)s? (?:\w+ ){0,3}?(?:sit|sits|sitting) on|(?:the|that|"
    r"this|"
    r"my|his|her) (?:area|part|bit|region|place|spot)s? (?:where|that|which|you|youd|i|id|one|we|u|"
    r"wey) "
    r"(?:\w+ ){0,3}?(?:sit|sits|sitting|sat)(?: on| down)?\b"
    r"|where (?:one|you|youd|i|id|we|u) (?:would )?sits?\b|(?:toilet|loo|bike|bicycle|chair|car) "
    r"seat|"
    r"s[2-3] ?(?:-|to)? ?s[4-5]|sacral dermatomes?|"
    r"seam of (?:my|your|the|his|her) (?:jeans|trousers|pants)|trouser department|"
    r"(?:nether|lower|downstairs) (?:department|regions?)|south of the border)"
)
_SADDLE_BUM = (
    r"(?:bums?|butts?|butt ?cheeks?|buttocks?|bottoms?(?! of)|backsides?|arse|ass|cheeks|tush\w*|"
    r"tooshie|booty|rump|derriere|keister|heinie|bott?y)(?: and (?:\w+ ){0,4}?(?:thighs?|legs|"
    r"groin|privates|genitals|crotch))?"
)
_LEGS = (
    r"(?:both (?:of )?(?:my |the |his |her )?(?:legs?|feet|thighs|calves|sides|knees|ankles|quads|"
    r"hamstrings|shins)|"
    r"(?<!between my )(?<!between the )(?<!between your )legs|feet|(?:left|right) and "
    r"(?:left|right) (?:legs?|sides?|feet)|(?:2|two) legs|each leg"
    r"|either (?:leg|foot)|each foot|lower body|(?:from )?(?:the )?waist down)"
)
_LEG_DEFICIT = (
    r"(?:numb(?!ers\b)\w*|weak\w*|tingl\w*|pins and needles|(?:no|lost) (?:feeling|sensation)|"
    + CANT
    + r" (?:really |properly |even |fully |quite )?(?:feel|move|lift|control)\w*|(?:giving|gave|"
    r"give|gives|go|goes|went) (?:way|out)|"
    r"buckl\w*|collaps\w*|jelly|paraly[sz]\w*|dead|asleep|lost (?:all )?(?:the )?(?:feeling|"
    r"strength|"
    r"power|sensation)|(?:loss of|reduced|no|losing) (?:power|strength)|(?:para)?pares[ie]s|"
    r"(?:havent|hasnt|have not|has not) got (?:it|the strength|any strength|the power|any power)|"
    r"like (?:cotton|jelly|rubber|spaghetti|wet noodles|noodles|water)\b|"
    r"sleeping(?! (?:fine|well|ok|okay|better|through|soundly|great|good))|"
    r"ants (?:walking|crawling|running|marching)|fold\w*(?: up| under)?|crumpl\w*|"
    r"buzz\w*|(?:like |made of |like from |like made (?:of|from) |from )(?:wet )?(?:bread|sand|"
    r"paper|"
    r"cardboard|water|cotton)|"
    r"(?:like |become |became |turned (?:to |into )?)(?:wood|wooden \w+|sticks|logs)|(?:i |he |she "
    r")?feel(?:s)? nothing|(?:dont|wont|arent|do not) (?:obey|"
    r"listen to|"
    r"respond to) (?:me|him|her|them)|(?:cant|cannot) feel (?:well |good |properly )?"
    r"the (?:floor|ground)|"
    r"(?:wont|will not|dont|do not|cant|cannot|couldnt) (?:take|hold|carry|support) (?:me|her|him|"
    r"them|my weight|her weight|his weight)\b|(?:wont|will not|dont|do not|arent|are not) "
    r"(?:take|taking|obey\w*|listen\w*|cooperat\w*|do what) (?:orders|instructions|to (?:me|him|"
    r"her)|"
    r"(?:i|he|she) (?:tell|say)\w*)|"
    r"(?:belongs?|belonging) to (?:someone|somebody) else|(?:arent|are not|not) (?:my own|mine)|"
    + FOREIGN_NUMB
    + "|like ants|"
    + _THROUGH_SOCKS
    + "|"
    + PARAESTHESIA
    + ")"
)
_ONE_LEG = r"(?:leg|foot|calf|thigh|ankle|toes?|knee)"
_GETTING_WORSE = (
    r"(?:(?:getting|gets|got|becoming|became|growing|going|gone|get) (?:(?:a lot|much|even|"
    r"way|a bit) )?(?:worse|weaker|number|more numb|more weak|floppy|more and more)|spread\w*|"
    r"worsen\w*|increas\w*|progress\w*|more and more|weaker and weaker|(?:weaker|number) than|"
    r"(?:is|s|are|feels?|seems?|been) (?:\w+ )?(?:worse|weaker|number)\b(?! (?:when|if|after|"
    r"whenever|while|during|in the morning)))"
)

# out of the body with no warning: "came out without me noticing", "slipped out before I knew"
_UNNOTICED = (
    r"(?:came|comes|coming|come|slipped|slips|leaked|leaks|escaped|escapes|just) (?:\w+ )?"
    r"(?:out )?(?:without (?:me |my )?(?:noticing|knowing|feeling|realising|realizing|"
    r"warning|control|meaning)|lost control|unaware|before i (?:knew|noticed|felt|could))"
)

# --- red flags: (machine name, pattern) ------------------------------------------------

# "bladder control is fine", "bowel function normal": the topic named, and said to be well
_NOT_FINE = (
    r"(?! (?:is |are |was |seems? |feels? |has been |have been |s |all |totally |completely )*"
    r"(?:fine|normal|ok|okay|good|all right|alright|unchanged|the same|as usual|no problem))"
)

# "running up and down the stairs with drinks", "carried the washing down the stairs": on
# the stairs on foot, not a fall down them (a plain "went down the stairs" is left to the
# fail-safe cue, which asks)
_WALKED = "".join(
    f"(?<!{w} )"
    for w in (
        "up and",
        "run",
        "running",
        "ran",
        "walk",
        "walking",
        "walked",
        "carry",
        "carrying",
        "carried",
        "rushing",
        "rushed",
        "dashing",
        "dashed",
        "get",
        "getting",
        "got",
        "come",
        "came",
        "coming",
        "go",
        "going",
        "went",
        "make it",
        "made it",
        "limp",
        "limping",
        "limped",
        "hobble",
        "hobbling",
        "hobbled",
        "shuffle",
        "shuffling",
        "shuffled",
        "crawl",
        "crawling",
        "crawled",
        "help",
        "helping",
        "helped",
        "help her",
        "help him",
        "helped her",
        "helped him",
        "helping her",
        "helping him",
        "helping them",
    )
)

RED_FLAGS: tuple[tuple[str, str], ...] = (
    (
        "saddle_numbness",
        r"\bsaddle (?:numb(?!ers\b)\w*|an(?:a)?esthe\w*|area|tingl\w*|pins and needles|"
        + PARAESTHESIA
        + ")",
    ),
    ("saddle_numbness", r"\b" + K % _NUMB + GAP % 6 + _SADDLE_CORE + r"\b"),
    ("saddle_numbness", r"\b" + _SADDLE_CORE + GAP % 5 + K % _NUMB),
    ("saddle_numbness", r"\b" + K % _TINGLE + GAP % 5 + _SADDLE_CORE + r"\b"),
    ("saddle_numbness", r"\b" + _SADDLE_CORE + GAP % 4 + K % _TINGLE),
    (
        "saddle_numbness",
        r"\b(?P<k>numb(?!ers\b)\w*|(?:no|lost) feeling|cant feel|dead|"
        r"like (?:\w+ ){0,4}?(?:dentist|injection|an(?:a)?esthetic|novocaine)|"
        r"(?:cant|dont|didnt|couldnt|not) (?:\w+ )?feel (?:a |the |any )?"
        r"(?:thing|anything|pinch|touch|prod|poke))" + GAP % 3 + _SADDLE_BUM + r"\b",
    ),
    # "she couldn't feel the flannel at all round her bottom or between her legs"
    (
        "saddle_numbness",
        r"\b(?P<k>(?:cant|cannot|couldnt|dont|doesnt|didnt|not|barely|hardly) (?:\w+ )?feel "
        r"(?:the |a |any |her |his |my )?(?:flannel|cloth|face ?cloth|towel|sponge|water|shower|"
        r"soap|hand|fingers|wipes?|tissue|touch|seat))"
        + GAP % 6
        + r"(?:"
        + _SADDLE_BUM
        + "|"
        + _SADDLE_CORE
        + r")\b",
    ),
    (
        "saddle_numbness",
        r"\b"
        + _SADDLE_BUM
        + r"\W+(?:\w+\W+){0,3}?(?P<k>numb(?!ers\b)\w*|dead|(?:no|lost) feeling|feels? like "
        r"(?:\w+ ){0,5}?(?:injected|the dentist|an? (?:anaesthetic|anesthetic|injection)|ice))",
    ),
    (
        "wiping_numbness",
        r"\b" + K % _NUMB + GAP % 7 + r"(?:wip(?:e|es|ing|ed)|toilet (?:paper|tissue)|"
        r"wash(?:ing)? (?:myself|himself|herself)|clean(?:ing)? (?:myself|himself|herself)|"
        r"loo roll|tp)\b",
    ),
    (
        "wiping_numbness",
        r"\b(?:wip(?:e|es|ing|ed)|toilet (?:paper|tissue)|loo roll|wash(?:ing)? (?:myself|himself|"
        r"herself)(?: after (?:the )?(?:toilet|loo))?)" + GAP % 6 + K % _NUMB,
    ),
    (
        "bladder_control",
        r"\b(?:wet|wets|wetting|pee|pees|peed|peeing|wee|wees|weed|weeing|piss|pisses|pissed|"
        r"pissing|urinated?|urinating|leaked|leaking|leak|leaks)(?: in)? (?:(?:my|him|her|them|"
        r"your) ?sel(?:f|ves)|(?:my|his|her|their) (?:pants|trousers|underwear|knickers|jeans|"
        r"shorts|bed|undies|nappy|pad)|the bed)|\b(?:leak|leaks|leaking|leaked|dribbl\w*|lose|"
        r"losing|lost) (?:\w+ ){0,3}?(?:urine|pee|wee|piss)\b",
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
        r"hesitancy|changes?|isnt working|not working)" + _NOT_FINE,
    ),
    # clinical words: "a sense of incomplete voiding", "not emptying fully", "post-void"
    (
        "bladder_control",
        r"\b(?:(?:cant|cannot|unable to|difficulty|trouble|problems?) (?:\w+ )?(?:initiat\w*|"
        r"start\w*) "
        r"(?:micturition|voiding|urination|urinating|a stream)|incomplete (?:voiding|emptying|"
        r"bladder emptying)|(?:not|isnt|wont|doesnt|never) "
        r"emptying (?:\w+ )?(?:fully|properly|completely|all the way)|post ?void residual|"
        r"retaining (?:urine|water)|urinary retention)\b",
    ),
    (
        "bladder_control",
        r"\b" + CANT + r" (?:\w+ )?(?:pee|wee|urinate|piss|empty (?:my )?bladder|pass (?:urine|"
        r"water)|start peeing|go (?:to the )?(?:toilet|loo|bathroom|restroom)|hold (?:my |it|in )?"
        r"(?:pee|wee|urine|bladder|it in)|feel (?:when|if) i need to (?:pee|wee|go))",
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
        r"\b(?:poo|poos|pooped|pooed|pood|poop|poops|pooping|pooing|shat|shit|shits|shitting|"
        r"soiled|soiling|soil|messed|messing|crapped|crapping)(?: in)? (?:(?:my|him|her|them|your)"
        r" ?sel(?:f|ves)|(?:my|his|her|their) (?:pants|trousers|underwear|knickers|bed|nappy))",
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
        r"accidents?|problems?|issues?)" + _NOT_FINE,
    ),
    ("both_legs", r"\b" + K % _LEG_DEFICIT + GAP % 5 + _LEGS + r"\b"),
    ("both_legs", r"\b" + _LEGS + GAP % 6 + K % _LEG_DEFICIT),
    (
        "worsening_weakness",
        r"\b(?P<k>weak\w*|numb(?!ers\b)\w*|tingl\w*|pins and needles)"
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
        r"\b(?:worsening|increasing|progressive|spreading) (?:numb(?!ers\b)\w*|"
        r"weak\w*|tingl\w*)",
    ),
    (
        "foot_drop",
        r"\b(?:foot ?drop|drop ?foot|dropped foot|foot (?:is |keeps )?(?:dragg\w*|"
        r"drags|flopp\w*|flops|slapp\w*|slaps|catch\w*)|dragg\w* (?:my |a |the |one )?(?:left |"
        r"right |bad )?(?:foot|leg|feet)|"
        + CANT
        + r" (?:lift|raise|pick up|flex|point) my (?:foot|feet|toes|ankle)|(?:tripping|trip) over"
        r" my (?:own )?(?:foot|feet|toes))",
    ),
    (
        "leg_weakness",
        r"\b(?:leg|legs|knee|knees) (?:\w+ )?(?:keeps |kept |just |are |is )?(?:giving|gave|give|"
        r"gives) (?:way|out|up)\b|\bboth (?:knees|legs) (?:just |suddenly |simply )?(?:go|went|"
        r"gave)\b",
    ),
    (
        "trauma",
        r"\b(?:fell|fallen|falling|tumbled|tumble|keep falling)\b(?! asleep| behind| apart| in "
        r"love| through| short| silent| ill| sick| pregnant| for| off the wagon| out(?! of)| out "
        r"of (?:love|touch|the habit|routine)| into (?:a|the|my) (?:habit|routine)| back (?:in|on|"
        r"into)\b(?! (?:my|the|a) (?:\w+ )?(?:floor|ground|ice|concrete|stairs|steps|bum|butt|"
        r"back|tailbone|bottom|coccyx|pavement|bench|mat|road))| on hard times| to \d| from "
        r"\d| below| under| by| within| into place| in line| "
        r"in the (?:pain|score|range)| flat$)",
    ),
    (
        "trauma",
        r"(?<!\bin )\b(?:a|bad|nasty|big|hard|heavy|the|my|that|recent|serious|post) fall\b"
        r"(?! asleep| behind| back| into| for| in love| out| prevention| risks?| clinic| assessment"
        r"| alarm| sensor| detector| season| term| semester| colou?rs| fashion| collection| in "
        r"(?:the )?(?:league|table|rankings|"
        r"standings|polls|prices?|sales|numbers|ratings|market|stocks?|value|rates?))",
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
        _WALKED + r"\b(?:down|off) (?:a|the|some|my) (?:stairs|steps|ladder|roof|horse|bike|wall|"
        r"chair|trampoline|stool|scaffold\w*|tree|bed)\b|" + _WALKED + r"\bdown the stairs\b",
    ),
    ("trauma", r"\b(?:tackled|thrown (?:off|from)|landed (?:on|hard|badly)|(?:was|got) hit)\b"),
    (
        "trauma",
        r"\b(?:car|truck|lorry|bus|van|bike|cyclist|motorbike|someone|somebody|a guy) (?:\w+ )?"
        r"(?:hit|ran into|ran me over|knocked|struck|crashed into|drove into|rear ended) me\b",
    ),
    (
        "fever",
        r"\b(?<!cabin )(?<!carnival )(?<!final )(?<!cup )(?<!spring )(?<!football )(?<!footy )"
        r"(?<!hay )(?<!gold )(?<!election )(?<!christmas )(?<!holiday )(?<!derby )(?<!festival )"
        r"(?<!disco )(?<!jungle )(?<!bieber )(?<!transfer )(?:fever\w*|febrile|chills|shiver\w*|"
        r"rigou?rs|night sweats|sweats|"
        r"(?:high|a|running a|got a|have a|with a) (?:temp|temperature)\b|running (?:hot|a high)\b|"
        r"(?:having|have|has|got|with) (?:body |high |slight |mild )?(?:temperature|temp)\b(?! "
        r"(?:is|was|"
        r"s) (?:normal|fine|ok))|"
        r"\btemp (?:and|\+|&|with) (?:\w+ )?back\b|temperature of|hot and "
        r"cold|hot n cold)",
    ),
    (
        "cancer_history",
        r"\b(?:cancer\w*|tumou?rs?|chemo\w*|radiotherapy|radiation therapy|"
        r"oncolog\w*|lymphoma|leuka?emia|myeloma|metasta\w*|carcinoma|melanoma|sarcoma|malignan\w*)",
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
        r"\b(?:lost|dropped|losing|shed) (?:(?:about|around|nearly|almost|over|more than|roughly|"
        r"at least|maybe|close to|just over|just under|well over|getting on for) )?(?:\d+ ?|"
        r"(?:a|half a|a couple of|a few|couple of|few|two|several|loads of) )(?:stone|kilos?|"
        r"kgs?|pounds|lbs?|dress sizes?|sizes?)\b|\b(?:lost|dropped|shed|losing) "
        r"(?:\w+ ){0,6}?(?:in|of) weight\b(?! (?:train|lift|bear|gain))|"
        r"\bweight (?:\w+ ){0,2}?(?:dropped|dropping|fallen|falling|fell|"
        r"gone down|going down|come off|coming off|melting off)\b",
    ),
    (
        "trauma",
        r"\b(?:hit|banged|bashed|smashed|whacked|landed on|jarred|bumped|knocked|thumped|cracked) "
        r"my (?:lower |upper )?(?:back|"
        r"spine|tailbone|coccyx)\b",
    ),
    # --- synonym families found missing by the held-out batches --------------------------
    (
        "bowel_control",
        r"\b" + CANT + r" (?:\w+ )?(?:hold|control|keep) (?:in )?(?:my |it |in )?(?:poo|poop|"
        r"bowels?|stools?|motions?|number (?:2|twos?)s?|shit)\b",
    ),
    (
        "bladder_control",
        r"\b(?:peeing|weeing|urinating|pee|wee|urine|urination|going to the (?:toilet|loo|"
        r"bathroom)|bladder)(?: \w+){0,2}? (?:is|has been|been|feels?|felt|seems?|became|gone|got|"
        r"getting) (?:\w+ )?(?:hard|difficult|tricky|weird|strange|odd|different|funny|a struggle|"
        r"slow|wrong|off|numb|dead)\b",
    ),
    (
        "bladder_control",
        r"\b" + K % _NUMB + r"(?: \w+){0,3}? (?:when|while|as|after) i (?:pee|wee|urinat|go\b|"
        r"poo|poop)\w*",
    ),
    (
        "bladder_control",
        r"\b(?:urine|pee|wee) (?:is |has |has been )?(?:not|wont|doesnt|isnt|hasnt|wasnt) (?:\w+ )?"
        r"(?:coming|come|flowing|flow|passing|starting|start)\b|\bno urine\b",
    ),
    (
        "both_legs",
        r"\bbilateral (?:\w+ ){0,2}?(?:legs?|sciatica|numb(?!ers\b)\w*|weak\w*|tingl\w*|symptoms|"
        r"feet|"
        r"foot|leg pain|radiculopathy|lower limbs?|pins and needles|" + PARAESTHESIA + r")\b",
    ),
    (
        "both_legs",
        r"\b(?P<k>sciatic\w*|nerve pain|shooting pain)" + GAP % 3 + r"(?:both|2|two|each|either)"
        r" (?:of )?(?:my |the )?(?:legs?|sides?|feet)\b",
    ),
    (
        "trauma",
        r"\b(?:came|come|comes|coming|fell|thrown|flew|fallen|falling|knocked) off (?:my|the|a|his|"
        r"her|their) (?:\w+ )?(?:bike|motorbike|motorcycle|horse|scooter|skateboard|board|ladder|"
        r"roof|trampoline|quad|ebike|moped|bicycle|surfboard|snowboard|skis?|wall|stool|chair|"
        r"bed|pony)\b|\bfender ?bender|\bprang\w*|\bpile ?up\b|\bhit and run\b|\b(?:mva|rta|"
        r"rtc|mvc)\b|\b(?:wrecked|totall?ed|crashed|rolled) (?:my|the|our) (?:car|bike|motorbike|"
        r"truck|van|ute)\b",
    ),
    (
        "trauma",
        r"\b(?:slipped|tripped|stumbled)\b(?= (?:this|last|yesterday|today|earlier|again|badly|"
        r"hard|while|when|getting|coming|going|walking|running|carrying|and (?:fell|hurt|landed|"
        r"twisted|went)))",
    ),
    (
        "cancer_history",
        r"\b(?:breast|prostate|lung|bowel|colon|colorectal|skin|kidney|bone|thyroid|ovarian|"
        r"cervical|pancreatic|liver|bladder|stomach) ca\b|\b(?:canser|cancre|cacner|cnacer)\b|"
        # clinician shorthand puts the site after: "PMHx Ca breast", "hx of ca prostate"
        r"\bca (?:breast|prostate|lung|bowel|colon|rectum|kidney|thyroid|ovary|cervix|pancreas)\b|"
        r"\b(?:hx|pmhx|h/o|history) (?:of )?ca\b",
    ),
    (
        "fever",
        r"\b(?:bukhar|fiebre|fieber|fievre|febbre|febre|koorts|demam|\w*lagnat\w*|feaver|fevr|fver|"
        r"(?:38|39|40|41)(?:\.\d)? ?(?:c|degrees?)|10[0-4]"
        r"(?:\.\d)? ?(?:f|degrees? f))\b",
    ),
    (
        "cauda_equina",
        r"\b(?:cauda|corda|cauder|caudal?|cordae?)\w* (?:e|a)qu?in\w*+(?! (?:card|leaflet|info\w*|"
        r"checklist|poster|signs? (?:to|i should))|\W+(?:\w+\W+){0,1}?(?:excluded|ruled out))|"
        r"\bcauda\b(?! equina)|\bequina\b",
    ),
    (
        "bladder_control",
        r"\b(?:weak|slow|poor|thin|stop start) (?:urine |pee |wee )?stream|\bstream (?:is |"
        r"has been |feels )?(?:\w+ )?(?:weak|slow|poor)\b|\b(?:strain|straining|push|pushing) to "
        r"(?:pee|wee|urinate|go|empty)|\bhave to strain\b|\b(?:started|start|keep|been|im|am) "
        r"dribbl\w*|\bdribbl\w* (?:when|if|as|after|a bit|a little|all)",
    ),
    (
        "both_legs",
        r"\b(?P<k>numb(?!ers\b)\w*|weak\w*|tingl\w*|pins and needles|dead|" + CANT + r" (?:\w+ "
        r")?feel\w*)"
        r"(?:\W+\w+){0,8}?\W+(?:the|my) (?:other|right|left) (?:one|leg|foot|side)\b(?: is| s)?"
        r"(?: \w+)?? (?:too|as well|also|now|going|gone|numb(?!ers\b)\w*|weak\w*|tingl\w*)\b",
    ),
)

RED_FLAGS += (
    (
        "bladder_control",
        r"\b(?:cant|cannot|dont|didnt|do not|no longer|barely|hardly|not|never|couldnt) (?:\w+ )?"
        r"(?:feel|notice|tell|know|sense|reali[sz]e)\w* (?:when|if|that|whether) (?:i|im|ive|id) "
        r"(?:\w+ ){0,3}?" + VOID,
    ),
    (
        "bladder_control",
        r"\b" + K % _NUMB + r"(?: \w+){0,3}? (?:when|while|as|after|if) (?:i|im) (?:\w+ )?" + VOID,
    ),
    (
        "bladder_control",
        r"\b(?:when|while|as|after) (?:i|im) (?:\w+ )?" + VOID + r"(?: \w+){0,3}? " + K % _NUMB,
    ),
    (
        "bladder_control",
        r"\bretention of (?:my )?(?:urine|wee|pee)\b|\bretain\w* (?:my )?(?:urine|wee|pee)\b|"
        + TROUBLE_WITH
        + r"(?:bladder|waterworks|peeing|weeing|urine)\b|\bwaterworks (?:\w+ ){0,2}?"
        r"(?:problems?|issues?|trouble|not working|playing up|acting up|gone|funny|odd|weird|"
        r"strange)\b",
    ),
    (
        "bowel_control",
        TROUBLE_WITH + r"bowels?\b",
    ),
    (
        "bowel_control",
        r"\b(?:poo|poop|stools?|motions?|number 2s?|faeces|feces|shit|crap)\b(?: \w+){0,2}? "
        + _UNNOTICED,
    ),
    ("bladder_control", r"\b(?:pee|wee|urine|piss|number 1s?)\b(?: \w+){0,2}? " + _UNNOTICED),
)

# --- frames: a bladder or bowel word and a finding in one sentence, in either order ----
# "did short call on myself without knowing", "motion is coming out without control",
# "smell on the sheets ... I hadn't felt a thing", "no warning when I need a number two"
_VEHICLE = (
    r"(?:car|cars|van|truck|lorry|bus|taxi|cab|ute|suv|tractor|bike|cyclist|motorbike|motorcycle|"
    r"moped|scooter|e ?bike|boda(?: boda)?|okada|keke|tuk ?tuk|rickshaw|matatu|danfo|jeepney|"
    r"trike|forklift|someone|somebody|a guy|a driver|the driver|driver)"
)
_STRUCK_BACK = (
    r"(?:back|spine|tailbone|coccyx|kidneys|ribs|lower back|small of (?:my |the |his |her )?back)"
)
RED_FLAGS += (
    # "I can feel the water on my legs but not on my, um, undercarriage"
    (
        "saddle_numbness",
        r"\bfeel\w*\b(?:\W+\w+){0,8}?\W+(?P<k>but not)"
        + GAP % 3
        + "(?:"
        + _SADDLE_CORE
        + "|"
        + _SADDLE_BUM
        + r")\b",
    ),
    (
        "both_legs",
        r"\b" + K % _LEG_DEFICIT + GAP % 8 + r"(?:either|both|each) (?:foot|feet|leg|legs)\b",
    ),
    (
        "saddle_numbness",
        r"\b(?P<k>(?:sitting|sat|sit) on (?:\w+ ){0,4}?(?:that|which) (?:isnt|wasnt|is not) "
        r"there)\b",
    ),
    (
        "trauma",
        r"\b(?:cow|bull|horse|heifer|ram|sheep|pony|calf|steer|goat|pig|dog) (?:\w+ )?(?:pinned|"
        r"crushed|squashed|trampled|butted|kicked|knocked|flattened) (?:me|him|her|us)\b|"
        r"\b(?:pinned|crushed|squashed|trapped|jammed) (?:me|him|her) (?:against|between|under)\b|"
        r"\b(?:went|drove|ran|crashed|smashed|ploughed|plowed|slammed) (?:in|into) the back of "
        r"(?:the|my|our|me|us|his|her)\b|\b(?:hit|banged|bashed|smashed|whacked|bumped|cracked) "
        r"(?:his|her|their) (?:lower |upper )?(?:back|spine|tailbone|coccyx)\b",
    ),
    (
        "bladder_control",
        r"\bnothing (?:\w+ ){0,5}?(?:even though|although|but|though) (?:i )?(?:feel|felt|am|im) "
        r"(?:\w+ )?(?:full|bursting)\b",
    ),
    (
        "both_legs",
        r"\b(?P<k>numb(?!ers\b)\w*|tingl\w*|pins and needles|dead|weak\w*) (?:from|below) (?:the |"
        r"my )?"
        r"(?:knees?|waist|hips?|thighs?) down\b",
    ),
    (
        "trauma",
        r"\b(?:into|against) the boards?\b|\b(?:body|hip) ?check\w*|\bchecked (?:me |him |her "
        r")?into\b|"
        r"\bpush\w* (?:me|him|her) (?:into|onto|off|over|down)\b|\b(?:fall|falls|fell|land|lands|"
        r"landed) (?:down )?(?:hard |heavily |badly )?(?:on|onto) (?:my|his|her|their|the) "
        r"(?:back|bum|butt|tailbone|coccyx|bottom|backside|ice|floor|ground|concrete|pavement)\b",
    ),
    (
        "weight_loss",
        r"\b(?:\d+ ?(?:kg|kgs|kilos?|lbs?|pounds|stone)|a stone|half a stone) lighter\b",
    ),
    (
        "bladder_control",
        r"\bstood (?:there |at the \w+ )?for (?:ages|ever|\d+ minutes)(?:\W+\w+){0,4}?\W+nothing "
        r"(?:came|would come|happened)\b|\b(?:been|was|is|gets?|got) (?:\w+ )?wet through "
        r"(?:\w+ ){0,2}?(?:twice|again|\d+ times|every)",
    ),
    (
        "bladder_control",
        r"\b(?:cant|cannot|couldnt|could not|not able to) (?:make|do|go|pass) (?:small )?(?:toilet|"
        r"pipi|"
        r"pee|wee|susu|number 1|urine)\b",
    ),
    (
        "worsening_weakness",
        r"\b(?:leg|foot)\W+(?:\w+\W+){0,3}?(?:weak|numb(?!ers\b))\w*(?:\W+\w+){0,40}?\W+"
        r"(?P<k>(?:worse|weaker) (?:every|each|by the) day)\b",
    ),
    ("both_legs", r"\b(?P<k>ants in (?:my |her |his |their |both )?(?:\w+ )?(?:legs|feet))\b"),
    (
        "trauma",
        r"\b(?:jumped|landed|piled|dived|dove|fell) on (?:top of )?(?:my|his|her|their) back\b",
    ),
    (
        "bladder_bowel",
        r"\b" + EXCRETA + GAP % 8 + r"(?P<k>(?:didnt|did not|couldnt|could not) make it)\b",
    ),
    (
        "bladder_bowel",
        r"\b(?P<k>(?:unaware|didnt (?:even )?(?:reali[sz]e|notice|know)|"
        r"did not (?:even )?(?:reali[sz]e|notice|know)) (?:that )?"
        r"(?:i|he|she) (?:needed|need|had|have) to (?:go|pee|wee|poo))\b",
    ),
    # clinical shorthand: "S3-S5 dull", "S2-4 reduced"
    (
        "saddle_numbness",
        r"\bs[2-3] ?(?:-|to)? ?s?[4-5] (?:\w+ )?(?P<k>dull|reduced|absent|altered|"
        r"numb(?!ers\b)\w*|"
        r"decreased|"
        r"diminished)\b",
    ),
    # "my thighs shake. both of them"
    (
        "both_legs",
        r"\b(?:legs|thighs|knees|calves) (?:\w+ ){0,2}?(?P<k>shak\w*|trembl\w*|wobbl\w*|giv\w* way|"
        r"gave way|gave out|buckl\w*|collaps\w*)"
        r"\W+(?:\w+\W+){0,4}?both(?: of them)?\b",
    ),
    (
        "bladder_control",
        r"\b(?P<k>(?:havent|hasnt|have not|has not|not) (?:\w+ )?(?:needed|felt the need|had the "
        r"urge) "
        r"(?:to (?:pee|wee|urinate)|a (?:wee|pee)))|\b(?P<t>(?:push|strain)\w* and (?:push|"
        r"strain)\w*"
        r"(?: \w+){0,3}? (?:trickle|out|come)|(?:get|got|manage\w*) (?:\w+ )?a trickle)\b",
    ),
    ("bladder_bowel", r"\b" + EXCRETA + GAP % 8 + K % UNFELT),
    ("bladder_bowel", r"\b" + K % UNFELT + GAP % 8 + EXCRETA + r"\b"),
    ("bladder_control", r"\b" + URINE + GAP % 8 + K % RETENTION),
    ("bladder_control", r"\b" + K % RETENTION + GAP % 10 + URINE + r"\b"),
    (
        "bladder_bowel",
        r"\b(?:puddles?|accidents?|wees?|pees?|poos?|wet patch)(?: \w+){0,3}? (?:was|were) (?:mine|"
        r"me)\b",
    ),
    (
        "bladder_control",
        r"\b(?P<k>(?:no|lost|without) (?:\w+ )?(?:sensation|feeling)) (?:of|when|as) (?:it |the "
        r"(?:urine|pee|wee) )?(?:passing|coming out|comes out|going)\b|\b(?:pads?|nappy|"
        r"incontinence pads?|sheets) (?:\w+ ){0,3}?(?:soaked|soaking|sodden|drenched|wet through)"
        r"(?! (?:in|with) sweat)",
    ),
    (
        "bowel_control",
        r"\b(?:dirtied|dirty|dirtying|fouled|soiled|messed) (?:in )?(?:my|his|her|their|the) "
        r"(?:pants|"
        r"trousers|underwear|knickers|undies|nappy|bed|sheets)\b",
    ),
    # impacts told as stories: "someone reversed into my car", "took a ball square in the
    # small of the back", "boda boda knocked me", "landed with my back on the steps"
    (
        "trauma",
        r"\b(?:reversed|backed|drove|ran|crashed|ploughed|plowed|smashed|slammed|went|bumped|"
        r"rammed|skidded) (?:(?:his|her|their|a|the) (?:\w+ )?)?(?:straight |right |slowly )?into "
        r"(?:the (?:back|side) of )?(?:me|us|him|"
        r"her|(?:my|our|his|her|their) (?:\w+ )?(?:car|van|truck|bike|scooter|motorbike|cab|taxi|"
        r"ute))\b",
    ),
    (
        "trauma",
        r"\b(?:flattened|knocked flying|bowled over|taken out) (?:by|in) (?:\w+ ){0,6}?(?:tackle|"
        r"collision|challenge)\b|\blanded (?:\w+ ){0,6}?on (?:my|his|her|the) (?:lower |upper )?"
        r"(?:back|spine|tailbone|coccyx)\b",
    ),
    (
        "trauma",
        r"\b(?:took|got|caught|copped|had|take|get|catch) (?:a |an |the )?(?:\w+ ){0,2}?"
        r"(?:ball|hit|knock|kick|knee|elbow|boot|shot|blow|whack|bang|bump|shoulder|tackle) "
        r"(?:\w+ ){0,3}?"
        r"(?:in|on|to|into|across) (?:the |my |his |her )(?:\w+ ){0,2}?" + _STRUCK_BACK + r"\b",
    ),
    (
        "trauma",
        r"\b" + _VEHICLE + r" (?:\w+ )?(?:knocked|hit|jammed|jam|bashed|struck|ran over|clipped|"
        r"bumped|touched|hit|rammed|smashed into|crashed into|went into) (?:me|him|her|us|them)\b",
    ),
    (
        "trauma",
        r"\b(?:drop|dropped|fall|falls|fell|tumbled|tumble|came down) (?:off|from|out of|down) (?:t"
        r"he |a |"
        r"my |his |her |their |di |de |da |one )?(?:\w+ )?(?:tree|ladder|roof|bike|horse|wall|"
        r"stairs|"
        r"steps|bunk|scaffold\w*|platform|stage|truck|lorry|loft|attic|bus|train|escalator|"
        r"balcony|fence|trampoline|climbing frame)\b",
    ),
    (
        "trauma",
        r"\b(?:went|gone|goes|going) (?:over|down) (?:in|on|at) the (?:\w+ )?(?:bathroom|kitchen|"
        r"garden|"
        r"shower|bath|ice|street|road|pavement|stairs|steps|floor|shop|supermarket|park|hall\w*|"
        r"toilet|bedroom|driveway|yard)\b|\b(?:went|gone) down (?:hard|heavily|like a sack)\b|"
        r"\btook a (?:\w+ )?(?:tackle|spill|tumble)\b|\b(?:big|hard|heavy|late|bad) (?:rugby |"
        r"football )?tackle\b",
    ),
    (
        "trauma",
        r"\b(?:land|lands|landed|landing) (?:\w+ ){0,2}?(?:with|on) (?:my |his |her |the |their )?"
        r"(?:back|bum|butt|tailbone|coccyx|spine|bottom|backside|arse|hip|side)\b|\blanded "
        r"(?:wrong|awkward\w*|funny|heavily|heavy|flat|hard)\b|\b(?:spine|back) (?:\w+ ){0,3}?"
        r"jarred\b",
    ),
    # fever in likeness and numbers: "forehead like a radiator", "roasting from the inside",
    # "temp's up, 38ish", "thermometer says 101.4"
    (
        "fever",
        r"\b(?:burning up|boiling up|roasting (?:from|up)|hot and (?:clammy|sweaty|shivery|cold)|"
        r"forehead (?:\w+ ){0,3}?(?:hot|burning|radiator|on fire|boiling)|(?:hot|burning) like "
        r"(?:an? )?"
        r"(?:oven|furnace|fire|stove)|like a (?:radiator|"
        r"furnace|oven|hot water bottle)|shivery|clammy and (?:hot|shivery)|"
        r"(?:temp|temperature)s? (?:is |s |has been |been |was |keeps |kept )?(?:\w+ )?(?:up|high|"
        r"raised|spiking|spiked|through the roof|going up)\b|"
        r"(?:thermometer|temp|temperature)s? (?:\w+ ){0,2}?(?:3[89]|4[0-2]|99|10[0-5])(?:\.\d)?\b)",
    ),
    # weight: "clothes have become very loose", "scale keeps going down", "look so thin",
    # "collarbones stick out", "weight is reducing", "lose 6 kilos", "down 7kg"
    (
        "weight_loss",
        r"\b(?:clothes|trousers|jeans|pants|breeks|belt|dress|dresses|skirt|shirts?|tops?|bra|"
        r"ring|rings|watch|waistband|collar)s? (?:\w+ ){0,3}?(?:loose|looser|baggy|baggier|hanging "
        r"off|hing\w* off|falling off|swimming on|too big|big on me|bigger on me|"
        r"(?:just )?hang(?:ing)? (?:off|on))\b|\b(?:lose|lost|losing|loosing) (?:some |many |a lot "
        r"of |"
        r"lots of )?kilos\b|"
        r"\bscales? (?:keeps? |is |are |has been |have been )?(?:\w+ )?(?:going|gone|went|dropping|"
        r"showing less|lower)(?: down)?\b|"
        r"\b(?:look|looks|looking|getting|got|gone|grown|become|became|so|very|really|too) "
        r"(?:\w+ )?(?:thin|skinny|bony|gaunt)\b|\bskin and bones?\b|\b(?:collarbones?|ribs|"
        r"cheekbones|hip ?bones?) (?:\w+ ){0,2}?(?:stick\w* out|showing|poking)|"
        r"\bface (?:\w+ ){0,3}?(?:hollow|sunken|gaunt)\b|\b(?:im|i am|hes|shes|he is|she is) "
        r"shrinking\b|"
        r"\bwasting away\b|\bweight (?:is |has been |keeps |been )?(?:\w+ )?(?:reducing|decreasing|"
        r"reduced|decreased)\b|\b(?:lose|loose|loosing|losing|lost|dropped|droppin|down|reduced) "
        r"(?:\w+ ){0,2}?(?:\d+ ?|(?:a|half a|a couple of|a few|2|3) )(?:kg|kgs|kilos?|lbs?|pounds|"
        r"stone|st)\b|\b(?:droppin|losin|loosin) "
        r"(?:\w+ )?weight\b|\bdown (?:\d+|two|a couple of|a few) (?:dress )?sizes?\b",
    ),
    # cancer in euphemism: "prostate trouble (the serious kind)", "the bad cells", "a
    # growth removed, the bad sort", "had the prostate done"
    (
        "cancer_history",
        # (not "not the bad kind of sore")
        r"\b(?:the )?(?:bad|serious|nasty|malignant|dangerous) (?:kind|sort|type)\b"
        r"(?! of (?:sore|pain|ache|stiff|tired|hurt|soreness|stretch))|\b(?:bad|"
        r"abnormal|precancerous|pre cancerous|cancerous) cells\b|\bthe big c\b|\bthe c word\b|"
        r"\bprostate (?:done|removed|taken out|out)\b|\b(?:the )?(?:bad|serious|nasty|ugly|"
        r"terrible|evil) "
        r"(?:disease|illness|thing) in (?:the |my |his |her )?(?:breast|prostate|bowel|lung|colon|"
        r"womb|"
        r"kidney|skin|blood|bones?)\b|\b(?:lump|growth|mass|tumou?r) (?:\w+ ){0,6}?"
        r"(?:removed|taken out|cut out)\b",
    ),
)

# weight loss that is explained (dieting...) is not a red flag
WEIGHT_LOSS_EXPLAINED = re.compile(
    r"\b(?:diet\w*|on purpose|(?:trying|tried|want|wanted|wanna|need|needed|hoping|hoped|meant|"
    r"aiming|planned|planning|decided) to (?:lose|drop|shed|get (?:down|thinner|slimmer|fit|in "
    r"shape)|cut|eat (?:less|better|healthier))|goal|plan(?:ned)? (?:it|to)|gastric (?:band|bypass|"
    r"sleeve)|bariatric|weight loss surgery|"
    r"calorie\w*|keto|fasting|fast for|ramadan|lent|planned it|turns out|turned out|"
    r"(?:stopped|quit|quitting) (?:eating|raiding|snacking|drinking)|ozempic|wegovy|mounjaro|"
    r"intentional\w*|gym|working out|workouts?|"
    r"running|weight watchers|slimming|program+e|help(?:ed|ing|s)? (?:me |him |her )?(?:to )?lose|"
    r"for weight loss|lose weight|gave up|giving up|the whole idea|"
    r"(?:thats|that s|its|it s) because|cut(?:ting)? out|couch to 5k|exercising|training|"
    r"walking more|walk (?:every|each) ?day|walking|swimming|cycling|eating (?:less|better|"
    r"healthier)|"
    r"(?:stomach |tummy |sickness )?bug|food poisoning|gastro\w*|norovirus|vomiting|"
    # a known cause: "lost loads of weight in hospital after his op", "since the baby"
    r"(?:after|since|from) (?:his |her |my |their |the )?(?:op|operation|surgery|hospital stay|"
    r"stay in hospital|stroke|baby|birth|c ?section|bypass)|in hospital|breastfeeding)\b"
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
