"""How the App opens things: screens by key (digits, the command palette, tab to cycle), threads, profiles,
links (always showing where they really go first), media, the compose screens.

Each top-level screen (a timeline, notifications, search, follow requests) is a Textual *mode* with its own
screen stack, so several stay open at once and keep their scroll position; threads and profiles are pushed on
top of the current one and escape goes back.
"""
from __future__ import annotations

from textual import work

from app.service import describe
from app.sources import FIXED, Source

SPECIAL = {"notifications", "follow_requests", "search"}


class Navigation:
    def _init_navigation(self) -> None:
        self._live: list = []          # every mounted BaseScreen (base screens of modes and pushed ones)
        self.open_keys: list[str] = [] # modes in the order they were opened (tab cycles through them)
        self.screen_titles: dict[str, str] = {}  # key -> title for screens reopened later (account timelines)

    # --- the registry of open screens ----------------------------------------------------------------------
    def screen_opened(self, screen) -> None:
        if screen not in self._live:
            self._live.append(screen)
        stream = getattr(getattr(screen, "source", None), "stream", None)
        if stream and self.stream_worker is not None:
            self.run_worker(self.stream_worker.subscribe(stream), exit_on_error=False)

    def screen_closed(self, screen) -> None:
        if screen in self._live:
            self._live.remove(screen)
        source = getattr(screen, "source", None)
        still_open = any(getattr(s, "source", None) == source for s in self._live)
        if source is not None and not still_open:
            if source.stream and self.stream_worker is not None:
                self.run_worker(self.stream_worker.unsubscribe(source.stream), exit_on_error=False)
            if self.poller is not None:
                self.poller.unwatch(source.key)

    def screen_shown(self, screen) -> None:
        if getattr(screen, "polls_notifications", False):
            self.unread_notifications = 0
            self.refresh_bars()
        if self.poller is not None:
            source = getattr(screen, "source", None)
            if source is not None:
                self.poller.wake(source.key)
            if getattr(screen, "polls_notifications", False):
                self.poller.wake("notifications")

    def live_screens(self) -> list:
        return list(self._live)

    # --- top-level screens (modes) -------------------------------------------------------------------------
    def make_screen(self, key: str):
        if key == "notifications":
            from app.screens.notifications import NotificationsScreen

            return NotificationsScreen()
        if key == "follow_requests":
            from app.screens.follow_requests import FollowRequestsScreen

            return FollowRequestsScreen()
        if key == "search":
            from app.screens.search import SearchScreen

            return SearchScreen()
        from app.screens.timeline import TimelineScreen

        source = Source.parse(key, self.screen_titles.get(key))
        return TimelineScreen(source, closable=False)

    def action_show(self, key: str):
        """Show the screen `key` ("home", "notifications", "tag:python", ...), opening it if needed. Returns
        what to await for it to be mounted (None when there is nothing to show)."""
        try:
            if key not in SPECIAL:
                key = Source.parse(key).key
        except ValueError:
            self.notify(f"Unknown screen {key!r}", severity="warning", markup=False)
            return
        self.register_screen(key)
        return self.switch_mode(key)  # awaitable: the screen is mounted (on_mount waits for the first one)

    def register_screen(self, key: str) -> None:
        """Make `key` (a normalised screen key) an open top-level screen; it is built and loads when shown."""
        if key not in self.open_keys:
            self.add_mode(key, lambda: self.make_screen(key))
            self.open_keys.append(key)

    def action_cycle(self, step: int) -> None:
        if not self.open_keys:
            return
        current = self.current_mode if self.current_mode in self.open_keys else self.open_keys[0]
        index = (self.open_keys.index(current) + step) % len(self.open_keys)
        self.switch_mode(self.open_keys[index])

    def action_close_screen(self) -> None:
        """Close the current top-level screen (not the fixed ones: they are one digit away anyway)."""
        key = self.current_mode
        if key in FIXED or key in SPECIAL or key not in self.open_keys:
            self.bell()
            return
        index = self.open_keys.index(key)
        self.open_keys.remove(key)
        self.switch_mode(self.open_keys[max(0, index - 1)] if self.open_keys else "home")
        self.remove_mode(key)

    def open_timeline(self, key: str, title: str | None = None) -> None:
        if key.startswith(("account", "list:")) and title:
            source = Source.parse(key, title)
            if source.key not in self.open_keys:
                from app.screens.timeline import TimelineScreen

                screen = TimelineScreen(source, closable=False)
                self.add_mode(source.key, lambda screen=screen: screen)
                self.open_keys.append(source.key)
            self.switch_mode(source.key)
            return
        self.action_show(key)

    def action_open_hashtag(self) -> None:
        from app.screens.dialogs import AskScreen

        def answered(tag: str | None) -> None:
            tag = (tag or "").strip().lstrip("#")
            if tag:
                self.action_show(f"tag:{tag}")
        self.push_screen(AskScreen("Open hashtag", "#hashtag"), answered)

    def action_help(self) -> None:
        from app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- statuses, profiles, links -------------------------------------------------------------------------
    def open_thread(self, status: dict) -> None:
        from app.screens.thread import ThreadScreen

        self.push_screen(ThreadScreen(status))

    def open_profile(self, account) -> None:
        """`account`: an account dict, or an acct string ("user@domain", "@user") to look up first."""
        from app.screens.profile import ProfileScreen

        if isinstance(account, dict):
            self.push_screen(ProfileScreen(account))
        else:
            self._lookup_profile(str(account))

    @work(exit_on_error=False, group="lookup")
    async def _lookup_profile(self, acct: str) -> None:
        acct = acct.strip().lstrip("@")
        try:
            result = await self.service.call("search_v2", acct, resolve=True, result_type="accounts", limit=5)
            accounts = list(result.get("accounts") or [])
        except Exception as error:  # noqa: BLE001
            self.notify(describe(error), title=f"Could not find @{acct}", severity="warning", markup=False)
            return
        match = next((a for a in accounts if str(a.get("acct", "")).lower() == acct.lower()), None)
        match = match or (accounts[0] if accounts else None)
        if match is None:
            self.notify(f"No account @{acct}", severity="warning", markup=False)
            return
        self.open_profile(match)

    def follow_link(self, link) -> None:
        """A link in a status was chosen (click, or enter in the links dialog)."""
        kind = getattr(link, "kind", "url")
        if kind == "mention":
            self.open_profile(link.target)
        elif kind == "hashtag":
            self.action_show(f"tag:{link.target}")
        else:
            self.choose_link([link], "Open link?")

    def choose_link(self, links: list, title: str) -> None:
        from app.screens.dialogs import LinkScreen

        def chosen(answer) -> None:
            if not answer:
                return
            what, link = answer
            url = getattr(link, "url", "") or getattr(link, "target", "")
            if what == "copy":
                self.copy_to_clipboard(url)
                self.notify("Copied " + url, timeout=3, markup=False)
            elif getattr(link, "kind", "url") in ("mention", "hashtag") and title != "Open link?":
                self.follow_link(link)
            else:
                self.open_url(url, "media" if getattr(link, "kind", "") == "media" else "links")
        self.push_screen(LinkScreen(links, title), chosen)

    def open_url(self, url: str, kind: str = "links") -> bool:
        from app.browser import open_url

        command = None
        opener = getattr(self.config, "open", None)
        if opener is not None:
            try:
                command = opener.command(kind, url)
            except ValueError:
                command = None
        opened = open_url(url, command)
        if opened:
            self.notify("Opened in the browser", timeout=2)
        else:
            # No display (SSH): copy the URL and show it whole where it can be selected (a toast wrapped it with
            # hard line breaks, so what the terminal copied was not the link).
            from app.screens.dialogs import UrlScreen

            self.push_screen(UrlScreen(url))
        self.last_opened_url = url
        return opened

    # --- writing -------------------------------------------------------------------------------------------
    def action_compose(self) -> None:
        self.open_compose()

    def action_drafts(self) -> None:
        try:
            from app.screens.drafts import DraftsScreen
        except ImportError:
            self.notify("Drafts are not available in this build yet", severity="warning")
            return
        self.push_screen(DraftsScreen(self.service, store=self.drafts))

    def open_compose(self, reply_to: dict | None = None, edit: dict | None = None) -> None:
        try:
            from app.screens.compose import ComposeScreen
        except ImportError:
            self.notify("Writing posts is not available in this build yet", severity="warning")
            return

        def done(result) -> None:
            # A scheduled post answers with a ScheduledStatus (no account, no content): nothing to show yet.
            if isinstance(result, dict) and result.get("id") and result.get("account"):
                if edit is not None:
                    self.status_changed(result)
                else:
                    for screen in self.live_screens():
                        if getattr(getattr(screen, "source", None), "key", None) == "home":
                            screen.add_newer([result])
        self.push_screen(ComposeScreen(self.service, reply_to=reply_to, edit=edit), done)

    def redraft_status(self, status: dict) -> None:
        """Delete-and-redraft: asks first (config `confirm.redraft`), then the compose screen deletes the post
        and offers its text, media and poll again."""
        from app.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._open_redraft(status)
        if self.confirms("redraft"):
            self.push_screen(ConfirmScreen("Delete this post and write it again? Its boosts and favourites "
                                           "are lost.", "Delete and redraft"), answered)
        else:
            self._open_redraft(status)

    def _open_redraft(self, status: dict) -> None:
        try:
            from app.screens.compose import ComposeScreen
        except ImportError:
            self.notify("Writing posts is not available in this build yet", severity="warning")
            return
        screen = ComposeScreen(self.service, redraft=status)

        def done(result) -> None:
            # The compose screen deleted the post once it had the text back (awaiting_source went False):
            # it is gone whether or not the new one was posted, so no screen may keep showing it.
            if not screen.awaiting_source:
                self.status_deleted(str(status.get("id")))
            if isinstance(result, dict) and result.get("id") and result.get("account"):
                for live in self.live_screens():
                    if getattr(getattr(live, "source", None), "key", None) == "home":
                        live.add_newer([result])
        self.push_screen(screen, done)

    def delete_status(self, status: dict) -> None:
        from app.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(status)
        if self.confirms("delete"):
            self.push_screen(ConfirmScreen("Delete this post? This cannot be undone.", "Delete"), answered)
        else:
            self._delete(status)

    @work(exit_on_error=False, group="status-action")
    async def _delete(self, status: dict) -> None:
        try:
            await self.service.call("status_delete", status["id"])
        except Exception as error:  # noqa: BLE001
            self.notify(describe(error), title="Could not delete", severity="error", markup=False)
            return
        self.status_deleted(str(status["id"]))
        self.notify("Deleted", timeout=2)
