"""Context cues for pain triage: negation, scope breaks, hypotheticals, questions.

Used by `triage_context` on text normalised by `triage_context.normalise` (lower case, no
apostrophes). Only data here: no logic.
"""

from __future__ import annotations

import re

# --- context cues --------------------------------------------------------------------------

NEGATION = re.compile(
    r"\b(?:no longer|nowhere near|nowhere close to|no|not|never|without|nor|neither|none|"
    r"zero|nothing|nobody|dont|doesnt|"
    r"didnt|isnt|arent|wasnt|werent|hasnt|havent|hadnt|wont|wouldnt|aint|denies|deny|denied|"
    r"absence|lack|nil|free(?= of| from))\b(?!\s+(?:only|just|sure|idea|clue|doubt|wonder|kidding"
    r"|joke|joking|lie|lying|exaggerat\w*|matter|know|knowing|certain|let up|lets up|letting up|"
    r"budge|budging|even(?= +(?!(?:a|an|any|one|"
    r"slightly|remotely|a bit|a little)\b)\w)|way|its|it|im|i|my"
    r"|this|that|seriously|really sure|wonder|to mention|but|long ago|mean|always|cap)\b)"
)
# a symptom that has stopped: for a red flag this is not a denial, it happened
CEASED = re.compile(r"no longer|not anymore|not any more|anymore|any more")
# for red flags, uncertainty is not a denial: "I don't think it's numbness but..." still counts
UNCERTAIN = re.compile(r"\b(?:dont|do not|didnt) (?:think|believe|know)|\bnot (?:sure|certain)")
SCOPE_BREAK = re.compile(
    r",\s*(?=(?:i|im|ive|id|my|it|its|the|this|that|but|so|then|now|today|she|he|just|only|"
    r"though|although|yet|still|and)\b)|\b(?:but|however|although|though|except|so|because|"
    r"cause|cuz|coz|cos|which|until|till|yet|whereas|while|and (?:i|my|it|its|im|now|then|the|"
    r"today|still)|(?<=nothing) just|(?<=no nothing) just)\b|:|\((?!\w+(?: \w+)?\))|\)"
)
# "that saddle numbness thing from the screening, no, nothing like that": a red flag denied
NOTHING_LIKE_THAT = re.compile(r"^.{0,50}?\b(?:no,? )?nothing like that\b")
POSTFIX_NEGATION = re.compile(
    r"^\W*\?\s*(?:no|nope|none|nah|never|nothing|fine|normal|negative|all good|not at all)\b|"
    r"^\W*(?:i|he|she) (?:have|has|do|does|did) not(?=\s*(?:[,.!?;]|$))|"
    r"^\W*(?:is|are) not there\b|"
    r"^\W*(?:(?:is|are|has|have|s)\s+)?(?:no longer|not anymore|not any more)\b|^\W*\??\s*"
    r"(?:no|nope|nah|not)\s+(?:anymore|any more|really|at all|now|these days|lately|today)\b"
)
POSTFIX_GONE = re.compile(
    r"^\W*(?:(?:part|bit|phase|stage|stuff|days?|pain|ache|aches|aching|agony|soreness|stiffness|"
    r"sciatica|spasms?|feeling)\s+)?(?:(?:is|are|has|have|s|had|were|was)\s+)?"
    r"(?:(?:completely|totally|all|basically|now)\s+)?(?:gone|went away|disappeared|resolved|"
    r"cleared up|stopped|eased off|settled|over|passed|behind me)\b"
)
HYPOTHETICAL = re.compile(
    r"\b(?:(?:what|wat) if|if|in case|incase|supposing|(?<!i )suppose|imagine|hypothetically|"
    r"unless|"
    r"lets say|let us say|"
    # questions about what the bot does: "does the bot check for numbness down below?"
    r"(?:does|do|will|can|would) (?:the bot|you|limber|it) (?:\w+ )?(?:check|ask|screen|look) "
    r"(?:for|about)|"
    # "do you know anything about cauda equina?", "tell me about sciatica"
    r"(?:do|does|did) (?:you|the bot|limber|anyone) know (?:anything |much )?about|"
    r"what do you know about|tell me (?:more )?about|(?:any )?info (?:on|about)|"
    # "why app ask about fever?", "why does the bot keep asking about numbness?"
    r"why (?:does |do |did |is |does the |is the )?(?:the )?(?:app|bot|limber|you|it) (?:\w+ )?"
    r"(?:ask|asks|asking|check|checks|checking|screen\w*) (?:me )?(?:for|about)|"
    r"(?:someone|somebody|anyone|a person|people|users?|members?) "
    r"(?:tells?|says?|reports?|types?|writes?|mentions?) (?:to )?(?:the bot|you|limber|it)\b|"
    r"(?:id|i would|i d|wed|we would) (?:much )?(?:rather|sooner)|"
    # "say my pain hits 9": said first, or after "ok,", "q,", "hypothetically,"; after a
    # clause of its own ("he groan since morning, say the waist pain too much") it reports
    r"(?:^|(?<=[.!?;] )|(?<=\bq, )|(?<=\bok, )|(?<=\bso, )|(?<=\bwell, )|(?<=\bright, )|"
    r"(?<=\bhmm, )|(?<=\bquestion, )|(?<=hypothetically, )|(?<=\bbut )|(?<=\bso )|(?<=\band ))"
    r"say(?= (?:my|i|your|you|someone|somebody|he|she|one day|someday|that|"
    r"if|we|a|the)\b)|"
    r"whether|when should i|how (?:do|would|will|can) i know|(?:warning )?signs? (?:of|to|that|"
    r"(?:i|you|we|one) (?:should|need|must))|"
    r"symptoms? (?:of|to watch|to look)|look(?:ing)? out for|watch(?:ing)? (?:out )?for|what "
    r"(?:to|should i|do i|would i|can i|i) do (?:if|when)|what happens (?:if|when)|in the future|"
    r"(?:read|heard|seen|saw|googled|learned|learnt)(?: \w+)? (?:that|about|online|somewhere)|"
    r"(?:i )?thought (?:that was it|this was it|it was over|i was done for|id never)|"
    r"apparently|(?:is|are) (?:a )?red flags?|mentioned (?:something )?about|talked (?:to me "
    r")?about|"
    r"went through|dreamt|dreamed|(?:had|in) (?:a|my) (?:bad )?dream|"
    r"nightmare (?:that|about|where)|what does (?:\w+ ){1,4}?(?:actually |really )?mean|"
    r"what would you (?:say|do|tell \w+|suggest) if|why do you ask about|"
    r"does anyone know|anyone know|(?:asked|asks|asking) (?:me )?"
    r"(?:if|whether|about(?! (?:my|his|her|our) (?:\w+ )?(?:dad|mum|mom|father|mother|husband|wife|"
    r"partner|son|daughter|brother|sister|client|patient|friend|nan|gran|grandad|grandma|"
    r"grandpa|boyfriend|girlfriend)\b))|(?:everyone|everybody|people|"
    r"the internet|google) "
    r"(?:says?|said|tells?|told|warns?)|(?:asked|asks|asking) (?:me |him |her |us )?"
    r"(?:if |whether |about )?(?=any\b)|"
    r"(?:worried|scared|afraid|terrified|anxious|nervous|fear|thought) (?:\w+ ){0,2}(?:will|might|"
    r"could|may|ll|would|id|i had|i might|false alarm|of (?:getting|becoming|losing|developing|"
    r"having))|avoid|prevent\w*)\b"
)
# a question told, not asked of oneself: what follows is the question, not a report
REPORTED_QUESTION = re.compile(
    r"(?:asked|asks|asking) (?:me )?(?:if|whether)|does anyone know|anyone know|"
    r"what would you (?:say|do|tell \w+|suggest) if|why do you ask about"
)
NOT_HYPOTHETICAL_IF = re.compile(
    r"\b(?:as|(?:feels?|felt|feeling|looks?|seems?|sounds?) like|even|only|see|check|wonder\w*|"
    r"(?<!anyone )(?<!anybody )(?<!someone )(?<!somebody )(?<!you )know|sure) if$"
)
# "do I stop if it's a 7 right now?": an "if" part about now is a report, not a what-if
PRESENT_IF = re.compile(r"\b(?:right now|at the moment|currently|as we speak|as i type)\b")
# "should I worry if I have ..." asks about the person's own symptom right now
SELF_QUESTION = re.compile(
    r"\b(?:should i (?:be )?(?:worr\w*|concerned|panic\w*|go|call|see|get)|is (?:it|that|this) "
    r"(?:\w+ )?(?:bad|normal|serious|ok|okay|dangerous|a problem|concerning|worrying|common|"
    r"fine|alright|an emergency|a red flag)|do i need to \w+|what does it mean|why (?:do|does|"
    r"is) \w+|is there something wrong)\b"
)
PRESENT_STATE = re.compile(
    r"\b(?:i|ive|im|my|mine|theres|there is)\b|\b(?:is|are|feels?|keeps?|been) (?:\w+ )?"
    r"(?:numb(?!ers\b)\w*|weak\w*|tingl\w*|dead|gone|giving)|\b(?:(?:pain|it|back|sciatica)(?: is|"
    r" s)|its) "
    r"(?:at |about |around )?(?:a |an )?\d"
)
FUTURE_WORDS = re.compile(
    r"\b(?:ever|start|starts|develop\w*|become|becomes|will|ll|later|gets|get worse|one day|"
    r"go|goes|turn|turns|lose|loses|happens?|were to|suddenly|fall|falls|trip|trips|slip|slips|"
    r"crash|crashes)\b"
)
# "if I got numbness in the groin": after a preposition these words do not end the "if" part
PREPOSITIONS = frozenset(
    (
        *("in", "on", "at", "to", "of", "into", "from", "with", "around", "near", "for", "by"),
        *("under", "between", "below", "inside", "across", "behind", "beneath"),
    )
)
IF_BOUNDARY = frozenset(
    [
        "it",
        "its",
        "im",
        "i",
        "my",
        "then",
        "this",
        "that",
        "should",
        "can",
        "do",
        "will",
        "what",
        "how",
        "would",
        "could",
        "ill",
        "id",
        "theres",
        "the",
    ]
)
# a claim someone made about a symptom in general: "my cousin said numbness down there is
# serious" reports what was said, not the writer's symptom
REPORTED_CLAIM = re.compile(
    r"\b(?:said|says|told me|tells me|reckons|warned me|reads?) (?:that )?(?:\w+ ){1,4}(?:is|are|"
    r"can be|means?) (?:\w+ )?(?:serious|dangerous|an emergency|a red flag|bad|a sign|urgent)\b"
)
