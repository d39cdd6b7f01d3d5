"""Follow requests (for locked accounts): the list, `A` accepts, `X` rejects, enter opens the profile."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from app.screens.base import BaseScreen
from app.screens.renderers import mixed_key, render_mixed
from app.screens.status_list import StatusTimeline
from app.service import describe


class FollowRequestsScreen(BaseScreen):
    BINDINGS = [
        Binding("A", "answer(True)", "Accept", id="follow_requests.accept"),
        Binding("X", "answer(False)", "Reject", id="follow_requests.reject"),
        Binding(".", "reload", "Reload", id="follow_requests.reload"),
    ]

    def __init__(self) -> None:
        super().__init__(name="follow_requests")
        self.title_text = "Follow requests"
        self.loaded = False
        self.answered: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield StatusTimeline(id="timeline", renderer=render_mixed, key=mixed_key)
        yield from self.compose_bar()

    def on_mount(self) -> None:
        self.timeline.focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True)
    async def load(self) -> None:
        try:
            accounts = await self.app.service.call("follow_requests", limit=80)
        except Exception as error:  # noqa: BLE001
            self.set_title("Follow requests", Text("⚠ " + describe(error), style="red"))
            return
        self.timeline.set_items([dict(a, _kind="account") for a in accounts])
        self.loaded = True
        self._title()

    def _title(self) -> None:
        count = len(self.timeline)
        self.set_title("Follow requests", Text(f"{count} waiting · A accept · X reject" if count else
                                               "nobody is waiting", style="dim"))

    def action_answer(self, accept: bool) -> None:
        item = self.timeline.selected_item
        if not item or item.get("_kind") != "account":
            self.app.bell()
            return
        self._answer(item, accept)

    @work(exit_on_error=False, group="follow-request")
    async def _answer(self, account: dict, accept: bool) -> None:
        method = "follow_request_authorize" if accept else "follow_request_reject"
        try:
            await self.app.service.call(method, account["id"])
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not answer the request", severity="error", markup=False)
            return
        self.answered[str(account["id"])] = accept
        self.timeline.remove(mixed_key(account))
        self._title()
        from widgets.parts import acct

        self.app.notify(("Accepted @" if accept else "Rejected @") + acct(account), timeout=2, markup=False)

    def on_timeline_activated(self, event) -> None:
        if isinstance(event.item, dict) and event.item.get("_kind") == "account":
            self.app.open_profile(event.item)
