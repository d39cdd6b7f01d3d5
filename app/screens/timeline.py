"""A timeline screen: home, local, federated, a hashtag, a list, bookmarks, favourites, an account's statuses, or
the direct-message conversations. One per open timeline; the App keeps them alive while others are shown.

Loading: the first page on mount; older pages when the list says the reader is near its end (through the pace
budget); newer items arrive from the App (stream or poll) and go in at the top without moving the reader, who
sees "N new" in the title instead.
"""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from app.screens.base import StatusScreen
from app.screens.status_list import StatusTimeline
from app.service import describe
from app.sources import Source

PAGE = 40


def loading(screen, group: str) -> bool:
    """Whether `screen` has a worker of `group` that has not finished (pending or running)."""
    return any(w.node is screen and w.group == group and not w.is_finished for w in screen.app.workers)


def _last_status_id(conversation: dict) -> str:
    last = conversation.get("last_status")
    return str(last.get("id")) if isinstance(last, dict) else ""


class TimelineScreen(StatusScreen):
    BINDINGS = [
        Binding(".", "refresh", "Load newer", id="timeline.refresh"),
    ]

    def __init__(self, source: Source, *, closable: bool = False, initial: list | None = None) -> None:
        super().__init__(name=source.key)
        self.source = source
        self.closable = closable
        self.title_text = source.title
        self.loading_older = False
        self._older_again = False
        self.exhausted = False
        self.loaded = False
        self.new_count = 0
        self._next_page = None      # the pagination of the oldest page fetched (for fetch_next)
        self._initial = initial
        self.restored = False      # the read position (markers) was applied

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        if self.source.kind == "conversation":
            from app.screens.renderers import render_conversation

            yield StatusTimeline(id="timeline", renderer=render_conversation)
        else:
            yield StatusTimeline(id="timeline")
        yield from self.compose_bar()

    def on_mount(self) -> None:
        self.timeline.focus()
        self._update_title()
        if self._initial is not None:
            self._show_first(self._initial)
        else:
            self.load_first()

    # --- loading -------------------------------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        self.ensure_loading()

    def ensure_loading(self) -> None:
        """Not loaded and no first page under way (its worker was cancelled, or failed): ask again. Called when
        the screen is shown again and when the App sees a first-page worker of a live screen cancelled, so no
        timeline is ever left at "loading…"."""
        if self.loaded or not self.is_attached or self._initial is not None:
            return
        if loading(self, "load-first"):
            return
        self.load_first()

    def load_failed(self, error: BaseException) -> None:
        """The first page came but could not be shown (the App reports the error): say so, never "loading…"."""
        if not self.loaded:
            self._update_title(Text("⚠ " + describe(error) + " · . retries", style="red"))

    @work(exit_on_error=False, exclusive=True, group="load-first")
    async def load_first(self) -> None:
        self._update_title("loading…")
        source = self.source
        prefetched = self.app.take_prefetched(source.key) if hasattr(self.app, "take_prefetched") else None
        try:
            if prefetched is not None:
                items = await prefetched
            else:
                items = await self.app.service.call(source.method, *source.args, **source.call_kwargs(limit=PAGE))
        except Exception as error:  # noqa: BLE001 - shown in the title and as a toast, never a traceback
            self._update_title(Text("⚠ " + describe(error), style="red"))
            self.app.notify(describe(error), title=f"Could not load {source.title}", severity="error",
                            markup=False)
            return
        self._show_first(items)

    def _show_first(self, items) -> None:
        items = list(items)
        self._next_page = items
        self.timeline.set_items(items)
        self.loaded = True
        self.exhausted = len(items) == 0
        self._update_title()
        self.app.timeline_loaded(self)

    def load_older(self) -> None:
        """The next older page. A request already on its way is never cancelled (a second `G` or a streamed
        status re-sending NearEnd used to cancel it, and the next one found the first still 'loading' and
        gave up: the end of the timeline stopped loading for good); the wish is remembered and, once that
        page is in, the next is asked for if the reader is still at the end."""
        if self.exhausted or not self.loaded:
            return
        if self.loading_older:
            self._older_again = True
            return
        self.loading_older = True
        self._older_again = False
        self._update_title()
        self._load_older()

    @work(exit_on_error=False, group="load-older")
    async def _load_older(self) -> None:
        failed = False
        try:
            oldest = self.timeline.oldest_id()
            source = self.source
            budget = getattr(self.app.service, "budget", None)
            if budget is not None and budget.delay(False) > 0:
                self._update_title("loading older… (waiting for the request budget)")
            if source.kind == "conversation" or source.method in ("bookmarks", "favourites"):
                # These page by ids that are not status ids: follow the server's Link header.
                page = self._next_page
                items = await self.app.service.paged("fetch_next", page) if page is not None else None
            else:
                items = await self.app.service.paged(source.method, *source.args,
                                                          **source.call_kwargs(max_id=oldest, limit=PAGE))
        except Exception as error:  # noqa: BLE001 - said in the title and a toast; G (or j at the end) retries
            self.app.notify(describe(error), title="Could not load older posts", severity="warning",
                            markup=False)
            items, failed = [], True
        finally:
            self.loading_older = False
        items = list(items or [])
        if items:
            self._next_page = items
            self.timeline.append(items)
        elif not failed:
            self.exhausted = True
        if failed:
            self._rearm_near_end(check=False)  # the next G asks again; no retry loop against a down server
        self._update_title(Text("older posts could not load · G retries", style="yellow") if failed else "")
        if not self.restored and getattr(self, "restore_pages", 0):
            self.app.restore_position(self)
        if self._older_again and not failed and not self.exhausted:
            self._older_again = False
            self._rearm_near_end()

    def _rearm_near_end(self, check: bool = True) -> None:
        """Let the list say NearEnd again for the same length (it says it once per length), and (`check`)
        look now: the reader may still be at the end."""
        timeline = self.timeline
        if hasattr(timeline, "_near_end_sent"):
            timeline._near_end_sent = -1
        near_end = getattr(timeline, "_check_near_end", None)
        if check and near_end is not None:
            near_end()

    def on_timeline_near_end(self, event) -> None:
        event.stop()
        self.load_older()

    @work(exit_on_error=False, exclusive=True, group="refresh")
    async def action_refresh(self) -> None:
        """Fetch what is newer than the newest item (also what the App does when a stream's gap is too big)."""
        if not self.loaded:  # nothing shown yet: the first page is what is missing (a new items would be dropped)
            if not loading(self, "load-first"):
                self.load_first()
            return
        newest = self.timeline.newest_id()
        source = self.source
        try:
            if newest is None or source.kind == "conversation":
                items = await self.app.service.call(source.method, *source.args, **source.call_kwargs(limit=PAGE))
            else:
                items = await self.app.service.call(source.method, *source.args,
                                                    **source.call_kwargs(min_id=newest, limit=PAGE))
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not refresh", severity="warning", markup=False)
            return
        items = list(items)
        if source.kind != "conversation" and newest is not None:
            items.sort(key=lambda s: (len(str(s.get("id"))), str(s.get("id"))), reverse=True)
        self.add_newer(items)

    # --- live updates --------------------------------------------------------------------------------------
    def add_newer(self, items_newest_first: list) -> int:
        """Items newer than what is shown (newest first). The reader's view does not move."""
        if not self.loaded:
            return 0
        if self.source.kind == "conversation":
            return self._add_conversations(items_newest_first)
        added = self.timeline.prepend(items_newest_first)
        if added:
            self.app.polled_up_to(self.source.key, self.timeline.newest_id())
        return added

    # --- direct messages -----------------------------------------------------------------------------------
    def _add_conversations(self, newest_first: list) -> int:
        """Updated conversations go to the top (a new message in an old conversation is news), unless the
        reader is on it (then it changes where it is); unchanged ones (a poll returns the whole first page)
        stay where they are."""
        timeline = self.timeline
        moved = 0
        for conversation in reversed(newest_first):  # oldest first: the newest ends up on top
            if not isinstance(conversation, dict) or conversation.get("id") is None:
                continue
            key = str(conversation.get("id"))
            shown = timeline.get(key)
            if shown is None:
                moved += timeline.prepend([conversation])
                continue
            if _last_status_id(shown) == _last_status_id(conversation) or timeline.selected_key == key:
                timeline.update(conversation)
                continue
            timeline.remove(key)
            moved += timeline.prepend([conversation])
        if moved:
            self.app.polled_up_to(self.source.key, timeline.newest_id())
        return moved

    def on_timeline_activated(self, event) -> None:
        # StatusScreen's handler runs after this one (Textual calls each class's) and opens the thread.
        if self.source.kind == "conversation":
            self.mark_read(event.item)

    def action_thread(self) -> None:
        if self.source.kind == "conversation":
            self.mark_read(self.current_item())
        super().action_thread()

    def mark_read(self, conversation: dict | None) -> None:
        """Opening a conversation reads it: shown at once, then told to the server."""
        if not isinstance(conversation, dict) or conversation.get("unread") is not True:
            return
        self.timeline.update(dict(conversation, unread=False))
        self._send_read(conversation)

    @work(exit_on_error=False, group="conversation-read")
    async def _send_read(self, conversation: dict) -> None:
        try:
            result = await self.app.service.call("conversations_read", conversation["id"])
        except Exception as error:  # noqa: BLE001 - the unread mark comes back, the reason is a toast
            self.timeline.update(conversation)
            self.app.notify(describe(error), title="Could not mark the conversation read", severity="warning",
                            markup=False)
            return
        if isinstance(result, dict) and str(result.get("id")) == str(conversation["id"]):
            self.timeline.update(result)

    def action_first(self) -> None:
        self.timeline.jump_to_top()

    def on_timeline_new_count_changed(self, event) -> None:
        self.new_count = event.count
        self._update_title()

    def on_timeline_selected(self, event) -> None:
        self.app.read_position(self.source, event.key)

    def _update_title(self, note: str | Text = "") -> None:
        extra = Text(end="")
        if self.new_count:
            extra.append(f" {self.new_count} new ↑ (g) ", "bold reverse magenta")
            extra.append(" ")
        if not note and self.loading_older:
            note = "loading older…"  # kept while other changes (new statuses) redraw the title
        if note:
            extra.append_text(note if isinstance(note, Text) else Text(note, style="dim"))
        elif self.loaded:
            extra.append(f"{len(self.timeline)} loaded" + (" · end" if self.exhausted else ""), "dim")
        self.set_title(self.source.title, extra)
