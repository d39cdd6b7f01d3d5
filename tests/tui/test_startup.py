"""Start-up as the command line does it: make_app from a base URL and token, with the first page and our own
account fetched on a thread while Textual starts."""
from __future__ import annotations

from app.main import make_app
from tests.tui.support import ready, server


async def test_make_app_from_url_and_token_prefetches_the_first_page(instance):
    app = make_app(base_url=instance.base_url, access_token=instance.tokens["demo"], markers=False)
    assert app.prefetch is not None and set(app.prefetch.futures) == {"start", "me"}
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert app.prefetch.futures == {}                 # both were taken, none fetched twice
        assert list(app.screen.timeline.keys()) == [s["id"] for s in server(instance).timeline_home(limit=40)]
        assert app.service.me["username"] == "demo"


async def test_a_bad_token_is_a_clear_message_not_a_crash(instance):
    app = make_app(base_url=instance.base_url, access_token="not-a-token", markers=False)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if app.connection.state == "offline":
                break
        assert app.connection.state == "offline"
        assert any("log in again" in str(n.message).lower() for n in app._notifications)


async def test_quitting_saves_the_read_position_and_is_quick_when_the_server_hangs(fresh_instance, monkeypatch):
    import asyncio

    import app.main as main
    from tests.tui.support import app_for, until

    instance = fresh_instance()
    demo = server(instance)
    app = app_for(instance, markers=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "k")
        reached = app.screen.timeline.selected_key
        await app.shutdown()
    assert demo.markers_get(["home"])["home"]["last_read_id"] == reached

    app = app_for(instance, markers=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("k")
        assert await until(pilot, lambda: app._pending_markers or app.markers.get("home") is not None)
        app._pending_markers["home"] = app.screen.timeline.selected_key or "1"
        app.markers.pop("home", None)
        instance.faults.add("hang", "/api/v1/markers", seconds=30, times=1)
        monkeypatch.setattr(main, "SHUTDOWN_STEP_SECONDS", 0.2)
        # A hanging server must not keep the user from leaving: shutdown gives up on the step. (The outer
        # wait_for only turns a regression into a failure instead of a 30-second hang.)
        await asyncio.wait_for(app.shutdown(), timeout=5)
        assert any(kind == "hang" for kind, _where in instance.faults.fired)  # the server really hung


async def test_an_unexpected_failure_in_a_screen_is_a_toast_not_a_crash(instance, monkeypatch):
    from app.screens.timeline import TimelineScreen
    from tests.tui.support import app_for, until

    def broken(self, items):
        raise RuntimeError("a bug while showing the first page")
    monkeypatch.setattr(TimelineScreen, "_show_first", broken)
    app = app_for(instance)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        assert await until(pilot, lambda: any("Something went wrong" in (n.title or "") for n in app._notifications))
        assert app.is_running and any("RuntimeError" in str(n.message) for n in app._notifications)


async def test_switching_account_reloads_everything_for_the_new_account(instance):
    from api import AsyncMastodon
    from app.accounts import Account
    from tests.tui.support import app_for, until

    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")                          # a second screen open before the switch
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False) and app.current_mode == "local")
        old_service = app.service
        alice = Account(base_url=instance.base_url, username="alice", account_id="", access_token="x")
        client = AsyncMastodon(access_token=instance.tokens["alice"], api_base_url=instance.base_url)
        await app.switch_account(alice, client=client)
        await ready(pilot)
        assert app.service is not old_service and app.service.me["username"] == "alice"
        # the same screens open again for alice, the one shown before shown again
        assert app.open_keys == ["home", "local"] and app.current_mode == "local"
        await pilot.press("1")
        assert await until(pilot, lambda: app.current_mode == "home" and getattr(app.screen, "loaded", False))
        expected = [s["id"] for s in server(instance, "alice").timeline_home(limit=40)]
        assert list(app.screen.timeline.keys()) == expected
        assert await until(pilot, lambda: app.connection.state == "live")
        posted = server(instance, "bob").status_post("bob posts; alice follows bob?")
        following = server(instance, "alice").account_relationships(posted["account"]["id"])[0]["following"]
        if following:
            assert await until(pilot, lambda: posted["id"] in app.screen.timeline)
