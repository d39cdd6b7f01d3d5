import random

from widgets.heights import Fenwick
from widgets.timeline_index import Entry, ItemIndex


def entries(*keys):
    return [Entry(str(k), {"id": str(k)}) for k in keys]


def order(index):
    return [e.key for e in index.entries()]


def test_fenwick_matches_brute_force():
    rng = random.Random(3)
    values = [rng.choice([0, 0, 1, 3, 7]) for _ in range(53)]
    tree = Fenwick(values)
    for _ in range(500):
        slot = rng.randrange(len(values))
        value = rng.choice([0, 2, 5])
        assert tree.set(slot, value) == value - values[slot]
        values[slot] = value
        prefix = [sum(values[:k]) for k in range(len(values) + 1)]
        assert tree.prefix(slot) == prefix[slot]
        y = rng.randrange(prefix[-1] + 3)
        expected = next((k for k in range(len(values)) if prefix[k] <= y < prefix[k + 1]), len(values))
        assert tree.find(y) == expected
    assert tree.total == sum(values)


def test_front_and_back_keep_display_order_and_lines():
    index = ItemIndex()
    index.add_back(entries(3, 4), height=2)
    index.add_front(entries(1, 2), height=5)
    index.add_back(entries(5), height=1)
    assert order(index) == ["1", "2", "3", "4", "5"]
    assert index.total_height == 5 + 5 + 2 + 2 + 1
    assert index.top(index.get("3")) == 10
    entry, row = index.at_line(11)
    assert (entry.key, row) == ("3", 1)
    assert index.at_line(15) == (None, 0)
    assert index.count_before(index.get("4").slot) == 3
    assert index.count_after(index.get("2")) == 3


def test_remove_leaves_no_lines_and_entries_keep_slots():
    index = ItemIndex()
    index.add_back(entries(1, 2, 3), height=4)
    two = index.get("2")
    slot_of_three = index.get("3").slot
    index.remove(two)
    assert order(index) == ["1", "3"]
    assert not index.contains(two)
    assert index.get("2") is None
    assert index.get("3").slot == slot_of_three
    assert index.top(index.get("3")) == 4
    index.remove(two)  # twice is harmless


def test_growth_rebuilds_and_keeps_marks():
    index = ItemIndex()
    index.add_back(entries(*(f"old{n}" for n in range(10))), height=1)
    index.marks["seen"] = index.get("old3").slot
    cursor = index.get("old5")
    index.remove(index.get("old1"))
    for batch in range(20):  # far more than the initial room at the front
        index.add_front(entries(*range(batch * 50, batch * 50 + 50)), height=2)
    index.add_back(entries(*range(2000, 2600)), height=1)
    assert len(index) == 9 + 1000 + 600
    assert index.contains(cursor)
    assert index.slots[cursor.slot] is cursor
    # "seen" still points at the same entry after the rebuilds.
    assert index.slots[index.marks["seen"]].key == "old3"
    keys = order(index)
    assert keys[:3] == ["950", "951", "952"] and keys[-1] == "2599"
    assert index.total_height == 9 + 2000 + 600
