"""What every screen that shows statuses shares: a title line, the status bar, and the keys that act on the
selected status (favourite, boost, bookmark, pin, mute, vote, thread, profile, links, media, copy, reply...).

Subclasses provide `current_item()` (the selected item: a status, a boost, a notification or a conversation)
and `status_changed(status)` / `status_deleted(id)` (called by the App so every open screen stays consistent).
"""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from app import actions
from app.screens.status_list import StatusTimeline, inner
from app.statusbar import Line, StatusBar
from widgets.content import Link
from widgets.sanitize import safe_url

STATUS_BINDINGS = [
    Binding("f", "favourite", "Favourite", id="status.favourite"),
    Binding("b", "boost", "Boost", id="status.boost"),
    Binding("a", "bookmark", "Bookmark", id="status.bookmark"),
    Binding("P", "pin", "Pin", show=False, id="status.pin"),
    Binding("M", "mute_conversation", "Mute thread", show=False, id="status.mute"),
    Binding("v", "vote", "Vote", show=False, id="status.vote"),
    Binding("t", "thread", "Thread", id="status.thread"),
    Binding("p", "profile", "Profile", id="status.profile"),
    Binding("o", "links", "Links", id="status.links"),
    Binding("O", "media", "Media", show=False, id="status.media"),
    Binding("y", "copy_link", "Copy link", show=False, id="status.copy"),
    Binding("r", "reply", "Reply", id="status.reply"),
    Binding("e", "edit", "Edit", show=False, id="status.edit"),
    Binding("D", "delete", "Delete", show=False, id="status.delete"),
    Binding("R", "redraft", "Delete and redraft", show=False, id="status.redraft"),
]


class BaseScreen(Screen):
    """A screen with a title line and the status bar."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="screen.back"),
        # Each screen has one list to focus, so tab moves between the open screens instead of between widgets.
        Binding("tab", "app.cycle(1)", "Next open screen", show=False, id="app.next_screen"),
        Binding("shift+tab", "app.cycle(-1)", "Previous open screen", show=False, id="app.previous_screen"),
    ]
    title_text = "tootty"
    closable = True  # escape pops it (screens pushed over a timeline)

    @property
    def timeline(self) -> StatusTimeline:
        """The screen's list (every screen that has one gives it the id "timeline")."""
        return self.query_one("#timeline", StatusTimeline)

    def compose_title(self) -> ComposeResult:
        yield Line(Text(self.title_text, style="bold"), id="title", classes="title")

    def compose_bar(self) -> ComposeResult:
        yield StatusBar(id="statusbar")

    def set_title(self, text: str, extra: Text | str = "") -> None:
        self.title_text = text
        line = Text(text, style="bold")
        if extra:
            line.append("  ")
            line.append_text(extra if isinstance(extra, Text) else Text(extra))
        try:
            self.query_one("#title", Line).update(line)
        except Exception:  # noqa: BLE001 - not composed yet
            pass

    def on_mount(self) -> None:
        self.app.screen_opened(self)

    def on_unmount(self) -> None:
        self.app.screen_closed(self)

    def on_screen_resume(self) -> None:
        self.app.screen_shown(self)

    def on_worker_state_changed(self, event) -> None:
        # Worker state messages do not bubble: hand failures to the App, which shows them as a toast.
        handler = getattr(self.app, "on_worker_state_changed", None)
        if handler is not None:
            handler(event)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1 and self.closable:
            self.app.pop_screen()

    # Called by the App for every open screen; screens without statuses ignore them.
    def status_changed(self, status: dict) -> None:
        for timeline in self.query(StatusTimeline):
            timeline.put_status(status)

    def status_deleted(self, status_id: str) -> None:
        for timeline in self.query(StatusTimeline):
            timeline.remove_status(status_id)


class StatusScreen(BaseScreen):
    """A BaseScreen whose selected item is (or is about) a status, with every status action bound."""

    BINDINGS = STATUS_BINDINGS

    def current_timeline(self) -> StatusTimeline | None:
        focused = self.focused
        if isinstance(focused, StatusTimeline):
            return focused
        found = self.query(StatusTimeline)
        return found.first() if found else None

    def current_item(self) -> dict | None:
        timeline = self.current_timeline()
        return timeline.selected_item if timeline is not None else None

    def current_status(self) -> dict | None:
        item = self.current_item()
        status = inner(item) if item else None
        return status if status and status.get("id") and "content" in status else None

    def _need_status(self) -> dict | None:
        status = self.current_status()
        if status is None:
            self.app.bell()
        return status

    # --- toggles -------------------------------------------------------------------------------------------
    @work(exit_on_error=False, group="status-action")
    async def _toggle(self, action: str) -> None:
        status = self._need_status()
        if status is None:
            return
        await actions.toggle(self.app, status, action)

    def action_favourite(self) -> None:
        status = self._need_status()
        if status is None:
            return
        # config `confirm.favourite` asks before favouriting; taking one back never asks.
        if not status.get("favourited") and self.app.confirms("favourite"):
            from app.screens.dialogs import ConfirmScreen

            self.app.push_screen(ConfirmScreen("Favourite this post?", "Favourite"),
                                 lambda yes: self._toggle("favourite") if yes else None)
        else:
            self._toggle("favourite")

    def action_bookmark(self) -> None:
        self._toggle("bookmark")

    def action_mute_conversation(self) -> None:
        self._toggle("mute")

    def action_pin(self) -> None:
        status = self._need_status()
        if status is None:
            return
        if not self.app.service.is_mine(status):
            self.app.notify("Only your own posts can be pinned", severity="warning")
            return
        self._toggle("pin")

    def action_boost(self) -> None:
        status = self._need_status()
        if status is None:
            return
        undo = bool(status.get("reblogged"))
        if status.get("visibility") in ("private", "direct") and not self.app.service.is_mine(status):
            self.app.notify("This post cannot be boosted (followers-only or direct)", severity="warning")
            return
        if self.app.confirms("unboost" if undo else "boost"):
            def answered(yes: bool | None) -> None:
                if yes:
                    self._toggle("boost")
            from app.screens.dialogs import ConfirmScreen

            self.app.push_screen(ConfirmScreen("Undo this boost?" if undo else "Boost this post to your followers?",
                                               "Unboost" if undo else "Boost"), answered)
        else:
            self._toggle("boost")

    # --- poll ----------------------------------------------------------------------------------------------
    def action_vote(self) -> None:
        status = self._need_status()
        if status is None:
            return
        poll = status.get("poll")
        if not isinstance(poll, dict) or not poll.get("options"):
            self.app.notify("This post has no poll", severity="warning")
            return
        if poll.get("expired") or poll.get("voted"):
            self.app.notify("This poll is closed" if poll.get("expired") else "You already voted",
                            severity="warning")
            return
        from app.screens.dialogs import PollScreen

        def chosen(choices: list[int] | None) -> None:
            if choices:
                self._vote(status, choices)
        self.app.push_screen(PollScreen(poll), chosen)

    @work(exit_on_error=False, group="status-action")
    async def _vote(self, status: dict, choices: list[int]) -> None:
        await actions.vote(self.app, status, choices)

    # --- navigation ----------------------------------------------------------------------------------------
    def action_thread(self) -> None:
        status = self._need_status()
        if status is not None:
            self.app.open_thread(status)

    def action_profile(self) -> None:
        item = self.current_item()
        if not item:
            self.app.bell()
            return
        # The author of the status (for a boost: the original author; for a notification: who acted).
        account = item.get("account") if "type" in item else inner(item).get("account")
        if isinstance(account, dict) and account.get("id"):
            self.app.open_profile(account)

    def on_timeline_activated(self, event) -> None:
        item = event.item
        if isinstance(item, dict) and "type" in item and not isinstance(item.get("status"), dict):
            account = item.get("account") or (item.get("accounts") or [None])[0]
            if isinstance(account, dict):
                self.app.open_profile(account)
            return
        status = inner(item)
        if status.get("id") and "content" in status:
            self.app.open_thread(status)

    def on_timeline_link_clicked(self, event) -> None:
        self.app.follow_link(event.link)

    # --- links, media, copy --------------------------------------------------------------------------------
    def action_links(self) -> None:
        status = self._need_status()
        if status is None:
            return
        links = self.rendered_links(status)
        card = status.get("card")
        if isinstance(card, dict) and card.get("url") and not any(l.url == card.get("url") for l in links):
            url = safe_url(card.get("url"))
            links.append(Link("url", str(card.get("title") or url), url, url))
        if not links:
            self.app.notify("This post has no links", severity="warning")
            return
        self.app.choose_link(links, "Links")

    @staticmethod
    def rendered_links(status: dict) -> list:
        from widgets.content import render_status_content

        try:
            return list(render_status_content(status).links)
        except Exception:  # noqa: BLE001
            return []

    def action_media(self) -> None:
        status = self._need_status()
        if status is None:
            return
        links = []
        for media in status.get("media_attachments") or []:
            if not isinstance(media, dict):
                continue
            url = safe_url(media.get("url") or media.get("remote_url") or "")
            if url:
                label = f"{media.get('type') or 'file'}: {media.get('description') or 'no description'}"
                links.append(Link("media", label, url, url))
        if not links:
            self.app.notify("This post has no media", severity="warning")
            return
        self.app.choose_link(links, "Media")

    def action_copy_link(self) -> None:
        status = self._need_status()
        if status is None:
            return
        url = safe_url(status.get("url") or status.get("uri") or "")
        if url:
            self.app.copy_to_clipboard(url)
            self.app.notify("Copied " + url, timeout=3, markup=False)

    # --- writing (the compose screens are another module; opened lazily) ------------------------------------
    def action_reply(self) -> None:
        status = self._need_status()
        if status is not None:
            self.app.open_compose(reply_to=status)

    def action_edit(self) -> None:
        status = self._need_status()
        if status is None:
            return
        if not self.app.service.is_mine(status):
            self.app.notify("Only your own posts can be edited", severity="warning")
            return
        self.app.open_compose(edit=status)

    def action_delete(self) -> None:
        status = self._need_status()
        if status is None:
            return
        if not self.app.service.is_mine(status):
            self.app.notify("Only your own posts can be deleted", severity="warning")
            return
        self.app.delete_status(status)

    def action_redraft(self) -> None:
        status = self._need_status()
        if status is None:
            return
        if not self.app.service.is_mine(status):
            self.app.notify("Only your own posts can be redrafted", severity="warning")
            return
        self.app.redraft_status(status)
