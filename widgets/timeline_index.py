"""The timeline's items in display order, with their heights, for O(log n) layout queries.

Items live in *slots* of an array with free room at both ends, so adding newer items at the top or older ones at
the bottom never renumbers the others (an `Entry` keeps its slot; the cursor and the viewport anchor are entries,
not positions). Two Fenwick trees over the slots give, in O(log n): where an item starts (sum of the heights
above it), which item holds line y, and how many items come before one (for "N new" and the cursor's index).
Removed items leave an empty slot of height 0; running out of room rebuilds the array (dropping the empty slots)
with twice the capacity: O(n), amortised O(1) per insert.

Pure Python, no Textual: the widget in `timeline.py` owns rendering and scrolling.
"""

from __future__ import annotations

from collections.abc import Iterator

from widgets.heights import Fenwick
from widgets.parts import RenderedItem

__all__ = ["Entry", "ItemIndex"]

_INITIAL_CAPACITY = 256


class Entry:
    """One item and what the widget knows about it at the current width."""

    __slots__ = ("key", "item", "slot", "expanded", "hidden", "measured_width", "rendered", "rendered_width",
                 "strips", "selected_strips")

    def __init__(self, key: str, item: dict) -> None:
        self.key = key
        self.item = item
        self.slot = -1
        self.expanded = False
        self.hidden = False  # a server filter says "hide": zero lines, skipped by the cursor
        self.measured_width = -1  # the width its height in the index was measured at; -1: never (an estimate)
        self.rendered: RenderedItem | None = None
        self.rendered_width = -1
        # Full-width lines as painted, unselected and selected (gutter included). The same objects are returned
        # on every paint so Textual's per-strip caches keep hitting.
        self.strips: list | None = None
        self.selected_strips: list | None = None

    def forget_rendering(self) -> None:
        self.rendered = None
        self.rendered_width = -1
        self.strips = self.selected_strips = None


class ItemIndex:
    """Entries in order (slot order = display order), with heights and liveness prefix sums.

    `marks` are named slot positions kept valid across rebuilds (the timeline's "seen up to here" and background
    measuring position)."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        capacity = _INITIAL_CAPACITY
        self.lo = self.hi = capacity // 2  # used slots are [lo, hi)
        self.slots: list[Entry | None] = [None] * capacity
        self.heights = Fenwick([0] * capacity)
        self.live = Fenwick([0] * capacity)
        self.by_key: dict[str, Entry] = {}
        self.marks: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.by_key)

    def get(self, key: object) -> Entry | None:
        return self.by_key.get(str(key))

    def entries(self) -> Iterator[Entry]:
        """Entries in display order."""
        for slot in range(self.lo, self.hi):
            entry = self.slots[slot]
            if entry is not None:
                yield entry

    def at_slot(self, slot: int) -> Entry | None:
        return self.slots[slot] if self.lo <= slot < self.hi else None

    def at_line(self, y: int) -> tuple[Entry | None, int]:
        """The entry covering line `y` and the line within it; (None, 0) past the end."""
        slot = self.heights.find(y)
        entry = self.at_slot(slot)
        if entry is None:
            return None, 0
        return entry, y - self.heights.prefix(slot)

    def slot_at_line(self, y: int) -> int:
        return self.heights.find(y)

    def top(self, entry: Entry) -> int:
        """The first line of `entry`."""
        return self.heights.prefix(entry.slot)

    def line_of_slot(self, slot: int) -> int:
        return self.heights.prefix(slot)

    def height(self, entry: Entry) -> int:
        return self.heights[entry.slot]

    def set_height(self, entry: Entry, height: int) -> int:
        """Returns the change."""
        return self.heights.set(entry.slot, height)

    @property
    def total_height(self) -> int:
        return self.heights.total

    def count_before(self, slot: int) -> int:
        """Live entries in slots above `slot`."""
        return self.live.prefix(slot)

    def count_after(self, entry: Entry) -> int:
        return self.live.prefix(len(self.slots)) - self.live.prefix(entry.slot + 1)

    def contains(self, entry: Entry) -> bool:
        """Is `entry` still in the index (not removed)?"""
        return 0 <= entry.slot < len(self.slots) and self.slots[entry.slot] is entry

    def add_front(self, entries: list[Entry], height: int) -> None:
        """Put `entries` (in display order) above the current first one, each with `height` for now."""
        if self.lo < len(entries):
            self._rebuild(front=len(entries))
        start = self.lo - len(entries)
        for offset, entry in enumerate(entries):
            self._place(start + offset, entry, height)
        self.lo = start

    def add_back(self, entries: list[Entry], height: int) -> None:
        """Put `entries` (in display order) below the current last one."""
        if len(self.slots) - self.hi < len(entries):
            self._rebuild(back=len(entries))
        for offset, entry in enumerate(entries):
            self._place(self.hi + offset, entry, height)
        self.hi += len(entries)

    def remove(self, entry: Entry) -> None:
        if not self.contains(entry):
            return
        self.by_key.pop(entry.key, None)
        self.slots[entry.slot] = None
        self.heights.set(entry.slot, 0)
        self.live.set(entry.slot, 0)

    def _place(self, slot: int, entry: Entry, height: int) -> None:
        entry.slot = slot
        self.slots[slot] = entry
        self.by_key[entry.key] = entry
        self.live.set(slot, 1)
        self.heights.set(slot, height)

    def _rebuild(self, front: int = 0, back: int = 0) -> None:
        live = [e for e in self.slots[self.lo : self.hi] if e is not None]
        # Marks are kept as "this many live entries above": that survives renumbering.
        marks = {name: self.live.prefix(min(max(slot, 0), len(self.slots))) for name, slot in self.marks.items()}
        capacity = max(_INITIAL_CAPACITY, 2 * (len(live) + front + back) + 64)
        lo = max(front, (capacity - len(live) - front - back) // 2 + front)
        slots: list[Entry | None] = [None] * capacity
        heights = [0] * capacity
        live_bits = [0] * capacity
        for n, entry in enumerate(live):
            heights[lo + n] = self.heights[entry.slot]
            entry.slot = lo + n
            slots[lo + n] = entry
            live_bits[lo + n] = 1
        self.slots = slots
        self.heights = Fenwick(heights)
        self.live = Fenwick(live_bits)
        self.lo, self.hi = lo, lo + len(live)
        self.marks = {name: lo + count for name, count in marks.items()}
