"""The Timeline's cursor: key actions, moving and paging the cursor, keeping it in view, and the mouse.

A mixin for `Timeline` (widgets/timeline.py), which holds the bindings and the data API; painting, anchoring and
measuring (`_scroll_to_y`, `_top_anchor`, `_next_shown`, `_measure`...) come from `TimelineView`
(widgets/timeline_view.py). `_check_seen` and `_check_near_end` are Timeline's "N new" / "load more" bookkeeping.
"""

from __future__ import annotations

from textual import events

from widgets import theme
from widgets.timeline_index import Entry


class TimelineCursor:
    """Cursor movement, key actions and clicks, mixed into Timeline."""

    # --- keys ------------------------------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        entry = self._next_shown(self._index.lo, 1)
        if entry is not None:
            self._select_entry(entry, scroll=False)
            self._scroll_to_y(0)
            self._index.marks["seen"] = self._index.lo
            self._update_new_count()

    def action_last(self) -> None:
        entry = self._next_shown(self._index.hi - 1, -1)
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

    # --- cursor ----------------------------------------------------------------------------------------------
    def _select_entry(self, entry: Entry | None, *, post: bool = True, scroll: bool = True) -> None:
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
                if item is not None and self._index.contains(item):
                    self._refresh_entry(item)
        if changed and post:
            self.post_message(self.Selected(self, entry.item, entry.key))
        self._check_near_end()

    def _cursor_in_view(self) -> bool:
        if self._cursor is None or not self._index.contains(self._cursor):
            return False
        top = self._index.top(self._cursor)
        bottom = top + self._index.height(self._cursor)
        view_top = int(self.scroll_y)
        return bottom > view_top and top < view_top + self.scrollable_content_region.height

    def _move(self, step: int) -> None:
        if not self._cursor_in_view():
            # After scrolling with the wheel, keys continue from what is on screen, not from far away.
            anchor, offset = self._top_anchor()
            if anchor is not None:
                start = anchor if offset == 0 else (self._next_shown(anchor.slot + 1, 1) or anchor)
                self._select_entry(start)
                return
        if self._cursor is None:
            return
        entry = self._next_shown(self._cursor.slot + step, step)
        if entry is not None:
            self._select_entry(entry)
        elif step > 0:
            self._scroll_to_y(self.max_scroll_y)

    def _page(self, direction: int) -> None:
        if self._cursor is None:
            return
        height = max(1, self.scrollable_content_region.height)
        target = max(0, min(int(self.scroll_y) + direction * height, self.max_scroll_y))
        if target == int(self.scroll_y):
            # Already at an end: move the cursor to the end item instead.
            (self.action_last if direction > 0 else self.action_first)()
            return
        self._scroll_to_y(target)
        entry, offset = self._top_anchor()
        if entry is not None and offset:
            entry = self._next_shown(entry.slot + 1, 1) or entry  # the first item that starts on screen
        elif entry is not None:
            entry = self._next_shown(entry.slot, 1)
        self._select_entry(entry)

    def _scroll_to_entry(self, entry: Entry) -> None:
        if self._width:
            self._measure(entry)
        top = self._index.top(entry)
        height = self._index.height(entry)
        view_top = int(self.scroll_y)
        view_h = max(1, self.scrollable_content_region.height)
        if top < view_top:
            self._scroll_to_y(top)
        elif top + height > view_top + view_h:
            self._scroll_to_y(min(top, top + height - view_h))

    # --- mouse -----------------------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        entry, _ = self._index.at_line(int(self.scroll_y) + offset.y)
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
