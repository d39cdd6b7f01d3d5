"""Prefix sums over slots, for the timeline's virtual layout.

A timeline grows at both ends: new statuses arrive at the top, older pages are appended at the bottom. Items
live in *slots* of a fixed-capacity array with free room at both ends, so neither kind of insert renumbers the
others; a Fenwick (binary indexed) tree over the slots gives, in O(log n):

- the y offset where a slot starts (the sum of the heights of the slots above it),
- the slot containing line y (a descent of the tree),
- one slot's height changing (a status edited, expanded, measured).

Running out of room at one end rebuilds with double capacity, O(n) but amortised O(1) per insert.
"""

from __future__ import annotations

__all__ = ["Fenwick"]


class Fenwick:
    """Non-negative integer values over slots 0..capacity-1 with prefix sums and search."""

    __slots__ = ("capacity", "_tree", "_values", "_top_bit")

    def __init__(self, values: list[int]) -> None:
        self.capacity = len(values)
        self._values = list(values)
        tree = [0] + self._values
        n = self.capacity
        for i in range(1, n + 1):  # O(n) build
            j = i + (i & -i)
            if j <= n:
                tree[j] += tree[i]
        self._tree = tree
        self._top_bit = 1 << (n.bit_length() - 1) if n else 0

    def __getitem__(self, slot: int) -> int:
        return self._values[slot]

    def set(self, slot: int, value: int) -> int:
        """Set one slot; returns the change."""
        delta = value - self._values[slot]
        if delta:
            self._values[slot] = value
            tree = self._tree
            i = slot + 1
            n = self.capacity
            while i <= n:
                tree[i] += delta
                i += i & -i
        return delta

    def prefix(self, slot: int) -> int:
        """Sum of slots [0, slot)."""
        total = 0
        tree = self._tree
        i = min(slot, self.capacity)
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    @property
    def total(self) -> int:
        return self.prefix(self.capacity)

    def find(self, y: int) -> int:
        """The slot s with prefix(s) <= y < prefix(s + 1), skipping empty slots; `capacity` when y is past
        the end."""
        if y < 0:
            y = 0
        pos = 0
        remaining = y
        step = self._top_bit
        tree = self._tree
        n = self.capacity
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] <= remaining:
                pos = nxt
                remaining -= tree[nxt]
            step >>= 1
        return pos

    def values(self) -> list[int]:
        return list(self._values)
