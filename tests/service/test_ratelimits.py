"""429s and pacing against the instance's real rate limiter, with small windows on a fake instance clock. The
client's clock reads the instance clock and its sleep moves it, so nothing waits in real time."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

import api
from demo.clock import FakeClock

from .conftest import instance_clock_sleeps

START = datetime(2026, 3, 1, 12, 0, 5, tzinfo=timezone.utc)


def limited(fresh_instance, limit=3, window=60.0, **settings):
    return fresh_instance(clock=FakeClock(START), rate_limit=limit, rate_window=window, **settings)


async def _burn(inst, make_client, token, calls):
    burner = make_client(inst, token=token, ratelimit_method="throw")
    for _ in range(calls):
        await burner.timeline_home(limit=1)


async def test_throw_mode_raises_with_retry_after(fresh_instance, make_client, kind):
    inst = limited(fresh_instance)
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, ratelimit_method="throw", clock=clock, sleep=sleep)
    for _ in range(3):
        await c.timeline_home(limit=1)
    assert c.ratelimit_remaining == 0 and c.ratelimit_limit == 3
    with pytest.raises(api.MastodonRatelimitError) as caught:
        await c.timeline_home(limit=1)
    assert caught.value.status == 429
    assert caught.value.retry_after == pytest.approx(55, abs=1)     # the window ends at 12:01:00
    assert slept == []


async def test_wait_mode_sleeps_through_a_429_and_retries(fresh_instance, make_client, kind):
    inst = limited(fresh_instance)
    token = inst.make_token("demo")
    await _burn(inst, make_client, token, 3)                       # someone else spent the budget
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, token=token, ratelimit_method="wait", clock=clock, sleep=sleep)
    statuses = await c.timeline_home(limit=2)
    assert len(statuses) == 2
    assert slept == [pytest.approx(55, abs=1)]                     # Retry-After, once


async def test_wait_mode_does_not_provoke_a_429_it_can_see_coming(fresh_instance, make_client, kind):
    inst = limited(fresh_instance)
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, ratelimit_method="wait", clock=clock, sleep=sleep)
    for _ in range(7):
        await c.timeline_home(limit=1)
    assert len(slept) == 2 and all(s > 0 for s in slept)           # at the ends of windows 1 and 2


async def test_pace_mode_spreads_calls_and_never_hits_the_limit(fresh_instance, make_client, kind):
    inst = limited(fresh_instance, limit=10)
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, ratelimit_method="pace", ratelimit_pacefactor=1.0, clock=clock, sleep=sleep)
    for _ in range(25):
        await c.timeline_home(limit=1)                             # pace mode raises on any 429
    assert len([s for s in slept if s > 0]) >= 20
    assert inst.clock.now() > START.replace(minute=2)              # 25 calls at 10/min took over two windows


async def test_pace_mode_raises_like_throw_on_an_unforeseen_429(fresh_instance, make_client, kind):
    inst = limited(fresh_instance)
    token = inst.make_token("demo")
    await _burn(inst, make_client, token, 3)
    clock, sleep, _ = instance_clock_sleeps(inst, kind)
    c = make_client(inst, token=token, ratelimit_method="pace", clock=clock, sleep=sleep)
    with pytest.raises(api.MastodonRatelimitError):
        await c.timeline_home()


async def test_epoch_resets_and_missing_headers(fresh_instance, make_client, kind):
    inst = limited(fresh_instance, rate_reset_epoch=True)
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, ratelimit_method="pace", clock=clock, sleep=sleep)
    for _ in range(5):
        await c.timeline_home(limit=1)
    assert slept and c.ratelimit_reset is not None
    bare = limited(fresh_instance, rate_headers=False)
    clock, sleep, slept = instance_clock_sleeps(bare, kind)
    c = make_client(bare, ratelimit_method="wait", clock=clock, sleep=sleep)
    for _ in range(4):                                             # the 4th meets a 429 it could not foresee
        await c.timeline_home(limit=1)
    assert slept == [pytest.approx(55, abs=1)] and c.ratelimit_remaining is None


async def test_date_header_skew_is_corrected(fresh_instance, make_client, kind):
    # The instance's clock is years behind ours: its resets only make sense relative to its Date header.
    inst = limited(fresh_instance)
    _, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, ratelimit_method="pace", sleep=sleep)    # our own, real clock
    for _ in range(5):
        await c.timeline_home(limit=1)                             # would hit a 429 if the reset looked stale
    waits = [s for s in slept if s > 1]
    assert waits and all(s <= 60 for s in waits)
