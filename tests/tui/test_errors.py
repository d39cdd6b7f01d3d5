"""Errors reach the user as plain words, never as a traceback: an operating-system error is worded, a stream that
cannot even start falls back to polling, a poll loop survives any failure, and a bug nothing caught ends the app
with one sentence (the traceback, without local variables, goes to a private crash file)."""
from __future__ import annotations

import errno
import os
import ssl
import stat

import pytest

from app.screens.base import StatusScreen
from app.service import describe
from tests.tui.support import app_for, ready, until


def test_os_errors_in_plain_words():
    assert describe(ConnectionRefusedError(111, "Connection refused")) == "Cannot reach the server (network error)"
    assert "TLS" in describe(ssl.SSLError("bad handshake"))
    assert "permission denied" in describe(PermissionError(13, "Permission denied", "/x"))
    assert describe(OSError(errno.ENOSPC, "No space left on device")) == "The disk is full"
    assert describe(OSError(errno.EMFILE, "Too many open files")) == \
        "The system refused an operation (too many open files)"
    worded = describe(KeyError("x"))
    assert "KeyError" in worded and "Traceback" not in worded and "'x'" not in worded


async def test_a_stream_that_cannot_start_falls_back_to_polling(instance):
    def no_socket(streams):
        raise OSError(errno.EMFILE, "Too many open files")

    app = app_for(instance, session_factory=no_socket, poll_interval=60)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot, live=False)
        assert await until(pilot, lambda: app.connection.state == "polling" and app.poller is not None)
        assert "too many open files" in app.connection.detail
        assert app.is_running
        assert not any("Something went wrong" in (n.title or "") for n in app._notifications)


async def test_a_poll_loop_survives_an_unexpected_failure(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance, streaming=False, poll_interval=0.05)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        poller = app.poller
        assert await until(pilot, lambda: poller.polls >= 1)

        async def broken(key):
            raise RuntimeError("a bug in one poll")
        poller._fetch = broken  # not a mock of the poll: a fault inside it, as a bug would be
        assert await until(pilot, lambda: poller.errors >= 3)   # it kept going after the first failure
        assert all(not t.done() for t in poller._tasks.values())
        assert await until(pilot, lambda: any("Could not check for new posts" in (n.title or "")
                                              for n in app._notifications))
        note = next(n for n in app._notifications if "Could not check" in (n.title or ""))
        assert "Traceback" not in note.message and "a bug in one poll" not in note.message
        del poller._fetch                                      # the fault is gone: polling goes on
        errors = poller.errors
        polls = poller.polls
        assert await until(pilot, lambda: poller.polls > polls + 2)
        assert poller.errors == errors


async def test_an_uncaught_bug_ends_with_a_sentence_not_a_traceback(instance, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TOOTTY_STATE_DIR", str(tmp_path / "state"))

    def buggy(self):
        raise RuntimeError("a bug in a key handler, token=SECRETVALUE")
    monkeypatch.setattr(StatusScreen, "action_links", buggy)
    app = app_for(instance)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 40)) as pilot:
            await ready(pilot)
            await pilot.press("o")
            await pilot.pause(0.2)
    printed = capsys.readouterr().err.replace("\n", "")  # what the terminal shows after the app (wrapped)
    assert printed.startswith("tootty stopped after an unexpected error (RuntimeError)")
    assert "SECRETVALUE" not in printed and "Traceback" not in printed and "╭" not in printed
    crashes = list((tmp_path / "state" / "crashes").iterdir())
    assert len(crashes) == 1 and str(crashes[0]) in printed
    assert stat.S_IMODE(os.stat(crashes[0]).st_mode) == 0o600
    report = crashes[0].read_text()
    assert "RuntimeError" in report and "in buggy" in report  # the traceback, for a bug report
