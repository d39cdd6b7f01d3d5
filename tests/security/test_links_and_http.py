"""Where a click or a login can be led astray: links whose text names another place than their target are
marked (and the dialog shows the real target), and plain http is refused for anything that is not really this
machine, however the address is dressed up; allowing it needs an explicit opt-in, which warns."""
from __future__ import annotations

import warnings

import pytest
from hypothesis import given, strategies as st
from textual.widgets import OptionList

from api import Mastodon
from api.errors import MastodonIllegalArgumentError
from app.login import LoginError, LoginFlow
from app.screens.dialogs import LinkScreen
from tests.fuzz.strategies import FUZZ
from tests.tui.compose_support import Host
from widgets.content import render_html

labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
hosts = st.tuples(labels, st.sampled_from(["com", "example", "social", "bank"])).map(".".join)


@FUZZ
@given(hosts, hosts, st.sampled_from(["", "/", "/login", "/a/b?c=d"]), st.booleans())
def test_a_link_naming_another_host_is_marked(target_host, shown_host, path, with_scheme):
    shown = ("https://" if with_scheme else "") + shown_host + path
    link, = render_html(f'<p><a href="https://{target_host}/x">{shown}</a></p>').links
    assert link.url.startswith(f"https://{target_host}/")          # the real target is what gets opened
    if target_host.removeprefix("www.") != shown_host.removeprefix("www."):
        assert link.suspicious and target_host in link.reason
    else:
        assert not link.suspicious


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd"])
def test_a_link_that_is_not_a_web_link_is_marked(href):
    link, = render_html(f'<p><a href="{href}">https://bank.example</a></p>').links
    assert link.suspicious


async def test_the_links_dialog_shows_the_real_target_and_the_warning():
    links = render_html('<p><a href="https://evil.example/steal">https://bank.example/login</a> and '
                        '<a href="https://bank.example/help">https://bank.example/help</a></p>').links
    app = Host(LinkScreen(links))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        lying, honest = (str(options.get_option_at_index(i).prompt) for i in range(2))
    assert "evil.example/steal" in lying and "differ" in lying
    assert "bank.example/help" in honest and "differ" not in honest


@pytest.mark.parametrize("url", ["http://127.0.0.1.evil.example", "http://localhost.evil.example",
                                 "http://evil.example#@127.0.0.1", "http://0x7f000001", "http://evil.example:80",
                                 "http://[::ffff:8.8.8.8]", "http://user@evil.example"])
def test_plain_http_to_anything_but_this_machine_is_refused(url):
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=url)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Mastodon(api_base_url=url, allow_http=True)                 # the opt-in works, and it warns
    assert any("unencrypted" in str(w.message) for w in caught)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:3000", "http://[::1]:4000"])
def test_plain_http_to_this_machine_is_allowed_quietly(url):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Mastodon(api_base_url=url)


def test_login_refuses_plain_http_off_loopback(tmp_path):
    from app.accounts import AccountStore

    with pytest.raises(LoginError) as caught:
        LoginFlow(AccountStore(tmp_path / "accounts.json")).start("http://mastodon.example")
    assert "http" in str(caught.value).lower()
