"""The bar at the bottom of every screen: the live-update state (live, reconnecting with a countdown, polling,
offline), the rate budget, unread notifications, and the key hints that matter most.

It reads the App's `connection` and the service's budget; the App calls `refresh_bar()` on every change and a
one-second timer keeps the countdown true.
"""
from __future__ import annotations

import time

from rich.text import Text
from textual.widget import Widget

STATE_STYLE = {
    "live": ("● live", "bold green"),
    "connecting": ("◌ connecting", "yellow"),
    "reconnecting": ("◌ reconnecting", "bold yellow"),
    "polling": ("↻ polling", "cyan"),
    "offline": ("✕ offline", "bold red"),
}


class Line(Widget):
    """One line of text. Unlike Static, an update repaints only this line: no layout pass of the screen, which
    matters when a title's "N new" changes with every streamed batch."""

    DEFAULT_CSS = """
    Line { height: 1; }
    """

    def __init__(self, text: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = text if isinstance(text, Text) else Text(text)

    @property
    def text_value(self) -> Text:
        return self._text

    def render(self) -> Text:
        return self._text

    def update(self, text: Text | str) -> None:
        self._text = text if isinstance(text, Text) else Text(text)
        self.refresh()


class StatusBar(Line):
    DEFAULT_CSS = """
    StatusBar { height: 1; dock: bottom; }
    """

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh_bar)
        self.refresh_bar()

    def refresh_bar(self) -> None:
        self.update(self.text())

    def text(self) -> Text:
        app = self.app
        conn = getattr(app, "connection", None)
        out = Text(no_wrap=True, overflow="ellipsis")
        state = conn.state if conn is not None else "connecting"
        label, style = STATE_STYLE.get(state, (state, ""))
        worker = getattr(app, "stream_worker", None)
        quiet = worker.quiet_for() if state == "live" and hasattr(worker, "quiet_for") else 0.0
        if quiet:
            style = "bold yellow"  # nothing has arrived for a while: live in name only until it recovers
        out.append(label, style)
        if conn is not None and state == "reconnecting" and conn.retry_at is not None:
            out.append(f" in {max(0, int(conn.retry_at - time.monotonic() + 0.999))}s", style)
        if state == "reconnecting" and getattr(app, "poller", None) is not None:
            out.append(" · polling meanwhile", "cyan")
        if conn is not None and conn.transport and state == "live":
            out.append(f" ({conn.transport})", "dim")
        if quiet:
            out.append(f" · quiet {int(quiet)}s", "bold yellow")
        # The rest goes in order of importance; what does not fit the width is left out, least important
        # first (at 80 columns the help hint and the notifications fell off the end).
        parts: list[tuple[int, Text]] = []   # (importance: lower goes first, text)
        service = getattr(app, "service", None)
        if service is not None:
            view = service.budget.view()
            if view.remaining is not None and view.limit:
                share = view.remaining / view.limit
                budget_style = "green" if share > 0.3 else "yellow" if share > 0.1 else "bold red"
                budget = Text.assemble(("  ·  budget ", "dim"))
                budget.append(f"{view.remaining}/{view.limit}", budget_style)
                parts.append((3 if share > 0.3 else 1, budget))
                if view.reset_in is not None:
                    parts.append((5, Text(f" ({int(view.reset_in)}s)", "dim")))
            if service.my_acct:
                parts.append((4, Text("  ·  @" + _safe(service.my_acct), "dim")))
        unread = getattr(app, "unread_notifications", 0)
        if unread:
            # "(2)" alone was cryptic: it is the key that opens them
            parts.append((0, Text(f"  ·  {unread} new notification{'s' if unread != 1 else ''} · 2 to read",
                                  "bold magenta")))
        parts.append((2, Text("  ·  ? help", "dim")))
        width = self.size.width or 10_000
        kept = set(range(len(parts)))
        while kept and out.cell_len + sum(parts[i][1].cell_len for i in kept) > width:
            kept.discard(max(kept, key=lambda i: (parts[i][0], i)))
        for i, (_, text) in enumerate(parts):
            if i in kept:
                out.append_text(text)
        return out


def _safe(text: str) -> str:
    from widgets.sanitize import sanitize_plain

    return sanitize_plain(text, max_len=80)
