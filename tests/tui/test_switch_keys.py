"""Switching account from the keyboard in the real app (ctrl+a), against the local instance: picking another
stored account, or adding one through the login screen, leaves the app running on the new account's Home with
that account's statuses (QA F-switch-exits: the switch ran as a worker of the accounts screen, which the switch
itself removes, so it was cancelled half way and the app was left with no screen and quit)."""
from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, TextArea

from app.accounts import AccountStore
from app.login import LoginFlow
from app.main import make_app
from app.screens.login import LoginScreen
from app.screens.timeline import TimelineScreen
from tests.tui.compose_support import approve
from tests.tui.support import ready, server, until


@pytest.fixture
def store(fresh_instance, tmp_path):
    instance = fresh_instance()
    store = AccountStore(tmp_path / "accounts.json")
    flow = LoginFlow(store, timeout=10)
    for user in ("demo", "alice"):
        pending = flow.start(instance.base_url)
        flow.finish(pending, approve(instance.base_url, pending.url, user, user))
    store.set_active("demo")
    store.instance = instance
    return store


def _app(store):
    return make_app(store.active, accounts=store, markers=False, prefetch=False)


async def _on_home_of(pilot, user: str, instance) -> None:
    app = pilot.app
    ok = await until(pilot, lambda: app.service.started and app.service.me["username"] == user
                     and isinstance(app.screen, TimelineScreen) and app.screen.source.key == "home"
                     and app.screen.loaded, turns=800)
    assert ok, f"not on {user}'s Home: {app.screen!r}"
    expected = [s["id"] for s in await asyncio.to_thread(server(instance, user).timeline_home, limit=40)]
    assert list(app.screen.timeline.keys())[:10] == expected[:10]
    assert app.is_running and app.return_code is None


async def test_pick_another_account_with_keys(store):
    app = _app(store)
    async with app.run_test(size=(100, 36), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+a")
        assert await until(pilot, lambda: type(app.screen).__name__ == "AccountsScreen")
        await pilot.press("down", "enter")
        await _on_home_of(pilot, "alice", store.instance)
        assert any("alice" in str(n.message) for n in app._notifications)
    assert AccountStore(store.path).active.username == "alice"


async def test_add_an_account_through_login_with_keys(store):
    store.remove("alice")
    app = _app(store)
    app.login_opener = lambda url: False
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+a")
        assert await until(pilot, lambda: type(app.screen).__name__ == "AccountsScreen")
        await pilot.press("a")
        assert await until(pilot, lambda: isinstance(app.screen, LoginScreen))
        app.screen.query_one("#login-instance", Input).value = store.instance.base_url
        await pilot.press("enter")
        url = app.screen.query_one("#login-url", TextArea)
        assert await until(pilot, lambda: url.text, turns=800)
        app.screen.query_one("#login-code", Input).value = await asyncio.to_thread(
            approve, store.instance.base_url, url.text, "bob", "bob")
        await pilot.press("enter")
        await _on_home_of(pilot, "bob", store.instance)
    assert AccountStore(store.path).active.username == "bob"
