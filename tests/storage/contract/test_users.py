"""UserStore and ClinicStore on every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.models import ClinicSettings, UserRef
from bot.core.ports import Storage
from bot.core.questions import PainQuestion
from tests.storage.contract.conftest import NOW

ALICE = UserRef("discord", "42", "Alice")


async def test_ensure_creates_once_and_keeps_name_and_server(storage: Storage) -> None:
    first = await storage.users.ensure(ALICE, NOW, "discord:1")
    assert (first.id, first.display_name, first.clinic_key, first.created_at) == (
        1,
        "Alice",
        "discord:1",
        NOW,
    )
    again = await storage.users.ensure(UserRef("discord", "42", ""), NOW + timedelta(hours=1))
    assert again.id == first.id
    assert again.display_name == "Alice"  # an empty name does not overwrite
    assert again.clinic_key == "discord:1"  # None keeps the last server
    renamed = await storage.users.ensure(UserRef("discord", "42", "Al"), NOW, "discord:2")
    assert (renamed.display_name, renamed.clinic_key) == ("Al", "discord:2")
    bob = await storage.users.ensure(UserRef("discord", "43", "Bob"), NOW)
    assert bob.id > first.id
    assert await storage.users.by_ref(ALICE) == renamed
    assert await storage.users.get(first.id) == renamed
    assert await storage.users.get(999) is None
    assert await storage.users.by_ref(UserRef("slack", "42")) is None


async def test_times_come_back_aware_in_utc(storage: Storage) -> None:
    user = await storage.users.ensure(ALICE, NOW)
    await storage.users.mark_screened(user.id, NOW)
    got = await storage.users.get(user.id)
    assert got is not None and got.screened_at == NOW
    assert got.created_at.utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="naive"):
        await storage.users.mark_screened(user.id, NOW.replace(tzinfo=None))


async def test_settings_of_a_person(storage: Storage) -> None:
    user = await storage.users.ensure(ALICE, NOW)
    await storage.users.set_timezone(user.id, "Europe/Berlin")
    pending = PainQuestion(context="after", session_id=3)
    await storage.users.set_pending(user.id, pending)
    await storage.users.set_dm_channel(user.id, "777")
    got = await storage.users.get(user.id)
    assert got is not None
    assert (got.timezone, got.pending, got.dm_channel_id) == ("Europe/Berlin", pending, "777")
    await storage.users.set_pending(user.id, None)
    got = await storage.users.get(user.id)
    assert got is not None and got.pending is None


async def test_unreachable_is_marked_told_once_and_cleared(storage: Storage) -> None:
    user = await storage.users.ensure(ALICE, NOW)
    await storage.users.mark_unreachable(user.id, NOW)
    got = await storage.users.get(user.id)
    assert got is not None and (got.unreachable_at, got.unreachable_told) == (NOW, False)
    await storage.users.mark_unreachable_told(user.id)
    got = await storage.users.get(user.id)
    assert got is not None and got.unreachable_told is True
    await storage.users.mark_unreachable(user.id, None)
    got = await storage.users.get(user.id)
    assert got is not None and (got.unreachable_at, got.unreachable_told) == (None, False)


async def test_pain_scores_need_consent_and_withdrawing_deletes_them(storage: Storage) -> None:
    user = await storage.users.ensure(ALICE, NOW)
    assert await storage.users.add_pain(user.id, 5, "report", NOW) is False
    await storage.users.set_pain_consent(user.id, True, NOW)
    session_id = await storage.sessions.create(user.id, "r", "command", NOW)
    assert await storage.users.add_pain(user.id, 6, "after", NOW, session_id)
    assert await storage.users.add_pain(user.id, 2, "report", NOW + timedelta(hours=1))
    reports = await storage.users.pain_since(user.id, NOW)
    assert [(p.score, p.context, p.reported_at, p.session_id) for p in reports] == [
        (6, "after", NOW, session_id),
        (2, "report", NOW + timedelta(hours=1), None),
    ]
    assert len(await storage.users.pain_since(user.id, NOW + timedelta(minutes=1))) == 1
    assert await storage.users.add_pain(999, 5, "report", NOW) is False

    await storage.users.set_pain_consent(user.id, False, NOW + timedelta(days=1))
    assert await storage.users.pain_since(user.id, NOW) == []
    got = await storage.users.get(user.id)
    assert got is not None and got.consent_pain == "declined"
    assert await storage.users.consent_log(user.id) == [
        ("pain_scores", True, NOW),
        ("pain_scores", False, NOW + timedelta(days=1)),
    ]


async def test_clinic_settings_are_saved_and_replaced(storage: Storage) -> None:
    assert await storage.clinics.get("discord:1") is None
    first = ClinicSettings("discord:1", "Lake Union", "https://a.example", "112")
    await storage.clinics.save(first, NOW)
    got = await storage.clinics.get("discord:1")
    assert got is not None
    assert (got.name, got.booking_url, got.emergency_number, got.updated_at) == (
        "Lake Union",
        "https://a.example",
        "112",
        NOW,
    )
    later = NOW + timedelta(days=1)
    await storage.clinics.save(ClinicSettings("discord:1", None, None, None), later)
    got = await storage.clinics.get("discord:1")
    assert got is not None and (got.name, got.updated_at) == (None, later)
