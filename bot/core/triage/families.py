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
    r"jhunjhuni|sunn pan|kebas|mati rasa|kesemutan|khab|so gaye|so gayi)"
)
# what leaves the body and where it goes: bladder and bowel words for the frames below
URINE = (
    r"(?:pee|pees|peed|peeing|wee|wees|weeing|wee wee|urine|urinat\w*|piss|pissing|bladder|"
    r"waterworks|pass\w* water|mak(?:e|es|ing) water|made water|number (?:1|one)s?|short call|"
    r"small (?:convenience|toilet)|urinal|"
    r"(?:stood|stand|standing|stands|stay|staying|stayed) (?:\w+ ){0,2}?(?:at|for|on|in|in front "
    r"of) "
    r"(?:the )?(?:toilet|loo|urinal)|bursting|trickle|pipi|pee pee|susu|small one|xixi|chichi)"
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
    r"realizing|warning|meaning to|wanting)|without (?:that )?(?:i|me|he|she) (?:feel|felt|know|"
    r"knew|"
    r"notice|noticing|feeling|knowing)|"
    r"(?:didnt|did not|dont|do not|cant|cannot|couldnt|could not|hadnt|had not|never|not|no "
    r"longer) (?:even |really |properly |always |seem to |ever )?(?:feel|felt|notice|noticed|"
    r"sense|sensed|realise|realised|realize|realized|know|knew|tell)(?! (?:like|good|well|fine|"
    r"great|up to|bad|sorry|ok|okay|better|worse|much|any (?:pain|better|worse|different)|the "
    r"(?:pain|difference)|pain|myself(?! go| wee| pee| leak| wet| let go| doing| pass| peeing| "
    r"weeing)|comfortable|confident|"
    r"safe|sure|right|you|anyone|"
    r"(?:a|any|much) difference))"
    r"|(?:not|never) being able to (?:feel|tell|sense|control)"
    r"|(?:cant|cannot|couldnt|dont|do not) (?:really )?tell (?:when|if|whether) (?:its|it is|im|i "
    r"am|"
    r"i m) (?:\w+ )?(?:finished|done|going|started|stopped|empty|coming)"
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
    r"(?:nothing (?:would |will |wont |did |does |at all |much )?(?:come|comes|came|coming|"
    r"happen|happens|happened|happening)|"
    # "can't seem to empty properly", "stopped getting the urge"
    r"(?:cant|cannot|couldnt|unable to|not|never) (?:seem to |quite |really )?empty(?:ing)? "
    r"(?:properly|fully|completely|all the way)|"
    r"(?:wont|would not|wouldnt|will not|doesnt|didnt|did not|does not|dont|do not) (?:\w+ )?"
    r"(?:come|start|flow)\b|(?:it |urine |pee )?(?:not|no) (?:come|coming|comes)(?: out)?|"
    r"(?:cant|cannot|couldnt|could not|can not) get (?:things|it|anything|a wee|a pee|the flow|a "
    r"stream|the stream) (?:going|started|flowing)|drop by drop|"
    r"(?:hardly|barely|almost) (?:anything|nothing|any) (?:comes?|came|coming)|"
    r"in drops|(?:pushing|straining) but (?:\w+ )?(?:not|nothing) (?:coming|come)|"
    r"(?:a |only a |just a |tiny |little )trickle|push(?:ing)? (?:and )?push|"
    r"(?:havent|hasnt|have not|has not|not) (?:\w+ )?(?:needed|felt the need|had the urge|wanted) "
    r"(?:to go|to pee|to wee|a wee|a pee)|"
    r"nothings? (?:is |s )?coming|"
    r"nothing (?:\w+ ){0,5}?(?:even though|although|but|though) (?:i )?(?:feel|felt|am|im) "
    r"(?:\w+ )?(?:full|bursting)|"
    r"(?:feel|felt|feeling) (?:\w+ )?(?:full|bursting)(?: but| and)? (?:\w+ ){0,3}?"
    r"(?:nothing|cant|wont|cannot)|"
    # "the wee no gree come out" (Nigerian Pidgin: refuses), "refuses to come"
    r"no gree (?:come|comes|comot)|(?:refuses?|refused|refusing) to (?:come|start|flow)|"
    # "waiting ages for anything to come out", "and when it does it's a dribble"
    r"wait\w* (?:\w+ ){0,2}?(?:ages|forever|for ages|so long|a long time|minutes) (?:\w+ ){0,3}?"
    r"(?:to come|to start|to get going|for (?:it|anything|something) to)|"
    r"(?:only|just|its|it s|its just|barely|a) (?:a )?dribble|takes? (?:\w+ )?(?:ages|forever) "
    r"to (?:come|start|get going))"
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
    r"(?:log|baby)|all night)(?: at night| all night| through the night)?\b|\b(?:not|never|no|isnt|"
    r"doesnt|dont) (?:\w+ ){0,3}?(?:at night|"
    r"wakes? me|keeps? me (?:up|awake))\b|\beases? (?:\w+ ){0,2}?(?:with|when i) (?:rest|lie)|"
    r"\bno (?:night|rest) pain\b|\bnights? (?:are|is|have been|has been) (?:\w+ )?(?:calm|fine|ok|"
    r"okay|good|quiet|peaceful|easy|settled)\b|\b(?:calm|quiet|peaceful|easy|good) nights?\b|"
    r"\bno night[- ]?time (?:stuff|pain|problems|issues|aches?)\b|"
    r"\b(?:better|easier|eases?|eased|settles?) (?:\w+ )?(?:after|when|with|by) (?:i )?"
    r"(?:lying|lie|resting|rest|a rest|sitting down)\b|"
    r"\b(?:lying down|lie down|a lie down|rest\w*|a rest|sitting down) "
    r"(?:\w+ )?(?:sorts|fixes|helps|eases|settles|relieves|cures) (?:it|me|things)\b|\brest "
    r"helps\b|"
    r"\bsleep (?:good|great|well)(?: at night| all night| through the night)?\b|"
    r"\bno (?:problem|pain|trouble) (?:when|while|at) (?:i )?(?:rest|lie|night)\b|"
    r"\b(?:doesnt|does not|dont|do not|never|not) (?:\w+ )?(?:bother|disturb|affect|wake) "
    r"(?:my |his |her )?sleep\b|"
    r"\bwhen (?:i |he |she )?(?:lie down|lie|lay down|rest|sit down|put my feet up)"
    r"(?: \w+){0,2}? (?:it )?(?:goes |gets |is |feels |becomes )?(?:better|easier|eases|settles|"
    r"goes away|fine|calms? down|goes|stops|disappears|eases off)\b|"
    r"\b(?:fine|ok|okay|good|better|grand|no problem|easier) "
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
    r"awake)|not eased|doesnt ease|wont ease|at rest|when (?:i )?rest\w*|lying down|in bed (?:it )?"
    r"(?:is |gets |s )?worse|lying (?:down )?is impossible|cant lie (?:down|flat|still)|at night i "
    r"(?:walk|pace|get up))\b"
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
# "they're fine now": words of others being well, which end nobody else's symptom
THEY_ARE = re.compile(r"(?:hes|he is|shes|she is|theyre|they are|theyve|hes been|shes been)\b")
RESOLVED = re.compile(
    r"\b(?:(?<!appetite )(?<!energy )(?<!feeling )(?<!sensation )(?<!strength )(?<!control )"
    r"(?<!power )(?<!sleep )(?<!grip )(?<!balance )(?<!weight )(?<!id )(?<!had )(?<!i d )"
    r"(?<!saddle )(?<!seat )(?<!back )(?<!backs )(?<!saddle has )(?<!seat has )(?<!chair has "
    r")(?<!stone )(?<!kilos )(?<!kilo )(?<!\dst )(?<!\d st )"
    r"(?<!pounds )(?<!kg )(?<!kgs )(?<!lbs )(?<!lb )"
    r"gone(?= *(?:$|[,.!?;]|now|na\b|lah\b|already|away|completely|since|for good|again|"
    r"(?:in|for|after|within) "
    r"(?:a|an|\d+|a few|a couple of|half a) (?:day|days|hour|hours|week|weeks|night|nights)\b|"
    r"back to(?! bed| sleep| work)))|"
    r"went away|cleared(?: up)?|(?:is|are|it) over now|over now|"
    r"passed(?! (?:motion|motions|stool|stools|urine|water|wind|blood|out|his|her|my|the|a|an|"
    r"their|our|your|driving|exams?|tests?)\b)|resolved|"
    r"better now|all better|its over|fine now|ok now|okay now|all good|no more \w+|in remission|"
    r"(?:been )?normal (?:every day |ever )?since|(?:fever|temperature|temp|it) broke|"
    r"(?:hes|shes|ive|i have|he has|she has|theyve) been (?:fine|ok|okay|well|better) since|"
    r"settled (?:completely|down|right down|now|away)|(?<!half )wore off|(?<!half )worn off|"
    r"(?:has |have )?been sorted|"
    r"all sorted|sorted now|sorted with|"
    r"long over|over and done|all over now|all done now|done and dusted|"
    r"no (?:temperature|temp|fever) (?:at all )?since|"
    r"gone by (?:the )?(?:next day|next morning|morning|evening|\w+day)|"
    r"(?:back|it|i|he|she) (?:was|were) (?:totally |completely |perfectly )?(?:fine|ok|okay) "
    r"(?:after|afterwards|since)|"
    r"sorted (?:it|him|her|me) out|sorted (?:it|that)|cleared it|"
    r"(?:lasted|was there|were there) (?:\w+ ){0,3}?and (?:went|stopped|cleared|faded)|"
    r"gone (?:a minute |a few minutes |seconds |straight |right )?(?:after|when|once|as soon as) "
    r"(?:i|he|she|they) (?:stood|got up|moved)|"
    r"cancer[- ]?free|all clear|recovered|healed|settled down|disappeared|back to normal|"
    # someone's fall that hurt them not ("they say he's not hurt at all"), "unhurt"
    r"(?:hes|he is|shes|she is|theyre|they are|he was|she was|they were) (?:\w+ )?not (?:\w+ )?"
    r"(?:hurt|injured)\b(?! (?:his|her|their) back)|unhurt|uninjured|unscathed|"
    r"walked away (?:from it )?(?:without a scratch|unhurt|fine|with(?: just)? (?:a )?bruises?)|"
    r"without a scratch|"
    r"(?<!legs )(?<!leg )(?<!feet )(?<!arms )(?<!hands )"
    r"(?:its|it is|thats|that is|hes|he is|shes|she is|theyre|they are|im|i am|i feel|feel|"
    r"feels|it feels|its been|has been|have been) (?:totally |completely |perfectly |"
    r"absolutely )?(?:fine|ok|okay|normal)(?! im fine| i am fine)(?!,? (?:probably|i think|i guess|"
    r"i hope|maybe|"
    r"i reckon|just (?:tell|give|send)|whatever))|"
    r"afebrile|normal now|no (?!force|power|strength|feeling|sensation|control|grip|energy)\w+ now|"
    r"(?:it|that|they|which) went (?:off |away )?(?:after|once|when|"
    r"with) (?:a |the |i |my )|"
    # "it is finished now", "it finish now" (a second-language "over"), "now fully fine"
    r"(?<!when )(?<!if )(?<!until )(?<!till )(?<!whether )(?<!if it )(?<!when it )(?<!know it )"
    r"(?:it is|its|it s|it was|it has|is|was) "
    r"(?:\w+ )?finish(?:ed)?\b|finish(?:ed)? now|long since (?:mended|healed|gone|better)|"
    r"mended|healed up|"
    # "the fever went last week", "the temperature settled days ago", "over that now"
    r"(?:fever|temperature|temp|it|infection|flu|bug|cold|virus) (?:went|left|broke|ended|stopped|"
    r"settled|cleared|passed|finished|finish) (?:\w+ )?(?:last (?:week|night|"
    r"weekend|month)|yesterday|(?:a few |\d+ |a couple of |some )?(?:days|weeks) ago|"
    r"a (?:day|week) ago|on \w+day)|over (?:that|it|the \w+) now|"
    r"(?:temperature|temp|fever)s? (?:is |s |has been |was |now )?(?:back to )?normal|"
    r"now (?:fully |totally |completely |all |perfectly )?(?:fine|ok|okay|well|good|healthy)|"
    r"(?:fully|completely|all|got|getting|im|am|is|was) over it|no \w+ since|"
    r"(?:feeling )?(?<!test )(?<!tests )(?<!results )(?<!result )(?<!scan )(?<!bloods )"
    r"(?<!sciatica )(?<!pain )(?<!ache )(?<!symptoms )(?<!flare )(?<!problem )(?<!trouble )came "
    r"back(?! negative| positive)|"
    r"(?:now|is|are|all) (?:healthy|well again|better)|"
    r"(?:fine|normal|ok|okay|went away|gone) (?:as soon as|when|once|the moment) "
    r"(?:i|he|she|they) (?:got up|stood up|stood|moved|stand|get up)|"
    r"(?<!can )(?<!could )(?<!will )(?<!would )not (?:numb(?!ers\b)|tingly|weak|there|happening|a "
    r"problem|an issue|(?:\w+ )?now) ?any ?more|(?:(?:but|and) |(?<=[,;.] ))not any ?more|"
    r"(?:dont|doesnt|do not|does not) (?:have|get) (?:it|that|them|this|those) any ?more)\b"
)
"""Words that say a symptom is over. Not a bare "anymore" or "no longer": "can't hold it
anymore" is a loss, not a recovery; "not numb anymore" and "but not any more" are over."""
