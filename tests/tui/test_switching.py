"""Switching accounts inside the running app, against the local instance: the same top-level screens open
again for the new account, nothing of the old account stays visible (statuses, notifications, drafts), and
none of the old account's background work (stream, polls) is left running."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

from api import AsyncMastodon
from app.drafts import Draft, DraftStore
from app.messages import TimelineEvents
from app.screens.notifications import NotificationsScreen
from app.screens.thread import ThreadScreen
from app.screens.timeline import TimelineScreen
from tests.tui.support import app_for, ready, server, until


def _client(instance, user):
    return AsyncMastodon(access_token=instance.tokens[user], api_base_url=instance.base_url,
                         ratelimit_method="wait", request_timeout=20)


def _working_for(objects) -> list:
    me = asyncio.current_task()  # the test itself holds them, of course
    return [t for t in asyncio.all_tasks() if t is not me and not t.done() and _holds(t, objects)]


def _holds(task, objects) -> bool:
    """Whether a running task's coroutine chain has one of `objects` in a frame (it works for them)."""
    coro = task.get_coro()
    for _ in range(50):
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            return False
        if any(value is obj for value in frame.f_locals.values() for obj in objects):
            return True
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
        if coro is None:
            return False
    return False


async def _check_switch(pilot, instance, old_objects):
    app = pilot.app
    alice = server(instance, "alice")
    assert await until(pilot, lambda: app.service.started and getattr(app.screen, "loaded", False), turns=600)
    assert app.service.me["username"] == "alice"
    # the old account's work is over: no task works for its service, stream or poller any more
    await pilot.pause(0.1)
    assert _working_for(old_objects) == []
    return alice


async def test_switch_reopens_the_screens_for_the_new_account(fresh_instance, tmp_path):
    instance = fresh_instance()
    store = DraftStore(tmp_path / "drafts")
    demo_host = instance.base_url.split("://", 1)[1].split("/")[0].split(":")[0]
    store.save(Draft(text="demo's unsent words", account=f"demo@{demo_host}"))
    app = app_for(instance, drafts=store)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        for key in ("2", "3", "1"):
            await pilot.press(key)
            assert await until(pilot, lambda: getattr(app.screen, "loaded", False))
        carol = server(instance).account_lookup("carol")
        app.open_timeline(f"account:{carol['id']}", "Carol's posts")  # an account timeline: same server, kept
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False)
                           and app.current_mode == f"account:{carol['id']}")
        await pilot.press("1")
        assert await until(pilot, lambda: app.current_mode == "home")
        await pilot.press("enter")  # a thread pushed over home
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        old = (app.service, app.stream_worker, app.service.client)
        old_job = app.stream_job
        old_generation = app.generation
        assert _working_for(old)  # the check below can see such tasks: the stream's is one
        await app.switch_account(SimpleNamespace(acct="alice"), client=_client(instance, "alice"))
        alice = await _check_switch(pilot, instance, old)
        assert not old_job.is_running and old[1]._stopped
        assert app.open_keys == ["home", "notifications", "local", f"account:{carol['id']}"]
        assert isinstance(app.screen, TimelineScreen) and app.screen.source.key == "home"
        home = app.screen
        assert list(home.timeline.keys()) == [s["id"] for s in alice.timeline_home(limit=40)]
        # no toast of the old account (its drafts), and the drafts list offers none of demo's
        assert not any("unsent draft" in str(n.message) for n in app._notifications)
        await pilot.press("W")
        assert await until(pilot, lambda: type(app.screen).__name__ == "DraftsScreen")
        assert app.screen.drafts == []
        await pilot.press("escape")
        await pilot.press("2")
        assert await until(pilot, lambda: isinstance(app.screen, NotificationsScreen) and app.screen.loaded)
        assert list(app.screen.timeline.keys()) == [n["id"] for n in alice.notifications(limit=40)]
        app.action_show(f"account:{carol['id']}")
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False)
                           and app.screen.source.title == "Carol's posts")
        expected = [s["id"] for s in alice.account_statuses(carol["id"], exclude_replies=True, limit=40)]
        assert list(app.screen.timeline.keys()) == expected
        await pilot.press("2")
        # a batch the old stream posted just before it stopped is dropped, not shown to alice
        stale = TimelineEvents(statuses={"home": [dict(alice.timeline_home(limit=1)[0], id="999999999999999999")]})
        stale.generation = old_generation
        app.post_message(stale)
        await pilot.pause(0.1)
        assert "999999999999999999" not in home.timeline.keys()
        # alice's own stream is live: a mention of her shows up in her notifications
        mention = server(instance, "bob").status_post("@alice after the switch")
        screen = app.screen
        assert await until(pilot, lambda: any((screen.timeline.get(k).get("status") or {}).get("id")
                                              == mention["id"] for k in screen.timeline.keys()), turns=600)


async def test_switch_while_polling_stops_the_old_polls(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance, streaming=False, poll_interval=0.05)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False))
        assert await until(pilot, lambda: len(app.poller.keys) == 2)
        old_poller = app.poller
        tasks = list(old_poller._tasks.values())
        old = (app.service, old_poller, app.service.client)
        assert _working_for(old)  # the poll loops
        await app.switch_account(SimpleNamespace(acct="alice"), client=_client(instance, "alice"))
        await _check_switch(pilot, instance, old)
        assert all(t.done() for t in tasks) and old_poller.keys == []
        assert app.poller is not old_poller
        assert await until(pilot, lambda: app.poller is not None and "notifications" in app.poller.keys
                           and app.poller.service is app.service)
        assert app.current_mode == "notifications"
