"""Drafts: autosave, a draft that survives kill -9 and is offered and resumed on the next start, the drafts
screen, closing a form (keep/discard), and composing in $EDITOR."""
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from app.drafts import Draft, DraftStore
from app.screens.compose import ComposeScreen, account_key
from app.screens.compose_parts import CloseDraftDialog
from app.screens.drafts import DraftsScreen, offer_drafts, unsent_drafts
from demo.server import running_instance
from tests.tui.compose_support import Host, fill, make_service, settle, statuses_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def inst():
    with running_instance() as instance:
        yield instance


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


async def test_autosave_writes_the_form(inst, data):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, autosave_seconds=0.05))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"half a thought")
        store = DraftStore()
        await settle(pilot, lambda: [d.text for d in store.list()] == ["half a thought"])
        assert store.list()[0].account == account_key(service)
        fill(app.screen, body="")
        await settle(pilot, lambda: store.list() == [])  # emptied form: no draft left behind


async def test_killed_process_draft_is_offered_and_resumed(inst, data):
    text = "words that must survive kill -9"
    env = {**os.environ, "TOOTTY_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.tui.autosave_child", inst.base_url, inst.tokens["demo"],
                              str(data / "drafts"), text], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        # A generous bound so a broken child fails the test instead of hanging it (not a timing assertion).
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready and child.stdout.readline().strip() == "SAVED"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    # The next start: the app offers the draft, the drafts screen lists it, Enter resumes it, ctrl+s posts it.
    service = await make_service(inst)
    assert [d.text for d in unsent_drafts(service)] == [text]
    app = Host(DraftsScreen(service))
    async with app.run_test(size=(100, 40)) as pilot:
        assert offer_drafts(app, service, key_hint="ctrl+d") == 1
        listing = app.screen.query_one("#drafts-list", OptionList)
        assert listing.option_count == 1 and text in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ComposeScreen))
        assert app.screen.query_one("#compose-body", TextArea).text == text
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.pause()
        assert app.screen.query_one("#drafts-list", OptionList).option_count == 0
    assert [s.text for s in statuses_of(inst, "demo")].count(text) == 1
    assert DraftStore().list() == []


async def test_drafts_screen_deletes_after_asking(inst, data):
    service = await make_service(inst)
    store = DraftStore()
    store.save(Draft(account=account_key(service), text="keep me"))
    store.save(Draft(account=account_key(service), text="drop me"))
    store.save(Draft(account="someone@else.example", text="not this account's"))
    app = Host(DraftsScreen(service))
    async with app.run_test(size=(100, 40)) as pilot:
        listing = app.screen.query_one("#drafts-list", OptionList)
        assert listing.option_count == 2
        listing.highlighted = [str(listing.get_option_at_index(i).prompt) for i in range(2)].index(
            next(str(listing.get_option_at_index(i).prompt) for i in range(2)
                 if "drop me" in str(listing.get_option_at_index(i).prompt)))
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert listing.option_count == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert listing.option_count == 1
    assert sorted(d.text for d in store.list()) == ["keep me", "not this account's"]


async def test_closing_asks_and_keeps_or_discards(inst, data):
    service = await make_service(inst)
    store = DraftStore()
    app = Host(ComposeScreen(service))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"keep this")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CloseDraftDialog)
        await pilot.press("enter")  # the default keeps it
        await settle(pilot, lambda: app.results == [None])
    assert [d.text for d in store.list()] == ["keep this"]

    app = Host(ComposeScreen(service, draft=store.list()[0]))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot, lambda: app.results == [None])
    assert store.list() == []


def editor_script(tmp_path, body):
    path = tmp_path / "editor.py"
    path.write_text("import sys\n" + body)
    return f"{sys.executable} {path}"


async def test_compose_in_editor(inst, data, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor_script(
        tmp_path, "p = sys.argv[1]\nt = open(p).read()\nopen(p, 'w').write(t.rstrip('\\n') + ' and more\\n')\n"))
    monkeypatch.delenv("VISUAL", raising=False)
    service = await make_service(inst)
    app = Host(ComposeScreen(service))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"typed here")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.query_one("#compose-body", TextArea).text == "typed here and more"
        assert [d.text for d in DraftStore().list()] == ["typed here and more"]  # saved at once


async def test_failing_editor_loses_nothing(inst, data, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(sys.argv[1], 'w').write('')\nsys.exit(1)\n"))
    monkeypatch.delenv("VISUAL", raising=False)
    service = await make_service(inst)
    app = Host(ComposeScreen(service))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"precious")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.query_one("#compose-body", TextArea).text == "precious"
        assert "failed (exit status 1)" in str(app.screen.query_one("#compose-error", Static).render())


async def test_quitting_the_app_saves_the_form(inst, data):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, autosave_seconds=3600))  # no autosave tick: only the exit can save it
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"typed just before quitting")
        assert DraftStore().list() == []
        app.exit()
        await pilot.pause()
    assert [d.text for d in DraftStore().list()] == ["typed just before quitting"]


async def test_untouched_reply_closes_without_a_draft(inst, data):
    alice = inst.state.account_by_username("alice")
    original = inst.state.post_status(alice.id, "@demo hi")
    service = await make_service(inst)
    status = await service.client.status(original.id)
    app = Host(ComposeScreen(service, reply_to=status))
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.screen.query_one("#compose-body", TextArea).text == "@alice "
        app.screen.dirty = True
        app.screen.autosave()  # an autosave tick with nothing typed yet: nothing to keep
        assert DraftStore().list() == []
        await pilot.press("escape")
        await settle(pilot, lambda: app.results == [None])  # no "keep or discard?" question
    assert DraftStore().list() == []


async def test_offline_writing_is_kept_and_offered_later(inst, data):
    import socket

    from api import AsyncMastodon
    from app.config import Config
    from app.service import ApiService

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there: the server is unreachable, and the app never learnt who we are
    offline = ApiService(AsyncMastodon(api_base_url=f"http://127.0.0.1:{port}", access_token="x",
                                       network_retries=0), Config())
    app = Host(ComposeScreen(offline))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"written on a train")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "Could not reach the server" in str(error.render()))
    assert [d.text for d in DraftStore().list()] == ["written on a train"]
    service = await make_service(inst)  # back online, logged in
    assert [d.text for d in unsent_drafts(service)] == ["written on a train"]


async def test_resumed_draft_restores_every_field(inst, data, tmp_path):
    from textual.widgets import Checkbox, Input, Select

    from app.screens.compose_parts import MediaRow, PollEditor

    image = tmp_path / "pic.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    service = await make_service(inst)
    screen = ComposeScreen(service)
    app = Host(screen)
    async with app.run_test(size=(100, 50)) as pilot:
        fill(screen, body="everything at once", language="fr", visibility="unlisted", schedule="")
        await pilot.press("ctrl+t", *"cw text")
        assert screen.attach_file(str(image), description="alt words")
        screen.query_one("#compose-sensitive", Checkbox).value = True
        await pilot.pause()
        screen.save_now()
    [draft] = DraftStore().list()
    screen = ComposeScreen(service, draft=draft)
    app = Host(screen)
    async with app.run_test(size=(100, 50)) as pilot:
        assert screen.body.text == "everything at once"
        assert screen.query_one("#compose-cw", Input).value == "cw text"
        assert screen.query_one("#compose-language", Input).value == "fr"
        assert screen.query_one("#compose-visibility", Select).value == "unlisted"
        assert screen.query_one("#compose-sensitive", Checkbox).value is True
        [row] = screen.query(MediaRow)
        assert row.media.path == str(image) and row.query_one(".media-alt", Input).value == "alt words"
        assert not screen.query_one(PollEditor).display
        await pilot.press("escape")  # resumed, unchanged: still asks, because it may be the only copy
        await pilot.pause()
        assert isinstance(app.screen, CloseDraftDialog)
