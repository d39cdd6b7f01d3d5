"""When Python's cyclic garbage collector runs, for an app that holds thousands of statuses.

A full (generation 2) collection walks every container object the process holds: with 10,000 statuses, about a
million, which pauses the app for 100-350 ms, many times while the reader scrolls (rendering promotes short-lived
strips to the oldest generation, so full collections come every few dozen keys). Two measures, opt-in for the
process that runs the real app (`enable()`; tests and library users are left alone):

- `settle()`: one collection, then `gc.freeze()`, which moves every surviving object out of the collector's
  sight. Called once the first screen is painted (modules, classes, the App and its first screen) and again
  each time about `SETTLE_ITEMS` more statuses have been loaded (`grew()`), so the collector only ever walks
  what came since. Frozen objects are still freed by reference counting (statuses, entries and strips hold no
  cycles); only a *cycle* frozen and dropped later leaks, which bounds the cost to a fraction of the screens
  that were open at some settle.
- Full collections at most every `GEN2_THRESHOLD` collections of generation 1 instead of Python's 10: each one
  now walks only unfrozen objects, and the rarer they come, the rarer a pause during a key repeat.
"""

from __future__ import annotations

import gc

SETTLE_ITEMS = 2000  # statuses loaded since the last settle before the next one (~200,000 objects, ~50 ms)
GEN2_THRESHOLD = 100

_enabled = False
_grown = 0
_due = False  # a settle was asked for and has not run yet


def enable() -> None:
    """Tune the collector for this process and settle what exists now (call after the first paint)."""
    global _enabled
    _enabled = True
    threshold0, threshold1, _ = gc.get_threshold()
    gc.set_threshold(threshold0, threshold1, GEN2_THRESHOLD)
    settle()


def enabled() -> bool:
    return _enabled


def settle() -> None:
    """Collect once, then freeze the survivors (no-op unless enabled)."""
    global _grown, _due
    if not _enabled:
        return
    _grown, _due = 0, False
    gc.collect()
    gc.freeze()


def grew(items: int) -> bool:
    """`items` more statuses are held; True when a settle is due (the caller schedules `settle()` when the
    frame is out)."""
    global _grown, _due
    if not _enabled:
        return False
    _grown += items
    if _grown >= SETTLE_ITEMS and not _due:
        _due = True
        return True
    return False


def disable() -> None:
    """Back to Python's defaults; frozen objects return to the collector."""
    global _enabled, _grown, _due
    _enabled, _grown, _due = False, 0, False
    gc.unfreeze()
    threshold0, threshold1, _ = gc.get_threshold()
    gc.set_threshold(threshold0, threshold1, 10)
