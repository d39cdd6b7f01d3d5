"""An error nothing caught, in the command line and in the App, ends with one line naming a private crash report
in the state directory (app/crash.py), and the report never contains the access token, even when the error's own
text quotes it."""
from __future__ import annotations

import os
import stat

import pytest

from app import cli
from app.accounts import Account, AccountStore
from app.crash import scrub, write_crash_report


def test_command_line_crash_writes_the_report_and_names_it_in_one_line(dirs, monkeypatch, capsys):
    token = "tok-" + "Zq9" * 12
    AccountStore().add(Account("https://a.example", "alice", "1", token))

    def broken(args):
        raise RuntimeError(f"the server echoed {token} back; url https://a.example/x?access_token={token}")
    monkeypatch.setitem(cli.COMMANDS, "accounts", broken)
    assert cli.main(["accounts"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tootty stopped after an unexpected error (RuntimeError)")
    [report] = list((dirs["state"] / "crashes").iterdir())
    assert str(report) in lines[0]
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    text = report.read_text()
    assert "Traceback" in text and "in broken" in text
    assert token not in text and token not in err


def test_token_shapes_are_masked_even_when_the_token_is_not_known():
    text = scrub("Authorization: Bearer abc.DEF-123 then ?access_token=xyz987&max_id=1 and "
                 '{"client_secret": "s3cr3t"} refresh_token=r-1')
    for secret in ("abc.DEF-123", "xyz987", "s3cr3t", "r-1"):
        assert secret not in text
    assert "max_id=1" in text  # nothing else is touched


def test_an_unwritable_state_dir_gives_no_path_and_no_second_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert write_crash_report(RuntimeError("x"), directory=blocker / "crashes") is None


async def test_app_crash_report_never_contains_the_access_token(instance, tmp_path, monkeypatch, capsys):
    from app.screens.base import StatusScreen
    from tests.tui.support import app_for, ready

    monkeypatch.setenv("TOOTTY_STATE_DIR", str(tmp_path / "state"))
    app = app_for(instance)
    token = app.service.client.access_token

    def buggy(self):
        raise RuntimeError(f"a bug that quotes the token {token}")
    monkeypatch.setattr(StatusScreen, "action_links", buggy)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 40)) as pilot:
            await ready(pilot)
            await pilot.press("o")
            await pilot.pause(0.2)
    printed = capsys.readouterr().err
    [report] = list((tmp_path / "state" / "crashes").iterdir())
    assert str(report) in printed.replace("\n", "")
    text = report.read_text()
    assert "in buggy" in text and "a bug that quotes the token ***" in text
    assert token not in text and token not in printed
