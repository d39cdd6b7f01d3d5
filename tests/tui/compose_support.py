"""Shared by the writing-side pilot tests: a real local instance, a real ApiService on it, and a minimal host
app that shows one screen (the screens are designed to be pushed with just a service)."""
from __future__ import annotations

from pathlib import Path

from textual.app import App

from api import AsyncMastodon
from app.config import Config
from app.service import ApiService

STYLES = Path(__file__).resolve().parents[2] / "styles.tcss"


async def make_service(inst, user: str = "demo", config: Config | None = None, **client_options) -> ApiService:
    client = AsyncMastodon(api_base_url=inst.base_url, access_token=inst.tokens[user], **client_options)
    service = ApiService(client, config or Config())
    await service.start()
    return service


class Host(App):
    """Pushes `screen` and records what it dismisses with."""

    CSS_PATH = str(STYLES) if STYLES.exists() else None

    def __init__(self, screen, **kwargs):
        super().__init__(**kwargs)
        self.first = screen
        self.results: list = []
        self.switched: list = []

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first, self.results.append)

    async def switch_account(self, account) -> None:
        self.switched.append(account)


async def settle(pilot, predicate, rounds: int = 3000):
    """Let the app run until `predicate()` holds (bounded by a number of rounds, not by a clock)."""
    for _ in range(rounds):
        if predicate():
            return True
        await pilot.pause(0.01)
    raise AssertionError("the app never reached the expected state")


def fill(screen, **values) -> None:
    """Set form fields directly (typing every character through the pilot adds nothing but time)."""
    from textual.widgets import Input, TextArea

    for name, value in values.items():
        widget = screen.query_one(f"#compose-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Input):
            widget.value = value
        else:
            widget.value = value


def statuses_of(inst, username: str):
    acc = inst.state.account_by_username(username)
    return [s for s in inst.state.statuses.values() if s.account_id == acc.id and not s.deleted
            and not s.reblog_of_id]


def approve(base_url: str, url: str, username: str = "demo", password: str = "demo") -> str:
    """What the user does in the browser: open the authorization page, log in, approve; the code it shows."""
    import html
    import re

    import httpx

    with httpx.Client() as browser:
        form = browser.get(url)
        fields = {k: html.unescape(v) for k, v in
                  re.findall(r"<input type='hidden' name='([^']+)' value='([^']*)'>", form.text)}
        answer = browser.post(f"{base_url}/oauth/authorize",
                              data={**fields, "username": username, "password": password, "decision": "approve"})
    match = re.search(r"<pre id='code'>([^<]+)</pre>", answer.text)
    assert match, answer.text
    return match.group(1)
