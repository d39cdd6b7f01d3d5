"""Media with alt text (and the server's 202 processing), editing, delete-and-redraft, and posting that survives
failures: the server's state is what is checked."""
import struct
import zlib

import pytest
from textual.widgets import Input, Label, LoadingIndicator, Static, TextArea

from app.drafts import DraftStore
from app.screens.compose import ComposeScreen
from app.screens.compose_parts import MediaRow
from demo.clock import FakeClock
from demo.server import running_instance
from tests.tui.compose_support import Host, fill, make_service, settle, statuses_of


def png(path, width=2, height=2, padding=0):
    """A valid PNG; `padding` adds an ancillary chunk so the file is big enough to need server processing."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + (chunk(b"tEXt", b"pad\x00" + b"x" * padding) if padding else b"")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def clock():
    return FakeClock()


@pytest.fixture(scope="module")
def inst(clock):
    with running_instance(clock=clock) as instance:
        yield instance


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    return DraftStore(tmp_path / "drafts")


async def test_media_with_alt_text(inst, store, tmp_path):
    image = png(tmp_path / "cat.png")
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 45)) as pilot:
        fill(app.screen, body="my cat")
        await pilot.press("ctrl+o")
        assert app.screen.query_one("#compose-attach-path", Input).has_focus
        app.screen.query_one("#compose-attach-path", Input).value = str(image)  # as a terminal pastes it
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen.query(MediaRow))
        await pilot.pause()
        assert app.screen.query_one(".media-alt", Input).has_focus
        await pilot.press(*"A grey cat asleep")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    assert len(st.media_ids) == 1
    assert inst.state.media[st.media_ids[0]].description == "A grey cat asleep"
    assert app.results[0]["media_attachments"][0]["description"] == "A grey cat asleep"


async def test_processing_is_awaited_and_shown(inst, store, tmp_path, clock):
    big = png(tmp_path / "big.png", padding=inst.settings.tiny_media_bytes + 100)
    service = await make_service(inst)
    screen = ComposeScreen(service, store=store)
    app = Host(screen)
    async with app.run_test(size=(100, 45)) as pilot:
        fill(screen, body="a big one")
        assert screen.attach_file(str(big), description="big picture")
        await pilot.pause()
        await pilot.press("ctrl+s")
        progress = screen.query_one("#compose-progress-text", Label)
        await settle(pilot, lambda: "processing" in str(progress.render()))
        media_id = store.list()[0].media[0].media_id  # saved before posting: a retry would not upload again
        assert media_id and inst.state.media[media_id].status_id is None and app.results == []
        assert screen.body.is_disabled  # nothing typed now could be lost between post and close
        clock.advance(inst.settings.media_delay + 1)
        await settle(pilot, lambda: app.results)
    assert inst.state.statuses[app.results[0]["id"]].media_ids == [media_id]


async def test_attachment_limit(inst, store, tmp_path):
    service = await make_service(inst)
    screen = ComposeScreen(service, store=store)
    app = Host(screen)
    async with app.run_test(size=(100, 60)) as pilot:
        for n in range(4):
            assert screen.attach_file(str(png(tmp_path / f"{n}.png")))
        await pilot.pause()
        assert not screen.attach_file(str(png(tmp_path / "5.png")))
        assert "at most 4" in str(screen.query_one("#compose-error", Static).render())
        assert not screen.attach_file(str(tmp_path / "missing.png"))
        assert len(screen.query(MediaRow)) == 4


async def test_edit_own_status_from_source(inst, store):
    demo = inst.state.account_by_username("demo")
    original = inst.state.post_status(demo.id, "first *version* with #tag", spoiler_text="cw")
    service = await make_service(inst)
    status = await service.client.status(original.id)
    app = Host(ComposeScreen(service, edit=status, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        body = app.screen.query_one("#compose-body", TextArea)
        await settle(pilot, lambda: not body.disabled)
        assert body.text == "first *version* with #tag"  # the source, not the rendered HTML
        assert not app.screen.loading and not app.screen.query(LoadingIndicator)  # the form itself is shown
        assert app.screen.query_one("#compose-cw", Input).value == "cw"
        assert app.screen.query_one("#compose-visibility").disabled
        fill(app.screen, body="second version with #tag")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[original.id]
    assert app.results[0]["id"] == original.id and st.text == "second version with #tag"
    assert st.edited_at is not None and st.spoiler_text == "cw"


async def test_delete_and_redraft(inst, store):
    demo = inst.state.account_by_username("demo")
    alice = inst.state.account_by_username("alice")
    parent = inst.state.post_status(alice.id, "question?")
    original = inst.state.post_status(demo.id, "@alice answer, badly typed", spoiler_text="meh",
                                      visibility="unlisted", in_reply_to_id=parent.id)
    service = await make_service(inst)
    status = await service.client.status(original.id)
    app = Host(ComposeScreen(service, redraft=status, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        body = app.screen.query_one("#compose-body", TextArea)
        await settle(pilot, lambda: not body.disabled)
        assert inst.state.statuses[original.id].deleted
        assert body.text == "@alice answer, badly typed"
        saved = store.list()  # the only copy now: on disk at once
        assert len(saved) == 1 and saved[0].text == "@alice answer, badly typed"
        fill(app.screen, body="@alice answer, typed well")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    assert st.id != original.id and st.text == "@alice answer, typed well"
    assert (st.spoiler_text, st.visibility, st.in_reply_to_id) == ("meh", "unlisted", parent.id)
    assert store.list() == []


async def test_failure_keeps_everything_in_the_form(inst, store):
    service = await make_service(inst, network_retries=0)
    before = len(statuses_of(inst, "demo"))
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="important words", cw="careful")
        app.screen.query_one("#compose-cw", Input).display = True
        inst.faults.add("503", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "server has a problem" in str(error.render()))
        assert app.screen.query_one("#compose-body", TextArea).text == "important words"
        assert not app.screen.body.is_disabled and app.screen.body.has_focus  # writable again
        assert app.screen.query_one("#compose-cw", Input).value == "careful"
        assert store.list()[0].text == "important words"  # and safe on disk
        assert len(statuses_of(inst, "demo")) == before and app.results == []
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    assert len(statuses_of(inst, "demo")) == before + 1 and store.list() == []


async def test_commit_then_drop_posts_exactly_once_on_the_users_retry(inst, store):
    service = await make_service(inst, network_retries=0)  # the screen's own retry, not the library's
    before = len(statuses_of(inst, "demo"))
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="posted once, whatever happens")
        inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "Could not reach the server" in str(error.render()))
        assert len(statuses_of(inst, "demo")) == before + 1  # the server did commit it
        assert app.screen.query_one("#compose-body", TextArea).text == "posted once, whatever happens"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    mine = [s for s in statuses_of(inst, "demo") if s.text == "posted once, whatever happens"]
    assert len(mine) == 1 and app.results[0]["id"] == mine[0].id


async def test_commit_then_drop_with_library_retries_posts_once(inst, store):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="retried underneath")
        inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    assert len([s for s in statuses_of(inst, "demo") if s.text == "retried underneath"]) == 1


async def test_changed_text_after_unknown_outcome_is_a_new_post(inst, store):
    service = await make_service(inst, network_retries=0)
    screen = ComposeScreen(service, store=store)
    app = Host(screen)
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="version one")
        inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "Could not reach" in str(error.render()))
        fill(app.screen, body="version two")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    texts = [s.text for s in statuses_of(inst, "demo")]
    # Not answered with the first attempt's status: the changed text is posted, each version once.
    assert texts.count("version two") == 1 and texts.count("version one") == 1
    assert app.results[0]["id"] == newest_with(inst, "version two").id and store.list() == []


async def test_retry_from_the_draft_after_a_crash_posts_once(inst, store):
    """The first attempt reached the server but its answer was lost, then the app died: the draft resumed on the
    next start carries the same key, so posting it returns the status already there."""
    service = await make_service(inst, network_retries=0)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="sent before the crash")
        inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "Could not reach" in str(error.render()))
    [draft] = store.list()  # what the next start finds on disk
    app = Host(ComposeScreen(service, draft=store.load(draft.id), store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    assert [s.text for s in statuses_of(inst, "demo")].count("sent before the crash") == 1
    assert app.results[0]["id"] == newest_with(inst, "sent before the crash").id and store.list() == []


def newest_with(inst, text):
    return next(s for s in statuses_of(inst, "demo") if s.text == text)


async def _status_with_media(inst, tmp_path, text, description):
    service = await make_service(inst)
    media = await service.client.media_post(str(png(tmp_path / "pic.png")), description=description)
    status = await service.client.status_post(text, media_ids=[media["id"]])
    return service, status, media["id"]


async def test_edit_changes_alt_text_of_attached_media(inst, store, tmp_path):
    service, status, media_id = await _status_with_media(inst, tmp_path, "with a picture", "old words")
    app = Host(ComposeScreen(service, edit=status, store=store))
    async with app.run_test(size=(100, 45)) as pilot:
        body = app.screen.query_one("#compose-body", TextArea)
        await settle(pilot, lambda: not body.disabled and app.screen.query(MediaRow))
        await pilot.pause()
        alt = app.screen.query_one(".media-alt", Input)
        assert alt.value == "old words"
        alt.value = "a better description"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    assert inst.state.statuses[status["id"]].media_ids == [media_id]
    assert inst.state.media[media_id].description == "a better description"


async def test_redraft_reattaches_media(inst, store, tmp_path):
    service, status, media_id = await _status_with_media(inst, tmp_path, "picture, take one", "the picture")
    app = Host(ComposeScreen(service, redraft=status, store=store))
    async with app.run_test(size=(100, 45)) as pilot:
        body = app.screen.query_one("#compose-body", TextArea)
        await settle(pilot, lambda: not body.disabled)
        assert inst.state.statuses[status["id"]].deleted
        fill(app.screen, body="picture, take two")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    assert st.text == "picture, take two" and st.media_ids == [media_id]
    assert inst.state.media[media_id].description == "the picture"


async def test_escape_stops_a_stuck_post_and_a_retry_posts_once(inst, store):
    service = await make_service(inst, network_retries=0)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="stuck then sent")
        fault = inst.faults.add("hang", "/api/v1/statuses", method="POST", match="exact", seconds=30)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: inst.faults.fired)  # the request is at the server, hanging
        await pilot.press("escape")
        error = app.screen.query_one("#compose-error", Static)
        assert "Posting stopped" in str(error.render()) and not app.screen.posting
        assert app.screen.query_one("#compose-body", TextArea).text == "stuck then sent"
        inst.faults.remove(fault.id)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    assert [s.text for s in statuses_of(inst, "demo")].count("stuck then sent") == 1


async def test_redraft_closed_before_the_server_answered_keeps_the_words(inst, store):
    demo = inst.state.account_by_username("demo")
    original = inst.state.post_status(demo.id, "do not lose me")
    service = await make_service(inst)
    status = await service.client.status(original.id)
    inst.faults.add("delay", f"/api/v1/statuses/{original.id}", method="DELETE", seconds=0.5)
    app = Host(ComposeScreen(service, redraft=status, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: inst.faults.fired)  # the delete is on its way
        await pilot.press("escape")
        await settle(pilot, lambda: app.results == [None])
    # Whether or not the server went on to delete it, the words are on disk, offered with the drafts.
    assert [d.text for d in store.list()] == ["do not lose me"]


async def test_redraft_that_fails_to_delete_leaves_no_draft(inst, store):
    demo = inst.state.account_by_username("demo")
    original = inst.state.post_status(demo.id, "still here")
    service = await make_service(inst, network_retries=0)
    status = await service.client.status(original.id)
    inst.faults.add("503", f"/api/v1/statuses/{original.id}", method="DELETE")
    app = Host(ComposeScreen(service, redraft=status, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        error = app.screen.query_one("#compose-error", Static)
        await settle(pilot, lambda: "was not deleted" in str(error.render()))
    assert not inst.state.statuses[original.id].deleted and store.list() == []


async def test_missing_alt_text_is_asked_for_once(inst, store, tmp_path):
    service = await make_service(inst)
    screen = ComposeScreen(service, store=store)
    app = Host(screen)
    async with app.run_test(size=(100, 45)) as pilot:
        fill(screen, body="no description")
        assert screen.attach_file(str(png(tmp_path / "undescribed.png")))
        await pilot.pause()
        await pilot.press("ctrl+s")
        error = screen.query_one("#compose-error", Static)
        assert "No alt text for undescribed.png" in str(error.render()) and not screen.posting
        await pilot.press("ctrl+s")  # the user decides to post anyway
        await settle(pilot, lambda: app.results)
    assert inst.state.statuses[app.results[0]["id"]].text == "no description"
