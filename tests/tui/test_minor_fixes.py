"""Small things from the QA pass (F-minor): the refused-connection message names the port, a tiny media file
is not "0.0 MB", one follower is not "1 followers", and ctrl+w on a compose with words asks like escape."""
from __future__ import annotations

import socket

import pytest

from app.login import LoginError
from app.probe import probe_instance
from app.screens.compose import ComposeScreen
from app.screens.compose_parts import CloseDraftDialog, _size
from app.screens.renderers import render_account_row
from tests.tui.support import app_for, ready, until


def test_refused_connection_names_host_and_port():
    with socket.socket() as s:  # a port nothing listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        with pytest.raises(LoginError) as caught:
            probe_instance(f"http://127.0.0.1:{port}", timeout=5)
    assert f"127.0.0.1:{port} refused the connection" in str(caught.value)


def test_sizes_read_at_a_glance():
    assert [_size(n) for n in (1, 75, 12_345, 3_400_000)] == ["1 byte", "75 bytes", "12 KB", "3.4 MB"]


def test_one_follower():
    def plain(n):
        rendered = render_account_row({"id": "1", "acct": "a", "username": "a", "followers_count": n}, 60)
        return " ".join(str(line.plain) if hasattr(line, "plain") else str(line) for line in rendered.lines)
    assert "1 follower" in plain(1) and "1 followers" not in plain(1)
    assert "2 followers" in plain(2)


async def test_ctrl_w_on_compose_asks_first(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, live=False)
        await pilot.press("n")
        assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        await pilot.press(*"unsent words")
        app.screen.query_one("#compose-sensitive").focus()  # in the text, ctrl+w deletes a word
        await pilot.press("ctrl+w")
        assert await until(pilot, lambda: isinstance(app.screen, CloseDraftDialog))
