"""A profile: the header (name, acct, bio, fields with verification, counts, how you relate), then a list that
shows one section at a time: posts (pinned first, no replies), posts with replies, media, followers, following.
`[` and `]` switch sections. F follows or unfollows, U mutes, B blocks; the ones a slip would hurt ask first.
"""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from app.screens.base import StatusScreen
from app.screens.renderers import mixed_key, render_mixed
from app.screens.status_list import StatusTimeline
from app.service import describe
from widgets.account import render_account

SECTIONS = [("posts", "Posts"), ("replies", "With replies"), ("media", "Media"), ("followers", "Followers"),
            ("following", "Following")]
PAGE = 40


class ProfileScreen(StatusScreen):
    BINDINGS = [
        Binding("right_square_bracket", "section(1)", "Next section", id="profile.next_section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", id="profile.previous_section"),
        Binding("F", "follow", "Follow/unfollow", id="profile.follow"),
        Binding("U", "mute_account", "Mute/unmute", id="profile.mute"),
        Binding("B", "block", "Block/unblock", id="profile.block"),
        Binding("w", "open_timeline", "As a timeline", show=False, id="profile.timeline"),
    ]
    closable = True

    def __init__(self, account: dict) -> None:
        super().__init__(name="profile")
        self.account = account
        self.account_id = str(account.get("id"))
        self.relationship: dict = {}
        self.section = "posts"
        self.title_text = "Profile"
        self.loaded = False
        self.exhausted = False
        self._page = None

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll(id="profile-header"):
            yield Static(id="header")
        yield Static(id="sections", classes="tabs")
        yield StatusTimeline(id="timeline", renderer=render_mixed, key=mixed_key)
        yield from self.compose_bar()

    def on_mount(self) -> None:
        self.timeline.focus()
        self._render_header()
        self.load_account()
        self.load_section()

    def on_resize(self) -> None:
        self._render_header()

    def _render_header(self) -> None:
        width = max(20, self.size.width - 2)
        rendered = render_account(self.account, width, relationship=self.relationship or None)
        text = Text("\n", end="").join(rendered.lines) if rendered.lines else Text("")
        self.header_text = text
        self.query_one("#header", Static).update(text)
        tabs = Text(end="")
        for key, label in SECTIONS:
            tabs.append(f" {label} ", "bold reverse" if key == self.section else "dim")
            tabs.append(" ")
        tabs.append("  [ ] switch", "dim")
        self.query_one("#sections", Static).update(tabs)
        from widgets.parts import display_name

        self.set_title("Profile", Text(display_name(self.account), style="bold cyan"))

    @work(exit_on_error=False, group="profile-account")
    async def load_account(self) -> None:
        service = self.app.service
        try:
            account = await service.call("account", self.account_id)
            self.account = account
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not load the profile", severity="warning",
                            markup=False)
        if self.account_id != service.my_id:
            try:
                relationships = await service.call("account_relationships", self.account_id)
                if relationships:
                    self.relationship = relationships[0]
            except Exception:  # noqa: BLE001 - the header simply shows no badges
                pass
        self._render_header()

    @work(exit_on_error=False, exclusive=True, group="profile-section")
    async def load_section(self) -> None:
        service = self.app.service
        self.exhausted = False
        self.loaded = False
        self.timeline.clear()
        try:
            items = await self._fetch(service, None)
            if self.section == "posts":
                pinned = await service.call("account_statuses", self.account_id, pinned=True)
                for status in pinned:
                    status["pinned"] = True
                pinned_ids = {str(s.get("id")) for s in pinned}
                items = list(pinned) + [s for s in items if str(s.get("id")) not in pinned_ids]
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not load", severity="warning", markup=False)
            return
        self.timeline.set_items(items)
        self.loaded = True

    async def _fetch(self, service, page) -> list:
        if self.section in ("followers", "following"):
            method = "account_followers" if self.section == "followers" else "account_following"
            if page is not None:
                result = await service.paged("fetch_next", page)
            else:
                result = await service.call(method, self.account_id, limit=PAGE)
            self._page = result
            return [dict(a, _kind="account") for a in (result or [])]
        kwargs = {"posts": {"exclude_replies": True}, "replies": {}, "media": {"only_media": True}}[self.section]
        if page is not None:
            result = await service.paged("account_statuses", self.account_id, max_id=page, limit=PAGE,
                                              **kwargs)
        else:
            result = await service.call("account_statuses", self.account_id, limit=PAGE, **kwargs)
        return list(result or [])

    def on_timeline_near_end(self, event) -> None:
        event.stop()
        self.load_more()

    @work(exit_on_error=False, exclusive=True, group="profile-more")
    async def load_more(self) -> None:
        if not self.loaded or self.exhausted:
            return
        try:
            if self.section in ("followers", "following"):
                items = await self._fetch(self.app.service, self._page) if self._page is not None else []
            else:
                oldest = None
                for key in self.timeline.keys():
                    item = self.timeline.get(key)
                    if item and not item.get("pinned"):
                        oldest = key
                items = await self._fetch(self.app.service, oldest) if oldest else []
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not load more", severity="warning", markup=False)
            return
        if items:
            self.timeline.append(items)
        else:
            self.exhausted = True

    def action_section(self, step: int) -> None:
        keys = [k for k, _ in SECTIONS]
        self.section = keys[(keys.index(self.section) + step) % len(keys)]
        self._render_header()
        self.load_section()

    def on_timeline_activated(self, event) -> None:
        item = event.item
        if isinstance(item, dict) and item.get("_kind") == "account":
            event.stop()
            event.prevent_default()  # handled: StatusScreen's handler (called after this one) must not run
            self.app.open_profile(item)
        # Statuses: StatusScreen.on_timeline_activated runs next (Textual calls every class's handler);
        # calling it here too opened each thread twice.

    def action_open_timeline(self) -> None:
        from widgets.parts import display_name

        self.app.open_timeline(f"account:{self.account_id}", display_name(self.account))

    # --- relationship actions ------------------------------------------------------------------------------
    def _ask(self, action: str, question: str, yes: str, then) -> None:
        if self.account_id == self.app.service.my_id:
            self.app.notify("That is you", severity="warning")
            return
        if self.app.confirms(action):
            from app.screens.dialogs import ConfirmScreen

            self.app.push_screen(ConfirmScreen(question, yes), lambda ok: then() if ok else None)
        else:
            then()

    def _who(self) -> str:
        from widgets.parts import acct

        return "@" + (acct(self.account) or "?")

    def action_follow(self) -> None:
        following = self.relationship.get("following") or self.relationship.get("requested")
        if following:
            self._ask("unfollow", f"Unfollow {self._who()}?", "Unfollow",
                      lambda: self._relate("account_unfollow", "Unfollowed"))
        else:
            self._relate("account_follow", "Follow requested" if self.account.get("locked") else "Followed")

    def action_mute_account(self) -> None:
        if self.relationship.get("muting"):
            self._relate("account_unmute", "Unmuted")
        else:
            self._ask("mute", f"Mute {self._who()}? Their posts will be hidden from your timelines.", "Mute",
                      lambda: self._relate("account_mute", "Muted"))

    def action_block(self) -> None:
        if self.relationship.get("blocking"):
            self._relate("account_unblock", "Unblocked")
        else:
            self._ask("block", f"Block {self._who()}? They will no longer see or follow you.", "Block",
                      lambda: self._relate("account_block", "Blocked"))

    @work(exit_on_error=False, group="profile-relate")
    async def _relate(self, method: str, done: str) -> None:
        try:
            relationship = await self.app.service.call(method, self.account_id)
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not do that", severity="error", markup=False)
            return
        if isinstance(relationship, dict):
            self.relationship = relationship
        self._render_header()
        self.app.notify(done, timeout=2)
