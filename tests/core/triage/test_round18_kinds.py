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
