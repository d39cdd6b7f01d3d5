"""The login screen against the real local instance: registration once, the authorization URL, the pasted code,
the token stored 0600; a wrong code; specific errors; password login only where the server offers it."""
import asyncio
import os
import socket
import stat
from urllib.parse import parse_qs, urlsplit

import pytest
from textual.widgets import Input, Static, TextArea

from app.accounts import AccountStore
from app.login import LoginFlow
from app.screens.login import LoginScreen
from demo.server import running_instance
from tests.tui.compose_support import Host, approve, settle


@pytest.fixture(scope="module")
def inst():
    with running_instance() as instance:
        yield instance


def screen_for(store, opened):
    return LoginScreen(store, LoginFlow(store, timeout=10), opener=lambda url: opened.append(url) or False)


def text(screen, selector):
    return str(screen.query_one(selector, Static).render())


async def start(pilot, screen, typed):
    screen.query_one("#login-instance", Input).value = typed
    await pilot.press("enter")
    url = screen.query_one("#login-url", TextArea)
    await settle(pilot, lambda: url.text or text(screen, "#login-instance-error"))
    return url.text


async def test_full_login_flow_and_wrong_code(inst, tmp_path):
    store = AccountStore(tmp_path / "config" / "accounts.json")
    opened = []
    screen = screen_for(store, opened)
    app = Host(screen)
    async with app.run_test(size=(110, 40)) as pilot:
        url = await start(pilot, screen, inst.base_url)
        assert url.startswith(inst.base_url + "/oauth/authorize?") and opened == [url]
        query = parse_qs(urlsplit(url).query)
        assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"]
        assert "Open this link" in text(screen, "#login-opened")  # no display: the user is told to open it
        registration = store.app_for(inst.base_url)
        assert registration is not None and registration.client_id == query["client_id"][0]

        code_field = screen.query_one("#login-code", Input)
        assert code_field.has_focus
        await pilot.press(*"not-the-code", "enter")
        await settle(pilot, lambda: text(screen, "#login-code-error"))
        assert "not accepted" in text(screen, "#login-code-error") and app.results == []

        code = await asyncio.to_thread(approve, inst.base_url, url)
        code_field.value = code
        await pilot.press("enter")
        await settle(pilot, lambda: app.results)
    account = app.results[0]
    assert account.username == "demo" and store.active.key == account.key
    path = store.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert account.access_token in path.read_text()
    # the token works
    from api import Mastodon
    me = Mastodon(api_base_url=inst.base_url, access_token=AccountStore(path).active.access_token)
    assert me.account_verify_credentials()["username"] == "demo"

    # A second login on the same instance reuses the registration and asks who logs in (force_login).
    screen = screen_for(store, [])
    app = Host(screen)
    async with app.run_test(size=(110, 40)) as pilot:
        url = await start(pilot, screen, inst.base_url)
        query = parse_qs(urlsplit(url).query)
        assert query["client_id"][0] == registration.client_id and query.get("force_login") == ["true"]
        screen.query_one("#login-code", Input).value = await asyncio.to_thread(approve, inst.base_url, url,
                                                                               "alice", "alice")
        await pilot.press("enter")
        await settle(pilot, lambda: app.results)
    assert sorted(a.username for a in AccountStore(path).accounts) == ["alice", "demo"]
    assert len([a for a in inst.state.apps.values() if a.client_id == registration.client_id]) == 1


async def test_errors_are_specific(inst, tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    screen = screen_for(store, [])
    app = Host(screen)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    async with app.run_test(size=(110, 40)) as pilot:
        await start(pilot, screen, "not a host")
        assert "is not a server address" in text(screen, "#login-instance-error")
        await start(pilot, screen, f"http://127.0.0.1:{port}")
        assert "refused the connection" in text(screen, "#login-instance-error")
        assert not screen.query_one("#login-authorize").display
        await start(pilot, screen, inst.base_url + "/")  # fixed and retried: works
        assert screen.query_one("#login-authorize").display
        assert text(screen, "#login-instance-error") == ""


async def test_password_login_only_where_offered(tmp_path):
    for offered in (True, False):
        with running_instance(password_grant=offered) as inst:
            store = AccountStore(tmp_path / f"{offered}.json")
            screen = screen_for(store, [])
            app = Host(screen)
            async with app.run_test(size=(110, 40)) as pilot:
                await start(pilot, screen, inst.base_url)
                assert screen.query_one("#login-password").display is offered
                if offered:
                    screen.query_one("#login-username", Input).value = "bob"
                    screen.query_one("#login-secret", Input).value = "wrong"
                    await pilot.press("ctrl+s")  # nothing bound: no effect
                    screen.query_one("#login-secret", Input).focus()
                    await pilot.press("enter")
                    await settle(pilot, lambda: text(screen, "#login-password-error"))
                    assert "wrong" in text(screen, "#login-password-error")
                    screen.query_one("#login-secret", Input).value = "bob"
                    await pilot.press("enter")
                    await settle(pilot, lambda: app.results)
                    assert app.results[0].username == "bob"


async def test_cancel_while_the_server_is_being_contacted(inst, tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    screen = screen_for(store, [])
    app = Host(screen)
    inst.faults.add("delay", "/api/v2/instance", seconds=0.5)  # slow enough to close the screen first
    async with app.run_test(size=(110, 40)) as pilot:
        screen.query_one("#login-instance", Input).value = inst.base_url
        await pilot.press("enter")
        assert "Contacting" in text(screen, "#login-busy")
        await pilot.press("escape")
        # The thread goes on (threads cannot be stopped): its registration lands in the store, then its
        # answer finds no screen and does no harm.
        await settle(pilot, lambda: AccountStore(store.path).app_for(inst.base_url) is not None)
        await pilot.pause(0.1)
        assert app.results == [None] and app.is_running and app.return_code is None


async def test_not_mastodon_and_bad_tls_are_named(tmp_path):
    from tests.appcore.tinyserver import html_server, self_signed_cert

    store = AccountStore(tmp_path / "accounts.json")
    screen = screen_for(store, [])
    app = Host(screen)
    async with app.run_test(size=(110, 40)) as pilot:
        with html_server() as url:
            await start(pilot, screen, url)
            assert "is not a Mastodon-compatible server" in text(screen, "#login-instance-error")
        with html_server(tls_cert=self_signed_cert(tmp_path)) as url:
            await start(pilot, screen, url)
            assert "TLS certificate" in text(screen, "#login-instance-error")
        assert not screen.query_one("#login-authorize").display
    assert store.accounts == [] and not (tmp_path / "accounts.json").exists()  # nothing registered anywhere
