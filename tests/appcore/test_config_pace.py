"""[pace] in the config file reaches the App's background work: `polling_share` caps what polls may spend of the
server's rate-limit window, `min_poll_seconds` is the poll interval. Against the local instance with a fake
instance clock: the client's clock reads it and every sleep moves it, so nothing waits in real time."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from api import AsyncMastodon
from app.config import Config, Pace
from app.main import make_app
from app.polling import Poller
from demo.clock import FakeClock

START = datetime(2026, 3, 1, 12, 0, 5, tzinfo=timezone.utc)
LIMIT, WINDOW = 100, 300.0


def _app(inst, config):
    def clock():
        return inst.clock.now().timestamp()

    async def sleep(seconds):
        inst.clock.advance(seconds)

    client = AsyncMastodon(access_token=inst.make_token("demo"), api_base_url=inst.base_url,
                           ratelimit_method="wait", request_timeout=20, clock=clock, sleep=sleep)
    return make_app(client=client, config=config, service_sleep=sleep, streaming=False, markers=False)


async def _polls_in_one_window(inst, config) -> int:
    """Background calls as eager as they can be (what a poller on many screens does), counted until the server's
    first rate-limit window is over."""
    app = _app(inst, config)
    service = app.service
    await service.background("timeline_home", limit=1)
    calls, end = 1, service.client.ratelimiter.reset   # the window the server counts in, on the instance clock
    assert end is not None and end <= (START + timedelta(seconds=WINDOW)).timestamp()
    try:
        while True:
            await service.background("timeline_home", limit=1)
            if inst.clock.now().timestamp() >= end:   # this call waited into the next window: not counted
                break
            calls += 1
    finally:
        await service.aclose()
    return calls


async def test_polling_share_caps_background_calls_per_window(fresh_instance):
    small = fresh_instance(clock=FakeClock(START), rate_limit=LIMIT, rate_window=WINDOW)
    spent_small = await _polls_in_one_window(small, Config(pace=Pace(polling_share=0.2)))
    assert 0.15 * LIMIT <= spent_small <= 0.2 * LIMIT + 1      # at most 20% of the window (+ the first, unknown)
    large = fresh_instance(clock=FakeClock(START), rate_limit=LIMIT, rate_window=WINDOW)
    spent_large = await _polls_in_one_window(large, Config(pace=Pace(polling_share=0.6)))
    assert 0.5 * LIMIT <= spent_large <= 0.6 * LIMIT + 1


async def test_min_poll_seconds_is_the_poll_interval(instance):
    app = _app(instance, Config(pace=Pace(min_poll_seconds=42)))
    try:
        poller = Poller(app.service, lambda message: None, lambda key: True)
        assert poller.interval == 42
    finally:
        await app.service.aclose()
