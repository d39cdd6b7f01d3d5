"""A virtualised list of statuses or notifications (Textual Line API).

Only the visible lines are rendered: `render_line(y)` finds the item under line y through a prefix-sum index of
item heights (`heights.Fenwick`) and returns a cached `Strip`. Every operation the app performs while the reader
is reading (a streamed status at the top, an older page at the bottom, an edit, a delete, a favourite) costs
O(log n) index work plus the rendering of the items it touches, independent of how many items the list holds.

Reading is never disturbed: every change is made inside `_keep_anchor()`, which remembers the item at the top of
the viewport (and the line within it) and restores that position afterwards, so new statuses arriving above the
reader grow `new_count` instead of moving the text. `jump_to_top()` (key g) goes to the newest.

Heights are measured by rendering. Items added in bulk, or all items after a width change, start with an
estimate (the average measured height) and are measured when they come into view or by a background pass.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets import theme
from widgets.content import Link
from widgets.heights import Fenwick
from widgets.notification import render_notification
from widgets.parts import RenderedItem
from widgets.status import render_status

__all__ = ["Timeline", "render_item", "item_key"]

Renderer = Callable[[dict, int, bool, datetime], RenderedItem]


def render_item(item: dict, width: int, expanded: bool, now: datetime) -> RenderedItem:
    """Default renderer: notifications (they have a `type` and no `content`) or statuses."""
    if isinstance(item, dict) and "type" in item and "content" not in item:
        return render_notification(item, width, expanded=expanded, now=now)
    return render_status(item, width, expanded=expanded, now=now)


def item_key(item: dict) -> str:
    """Default key: the entity id (grouped notifications: their group_key)."""
    key = item.get("group_key") if "group_key" in item and "id" not in item else item.get("id")
    return str(key)


class _Entry:
    __slots__ = ("key", "item", "slot", "expanded", "measured_width", "rendered", "rendered_width", "strips",
                 "selected_strips", "hidden")

    def __init__(self, key: str, item: dict, slot: int) -> None:
        self.key = key
        self.item = item
        self.slot = slot
        self.expanded = False
        self.measured_width = -1  # the width its height (in the index) was measured at; -1: an estimate
        self.rendered: RenderedItem | None = None
        self.rendered_width = -1
        # Full-width lines (gutter included) as painted, unselected and selected. The same Strip objects are
        # returned on every paint so Textual's per-strip caches (crop, filters, styles) keep hitting.
        self.strips: list[Strip] | None = None
        self.selected_strips: list[Strip] | None = None
        self.hidden = False


_GUTTER = 1  # one column on the left for the cursor bar
_STRIP_CACHE = 120  # items whose painted strips are kept: a dozen screens. Not more: every Strip carries seven
# small caches of its own, and tens of thousands of them make each full garbage collection pause longer.
_BULK = 64  # adding more items than this at once defers their measurement
_NEAR_END_ITEMS = 5
_MEASURE_SLICE = 0.004  # seconds of background measuring per tick
_MEASURE_INTERVAL = 0.02


class Timeline(ScrollView, can_focus=True):
    """A list of statuses or notifications, newest first, keyed by id.

    Data: `prepend(items)` (newer items, newest first, at the top), `append(items)` (older items at the
    bottom), `update(item)`, `remove(key)`, `set_items(items)`, `clear()`. Reading: `selected_item`,
    `selected_key`, `select(key)`, `get(key)`, `keys()`, `len()`. State: `new_count` (reactive).
    """

    DEFAULT_CSS = """
    Timeline {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", id="timeline.next"),
        Binding("k,up", "cursor_up", "Previous", id="timeline.previous"),
        Binding("g,home", "first", "Newest", id="timeline.newest"),
        Binding("G,end", "last", "Oldest", id="timeline.oldest"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="timeline.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="timeline.page_up"),
        Binding("enter", "activate", "Open", id="timeline.open"),
        Binding("s", "toggle_expanded", "Show/hide CW", id="timeline.toggle_cw"),
    ]

    new_count: reactive[int] = reactive(0)
    """Items that arrived above the reader and have not been scrolled to yet ("N new")."""

    class Selected(Message):
        """The cursor moved to `item`."""

        def __init__(self, timeline: Timeline, item: dict, key: str) -> None:
            super().__init__()
            self.timeline = timeline
            self.item = item
            self.key = key

        @property
        def control(self) -> Timeline:
            return self.timeline

    class Activated(Selected):
        """Enter (or a second click) on `item`: the app opens its thread / profile."""

    class LinkClicked(Message):
        """A link (mention, hashtag or URL) in `item` was clicked."""

        def __init__(self, timeline: Timeline, item: dict, link: Link) -> None:
            super().__init__()
            self.timeline = timeline
            self.item = item
            self.link = link

        @property
        def control(self) -> Timeline:
            return self.timeline

    class NearEnd(Message):
        """The reader is close to the oldest loaded item: the app should load an older page. Sent once per
        length of the list (again only after items were appended)."""

        def __init__(self, timeline: Timeline, oldest_key: str | None) -> None:
            super().__init__()
            self.timeline = timeline
            self.oldest_key = oldest_key

        @property
        def control(self) -> Timeline:
            return self.timeline

    class NewCountChanged(Message):
        """`new_count` changed (the app shows "N new")."""

        def __init__(self, timeline: Timeline, count: int) -> None:
            super().__init__()
            self.timeline = timeline
            self.count = count

        @property
        def control(self) -> Timeline:
            return self.timeline

    def __init__(
        self,
        items: Iterable[dict] = (),
        *,
        renderer: Renderer = render_item,
        key: Callable[[dict], str] = item_key,
        clock: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._renderer = renderer
        self._key = key
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        capacity = 256
        self._lo = self._hi = capacity // 2  # used slots are [lo, hi)
        self._slots: list[_Entry | None] = [None] * capacity
        self._heights = Fenwick([0] * capacity)
        self._live = Fenwick([0] * capacity)  # 1 per live entry: ordinals and "N new"
        self._by_key: dict[str, _Entry] = {}
        self._cursor: _Entry | None = None
        self._seen_slot = self._lo  # items in slots above this arrived while the reader was further down
        self._cached: OrderedDict[_Entry, None] = OrderedDict()
        self._width = 0
        self._estimate = 6
        self._measured_sum = 0
        self._measured_n = 0
        self._in_anchor = False
        self._near_end_sent = -1
        self._stale_from = self._hi  # background measuring position (slots below it may hold estimates)
        self._measure_timer = None
        self._dirty = False  # something changed that needs a repaint at the end of the current operation
        self._blank_strip: Strip | None = None
        self._frame_width: int | None = None
        if items:
            self.append(list(items))

    # ---------------------------------------------------------------------------------------------------------
    # public data API
    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: object) -> bool:
        return str(key) in self._by_key

    def keys(self) -> Iterator[str]:
        """Keys, newest first."""
        for slot in range(self._lo, self._hi):
            entry = self._slots[slot]
            if entry is not None:
                yield entry.key

    def get(self, key: str) -> dict | None:
        entry = self._by_key.get(str(key))
        return entry.item if entry else None

    @property
    def selected_key(self) -> str | None:
        return self._cursor.key if self._cursor else None

    @property
    def selected_item(self) -> dict | None:
        return self._cursor.item if self._cursor else None

    @property
    def selected_index(self) -> int | None:
        """0-based position of the cursor among the items (0 = newest)."""
        return self._live.prefix(self._cursor.slot) if self._cursor else None

    def is_expanded(self, key: str) -> bool:
        entry = self._by_key.get(str(key))
        return bool(entry and entry.expanded)

    def prepend(self, items: Iterable[dict]) -> int:
        """Add newer items at the top (`items` newest first). Items already present are updated in place.
        The viewport does not move; `new_count` grows. Returns how many were added."""
        fresh = self._split_known(items)
        with self._keep_anchor():
            if not fresh:
                return 0
            was_empty = not self._by_key
            if self._lo < len(fresh):
                self._grow(front=len(fresh))
            start = self._lo - len(fresh)
            measure = len(fresh) <= _BULK
            for offset, item in enumerate(fresh):
                self._place(start + offset, item, measure)
            self._lo = start
            if was_empty:
                self._seen_slot = self._lo
                self._select_entry(self._first_visible(self._lo, 1), post=False, scroll=False)
        if not measure:
            self._schedule_measuring()
        return len(fresh)

    def append(self, items: Iterable[dict]) -> int:
        """Add older items at the bottom (`items` newest first). Returns how many were added."""
        fresh = self._split_known(items)
        with self._keep_anchor():
            if not fresh:
                return 0
            was_empty = not self._by_key
            if len(self._slots) - self._hi < len(fresh):
                self._grow(back=len(fresh))
            measure = len(fresh) <= _BULK
            for offset, item in enumerate(fresh):
                self._place(self._hi + offset, item, measure)
            self._hi += len(fresh)
            if was_empty:
                self._seen_slot = self._lo
                self._select_entry(self._first_visible(self._lo, 1), post=False, scroll=False)
        self._near_end_sent = -1
        if not measure:
            self._schedule_measuring()
        return len(fresh)

    def _split_known(self, items: Iterable[dict]) -> list[dict]:
        """Update items already present (in place) and return the new ones, without duplicates."""
        fresh: list[dict] = []
        keys: set[str] = set()
        with self._keep_anchor():
            for item in items:
                if not isinstance(item, dict):
                    continue
                key = self._key(item)
                if key in self._by_key:
                    self._replace(self._by_key[key], item)
                elif key not in keys:
                    keys.add(key)
                    fresh.append(item)
        return fresh

    def set_items(self, items: Iterable[dict]) -> None:
        """Replace everything (a refreshed timeline)."""
        self.clear()
        self.append(items)

    def clear(self) -> None:
        capacity = 256
        self._lo = self._hi = capacity // 2
        self._slots = [None] * capacity
        self._heights = Fenwick([0] * capacity)
        self._live = Fenwick([0] * capacity)
        self._by_key.clear()
        self._cached.clear()
        self._cursor = None
        self._seen_slot = self._lo
        self._near_end_sent = -1
        self._stale_from = self._hi
        self._update_virtual_size()
        self.scroll_target_y = self.scroll_y = 0
        self._update_new_count()
        self.refresh()

    def update(self, item: dict) -> bool:
        """Replace the item with the same key (an edit, a favourite, a poll vote). Only it is re-rendered."""
        if not isinstance(item, dict):
            return False
        entry = self._by_key.get(self._key(item))
        if entry is None:
            return False
        with self._keep_anchor():
            self._replace(entry, item)
        return True

    def remove(self, key: str) -> bool:
        """Remove an item (a delete event). The cursor moves to the next item."""
        entry = self._by_key.pop(str(key), None)
        if entry is None:
            return False
        with self._keep_anchor():
            slot = entry.slot
            if self._cursor is entry:
                nxt = self._first_visible(slot + 1, 1) or self._first_visible(slot - 1, -1)
                self._cursor = None
                if nxt is not None:
                    self._select_entry(nxt, scroll=False)
            self._slots[slot] = None
            self._heights.set(slot, 0)
            self._live.set(slot, 0)
            self._cached.pop(entry, None)
            self._dirty = True
        return True

    def toggle_expanded(self, key: str | None = None) -> None:
        """Open or close the content warning / filter warning / sensitive media of an item (default: selected)."""
        entry = self._by_key.get(str(key)) if key is not None else self._cursor
        if entry is None:
            return
        with self._keep_anchor():
            entry.expanded = not entry.expanded
            self._invalidate(entry)
        if entry is self._cursor:
            self._scroll_to_entry(entry)

    def select(self, key: str) -> bool:
        entry = self._by_key.get(str(key))
        if entry is None:
            return False
        self._select_entry(entry)
        return True

    def jump_to_top(self) -> None:
        """Go to the newest item; clears `new_count`."""
        self.action_first()

    def refresh_times(self) -> None:
        """Re-render visible items so relative times ("5m") stay true; call it every minute or so."""
        for entry in list(self._cached):
            entry.strips = entry.selected_strips = None
            entry.rendered = None
            entry.rendered_width = -1
        self._cached.clear()
        self.refresh()

    # ---------------------------------------------------------------------------------------------------------
    # actions (keys)
    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        entry = self._first_visible(self._lo, 1)
        if entry is not None:
            self._select_entry(entry, scroll=False)
            self._scroll_to_y(0)
            self._seen_slot = self._lo
            self._update_new_count()

    def action_last(self) -> None:
        entry = self._first_visible(self._hi - 1, -1)
        if entry is not None:
            self._select_entry(entry)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_activate(self) -> None:
        if self._cursor is not None:
            self.post_message(self.Activated(self, self._cursor.item, self._cursor.key))

    def action_toggle_expanded(self) -> None:
        self.toggle_expanded()

    # ---------------------------------------------------------------------------------------------------------
    # rendering
    @property
    def _content_width(self) -> int:
        if self._frame_width is not None:
            return self._frame_width
        return max(1, self.scrollable_content_region.width - _GUTTER)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Computing the content region is costly; during one paint it cannot change, so compute it once.
        self._frame_width = max(1, self.scrollable_content_region.width - _GUTTER)
        try:
            return super().render_lines(crop)
        finally:
            self._frame_width = None

    def render_line(self, y: int) -> Strip:
        line = int(self.scroll_offset.y) + y
        slot = self._heights.find(line)
        entry = self._slots[slot] if slot < len(self._slots) else None
        if entry is None:
            return self._blank()
        strips = self._strips(entry, selected=entry is self._cursor)
        row = line - self._heights.prefix(slot)
        return strips[row] if 0 <= row < len(strips) else self._blank()

    def _blank(self) -> Strip:
        width = self._content_width + _GUTTER
        if self._blank_strip is None or self._blank_strip.cell_length != width:
            self._blank_strip = Strip.blank(width)
        return self._blank_strip

    def _render(self, entry: _Entry) -> RenderedItem:
        """The item's lines at the current width (the renderer runs once per item, width and state)."""
        width = self._content_width
        if entry.rendered is not None and entry.rendered_width == width:
            return entry.rendered
        try:
            rendered = self._renderer(entry.item, width, entry.expanded, self._clock())
        except Exception:  # noqa: BLE001 - one bad item must not take the list down
            rendered = RenderedItem(lines=[Text("⚠ this item could not be shown", style=theme.ERROR, end="")])
        entry.rendered = rendered
        entry.rendered_width = width
        entry.strips = entry.selected_strips = None
        entry.hidden = rendered.hidden
        height = len(rendered.lines) + 1 if rendered.lines else 0  # +1: the separator
        if entry.measured_width != width or self._heights[entry.slot] != height:
            self._set_height(entry, height, width)
        return rendered

    def _strips(self, entry: _Entry, selected: bool = False) -> list[Strip]:
        cached = entry.selected_strips if selected else entry.strips
        if cached is not None and entry.rendered_width == self._content_width:
            self._cached.move_to_end(entry)
            return cached
        rendered = self._render(entry)
        width = self._content_width
        console = self.app.console
        gutter = _CURSOR_GUTTER if selected else _BLANK_GUTTER
        strips = []
        for text in rendered.lines:
            strip = Strip(list(text.render(console))).adjust_cell_length(width)
            if selected:
                strip = strip.apply_style(theme.SELECTED)
            strips.append(Strip.join([gutter, strip]).simplify())
        if strips:
            strips.append(Strip.join([gutter, Strip([Segment("─" * width, theme.SEPARATOR)], width)]))
        if selected:
            entry.selected_strips = strips
        else:
            entry.strips = strips
        self._cached[entry] = None
        self._cached.move_to_end(entry)
        if len(self._cached) > _STRIP_CACHE:
            old, _ = self._cached.popitem(last=False)
            old.strips = old.selected_strips = None
            old.rendered = None
        return strips

    def _measure(self, entry: _Entry) -> int:
        """Make sure `entry`'s height in the index is its real height at the current width."""
        if entry.measured_width != self._content_width or entry.rendered_width != self._content_width:
            self._render(entry)
        return self._heights[entry.slot]

    def _set_height(self, entry: _Entry, height: int, width: int) -> None:
        first = entry.measured_width == -1
        entry.measured_width = width
        if self._heights.set(entry.slot, height):
            self._dirty = True
        if first and height:
            self._measured_sum += height
            self._measured_n += 1
            self._estimate = max(2, round(self._measured_sum / self._measured_n))

    def _invalidate(self, entry: _Entry) -> None:
        entry.strips = entry.selected_strips = None
        entry.rendered = None
        entry.rendered_width = -1
        entry.measured_width = -2 if entry.measured_width >= 0 else entry.measured_width
        if self._width:
            self._measure(entry)
        self._dirty = True

    # ---------------------------------------------------------------------------------------------------------
    # layout and anchoring
    def _place(self, slot: int, item: dict, measure: bool) -> None:
        entry = _Entry(self._key(item), item, slot)
        self._slots[slot] = entry
        self._by_key[entry.key] = entry
        self._live.set(slot, 1)
        self._heights.set(slot, self._estimate)
        self._dirty = True
        if measure and self._width:
            self._measure(entry)

    def _replace(self, entry: _Entry, item: dict) -> None:
        entry.item = item
        self._invalidate(entry)

    def _grow(self, front: int = 0, back: int = 0) -> None:
        """Rebuild the slot array with room at both ends (drops removed slots). O(n), amortised."""
        live = [e for e in self._slots[self._lo : self._hi] if e is not None]
        old_seen = self._live.prefix(self._seen_slot)
        old_stale = self._live.prefix(min(self._stale_from, len(self._slots)))
        capacity = max(256, 2 * (len(live) + front + back) + 64)
        lo = max(front, (capacity - len(live) - front - back) // 2 + front)
        slots: list[_Entry | None] = [None] * capacity
        heights = [0] * capacity
        live_bits = [0] * capacity
        old_heights = self._heights
        for n, entry in enumerate(live):
            heights[lo + n] = old_heights[entry.slot]
            entry.slot = lo + n
            slots[lo + n] = entry
            live_bits[lo + n] = 1
        self._slots = slots
        self._heights = Fenwick(heights)
        self._live = Fenwick(live_bits)
        self._lo, self._hi = lo, lo + len(live)
        self._seen_slot = lo + old_seen
        self._stale_from = lo + old_stale

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._heights.total)

    def _top_anchor(self) -> tuple[_Entry | None, int]:
        line = int(self.scroll_y)
        slot = self._heights.find(line)
        entry = self._slots[slot] if slot < len(self._slots) else None
        if entry is None:
            return None, 0
        return entry, line - self._heights.prefix(slot)

    @contextmanager
    def _keep_anchor(self) -> Iterator[None]:
        """Whatever happens inside, the line at the top of the viewport stays where it is."""
        if self._in_anchor:
            yield
            return
        self._in_anchor = True
        anchor, offset = self._top_anchor()
        anchor_slot = anchor.slot if anchor else None
        try:
            yield
        finally:
            self._in_anchor = False
            self._update_virtual_size()
            if anchor is not None and self._slots[anchor.slot] is not anchor:
                # The anchor itself was removed: keep the item that took its place.
                anchor = self._first_visible(min(anchor_slot, self._hi - 1), 1) if anchor_slot is not None else None
                offset = 0
            if anchor is not None:
                height = self._heights[anchor.slot]
                y = self._heights.prefix(anchor.slot) + min(offset, max(0, height - 1))
                self._scroll_to_y(y)
            self._update_new_count()
            if self._dirty:
                self._dirty = False
                self.refresh()

    def _scroll_to_y(self, y: int) -> None:
        self._update_virtual_size()
        y = max(0, min(int(y), self.max_scroll_y))
        if y != int(self.scroll_y):
            self.scroll_target_y = self.scroll_y = y
        else:
            self.scroll_target_y = self.scroll_y

    def _measure_visible(self) -> None:
        if not self._by_key or not self._width:
            return
        with self._keep_anchor():
            line = int(self.scroll_y)
            bottom = line + self.scrollable_content_region.height + 1
            slot = self._heights.find(line)
            while slot < self._hi and line <= bottom:
                entry = self._slots[slot]
                if entry is not None:
                    self._measure(entry)
                slot += 1
                line = self._heights.prefix(slot)

    # ---------------------------------------------------------------------------------------------------------
    # background work, in small time slices so a key pressed meanwhile waits at most a few milliseconds:
    # 1. prefetch: paint-ready strips for the page above and the page below the viewport, so the next j/k or
    #    page key finds them cached; 2. measure items that only have an estimated height (bulk loads, resize).
    def _schedule_measuring(self) -> None:
        self._stale_from = self._lo
        self._wake_background()

    def _wake_background(self) -> None:
        if self._measure_timer is None and self.is_mounted:
            self._measure_timer = self.set_interval(_MEASURE_INTERVAL, self._background_step)

    @property
    def measuring(self) -> bool:
        """True while background work (prefetching, measuring estimated heights) is pending."""
        return self._measure_timer is not None

    def _background_step(self) -> None:
        if not self._width:
            return
        deadline = time.perf_counter() + _MEASURE_SLICE
        with self._keep_anchor():
            prefetched = self._prefetch(deadline)
            if prefetched:
                self._measure_some(deadline)
        if prefetched and self._stale_from >= self._hi and self._measure_timer is not None:
            self._measure_timer.stop()
            self._measure_timer = None

    def _prefetch(self, deadline: float) -> bool:
        """Render items within a page of the viewport; False when the time slice ran out first."""
        view_h = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        line = max(0, top - view_h)
        slot = self._heights.find(line)
        while slot < self._hi and line < top + 2 * view_h:
            entry = self._slots[slot]
            if entry is not None and entry.strips is None:
                if time.perf_counter() > deadline:
                    return False
                self._strips(entry)
            slot += 1
            line = self._heights.prefix(slot)
        return True

    def _measure_some(self, deadline: float) -> None:
        width = self._content_width
        done = 0
        while self._stale_from < self._hi and (done < 4 or time.perf_counter() < deadline):
            entry = self._slots[self._stale_from]
            self._stale_from += 1
            if entry is not None and entry.measured_width != width:
                self._measure(entry)
                if entry not in self._cached:
                    entry.rendered = None  # measured for its height only; nobody is looking at it
                done += 1

    def on_mount(self) -> None:
        if self._by_key and self._measure_timer is None:
            self._schedule_measuring()

    def on_resize(self, event: events.Resize) -> None:
        width = self._content_width
        if width != self._width:
            self._width = width
            with self._keep_anchor():
                for entry in list(self._cached):
                    entry.strips = entry.selected_strips = None
                    entry.rendered = None
                self._cached.clear()
                self._dirty = True
            self._measure_visible()
            self._schedule_measuring()
        else:
            self._measure_visible()
        if self._cursor is None and self._by_key:
            self._select_entry(self._first_visible(self._lo, 1), post=False, scroll=False)
        self._update_virtual_size()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._in_anchor:
            self._measure_visible()
            self._wake_background()
        self._check_seen()
        self._check_near_end()

    # ---------------------------------------------------------------------------------------------------------
    # cursor
    def _first_visible(self, slot: int, step: int) -> _Entry | None:
        """The first non-hidden entry from `slot` going in `step` direction."""
        slot = max(self._lo - (1 if step < 0 else 0), min(slot, self._hi))
        while self._lo <= slot < self._hi:
            entry = self._slots[slot]
            if entry is not None:
                if self._width and entry.measured_width != self._content_width:
                    self._measure(entry)
                if not entry.hidden:
                    return entry
            slot += step
        return None

    def _select_entry(self, entry: _Entry | None, *, post: bool = True, scroll: bool = True) -> None:
        if entry is None:
            return
        changed = entry is not self._cursor
        previous = self._cursor
        self._cursor = entry
        scroll_before = int(self.scroll_y)
        if scroll:
            self._scroll_to_entry(entry)
        self._check_seen()
        if int(self.scroll_y) == scroll_before:
            # Nothing moved: repaint just the two items (a scroll repaints everything anyway).
            for item in (previous, entry):
                if item is not None and self._slots[item.slot] is item:
                    self._refresh_entry(item)
        if changed and post:
            self.post_message(self.Selected(self, entry.item, entry.key))
        self._check_near_end()

    def _refresh_entry(self, entry: _Entry) -> None:
        top = self._heights.prefix(entry.slot) - int(self.scroll_y)
        height = self._heights[entry.slot]
        view = self.scrollable_content_region
        if height and top < view.height and top + height > 0:
            self.refresh(Region(0, max(0, top), view.width, min(height, view.height - max(0, top))))

    def _cursor_in_view(self) -> bool:
        if self._cursor is None:
            return False
        top = self._heights.prefix(self._cursor.slot)
        bottom = top + self._heights[self._cursor.slot]
        view_top = int(self.scroll_y)
        return bottom > view_top and top < view_top + self.scrollable_content_region.height

    def _move(self, step: int) -> None:
        if self._cursor is None or not self._cursor_in_view():
            # After scrolling with the wheel, keys continue from what is on screen, not from far away.
            anchor, offset = self._top_anchor()
            if anchor is not None:
                start = anchor if offset == 0 else (self._first_visible(anchor.slot + 1, 1) or anchor)
                self._select_entry(start)
                return
        if self._cursor is None:
            return
        entry = self._first_visible(self._cursor.slot + step, step)
        if entry is not None:
            self._select_entry(entry)
        elif step > 0:
            self._scroll_to_y(self.max_scroll_y)

    def _page(self, direction: int) -> None:
        if self._cursor is None:
            return
        height = max(1, self.scrollable_content_region.height)
        target = int(self.scroll_y) + direction * height
        target = max(0, min(target, self.max_scroll_y))
        if target == int(self.scroll_y):
            # Already at an end: move the cursor to the end item instead.
            (self.action_last if direction > 0 else self.action_first)()
            return
        self._scroll_to_y(target)
        slot = self._heights.find(int(self.scroll_y))
        entry = self._slots[slot] if slot < len(self._slots) else None
        if entry is not None and self._heights.prefix(slot) < int(self.scroll_y):
            entry = self._first_visible(slot + 1, 1) or entry
        else:
            entry = self._first_visible(slot, 1)
        self._select_entry(entry)

    def _scroll_to_entry(self, entry: _Entry) -> None:
        if self._width:
            self._measure(entry)
        top = self._heights.prefix(entry.slot)
        height = self._heights[entry.slot]
        view_top = int(self.scroll_y)
        view_h = max(1, self.scrollable_content_region.height)
        if top < view_top:
            self._scroll_to_y(top)
        elif top + height > view_top + view_h:
            self._scroll_to_y(min(top, top + height - view_h))

    def _check_seen(self) -> None:
        anchor, _ = self._top_anchor()
        if anchor is not None and anchor.slot < self._seen_slot:
            self._seen_slot = anchor.slot
            self._update_new_count()
        elif int(self.scroll_y) == 0 and self._seen_slot != self._lo:
            self._seen_slot = self._lo
            self._update_new_count()

    def _update_new_count(self) -> None:
        count = self._live.prefix(self._seen_slot) if self._seen_slot > self._lo else 0
        if count != self.new_count:
            self.new_count = count
            self.post_message(self.NewCountChanged(self, count))

    def _check_near_end(self) -> None:
        if not self._by_key or self._near_end_sent == len(self._by_key):
            return
        remaining_lines = self._heights.total - (int(self.scroll_y) + self.scrollable_content_region.height)
        cursor_left = 0
        if self._cursor is not None:
            cursor_left = self._live.prefix(len(self._slots)) - self._live.prefix(self._cursor.slot + 1)
        if remaining_lines < self.scrollable_content_region.height or (
            self._cursor is not None and cursor_left < _NEAR_END_ITEMS
        ):
            self._near_end_sent = len(self._by_key)
            last = self._first_visible(self._hi - 1, -1)
            self.post_message(self.NearEnd(self, last.key if last else None))

    # ---------------------------------------------------------------------------------------------------------
    # mouse
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_y) + offset.y
        slot = self._heights.find(line)
        entry = self._slots[slot] if slot < len(self._slots) else None
        if entry is None:
            return
        self.focus()
        meta = event.style.meta if event.style else {}
        index = meta.get(theme.LINK_META) if meta else None
        rendered = entry.rendered
        if isinstance(index, int) and rendered is not None and 0 <= index < len(rendered.links):
            self._select_entry(entry, scroll=False)
            self.post_message(self.LinkClicked(self, entry.item, rendered.links[index]))
            return
        if entry is self._cursor and event.chain >= 2:
            self.action_activate()
            return
        self._select_entry(entry, scroll=False)


_CURSOR_GUTTER = Strip([Segment("▌", theme.CURSOR_BAR)], 1)
_BLANK_GUTTER = Strip([Segment(" ")], 1)
