"""Plain `tootty` with no account: the app opens on the login screen and, once logged in, starts for that
account (timeline loaded, live); leaving the login screen ends the app with the "no account yet" answer."""
from __future__ import annotations

import asyncio

from textual.widgets import Input, TextArea

from app.accounts import AccountStore
from app.drafts import DraftStore
from app.main import make_app
from app.screens.login import LoginScreen
from app.screens.timeline import TimelineScreen
from tests.tui.compose_support import approve
from tests.tui.support import until


def _app(tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    app = make_app(accounts=store, drafts=DraftStore(tmp_path / "drafts"), login=True, markers=False)
    app.login_opener = lambda url: False  # no browser in tests: the URL is shown and approved below
    return app, store


async def test_no_account_opens_the_login_screen_then_the_app(instance, tmp_path):
    app, store = _app(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, LoginScreen))
        login = app.screen
        await pilot.press("tab", "tab", "2", "n", "question_mark")  # app keys do nothing before there is an account
        await pilot.pause(0.1)
        assert app.screen is login and app.open_keys == []
        login.query_one("#login-instance", Input).value = instance.base_url
        login.query_one("#login-instance", Input).focus()
        await pilot.press("enter")
        url = login.query_one("#login-url", TextArea)
        assert await until(pilot, lambda: url.text)
        login.query_one("#login-code", Input).value = await asyncio.to_thread(approve, instance.base_url, url.text,
                                                                              "demo", "demo")
        login.query_one("#login-code", Input).focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.loaded
                           and app.service is not None and app.service.started, turns=600)
        assert app.service.me["username"] == "demo"
        assert app.screen.source.key == "home" and len(app.screen.timeline) > 0
        assert await until(pilot, lambda: app.connection.state == "live", turns=600)
        assert store.active is not None and store.active.username == "demo"
        await pilot.press("2")  # now the keys work
        assert await until(pilot, lambda: app.current_mode == "notifications")
    assert not app.login_cancelled


async def test_leaving_the_login_screen_ends_the_app(tmp_path):
    app, store = _app(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, LoginScreen))
        await pilot.press("escape")
        await pilot.pause(0.2)
    assert app.login_cancelled and app.return_code == 1 and store.accounts == []
