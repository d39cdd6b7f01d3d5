"""A server without streaming: the app polls instead, in pace mode. Time is the instance's fake clock, moved by
the injected sleeps, so several rate-limit windows pass in a moment and nothing waits in real time."""
from __future__ import annotations

import asyncio

from api import AsyncMastodon
from app.main import make_app
from app.polling import Poller
from demo.clock import FakeClock
from tests.tui.support import ready, server, until


def _count_refusals(instance) -> list:
    """Observe the server's rate limiter: every request it refuses (429) is recorded."""
    refused: list = []
    limiter = instance.limiter
    hit = limiter.hit

    def counting_hit(key):
        result = hit(key)
        if not result[3]:
            refused.append(key)
        return result
    limiter.hit = counting_hit
    return refused


def _polling_app(instance, clock, **options):
    async def sleep(seconds):
        clock.advance(seconds)
        await asyncio.sleep(0.002)

    client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url,
                           ratelimit_method="wait", clock=lambda: clock.now().timestamp(), sleep=sleep)
    return make_app(client=client, markers=False, poll_interval=5.0, poll_sleep=sleep, service_sleep=sleep,
                    **options)


async def test_no_streaming_falls_back_to_polling_within_the_rate_limit(fresh_instance):
    clock = FakeClock()
    instance = fresh_instance(clock=clock, streaming=False, rate_limit=40, rate_window=300)
    refused = _count_refusals(instance)
    app = _polling_app(instance, clock)
    start = clock.now()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: app.connection.state == "polling" and app.poller is not None)
        home = app.screen
        posted = server(instance, "alice").status_post("arrives by polling")
        assert await until(pilot, lambda: posted["id"] in home.timeline, turns=400)
        # let two whole rate-limit windows pass on the instance's clock while polling goes on
        assert await until(pilot, lambda: (clock.now() - start).total_seconds() > 650, turns=1500)
        assert app.poller.polls >= 10
        assert app.poller.max_in_flight == 1          # polls never overlap
        assert refused == []                          # zero 429s
        # the user's own action still goes through, at once
        status = home.timeline.selected_item
        target = status.get("reblog") or status
        before = app.service.background_calls
        await pilot.press("f")
        assert await until(pilot, lambda: server(instance).status(target["id"])["favourited"]
                           is (not target.get("favourited")))
        assert refused == []
        assert app.service.background_calls >= before


async def test_polls_pause_while_their_screen_is_hidden(fresh_instance):
    clock = FakeClock()
    instance = fresh_instance(clock=clock, streaming=False)
    app = _polling_app(instance, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: app.poller is not None and app.poller.counts.get("home", 0) >= 2)
        await pilot.press("2")
        assert await until(pilot, lambda: getattr(app.screen, "polls_notifications", False) and app.screen.loaded)
        await pilot.pause(0.1)
        home_polls = app.poller.counts.get("home", 0)
        assert await until(pilot, lambda: app.poller.counts.get("notifications", 0) >= 5)
        assert app.poller.counts.get("home", 0) <= home_polls + 1  # at most the one already under way
        await pilot.press("1")
        assert await until(pilot, lambda: app.poller.counts.get("home", 0) > home_polls + 1)


async def test_poller_alone_reschedules_after_each_poll(fresh_instance):
    """Polls never overlap even when the server is slow: the next is scheduled after the previous finished."""
    clock = FakeClock()
    instance = fresh_instance(clock=clock, streaming=False)
    instance.faults.add("delay", "/api/v1/timelines/home", seconds=0.2, times=None)
    from app.service import ApiService
    from app.sources import FIXED

    async def sleep(seconds):
        clock.advance(seconds)
        await asyncio.sleep(0)

    client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url,
                           clock=lambda: clock.now().timestamp(), sleep=sleep)
    service = ApiService(client, sleep=sleep)
    posted: list = []
    newest = server(instance).timeline_home(limit=1)[0]["id"]
    poller = Poller(service, posted.append, lambda key: True, interval=0.0, sleep=sleep)
    poller.watch("home", FIXED["home"], newest)
    for _ in range(100):
        await asyncio.sleep(0.02)
        if poller.polls >= 4:
            break
    await poller.stop()
    await client.aclose()
    assert poller.polls >= 4 and poller.max_in_flight == 1
