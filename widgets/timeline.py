"""A virtualised list of statuses or notifications: the data API, the cursor, keys, mouse and messages.

Every operation the app performs while the reader is reading (a streamed status at the top, an older page at the
bottom, an edit, a delete, a favourite) costs O(log n) index work plus rendering the items it touches, whatever
the length of the list. New statuses never move what the reader is looking at: they grow `new_count` ("N new")
until the reader scrolls up to them or jumps to the top (key g).

Painting, anchoring and measuring live in `timeline_view.py`; the cursor, keys and mouse in `timeline_cursor.py`;
the slot index in `timeline_index.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from widgets import gcpolicy
from widgets.content import Link
from widgets.timeline_cursor import TimelineCursor
from widgets.timeline_index import Entry
from widgets.timeline_view import Renderer, TimelineView, item_key, render_item

__all__ = ["Timeline", "Renderer", "render_item", "item_key"]

_BULK = 64  # prepending more items than this at once defers their measurement to the background
_NEAR_END_ITEMS = 5


class Timeline(TimelineCursor, TimelineView, can_focus=True):
    """A list of statuses or notifications, newest first, keyed by id (see `item_key`).

    Data: `prepend(items)` (newer, at the top), `append(items)` (older, at the bottom), `update(item)`,
    `remove(key)`, `set_items(items)`, `clear()`, `toggle_expanded(key)`, `refresh_times()`.
    Reading: `selected_key`, `selected_item`, `selected_index`, `select(key)`, `get(key)`, `keys()`, `len()`,
    `is_expanded(key)`, `new_count` (reactive), `jump_to_top()`, `measuring`.

    Call these from the app's event loop (message handlers, `call_from_thread` from workers). A `renderer`
    `(item, width, expanded, now) -> RenderedItem` replaces the default (statuses and notifications) for other
    kinds of rows; `key` maps an item to its unique key; `clock` gives "now" for relative times.
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

    new_count: reactive[int] = reactive(0, repaint=False)  # shown by the app, not painted here: a change must
    # not repaint the whole list (it changes with every streamed status)
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
        """Enter (or a double click) on `item`: the app opens its thread / profile."""

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
        length of the list (again only after the list changed length)."""

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
        super().__init__(renderer=renderer, clock=clock, name=name, id=id, classes=classes, disabled=disabled)
        self._key = key
        self._index.marks["seen"] = self._index.lo  # entries above this slot arrived while the reader was below
        self._near_end_sent = -1
        if items:
            self.append(list(items))

    # --- reading ---------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        return self._index.get(key) is not None

    def keys(self) -> Iterator[str]:
        """Keys, newest first."""
        return (entry.key for entry in self._index.entries())

    def get(self, key: str) -> dict | None:
        entry = self._index.get(key)
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
        return self._index.count_before(self._cursor.slot) if self._cursor else None

    def is_expanded(self, key: str) -> bool:
        entry = self._index.get(key)
        return bool(entry and entry.expanded)

    # --- changing --------------------------------------------------------------------------------------------
    def prepend(self, items: Iterable[dict]) -> int:
        """Add newer items at the top (`items` newest first). Items already present are updated in place.
        The viewport does not move; `new_count` grows. Returns how many were added."""
        return self._add(items, front=True)

    def append(self, items: Iterable[dict]) -> int:
        """Add older items at the bottom (`items` newest first). Items already present are updated in place.
        Returns how many were added."""
        added = self._add(items, front=False)
        if added:
            self._near_end_sent = -1
        return added

    def _add(self, items: Iterable[dict], front: bool) -> int:
        with self._keep_anchor():
            fresh = self._split_known(items)
            if not fresh:
                return 0
            was_empty = not self._index
            entries = [Entry(self._key(item), item) for item in fresh]
            (self._index.add_front if front else self._index.add_back)(entries, self._estimate)
            if not (front and self._anchor_slot is not None):
                self._dirty = True  # newer items land above the top line: nothing on screen changes
            # Streamed statuses (a few, at the top) are measured now, so "N new" and the scrollbar are exact at
            # once. Pages of older statuses land below the reader: they keep an estimated height until they
            # are painted or the background gets to them, so loading a page costs no rendering up front.
            deferred = len(entries) > _BULK or not front
            if not deferred and self._width:
                for entry in entries:
                    self._measure(entry)
            if was_empty:
                self._index.marks["seen"] = self._index.lo
                self._select_entry(self._next_shown(self._index.lo, 1), post=False, scroll=False)
        if deferred:
            self._measure_visible()  # whatever of it is on screen already
            self._schedule_measuring(entries[0])
        if gcpolicy.grew(len(entries)):
            self.call_after_refresh(gcpolicy.settle)  # once this frame is out
        return len(entries)

    def _split_known(self, items: Iterable[dict]) -> list[dict]:
        """Update items already present (in place) and return the new ones, without duplicates."""
        fresh: list[dict] = []
        keys: set[str] = set()
        for item in items:
            if not isinstance(item, dict):
                continue
            key = self._key(item)
            entry = self._index.get(key)
            if entry is not None:
                entry.item = item
                self._invalidate(entry)
            elif key not in keys:
                keys.add(key)
                fresh.append(item)
        return fresh

    def set_items(self, items: Iterable[dict]) -> None:
        """Replace everything (a refreshed timeline)."""
        self.clear()
        self.append(items)

    def clear(self) -> None:
        self._index.clear()
        self._index.marks["seen"] = self._index.lo
        self._index.marks["stale"] = self._index.hi
        self._cached.clear()
        self._cursor = None
        self._near_end_sent = -1
        self._update_virtual_size()
        self.scroll_target_y = self.scroll_y = 0
        self._update_new_count()
        self.refresh()

    def update(self, item: dict) -> bool:
        """Replace the item with the same key (an edit, a favourite, a poll vote). Only it is re-rendered."""
        if not isinstance(item, dict):
            return False
        entry = self._index.get(self._key(item))
        if entry is None:
            return False
        with self._keep_anchor():
            entry.item = item
            self._invalidate(entry)
        return True

    def remove(self, key: str) -> bool:
        """Remove an item (a delete event). If it was selected, the cursor moves to the next item."""
        entry = self._index.get(key)
        if entry is None:
            return False
        with self._keep_anchor():
            if self._cursor is entry:
                successor = self._next_shown(entry.slot + 1, 1) or self._next_shown(entry.slot - 1, -1)
                self._cursor = None
                if successor is not None:
                    self._select_entry(successor, scroll=False)
            self._index.remove(entry)
            self._cached.pop(entry, None)
            self._dirty = True
        return True

    def toggle_expanded(self, key: str | None = None) -> None:
        """Open or close the content warning / filter warning / sensitive media of an item (default: selected)."""
        entry = self._index.get(key) if key is not None else self._cursor
        if entry is None:
            return
        with self._keep_anchor():
            entry.expanded = not entry.expanded
            self._invalidate(entry)
        if entry is self._cursor:
            self._scroll_to_entry(entry)

    def select(self, key: str, at_top: bool = False) -> bool:
        """Move the cursor to `key` (scrolling it into view; `at_top`: onto the top line, whole, as when a
        timeline reopens at the reader's saved position rather than cut at the top with the cursor last)."""
        entry = self._index.get(key)
        if entry is None:
            return False
        self._select_entry(entry, scroll=not at_top)
        if at_top:
            if self._width:
                self._measure(entry)
            self._scroll_to_y(self._index.top(entry))
        return True

    def jump_to_top(self) -> None:
        """Go to the newest item; clears `new_count`."""
        self.action_first()

    def refresh_times(self) -> None:
        """Re-render on-screen items so relative times ("5m") stay true; call it every minute or so."""
        for entry in list(self._cached):
            entry.forget_rendering()
        self._cached.clear()
        self.refresh()

    # --- "N new" and "load more" -----------------------------------------------------------------------------
    def _after_change(self) -> None:
        self._update_new_count()

    def _check_seen(self) -> None:
        marks = self._index.marks
        anchor, _ = self._top_anchor()
        if anchor is not None and anchor.slot < marks["seen"]:
            marks["seen"] = anchor.slot
            self._update_new_count()
        elif int(self.scroll_y) == 0 and marks["seen"] != self._index.lo:
            marks["seen"] = self._index.lo
            self._update_new_count()

    def _update_new_count(self) -> None:
        seen = self._index.marks["seen"]
        count = self._index.count_before(seen) if seen > self._index.lo else 0
        if count != self.new_count:
            self.new_count = count
            self.post_message(self.NewCountChanged(self, count))

    def _check_near_end(self) -> None:
        if not self._index or self._near_end_sent == len(self._index):
            return
        view_h = self.scrollable_content_region.height
        remaining_lines = self._index.total_height - (int(self.scroll_y) + view_h)
        near = remaining_lines < view_h
        if self._cursor is not None and self._index.contains(self._cursor):
            near = near or self._index.count_after(self._cursor) < _NEAR_END_ITEMS
        if near:
            self._near_end_sent = len(self._index)
            last = self._next_shown(self._index.hi - 1, -1)
            self.post_message(self.NearEnd(self, last.key if last else None))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_seen()
        self._check_near_end()

    def _after_resize(self) -> None:
        # Before the first resize nothing was measured, so a first item hidden by a filter may hold the cursor.
        if self._index and (self._cursor is None or self._cursor.hidden or not self._index.contains(self._cursor)):
            start = self._cursor.slot if self._cursor is not None else self._index.lo
            self._cursor = None
            self._select_entry(self._next_shown(start, 1) or self._next_shown(start, -1), post=False, scroll=False)
