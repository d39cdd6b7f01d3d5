"""Scrolling to the end always asks for the next page, or says why not (QA F-older-stops), against the local
instance: a streamed status landing while an older page is on its way, then `G` again, once stopped the loading
for good (the second request cancelled the first and then found it still 'loading'); the header says "loading
older…" while a page is on its way and "· end" at the end."""
from __future__ import annotations

import asyncio

from tests.tui.support import app_for, ready, server, until


def _header(screen) -> str:
    return str(screen.query_one("#title").render())


async def test_a_stream_status_during_an_older_page_then_G(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        home = app.screen
        first = len(home.timeline)
        assert first == 40
        gate = asyncio.Event()
        real = app.service.paged
        calls = []

        async def held(*args, **kwargs):  # the real request, held until the test lets it go
            calls.append(kwargs.get("max_id"))
            await gate.wait()
            return await real(*args, **kwargs)

        app.service.paged = held
        await pilot.press("G")
        assert await until(pilot, lambda: len(calls) == 1)
        assert "loading older" in _header(home)
        mine = await asyncio.to_thread(server(instance).status_post, "a streamed one")
        home.add_newer([await app.service.call("status", mine["id"])])
        await pilot.pause()
        assert "loading older" in _header(home)  # a new-count update keeps saying it
        await pilot.press("G")
        await pilot.pause(0.1)
        home.load_older()  # NearEnd again (a length change, a marker restore): the page on its way stays
        await pilot.pause()
        assert len(calls) == 1
        gate.set()
        assert await until(pilot, lambda: len(home.timeline) > first + 1), _header(home)
        # the end of the timeline: more G asks until the server says there is nothing more, and the header says so
        for _ in range(5):
            await pilot.press("G")
            await pilot.pause(0.05)
        assert await until(pilot, lambda: home.exhausted and "end" in _header(home)), _header(home)
        total = len(await asyncio.to_thread(_all_home, instance))
        assert len(home.timeline) == total


def _all_home(instance):
    client = server(instance)
    out, page = [], client.timeline_home(limit=40)
    while page:
        out += page
        page = client.timeline_home(limit=40, max_id=page[-1]["id"])
    return out


async def test_a_failed_older_page_is_not_the_end_and_G_retries(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        home = app.screen
        real = app.service.paged
        failures = [ConnectionError("network down")]

        async def flaky(*args, **kwargs):
            if failures:
                raise failures.pop()
            return await real(*args, **kwargs)

        app.service.paged = flaky
        await pilot.press("G")
        assert await until(pilot, lambda: not failures and not home.loading_older)
        await pilot.pause()
        assert not home.exhausted and len(home.timeline) == 40
        assert "G retries" in _header(home)
        await pilot.press("G")
        assert await until(pilot, lambda: len(home.timeline) > 40), _header(home)


async def test_notifications_older_page_is_not_cancelled_by_a_second_near_end(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        await pilot.press("2")
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False) and app.screen.name == "notifications")
        screen = app.screen
        first = len(screen.timeline)
        gate = asyncio.Event()
        real = app.service.paged
        calls = []

        async def held(*args, **kwargs):
            calls.append(args)
            await gate.wait()
            return await real(*args, **kwargs)

        app.service.paged = held
        screen.load_older()
        assert await until(pilot, lambda: len(calls) == 1)
        screen.load_older()
        await pilot.pause()
        gate.set()
        assert await until(pilot, lambda: not screen.loading_older)
        await pilot.pause()
        assert len(calls) == 1 and (len(screen.timeline) > first or screen.exhausted)
