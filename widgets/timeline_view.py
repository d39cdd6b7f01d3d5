"""The rendering half of the timeline: an `ItemIndex` painted through Textual's Line API.

Only the visible lines are rendered: `render_line(y)` finds the entry under line y in O(log n) and returns one of
its cached `Strip`s. Reading is never disturbed: every change runs inside `_keep_anchor()`, which remembers the
entry at the top of the viewport (and the line within it) and restores that position afterwards, whatever was
inserted, grew, shrank or vanished above it.

Heights are measured by rendering. Items added in bulk, and all items after a width change, start with an
estimate (the average measured height) and are measured when they come into view, or by background work that
runs in small time slices (so a key pressed meanwhile waits a few milliseconds at most). The background work
also prefetches: it prepares the page above and the page below the viewport, so the next key finds them ready
(that part lives in `timeline_measure.py`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from widgets import theme
from widgets.notification import render_notification
from widgets.parts import RenderedItem
from widgets.status import render_status
from widgets.timeline_index import Entry, ItemIndex
from widgets.timeline_measure import BackgroundMeasuring

__all__ = ["TimelineView", "Renderer", "render_item", "item_key"]

Renderer = Callable[[dict, int, bool, datetime], RenderedItem]
"""(item, width, expanded, now) -> RenderedItem"""


def render_item(item: dict, width: int, expanded: bool, now: datetime) -> RenderedItem:
    """Default renderer: notifications (they have a `type` and no `content`) or statuses."""
    if isinstance(item, dict) and "type" in item and "content" not in item:
        return render_notification(item, width, expanded=expanded, now=now)
    return render_status(item, width, expanded=expanded, now=now)


def item_key(item: dict) -> str:
    """Default key: the entity id (grouped notifications: their group_key)."""
    key = item.get("group_key") if "group_key" in item and "id" not in item else item.get("id")
    return str(key)


GUTTER = 1  # one column on the left for the cursor bar
STRIP_CACHE = 120  # entries whose painted strips are kept: a dozen screens. Not more: every Strip carries seven
# small caches of its own, and tens of thousands of them make each full garbage collection pause longer.
BAR_INTERVAL = 0.1  # seconds: how far the scrollbar may lag behind statuses streaming in above the reader

# Every segment carries a style, even a plain one: Textual's monochrome filter (NO_COLOR) reads each segment's
# style and fails on None.
_PLAIN = Style()
_CURSOR_GUTTER = Strip([Segment("▌", theme.CURSOR_BAR)], 1)
_BLANK_GUTTER = Strip([Segment(" ", _PLAIN)], 1)


class TimelineView(BackgroundMeasuring, ScrollView):
    """Paints an `ItemIndex`; `Timeline` adds the data API, the cursor, keys and messages."""

    def __init__(
        self,
        *,
        renderer: Renderer = render_item,
        clock: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._renderer = renderer
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._index = ItemIndex()
        self._cursor: Entry | None = None
        self._cached: OrderedDict[Entry, None] = OrderedDict()  # entries holding strips, least recent first
        self._width = 0  # content width the heights are measured at; 0 until the first resize
        self._estimate = 6
        self._measured_sum = 0
        self._measured_n = 0
        self._in_anchor = False
        self._anchor_slot: int | None = None  # during an anchored change: the slot of the entry at the top
        self._bar_timer = None  # a pending repaint of the scrollbar (see _defer_scrollbar)
        self._quiet_scroll = False  # the scroll offset follows the anchor: what is on screen did not move
        self._dirty = False  # something changed that needs a repaint at the end of the current operation
        self._background = None
        self._blank_strip: Strip | None = None
        self._frame_width: int | None = None
        self._index.marks["stale"] = self._index.hi  # background measuring position

    # --- hooks for the subclass ------------------------------------------------------------------------------
    def _after_change(self) -> None:
        """Called at the end of every anchored change (the subclass updates "N new")."""

    def _after_resize(self) -> None:
        """Called once a resize has been handled (heights of the visible entries are right)."""

    # --- widths ----------------------------------------------------------------------------------------------
    @property
    def _content_width(self) -> int:
        if self._frame_width is not None:
            return self._frame_width
        return max(1, self.scrollable_content_region.width - GUTTER)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Computing the content region is costly; it cannot change during one paint, so compute it once.
        self._frame_width = max(1, self.scrollable_content_region.width - GUTTER)
        try:
            return super().render_lines(crop)
        finally:
            self._frame_width = None

    # --- painting --------------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        entry, row = self._index.at_line(int(self.scroll_offset.y) + y)
        if entry is None:
            return self._blank()
        strips = self._strips(entry, selected=entry is self._cursor)
        return strips[row] if 0 <= row < len(strips) else self._blank()

    def _blank(self) -> Strip:
        width = self._content_width + GUTTER
        if self._blank_strip is None or self._blank_strip.cell_length != width:
            self._blank_strip = Strip.blank(width, _PLAIN)
        return self._blank_strip

    def _render(self, entry: Entry) -> RenderedItem:
        """The entry's lines at the current width (the renderer runs once per entry, width and state); keeps
        its height in the index true."""
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
        height = len(rendered.lines) + 1 if rendered.lines else 0  # +1: the separator line
        if entry.measured_width != width or self._index.height(entry) != height:
            self._set_height(entry, height, width)
        return rendered

    def _strips(self, entry: Entry, selected: bool = False) -> list[Strip]:
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
            strips.append(self._line_strip(text, width, console, gutter, selected))
        if strips:
            strips.append(Strip.join([gutter, Strip([Segment("─" * width, theme.SEPARATOR)], width)]))
        if selected:
            entry.selected_strips = strips
        else:
            entry.strips = strips
        self._cached[entry] = None
        self._cached.move_to_end(entry)
        if len(self._cached) > STRIP_CACHE:
            old, _ = self._cached.popitem(last=False)
            old.forget_rendering()
        return strips

    @staticmethod
    def _line_strip(text: Text, width: int, console, gutter: Strip, selected: bool) -> Strip:
        """One painted line: gutter + text padded or cut to `width`. Built from segments into a single Strip
        (each Strip operation makes a new Strip with seven caches of its own: allocations that kept the garbage
        collector busy while scrolling)."""
        segments = list(text.render(console))
        length = Segment.get_line_length(segments)
        if length < width:
            segments.append(Segment(" " * (width - length), _PLAIN))
        elif length > width:
            segments = list(Strip(segments, length).adjust_cell_length(width))
        if selected:
            segments = list(Segment.apply_style(segments, theme.SELECTED))
        line = [segment if segment.style is not None else Segment(segment.text, _PLAIN, segment.control)
                for segment in Segment.simplify([*gutter, *segments])]
        return Strip(line, width + GUTTER)

    def _measure(self, entry: Entry) -> int:
        """Make sure the entry's height in the index is its real height at the current width."""
        if entry.measured_width != self._content_width or entry.rendered_width != self._content_width:
            self._render(entry)
        return self._index.height(entry)

    def _set_height(self, entry: Entry, height: int, width: int) -> None:
        first = entry.measured_width == -1
        entry.measured_width = width
        if self._index.set_height(entry, height) and not self._above_anchor(entry):
            self._dirty = True
        if first and height:
            self._measured_sum += height
            self._measured_n += 1
            self._estimate = max(2, round(self._measured_sum / self._measured_n))

    def _invalidate(self, entry: Entry) -> None:
        """The entry's item or state changed: render it again (now, so its height is right)."""
        entry.forget_rendering()
        entry.measured_width = -2 if entry.measured_width >= 0 else entry.measured_width
        if self._width:
            self._measure(entry)
        if not self._above_anchor(entry):
            self._dirty = True

    def _refresh_entry(self, entry: Entry) -> None:
        """Repaint only the lines of `entry` that are on screen."""
        top = self._index.top(entry) - int(self.scroll_y)
        height = self._index.height(entry)
        view = self.scrollable_content_region
        if height and top < view.height and top + height > 0:
            self.refresh(Region(0, max(0, top), view.width, min(height, view.height - max(0, top))))

    def _above_anchor(self, entry: Entry) -> bool:
        """During an anchored change: the entry lies wholly above the top of the viewport, so a change to it
        moves nothing on screen (the anchor compensates)."""
        return self._in_anchor and self._anchor_slot is not None and entry.slot < self._anchor_slot

    # --- layout and anchoring --------------------------------------------------------------------------------
    def _update_virtual_size(self, defer_bar: bool = False) -> None:
        size = Size(self.scrollable_content_region.width, self._index.total_height)
        if size == self.virtual_size:
            return
        if not self.is_mounted or not self.size:
            self.virtual_size = size
            return
        # `virtual_size` is a layout reactive: setting it lays out the whole screen and repaints every widget on
        # it, once per streamed status. Our own size does not depend on it (a Line API widget sized by CSS), so
        # only the scrollbars need to follow; they lay out again by themselves if one appears or disappears.
        self.set_reactive(Widget.virtual_size, size)
        if defer_bar and self.show_vertical_scrollbar and size.height > self.container_size.height:
            self._defer_scrollbar()  # the bar stays: only its thumb changes
        else:
            self._scroll_update(size)

    def _defer_scrollbar(self) -> None:
        """Repaint the scrollbar's thumb soon rather than now. Changes above the reader (streamed statuses)
        move only the thumb; repainting the bar is most of the cost of such a frame, so during a stream it
        follows at most every BAR_INTERVAL."""
        if self._bar_timer is None:
            self._bar_timer = self.set_timer(BAR_INTERVAL, self._sync_scrollbar)

    def _sync_scrollbar(self) -> None:
        self._bar_timer = None
        self._scroll_update(self.virtual_size)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = self.scroll_y

    def _top_anchor(self) -> tuple[Entry | None, int]:
        return self._index.at_line(int(self.scroll_y))

    @contextmanager
    def _keep_anchor(self) -> Iterator[None]:
        """Whatever happens inside, the line at the top of the viewport stays where it is."""
        if self._in_anchor:
            yield
            return
        self._in_anchor = True
        anchor, offset = self._top_anchor()
        anchor_slot = self._anchor_slot = anchor.slot if anchor else None
        try:
            yield
        finally:
            self._in_anchor = False
            self._anchor_slot = None
            self._update_virtual_size(defer_bar=True)
            if anchor is not None and not self._index.contains(anchor):
                # The anchor itself went away: keep the entry that took its place.
                anchor = self._next_shown(min(anchor_slot, self._index.hi - 1), 1) if self._index else None
                offset = 0
                self._dirty = True
            if anchor is not None:
                height = self._index.height(anchor)
                kept = min(offset, max(0, height - 1))
                # Items that came or went above the reader move the offset, not what is on screen: when the
                # same line ends up at the top, only the scrollbar is repainted (unless something in view
                # changed, which set `_dirty`).
                self._quiet_scroll = True
                try:
                    self._scroll_to_y(self._index.top(anchor) + kept)
                finally:
                    self._quiet_scroll = False
                if kept != offset or self._top_anchor() != (anchor, offset):
                    self._dirty = True
            self._after_change()
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

    def _next_shown(self, slot: int, step: int) -> Entry | None:
        """The first entry that is not hidden, from `slot` going in `step` direction."""
        index = self._index
        slot = max(index.lo - (1 if step < 0 else 0), min(slot, index.hi))
        while index.lo <= slot < index.hi:
            entry = index.slots[slot]
            if entry is not None:
                if self._width and entry.measured_width != self._content_width:
                    self._measure(entry)
                if not entry.hidden:
                    return entry
            slot += step
        return None

    # --- events ----------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self._index and self._background is None:
            self._schedule_measuring()

    def on_resize(self, event: events.Resize) -> None:
        width = self._content_width
        if width != self._width:
            self._width = width
            with self._keep_anchor():
                for entry in list(self._cached):
                    entry.forget_rendering()
                self._cached.clear()
                self._dirty = True
            self._measure_visible()
            self._schedule_measuring()
        else:
            self._measure_visible()
        self._update_virtual_size()
        self._after_resize()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self._quiet_scroll:
            if self.show_vertical_scrollbar:
                self._defer_scrollbar()
            return
        super().watch_scroll_y(old_value, new_value)
        if not self._in_anchor:
            self._measure_visible()
            self._wake_background()
