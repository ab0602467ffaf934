"""The start-up heap is frozen once the long-running app is built (bootstrap.settle_heap)."""

from __future__ import annotations

import gc

from bot.bootstrap import settle_heap
from bot.core.triage.datafiles import topics


def test_settle_heap_loads_triage_data_and_freezes_the_start_up_heap() -> None:
    topics.cache_clear()
    try:
        settle_heap()
        assert topics.cache_info().currsize == 1  # loaded now, not on the first message
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
