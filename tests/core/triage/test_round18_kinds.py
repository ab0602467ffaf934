"""Kinds found on blind batches EP-ES (world Englishes, carers among other people's
illnesses, a workplace Slack, long rambles and clinical jargon), and on open items of
earlier rounds, each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        "not much stretching lately, my dad has been in hospital all week. back's fine though",
        "grandad was in A&E overnight, they kept him in. my back is ok, nothing to report",
        "apologies for the silence - my sister ended up in hospital. I'm fine, no pain",
    ],
)
def test_someone_elses_hospital_stay_without_their_pain_is_news_not_severe(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "my husband ended up in A&E last night with his back, he couldn't move",
        "dad's been in hospital since Tuesday with the pain in his back, he says it's a 9",
    ],
)
def test_someone_elses_hospital_stay_for_their_back_stays_severe(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # the Irish English perfect: "is after V-ing"
        "my da's legs are after going from under him, the two of them, first time ever",
        "I'm after falling down the back steps, my back is in bits",
        # a fall told with the verb's plain form (West African Pidgin, other Englishes)
        "I fall for road on Monday coming from market, since then my waist dey pain me well well",
        "my mother fall down inside bathroom yesterday, now her back pain her too much",
        # weight lost "without trying" in other words, and a weight named per month
        "back dey pain me and I don slim down without even trying, everybody dey ask",
        # cancer and pain "not reducing" with rest
        "had bowel cancer two years ago. the back pain is not reducing even with bed rest",
        # wiping felt as through something
        "wiping feels like I'm doing it through oven gloves, back started hurting Sunday",
        # numbness that spread from the foot to the whole leg
        "yesterday it was only my toes tingling, this morning the entire leg is numb",
    ],
)
def test_red_flags_in_world_englishes_and_new_pictures(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "I always fall for his jokes lol, back is a 2",
        "I fall asleep on the sofa most nights, back stiff, 3",
        "I'm after doing my stretches, back's grand, 2",
        "only my foot ached on Monday, now the whole leg aches a bit, 4",
        "I'm slimming down on purpose for the wedding, back 2",
    ],
)
def test_their_calm_twins_stay_calm(text: str) -> None:
    assert advice(text) not in {"redflag", "severe"}, text


@pytest.mark.parametrize(
    "text",
    [
        # "I'd score/rate this a 9" reports the pain; "this" is not a thing being rated
        "I'd rate this a 9, it's the kind of pain I used to get after my op",
        "honestly I'd score that an 8 - worst since the kids were born",
        # a dash ends a clause: "used to" after it dates only its own part
        "it's an 8 – the sort of pain I used to only get in winter",
        # "bent double", "never known anything like it"
        "I can only get about bent double, holding the worktops",
        "sixty years of a bad back and I've never known anything like this week",
        # "that I can find" is no thing named: the strong word stays pain
        "nothing neuro that I can see, just pure agony when I move",
        # a tenseless modal after a past date, when "now" sets the present apart
        "yesterday was a 3, can't walk now",
        # Pidgin "say" reports what someone said
        "my oga dey groan since morning, say the waist pain too much, he no fit sit",
        # "for my back" after a strong word names the body
        "the drive up was agony for my back, still an 8",
    ],
)
def test_severe_reports_read_through_new_shapes(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # a tenseless "cannot" dated by the clause before, with a "now" later
        "last week the sciatica was terrible, cannot walk. now ok already, a 2 only",
        # strong words disowned for the back, or suffered through something heard or seen
        "I'm in agony - the match, not the back. Back's no bother at all",
        "I was in agony listening to that presentation for two hours, back's fine",
        "watching my team lose at home again was torture. Pure torture. Anyway, hi!",
        # a nuisance, not pain
        "the new rota is an absolute pain, can I change my reminder to 8pm?",
        # "bad-ish" hedges
        "back is bad-ish today, not terrible, maybe a 5",
        # walking a dog, crying with feelings, "nowhere near"
        "can't walk the dog tonight, it's chucking it down",
        "the wifi died during my exam and I was crying with frustration, back ok",
        "sore but nowhere near unbearable, 4ish",
        # in pieces over a game
        "our quiz team got thrashed, I'm in bits. back's alright",
        # a question about what the bot does with a score
        "what happens if I type 10 as my pain? just curious, I'm fine today",
    ],
)
def test_strong_words_about_other_things_or_asked_stay_calm(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # someone else's fall with its injury named away from the back, the writer's own back
        "my wife fell on the ice last week and broke her wrist, so I'm doing all the lifting "
        "and my back's a 5",
        # someone else's fall said by staff to have hurt them not
        "Nan had a little fall at the home, the nurses said she's not hurt at all. me, back 2",
        # someone else's cancer with no back pain of theirs
        "my friend's just started chemo for lymphoma. if someone with cancer has back pain at "
        "night is that serious? me: no cancer, back ache 3",
        # someone else's weight loss with a cause named
        "dad lost a lot of weight in hospital after his bypass, we're feeding him up. my back 2",
        # running up and down the stairs is not a fall
        "been running up and down the stairs all week with trays for Mum, back is a 5",
        # accompanying someone to hospital
        "sorry, missed my stretches - spent the night in A&E with my son (asthma, he's ok now)",
    ],
)
def test_other_peoples_health_news_is_not_the_writers_red_flag(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "Mum had a fall last night and says she's fine, but her back hurts and she's 90",
        "dad fell yesterday and broke his arm, and now his back is agony too",
        "my gran took a nasty tumble this morning, her back is really sore",
        "mum fell last night, she says she's not hurt. her back is killing her though",
        "my aunt has breast cancer and her back pain wakes her every night",
    ],
)
def test_their_red_flags_stay_red_flags(text: str) -> None:
    assert advice(text) == "redflag", text
