"""Thin Textual widgets around the pure renderers, for single items (a focused status in a thread, a profile
header, a notification in a dialog). Lists of items belong in `Timeline`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from widgets import theme
from widgets.account import render_account
from widgets.content import Link
from widgets.notification import render_notification
from widgets.parts import RenderedItem
from widgets.status import render_status

__all__ = ["ItemRenderable", "ItemView", "StatusView", "NotificationView", "AccountHeader"]


class ItemRenderable:
    """Any of the renderers as a Rich renderable: rendered at whatever width Rich or Textual offers.
    `last` keeps the most recent `RenderedItem` (for mapping a click on a link back to the `Link`)."""

    def __init__(self, render: Callable[..., RenderedItem], entity: Any, **options: Any) -> None:
        self.render = render
        self.entity = entity
        self.options = options
        self.last: RenderedItem | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.last = self.render(self.entity, options.max_width, **self.options)
        for line in self.last.lines:
            line = line.copy()
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


class ItemView(Widget):
    DEFAULT_CSS = """
    ItemView, StatusView, NotificationView, AccountHeader {
        height: auto;
    }
    """

    class LinkClicked(Message):
        def __init__(self, view: ItemView, link: Link) -> None:
            super().__init__()
            self.view = view
            self.link = link

        @property
        def control(self) -> ItemView:
            return self.view

    def __init__(self, *, clock: Callable[[], datetime] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._renderable: ItemRenderable | None = None

    def _make(self) -> ItemRenderable:  # pragma: no cover - overridden
        raise NotImplementedError

    def render(self) -> ItemRenderable:
        self._renderable = self._make()
        return self._renderable

    def on_click(self, event: events.Click) -> None:
        meta = event.style.meta if event.style else {}
        index = meta.get(theme.LINK_META) if meta else None
        last = self._renderable.last if self._renderable else None
        if isinstance(index, int) and last is not None and 0 <= index < len(last.links):
            self.post_message(self.LinkClicked(self, last.links[index]))


class StatusView(ItemView):
    """One status, full width, height to fit. Set `status` / `expanded` to change it."""

    status: reactive[dict | None] = reactive(None, layout=True)
    expanded: reactive[bool] = reactive(False, layout=True)

    def __init__(self, status: dict | None = None, *, expanded: bool = False, max_lines: int | None = None,
                 **kwargs: Any) -> None:
        """`max_lines`: cut very long content (None, the default here: a single status is shown whole)."""
        super().__init__(**kwargs)
        self._max_lines = max_lines
        self.set_reactive(StatusView.status, status)
        self.set_reactive(StatusView.expanded, expanded)

    def _make(self) -> ItemRenderable:
        return ItemRenderable(render_status, self.status, expanded=self.expanded, now=self._clock(),
                              max_lines=self._max_lines)


class NotificationView(ItemView):
    notification: reactive[dict | None] = reactive(None, layout=True)
    expanded: reactive[bool] = reactive(False, layout=True)

    def __init__(self, notification: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(NotificationView.notification, notification)

    def _make(self) -> ItemRenderable:
        return ItemRenderable(render_notification, self.notification, expanded=self.expanded, now=self._clock())


class AccountHeader(ItemView):
    """A profile header; `relationship` (from /api/v1/accounts/relationships) adds the badges."""

    account: reactive[dict | None] = reactive(None, layout=True)
    relationship: reactive[dict | None] = reactive(None, layout=True)

    def __init__(self, account: dict | None = None, relationship: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(AccountHeader.account, account)
        self.set_reactive(AccountHeader.relationship, relationship)

    def _make(self) -> ItemRenderable:
        return ItemRenderable(render_account, self.account, relationship=self.relationship, now=self._clock())
