"""Pilot tests of the compose screen against the real local instance: what the server has afterwards."""
import pytest
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from app.drafts import DraftStore
from app.screens.compose import ComposeScreen
from demo.server import running_instance
from tests.tui.compose_support import Host, fill, make_service, settle, statuses_of


@pytest.fixture(scope="module")
def inst():
    with running_instance() as instance:
        yield instance


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    return DraftStore(tmp_path / "drafts")


def newest(inst, username="demo"):
    return max(statuses_of(inst, username), key=lambda s: (len(s.id), s.id))


async def test_type_and_post(inst, store):
    service = await make_service(inst)
    before = len(statuses_of(inst, "demo"))
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Hello from the pilot")
        screen = app.screen
        assert screen.query_one("#compose-body", TextArea).text == "Hello from the pilot"
        assert str(screen.query_one("#compose-counter", Label).render()) == f"{500 - 20} left"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    status = app.results[0]
    assert status["content"] and len(statuses_of(inst, "demo")) == before + 1
    assert newest(inst).text == "Hello from the pilot" and newest(inst).id == status["id"]
    assert store.list() == []  # posted: the draft is gone


async def test_counter_counts_urls_and_mentions_like_the_server(inst, store):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="@alice@elsewhere.example see https://example.com/" + "x" * 100)
        await pilot.pause()
        used = len("@alice see ") + 23
        assert str(app.screen.query_one("#compose-counter", Label).render()) == f"{500 - used} left"
        fill(app.screen, body="x" * 510)
        await pilot.pause()
        counter = app.screen.query_one("#compose-counter", Label)
        assert str(counter.render()) == "10 too many" and counter.has_class("-over")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "10 characters too many" in str(app.screen.query_one("#compose-error", Static).render())
        assert app.results == []


async def test_cw_visibility_language_sensitive(inst, store):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+t")
        assert app.screen.query_one("#compose-cw", Input).has_focus
        await pilot.press(*"spoilers")
        fill(app.screen, body="the butler did it", language="de", visibility="private")
        app.screen.query_one("#compose-sensitive", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    assert (st.text, st.spoiler_text, st.visibility, st.language, st.sensitive) == (
        "the butler did it", "spoilers", "private", "de", True)


async def test_reply_prefills_and_inherits(inst, store):
    alice = inst.state.account_by_username("alice")
    carol = inst.state.account_by_username("bob")
    original = inst.state.post_status(alice.id, f"@demo @{carol.username} dinner?", visibility="unlisted",
                                      spoiler_text="food")
    service = await make_service(inst)
    status = await service.client.status(original.id)
    app = Host(ComposeScreen(service, reply_to=status, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert screen.query_one("#compose-body", TextArea).text == "@alice @bob "
        assert screen.query_one("#compose-cw", Input).value == "food"
        assert screen.query_one("#compose-visibility", Select).value == "unlisted"
        assert "dinner?" in str(screen.query_one("#compose-reply-to").render())
        await pilot.press(*"yes!")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    assert st.in_reply_to_id == original.id and st.text == "@alice @bob yes!"
    assert st.visibility == "unlisted" and st.spoiler_text == "food"
    assert {alice.id, carol.id} <= set(st.mentions)


async def test_poll(inst, store):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 50)) as pilot:
        fill(app.screen, body="tea or coffee?")
        await pilot.press("ctrl+l")
        await pilot.press(*"tea", "tab", *"coffee", "tab", *"water")
        app.screen.query_one("#poll-multiple", Checkbox).value = True
        app.screen.query_one("#poll-hide-totals", Checkbox).value = True
        app.screen.query_one("#poll-duration", Select).value = 3600
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    st = inst.state.statuses[app.results[0]["id"]]
    poll = inst.state.polls[st.poll_id]
    assert poll.options == ["tea", "coffee", "water"] and poll.multiple and poll.hide_totals
    assert round((poll.expires_at - st.created_at).total_seconds()) == 3600


async def test_schedule(inst, store):
    service = await make_service(inst)
    app = Host(ComposeScreen(service, store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.screen, body="later", schedule="+2m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "5 minutes" in str(app.screen.query_one("#compose-error", Static).render())
        fill(app.screen, schedule="in 2h")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.results)
    scheduled = app.results[0]
    assert "scheduled_at" in scheduled and scheduled["params"]["text"] == "later"
    listed = await service.client.scheduled_statuses()
    assert scheduled["id"] in [s["id"] for s in listed]
