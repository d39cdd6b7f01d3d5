"""Acting on the selected status with keys: the change shows at once and really happens on the server; a
failure puts the old state back."""
from __future__ import annotations

from app.actions import toggled, voted
from app.main import make_app
from app.screens.dialogs import ConfirmScreen, LinkScreen, PollScreen, UrlScreen
from tests.tui.support import app_for, plain_status, ready, select_status, server, until


async def test_favourite_boost_bookmark_happen_on_the_server(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: plain_status(s) and not s.get("favourited") and not s.get("reblogged")
                               and s["account"]["username"] != "demo")
        sid = status["id"]
        await pilot.press("f")
        # optimistic: shown at once, before the server answered
        item = app.screen.timeline.selected_item
        assert (item.get("reblog") or item)["favourited"] is True
        assert await until(pilot, lambda: demo.status(sid)["favourited"] is True)
        await pilot.press("a")
        assert await until(pilot, lambda: demo.status(sid)["bookmarked"] is True)
        await pilot.press("b")
        assert await until(pilot, lambda: demo.status(sid)["reblogged"] is True)
        await pilot.press("f")
        assert await until(pilot, lambda: demo.status(sid)["favourited"] is False)
        shown = app.screen.timeline.get(app.screen.timeline.selected_key)
        assert (shown.get("reblog") or shown)["favourited"] is False


async def test_boost_asks_first_when_configured(fresh_instance):
    from app.config import Config

    instance = fresh_instance()
    config = Config()
    config.confirm.boost = True
    demo = server(instance)
    app = app_for(instance, config=config)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: plain_status(s) and not s.get("reblogged")
                               and s["account"]["username"] != "demo")
        await pilot.press("b")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause(0.2)
        assert demo.status(status["id"])["reblogged"] is False
        await pilot.press("b")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: demo.status(status["id"])["reblogged"] is True)


async def test_a_failed_action_puts_the_old_state_back(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: plain_status(s) and not s.get("favourited"))
        instance.faults.add("500", f"/api/v1/statuses/{status['id']}/favourite", times=3)
        await pilot.press("f")
        assert await until(pilot, lambda: any("Could not favourite" in (n.title or "")
                                              for n in app._notifications))
        item = app.screen.timeline.selected_item
        assert not (item.get("reblog") or item).get("favourited")


async def test_vote_in_a_poll(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: bool(s.get("poll")) and not s["poll"].get("expired")
                               and not s["poll"].get("voted"))
        await pilot.press("v")
        assert await until(pilot, lambda: isinstance(app.screen, PollScreen))
        if status["poll"].get("multiple"):
            await pilot.press("space", "ctrl+s")
        else:
            await pilot.press("enter")
        assert await until(pilot, lambda: demo.status(status["id"])["poll"]["voted"] is True)
        assert await until(pilot, lambda: app.screen.timeline.selected_item["poll"].get("voted") is True)


async def test_links_dialog_shows_the_real_target_and_copies_with_osc52(instance, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "1 2 3 4")  # a remote session: never start a browser
    app = app_for(instance)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: "example.com/photos" in (s.get("content") or ""))
        await pilot.press("o")
        assert await until(pilot, lambda: isinstance(app.screen, LinkScreen))
        dialog = app.screen
        urls = [link.url for link in dialog.links]
        assert any(u.startswith("https://example.com/photos/2026/11/morning-light") for u in urls)
        await pilot.press("enter")  # open: no display here, so the URL is copied and shown whole instead
        assert await until(pilot, lambda: app.last_opened_url in urls and isinstance(app.screen, UrlScreen))
        shown = app.screen.query_one("#url-text").text
        assert shown == app.last_opened_url and "\n" not in shown  # one unbroken line to select (QA F-link-toast)
        assert app.clipboard == app.last_opened_url
        await pilot.press("escape")
        await pilot.press("y")      # copy the status's own link
        assert app.clipboard == status["url"]


async def test_own_status_can_be_deleted_after_confirmation(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    mine = demo.status_post("a post of mine to delete")
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: app.screen.timeline.selected_key == mine["id"])
        await pilot.press("D")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: mine["id"] not in app.screen.timeline)
        statuses = [s["id"] for s in demo.account_statuses(demo.account_verify_credentials()["id"])]
        assert mine["id"] not in statuses


def test_toggled_and_voted_are_pure():
    status = {"id": "1", "favourited": False, "favourites_count": 2}
    new, on = toggled(status, "favourite")
    assert on and new["favourited"] is True and new["favourites_count"] == 3
    assert status["favourited"] is False  # the original is untouched (it is what a failure restores)
    back, on = toggled(new, "favourite")
    assert not on and back["favourites_count"] == 2
    poll = {"id": "1", "poll": {"id": "p", "options": [{"title": "a", "votes_count": 1},
                                                       {"title": "b", "votes_count": 0}], "votes_count": 1}}
    after = voted(poll, [1])
    assert after["poll"]["options"][1]["votes_count"] == 1 and after["poll"]["own_votes"] == [1]
    assert poll["poll"]["options"][1]["votes_count"] == 0


def test_make_app_needs_a_server():
    import pytest

    with pytest.raises(ValueError):
        make_app()


async def test_delete_and_redraft_from_the_timeline_asks_first(fresh_instance, tmp_path):
    from app.drafts import DraftStore
    from app.screens.compose import ComposeScreen
    from app.screens.help import HelpScreen
    from textual.widgets import TextArea
    from tests.tui.compose_support import fill

    instance = fresh_instance()
    demo = server(instance)
    original = demo.status_post("redraft me, badly typed", visibility="unlisted")
    app = app_for(instance, drafts=DraftStore(tmp_path / "drafts"))
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        home = app.screen
        await select_status(pilot, lambda s: s["id"] == original["id"])
        await pilot.press("R")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")                                   # no: nothing happens
        assert await until(pilot, lambda: app.screen is home)
        assert demo.status(original["id"])["id"] == original["id"]
        await pilot.press("R")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        body = app.screen.query_one("#compose-body", TextArea)
        assert await until(pilot, lambda: not body.disabled and body.text == "redraft me, badly typed")
        assert instance.state.statuses[original["id"]].deleted  # the compose screen deleted it
        fill(app.screen, body="redraft me, typed well")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: app.screen is home)
        assert await until(pilot, lambda: original["id"] not in home.timeline.keys())
        newest = demo.account_statuses(demo.me()["id"], limit=1)[0]
        assert newest["id"] != original["id"] and "typed well" in newest["content"]
        assert newest["visibility"] == "unlisted"
        assert await until(pilot, lambda: newest["id"] in home.timeline.keys())
        # the key is listed in the help, generated from the bindings
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        rows = [str(c) for c in app.screen.table.columns[2]._cells]
        assert "status.redraft" in rows


async def test_redraft_without_confirmation_and_not_for_others_posts(fresh_instance, tmp_path):
    from app.config import Config
    from app.drafts import DraftStore
    from app.screens.compose import ComposeScreen

    instance = fresh_instance()
    config = Config()
    config.confirm.redraft = False
    demo = server(instance)
    original = demo.status_post("redraft me at once")
    app = app_for(instance, config=config, drafts=DraftStore(tmp_path / "drafts"))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        await select_status(pilot, lambda s: s["id"] == original["id"])
        await pilot.press("R")
        assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        assert await until(pilot, lambda: instance.state.statuses[original["id"]].deleted)
        await pilot.press("escape")
        await pilot.pause(0.2)
        # the text is kept as a draft even when the user leaves without posting
        assert any("redraft me at once" in d.text for d in app.drafts.list())
