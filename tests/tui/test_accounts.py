"""The accounts screen against the real local instance: switch the active account without restarting (the app
gets a new, working service for it), add an account through the login screen, log out (revoked at the server)."""
import asyncio
import os
import stat

import pytest
from textual.widgets import Input, OptionList, TextArea

from api import AsyncMastodon
from app.accounts import AccountStore
from app.config import Config
from app.login import LoginFlow
from app.screens.accounts import AccountsScreen, ConfirmDialog
from app.screens.login import LoginScreen
from app.service import ApiService
from demo.server import running_instance
from tests.tui.compose_support import Host, approve, settle


@pytest.fixture(scope="module")
def inst():
    with running_instance() as instance:
        yield instance


@pytest.fixture
def store(inst, tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    flow = LoginFlow(store, timeout=10)
    for user in ("demo", "alice"):  # logged in as a user would: registration, code, token
        pending = flow.start(inst.base_url)
        flow.finish(pending, approve(inst.base_url, pending.url, user, user))
    store.set_active("demo")
    return store


class SwitchingHost(Host):
    """Does what the real app does on a switch: a new ApiService for the account, started, in place."""

    service = None

    async def switch_account(self, account) -> None:
        service = ApiService(AsyncMastodon(api_base_url=account.base_url, access_token=account.access_token),
                             Config())
        await service.start()
        self.service = service
        self.switched.append(account)


def keys(listing):
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


async def test_switch_account_without_restart(inst, store):
    app = SwitchingHost(AccountsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.screen.query_one("#accounts-list", OptionList)
        assert [k.split("@")[0] for k in keys(listing)] == ["demo", "alice"]
        assert "●" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: app.results)
    assert app.results[0].username == "alice" and AccountStore(store.path).active.username == "alice"
    assert app.service.me["username"] == "alice"  # the app now talks as alice


async def test_on_switch_callback_and_its_failure(inst, store):
    calls = []

    def refuse(account):
        calls.append(account.username)
        raise RuntimeError("server unreachable")

    app = Host(AccountsScreen(store, on_switch=refuse))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")
        message = app.screen.query_one("#accounts-message")
        await settle(pilot, lambda: "Could not switch" in str(message.render()))
        assert calls == ["alice"] and app.results == []
    assert AccountStore(store.path).active.username == "demo"  # still the account the app is using


async def test_add_account_through_login(inst, store):
    store.remove("alice")
    screen = AccountsScreen(store, login_screen=lambda: LoginScreen(store, LoginFlow(store, timeout=10),
                                                                    opener=lambda url: False))
    app = SwitchingHost(screen)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, LoginScreen))
        app.screen.query_one("#login-instance", Input).value = inst.base_url
        await pilot.press("enter")
        url = app.screen.query_one("#login-url", TextArea)
        await settle(pilot, lambda: url.text)
        app.screen.query_one("#login-code", Input).value = await asyncio.to_thread(
            approve, inst.base_url, url.text, "bob", "bob")
        await pilot.press("enter")
        await settle(pilot, lambda: app.results)
    assert app.results[0].username == "bob" and app.service.me["username"] == "bob"
    assert sorted(a.username for a in AccountStore(store.path).accounts) == ["bob", "demo"]
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


async def test_logout_revokes_and_switches_to_the_next(inst, store):
    demo_token = store.get("demo").access_token
    app = SwitchingHost(AccountsScreen(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("L")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        assert [a.username for a in store.accounts] == ["demo", "alice"]
        await pilot.press("L")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(pilot, lambda: app.results)
    assert inst.state.token_info(demo_token) is None  # revoked at the server
    remaining = AccountStore(store.path)
    assert [a.username for a in remaining.accounts] == ["alice"] and remaining.active.username == "alice"
    assert app.results[0].username == "alice" and app.service.me["username"] == "alice"
    assert demo_token not in store.path.read_text()
