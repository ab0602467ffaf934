"""The background services every platform runs, built for one app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.app import Limber, Service


def default_services(app: Limber) -> list[Service]:
    """Reminder dispatcher and daily housekeeping plug in here."""
    from bot.core.dispatcher import Dispatcher
    from bot.core.privacy import Housekeeping

    # Housekeeping registers its daily job on the dispatcher's scheduler: keep it after.
    return [Dispatcher(app), Housekeeping(app)]
