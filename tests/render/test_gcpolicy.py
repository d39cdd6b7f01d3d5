"""The garbage-collector policy the real app enables after its first paint (widgets/gcpolicy.py)."""

import gc

from widgets import gcpolicy


def test_off_by_default_then_freezes_and_asks_for_a_settle_once_per_growth():
    assert not gcpolicy.enabled()
    assert gcpolicy.grew(10 * gcpolicy.SETTLE_ITEMS) is False  # tests and library users are left alone
    threshold = gc.get_threshold()
    try:
        gcpolicy.enable()
        assert gc.get_threshold()[2] == gcpolicy.GEN2_THRESHOLD
        assert gc.get_freeze_count() > 0
        assert gcpolicy.grew(gcpolicy.SETTLE_ITEMS - 1) is False
        assert gcpolicy.grew(1) is True
        assert gcpolicy.grew(500) is False  # already due: one settle is scheduled, not one per page
        gcpolicy.settle()
        assert gcpolicy.grew(gcpolicy.SETTLE_ITEMS - 1) is False
    finally:
        gcpolicy.disable()
        gc.set_threshold(*threshold)
    assert gc.get_freeze_count() == 0 and not gcpolicy.enabled()
