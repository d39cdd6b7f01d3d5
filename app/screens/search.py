"""Search: accounts, hashtags and statuses in one list, under headings. `user@domain` and status URLs are
resolved by the server (resolve=true), so pasting a link to a post from elsewhere opens it here.

Paging: the first answer holds up to PAGE of each kind; when the reader nears the end of the list, every kind
that filled its page is asked for more (`type` and `offset`, as Mastodon pages search), until a page comes
back short."""
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


PAGE = 20
KINDS = ("accounts", "hashtags", "statuses")


def search_items(result: dict, more: dict | None = None) -> list[dict]:
    """The results as list items under headings; `more`: kinds that may have further pages ("20+")."""
    items: list[dict] = []
    groups = (("accounts", "account", "Accounts"), ("hashtags", "hashtag", "Hashtags"),
              ("statuses", "status", "Posts"))
    for field, kind, title in groups:
        found = [x for x in (result.get(field) or []) if isinstance(x, dict)]
        if not found:
            continue
        plus = "+" if (more or {}).get(field) else ""
        items.append({"_kind": "heading", "title": f"{title} ({len(found)}{plus})", "id": field})
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
        self.more: dict[str, bool] = {}  # kind -> its last page was full (there may be more)
        self.loading_more = False

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield Input(placeholder="accounts, #hashtags, posts, user@domain or a post's URL", id="query")
        yield StatusTimeline(id="timeline", renderer=render_mixed, key=mixed_key)
        yield from self.compose_bar()

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
        self.more = {}
        self.workers.cancel_group(self, "search-more")  # pages of the previous search must not land here
        self.loading_more = False
        self.set_title("Search", Text(f"searching for {text!r}…", style="dim"))
        try:
            result = await self.app.service.call("search_v2", text, resolve=True, limit=PAGE)
        except Exception as error:  # noqa: BLE001
            self.set_title("Search", Text("⚠ " + describe(error), style="red"))
            return
        self.results = {kind: [x for x in (result.get(kind) or []) if isinstance(x, dict)] for kind in KINDS}
        self.more = {kind: len(self.results[kind]) >= PAGE for kind in KINDS}
        items = search_items(self.results, self.more)
        self.timeline.set_items(items)
        self._counts_title(text, bool(items))
        if items:
            self.timeline.focus()
            first = next((i for i in items if i.get("_kind") != "heading"), None)
            if first is not None:
                self.timeline.select(mixed_key(first))

    def _counts_title(self, text: str, found: bool, note: str = "") -> None:
        counts = [f"{len(self.results.get(k) or [])}{'+' if self.more.get(k) else ''} {k}" for k in KINDS]
        line = " · ".join(counts) if found else f"nothing found for {text!r}"
        self.set_title("Search", Text(line + (f"  {note}" if note else ""), style="dim"))

    # --- more results --------------------------------------------------------------------------------------
    def on_timeline_near_end(self, event) -> None:
        event.stop()
        self.load_more()

    @work(exit_on_error=False, exclusive=True, group="search-more")
    async def load_more(self) -> None:
        text = self.query_text
        kinds = [kind for kind in KINDS if self.more.get(kind)]
        if self.loading_more or not text or not kinds:
            return
        self.loading_more = True
        self._counts_title(text, True, "loading more…")
        try:
            for kind in kinds:
                shown = self.results.setdefault(kind, [])
                try:
                    page = await self.app.service.paged("search_v2", text, resolve=False, result_type=kind,
                                                        limit=PAGE, offset=len(shown))
                except Exception as error:  # noqa: BLE001 - a toast; the results shown stay
                    self.app.notify(describe(error), title="Could not load more results", severity="warning",
                                    markup=False)
                    break
                if text != self.query_text:
                    return  # another search started meanwhile
                found = [x for x in (page.get(kind) or []) if isinstance(x, dict)]
                known = {str(x.get("id") or x.get("name")) for x in shown}
                fresh = [x for x in found if str(x.get("id") or x.get("name")) not in known]
                shown.extend(fresh)
                # A short page, or one with nothing new (a server that ignores offset), ends that kind.
                self.more[kind] = len(found) >= PAGE and bool(fresh)
        finally:
            self.loading_more = False
        if text != self.query_text:
            return
        if kinds:  # the new entries, and headings that lost their "+"
            selected = self.timeline.selected_key
            self.timeline.set_items(search_items(self.results, self.more))
            if selected:
                self.timeline.select(selected)
        self._counts_title(text, True)

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
