"""Word families for pain triage that several pattern tables share, and the context
patterns for two red flags (cancer with night pain; falls that are not a person falling).

Patterns run on text already normalised by `triage_context.normalise` (lower case, no
apostrophes). Each entry is a family of synonyms and word forms, including the clinical
words people copy from letters ("paraesthesia", "retention"). Only data here: no logic.
"""

from __future__ import annotations

import re

# clinical words for altered feeling: paraesthesia, dysaesthesia, hypoaesthesia, sensory loss
PARAESTHESIA = (
    r"(?:par(?:a|ae|e)?sth\w*|dys(?:a|ae|e)?sth\w*|hyp(?:o|a)(?:a|ae|e)?sth\w*|sensory "
    r"(?:loss|change\w*|disturbance\w*|deficit\w*)|altered sensation)"
)
# where people empty the bladder or bowels, and the verbs for doing it
TOILET = r"(?:loo|toilet|bathroom|lavatory|lav|wc|restroom|washroom|potty|john|commode)"
VOID = (
    r"(?:pee\w*|wee\w*|urinat\w*|pass\w* (?:urine|water)|empty\w* (?:my |the )?bladder|"
    r"open\w* (?:my )?bowels|poo\w*|go(?:ing)? to the " + TOILET + r"|(?:am |im |sit\w* |was )?on "
    r"the " + TOILET + r"|need (?:to go|the " + TOILET + r"|a (?:wee|pee|poo|number (?:1|2)))|"
    r"(?:short|long) call|(?:small|big) (?:convenience|toilet)|number (?:1|2)s?)"
)
# words in other languages for numb or tingling, as people type them in English
# (Portuguese, Spanish, German, Turkish, Hindi/Urdu, Malay/Indonesian)
FOREIGN_NUMB = (
    r"(?:dormente|dormid[oa]s?|adormecid\w*|entumecid\w*|formigamento|formigando|hormigueo|"
    r"taub|(?:feels?|feeling|gone|went|is|are) deaf|deaf (?:feeling|sensation)|uyus\w*|uyuş\w*|"
    r"jhunjhuni|sunn pan|kebas|mati rasa|kesemutan)"
)
# what leaves the body and where it goes: bladder and bowel words for the frames below
URINE = (
    r"(?:pee|pees|peed|peeing|wee|wees|weeing|wee wee|urine|urinat\w*|piss|pissing|bladder|"
    r"waterworks|pass\w* water|number (?:1|one)s?|short call|small (?:convenience|toilet)|urinal|"
    r"stood at the (?:toilet|loo)|bursting|trickle|pipi|pee pee|susu)"
)
EXCRETA = (
    r"(?:" + URINE[3:-1] + r"|toilet|loo|bathroom|lavatory|potty|poo|poos|pooed|pooing|poop\w*|"
    r"stools?|motions?|bowels?|number (?:2|two)s?|long call|big (?:convenience|toilet)|"
    r"leak|leaks|leaked|leaking|pads?|nappy|nappies|diapers?|underwear|knickers|undies|sheets|"
    r"jeans|trousers|pants|shorts|puddles?|back passage)"
)
# not feeling or not knowing it happen ("didn't feel a thing", "without knowing", "no
# warning"); normalise has already turned "without control" into "lost control" and
# "didn't notice" into "unaware"
UNFELT = (
    r"(?:lost control|unaware|without (?:even )?(?:me |my )?(?:knowing|noticing|feeling|realising|"
    r"realizing|warning|meaning to|wanting)|without that i (?:feel|felt|know|notice)|"
    r"(?:didnt|did not|dont|do not|cant|cannot|couldnt|could not|hadnt|had not|never|not|no "
    r"longer) (?:even |really |properly |always |seem to |ever )?(?:feel|felt|notice|noticed|"
    r"sense|sensed|realise|realised|realize|realized|know|knew|tell)(?! (?:like|good|well|fine|"
    r"great|up to|bad|sorry|ok|okay|better|worse|much|any (?:pain|better|worse|different)|the "
    r"(?:pain|difference)|pain|myself(?! go| wee| pee| leak| wet| let go)|comfortable|confident|"
    r"safe|sure|right|you|anyone|"
    r"(?:a|any|much) difference))"
    r"|(?:not|never) being able to (?:feel|tell|sense|control)"
    r"|(?:cant|cannot|couldnt|could not|no longer|not able to|unable to) (?:\w+ )?(?:control|hold|"
    r"stop)(?! (?:my |the )?pain)|not knowing|not getting (?:the |any )?(?:feeling|sensation|urge)|"
    r"comes? out (?:alone|by itself|on its own|itself)"
    r"|without to (?:feel|know|notice)|no (?:warning|urge|signal|sensation|feeling)|"
    r"(?:dont|didnt|do not|did not|never) (?:get|"
    r"have|"
    r"feel) (?:any |a |much |the )?(?:warning|signal|urge))"
)
# a bladder that will not empty: "nothing would come", "just a trickle", "haven't needed a wee"
RETENTION = (
    r"(?:nothing (?:would |will |wont |did |does |at all |much )?(?:come|comes|came|coming)|"
    r"(?:wont|would not|wouldnt|will not|doesnt|didnt|did not|does not) (?:\w+ )?"
    r"(?:come|start|flow)\b|(?:it |urine |pee )?(?:not|no) (?:come|coming|comes)(?: out)?|"
    r"(?:cant|cannot|couldnt) get (?:things|it|anything) (?:going|started|flowing)|drop by drop|"
    r"in drops|(?:pushing|straining) but (?:\w+ )?(?:not|nothing) (?:coming|come)|"
    r"(?:a |only a |just a |tiny |little )trickle|push(?:ing)? and push|"
    r"(?:havent|hasnt|have not|has not|not) (?:\w+ )?(?:needed|felt the need|had the urge|wanted) "
    r"(?:to go|to pee|to wee|a wee|a pee)|"
    r"nothing (?:\w+ ){0,5}?(?:even though|although|but|though) (?:i )?(?:feel|felt|am|im) "
    r"(?:\w+ )?(?:full|bursting)|"
    r"(?:feel|felt|feeling) (?:\w+ )?(?:full|bursting)(?: but| and)? (?:\w+ ){0,3}?"
    r"(?:nothing|cant|wont|cannot))"
)
# "accidents with her bladder", "trouble with my bowels"
TROUBLE_WITH = (
    r"\b(?:accidents?|leaks?|problems?|trouble|issues?|difficult\w*) (?:with|of|in) "
    r"(?:my |his |her |their |the )?"
)

# a history of cancer is a red flag with night or rest pain; free text often leaves that
# out, so it counts unless the person says the pain is not like that ("I sleep well")
NIGHT_PAIN_DENIED = re.compile(
    r"\b(?:at night|in the night) (?:i |he |she )?(?:sleep|slept|sleeps) (?:\w+ )?(?:fine|well|ok|"
    r"okay|soundly|through)\b|"
    r"\b(?:sleep\w*|slept) (?:\w+ ){0,2}?(?:fine|well|ok|okay|soundly|through|normally|like a "
    r"(?:log|baby)|all night)\b|\b(?:not|never|no|isnt|doesnt|dont) (?:\w+ ){0,3}?(?:at night|"
    r"wakes? me|keeps? me (?:up|awake))\b|\beases? (?:\w+ ){0,2}?(?:with|when i) (?:rest|lie)|"
    r"\bno (?:night|rest) pain\b|\b(?:lying down|lie down|a lie down|rest\w*|a rest|sitting down) "
    r"(?:\w+ )?(?:sorts|fixes|helps|eases|settles|relieves|cures) (?:it|me|things)\b|\brest "
    r"helps\b|"
    r"\bsleep (?:good|great)\b|\b(?:fine|ok|okay|good|better|grand|no problem|easier) "
    r"(?:at|during the|in the|through the) night\b|\b(?:better|fine|easier|eases|eased|goes|"
    r"went|settles|ok|okay|good|gone) (?:\w+ ){0,3}?(?:when|if|once|after|as soon as) "
    r"(?:i |he |she )?(?:sit|sits|sat|"
    r"rest|rests|lie|lies|lay|have a rest|put my feet up)"
)
# a cancer scare that was not cancer: "the scan was clear", "turned out to be nothing", "benign"
CANCER_RULED_OUT = re.compile(
    r"\b(?:scare|turned out (?:to be )?(?:nothing|fine|benign)|benign|not cancer\w*|no cancer|"
    r"rule out cancer|ruled out|came back clear|"
    r"(?:it|that|everything) (?:was |came back )?all clear|"
    r"screening (?:\w+ ){0,5}?(?:clear|fine|normal)|"
    r"(?:scans?|tests?|results?) (?:was |were )?all clear|"
    r"(?:scans?|biopsy|biopsies|tests?|results?|bloods) (?:was |were |came back |all )?(?:clear|"
    r"fine|normal|negative|ok|okay|benign))\b"
)
NIGHT_PAIN = re.compile(
    r"\b(?:at night|night ?times?|overnight|nights|up all night|wakes? (?:me|her|him|them)|woke "
    r"(?:me|her|him|them)|waking (?:me|her|him|them)|keeps? (?:me|her|him|them) (?:up|"
    r"awake)|not eased|doesnt ease|wont ease|at rest|when (?:i )?rest\w*|lying down)\b"
)
# "my step count has fallen", "the pain fell to 3": a number or a thing falls, not a person
FALL_NOT_PERSON = re.compile(
    r"\b(?:cat|cats|kitten|dog|dogs|puppy|pet|hamster|bird|budgie|rabbit|toy|toys|vase|plant|"
    r"picture|shelf|tv|teddy|doll|action figure|ball|lego|book|box|heart|stomach|face|jaw|"
    r"spirits|"
    r"count|counts|score|scores|level|levels|numbers?|temperature|temp|weight|pain|price|"
    r"prices|rate|sales|mood|reading|readings|pressure|sugars?|appetite|average|steps|mileage|"
    r"activity|stocks?|shares?|standards?|grades?|marks|night|darkness|snow|rain|leaves|hair|"
    r"tooth|teeth)(?: \w+)?? (?:has |have |had |is |was |s |keeps |kept )?(?:\w+ )?$"
)

# a fever that an ordinary illness explains ("a cold", "flu", "covid")
ILLNESS = re.compile(
    r"\b(?:cold|colds|flu|influenza|covid\w*|virus|viral|bug|chest infection|sore throat|"
    r"tonsillitis|ear infection|sinus\w*|cough\w*|runny nose|norovirus|vaccin\w*|jab|booster)\b"
)
RESOLVED = re.compile(
    r"\b(?:gone|went away|over it|over now|passed|cleared(?: up)?|recovered|better now|all "
    r"better|its over)\b"
)
