"""The first pages must always arrive: moving around (help, threads, other screens) while they are on their way,
or a first-page request being cancelled while its screen stays open, never leaves a screen at "loading…"."""
from __future__ import annotations

from app.main import make_app
from app.screens.notifications import NotificationsScreen
from app.screens.timeline import TimelineScreen
from tests.tui.support import until


def _all_loaded(app) -> bool:
    screens = [s for s in app.live_screens() if isinstance(s, (TimelineScreen, NotificationsScreen))]
    return bool(screens) and all(s.loaded and "loading" not in s.title_text for s in screens)


def _titles(app) -> list:
    return [(type(s).__name__, getattr(s, "loaded", None), str(s.query_one("#title").render()))
            for s in app.live_screens()]


async def test_moving_around_during_the_first_load_ends_with_everything_loaded(fresh_instance):
    instance = fresh_instance()
    # every first page is slow, as on a busy server right after `tootty demo` starts
    for path in ("/api/v1/timelines/home", "/api/v1/notifications", "/api/v2/notifications",
                 "/api/v1/timelines/public"):
        instance.faults.add("delay", path, seconds=0.4, times=2)
    # as the command line builds it: the first page prefetched on a thread, read positions restored
    app = make_app(base_url=instance.base_url, access_token=instance.tokens["demo"], markers=True)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        for key in ("question_mark", "escape", "j", "j", "j", "enter", "escape", "2", "question_mark", "escape",
                    "3", "1", "enter", "escape", "2", "1"):
            await pilot.press(key)
        assert await until(pilot, lambda: _all_loaded(app), turns=800), _titles(app)
        opened = {getattr(getattr(s, "source", None), "key", None) or type(s).__name__ for s in app.live_screens()}
        assert {"home", "local", "NotificationsScreen"} <= opened
        home = next(s for s in app.live_screens() if getattr(getattr(s, "source", None), "key", None) == "home")
        assert len(home.timeline) > 0


async def test_a_cancelled_first_page_is_asked_for_again(fresh_instance):
    instance = fresh_instance()
    instance.faults.add("delay", "/api/v1/timelines/home", seconds=0.5, times=1)
    app = make_app(base_url=instance.base_url, access_token=instance.tokens["demo"], markers=False,
                   prefetch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        home = app.screen
        assert await until(pilot, lambda: any(w.node is home and w.group == "load-first" and w.is_running
                                              for w in app.workers))
        assert not home.loaded
        cancelled = app.workers.cancel_group(home, "load-first")  # what a screen or mode switch might do
        assert cancelled
        assert await until(pilot, lambda: home.loaded, turns=800), _titles(app)
        assert len(home.timeline) > 0


async def test_refresh_on_a_screen_that_never_loaded_loads_it(fresh_instance):
    instance = fresh_instance()
    instance.faults.add("500", "/api/v1/timelines/home", times=1)
    app = make_app(base_url=instance.base_url, access_token=instance.tokens["demo"], markers=False,
                   prefetch=False)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen)
                           and "⚠" in str(app.screen.query_one("#title").render()))
        home = app.screen
        assert not home.loaded
        await pilot.press("full_stop")                          # "." retries the first page
        assert await until(pilot, lambda: home.loaded and len(home.timeline) > 0, turns=600), _titles(app)
