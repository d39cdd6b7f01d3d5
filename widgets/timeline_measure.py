"""The Timeline's measuring: heights of the entries in view now, and of everything else in the background.

Items added in bulk, and all items after a width change, start with an estimated height. Background work runs in
small time slices (so a key pressed meanwhile waits a few milliseconds at most): it first prepares the page above
and the page below the viewport (so the next key finds them ready), then measures the remaining stale entries,
from the `stale` mark down.

A mixin for `TimelineView` (widgets/timeline_view.py), which provides `_measure`, `_strips`, `_keep_anchor` and
the `ItemIndex`.
"""

from __future__ import annotations

import time

from widgets.timeline_index import Entry

SLICE = 0.004  # seconds of background work per tick
INTERVAL = 0.01  # seconds between background ticks


class BackgroundMeasuring:
    """Measuring what is visible and, in time slices, everything else; mixed into TimelineView."""

    def _measure_visible(self) -> None:
        if not self._index or not self._width:
            return
        with self._keep_anchor():
            line = int(self.scroll_y)
            bottom = line + self.scrollable_content_region.height + 1
            slot = self._index.slot_at_line(line)
            while slot < self._index.hi and line <= bottom:
                entry = self._index.at_slot(slot)
                if entry is not None:
                    self._measure(entry)
                slot += 1
                line = self._index.line_of_slot(slot)


    # --- background work -------------------------------------------------------------------------------------
    def _schedule_measuring(self, first: Entry | None = None) -> None:
        """Measure in the background from `first` on (default: from the top)."""
        marks = self._index.marks
        start = first.slot if first is not None and self._index.contains(first) else self._index.lo
        marks["stale"] = min(marks.get("stale", start), start) if self._background is not None else start
        self._wake_background()

    def _wake_background(self) -> None:
        if self._background is None and self.is_mounted:
            self._background = self.set_interval(INTERVAL, self._background_step)

    @property
    def measuring(self) -> bool:
        """True while background work (prefetching, measuring estimated heights) is pending."""
        return self._background is not None

    def _background_step(self) -> None:
        if not self._width:
            return
        deadline = time.perf_counter() + SLICE
        with self._keep_anchor():
            prefetched = self._prefetch(deadline)
            if prefetched:
                self._measure_some(deadline)
        if prefetched and self._index.marks["stale"] >= self._index.hi and self._background is not None:
            self._background.stop()
            self._background = None

    def _prefetch(self, deadline: float) -> bool:
        """Prepare the entries within a page of the viewport; False when the time slice ran out first."""
        view_h = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        line = max(0, top - view_h)
        slot = self._index.slot_at_line(line)
        while slot < self._index.hi and line < top + 2 * view_h:
            entry = self._index.at_slot(slot)
            if entry is not None and entry.strips is None:
                if time.perf_counter() > deadline:
                    return False
                self._strips(entry)
            slot += 1
            line = self._index.line_of_slot(slot)
        return True

    def _measure_some(self, deadline: float) -> None:
        width = self._content_width
        marks = self._index.marks
        done = 0
        while marks["stale"] < self._index.hi and (done < 4 or time.perf_counter() < deadline):
            entry = self._index.at_slot(marks["stale"])
            marks["stale"] += 1
            if entry is not None and entry.measured_width != width:
                self._measure(entry)
                if entry not in self._cached:
                    entry.rendered = None  # measured for its height only; nobody is looking at it
                done += 1
