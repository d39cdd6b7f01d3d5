"""Search: accounts, hashtags and statuses in one list, under headings. `user@domain` and status URLs are
resolved by the server (resolve=true), so pasting a link to a post from elsewhere opens it here."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from app.screens.base import StatusScreen
from app.screens.renderers import mixed_key, render_mixed
from app.screens.status_list import StatusTimeline
from app.service import describe


def search_items(result: dict) -> list[dict]:
    items: list[dict] = []
    groups = (("accounts", "account", "Accounts"), ("hashtags", "hashtag", "Hashtags"),
              ("statuses", "status", "Posts"))
    for field, kind, title in groups:
        found = [x for x in (result.get(field) or []) if isinstance(x, dict)]
        if not found:
            continue
        items.append({"_kind": "heading", "title": f"{title} ({len(found)})", "id": field})
        for entry in found:
            items.append(entry if kind == "status" else dict(entry, _kind=kind))
    return items


class SearchScreen(StatusScreen):
    BINDINGS = [Binding("slash", "focus_input", "New search", id="search.focus")]

    def __init__(self) -> None:
        super().__init__(name="search")
        self.title_text = "Search"
        self.query_text = ""
        self.results: dict = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield Input(placeholder="accounts, #hashtags, posts, user@domain or a post's URL", id="query")
        yield StatusTimeline(id="timeline", renderer=render_mixed, key=mixed_key)
        yield from self.compose_bar()

    @property
    def timeline(self) -> StatusTimeline:
        return self.query_one("#timeline", StatusTimeline)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    def on_screen_resume(self) -> None:
        if not self.query_text:
            self.query_one("#query", Input).focus()

    def action_focus_input(self) -> None:
        self.query_one("#query", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.search(text)

    @work(exit_on_error=False, exclusive=True)
    async def search(self, text: str) -> None:
        self.query_text = text
        self.set_title("Search", Text(f"searching for {text!r}…", style="dim"))
        try:
            result = await self.app.service.call("search_v2", text, resolve=True, limit=20)
        except Exception as error:  # noqa: BLE001
            self.set_title("Search", Text("⚠ " + describe(error), style="red"))
            return
        self.results = result
        items = search_items(result)
        self.timeline.set_items(items)
        counts = [f"{len(result.get(k) or [])} {k}" for k in ("accounts", "hashtags", "statuses")]
        self.set_title("Search", Text(" · ".join(counts) if items else f"nothing found for {text!r}", style="dim"))
        if items:
            self.timeline.focus()
            first = next((i for i in items if i.get("_kind") != "heading"), None)
            if first is not None:
                self.timeline.select(mixed_key(first))

    def on_timeline_activated(self, event) -> None:
        # Statuses are opened by StatusScreen.on_timeline_activated, which Textual calls after this handler
        # (every class's handler runs unless prevent_default): calling it here too opened each thread twice.
        item = event.item
        kind = item.get("_kind") if isinstance(item, dict) else None
        if kind in ("account", "hashtag", "heading"):
            event.stop()
            event.prevent_default()
        if kind == "account":
            self.app.open_profile(item)
        elif kind == "hashtag":
            self.app.action_show(f"tag:{item.get('name')}")
