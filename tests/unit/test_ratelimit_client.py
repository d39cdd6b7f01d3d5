"""Rate limiting through the clients (a scripted httpx transport as the server, a fake clock, recording sleeps):
429 by status code, Retry-After, wait-mode retries, and pacing under many threads and many tasks (the seed's
failures 5 and 6)."""
from __future__ import annotations

import asyncio
import threading

import pytest

import api
from api import MastodonRatelimitError

from .fakes import AsyncRecordingSleep, FakeClock, RecordingSleep, Script, async_client, iso, reply, sync_client

T0 = 1_700_000_000.0
STATUS = {"id": "1", "content": "<p>hi</p>", "created_at": "2023-11-14T22:13:20Z"}
LOCALISED_429 = reply(429, {"error": "Zu viele Anfragen"}, {"retry-after": "7"})


def test_429_with_localised_body_is_a_ratelimit_error_with_retry_after():
    script = Script(LOCALISED_429)
    client = sync_client(script, ratelimit_method="throw", clock=FakeClock(T0), sleep=RecordingSleep())
    with pytest.raises(MastodonRatelimitError) as caught:
        client.status(1)
    assert caught.value.status == 429
    assert caught.value.retry_after == 7.0
    assert caught.value.error == "Zu viele Anfragen"
    assert len(script.requests) == 1


def test_429_retry_after_without_header_falls_back_to_reset():
    script = Script(reply(429, {"error": "x"}, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": iso(T0 + 12)}))
    client = sync_client(script, ratelimit_method="throw", clock=FakeClock(T0))
    with pytest.raises(MastodonRatelimitError) as caught:
        client.status(1)
    assert caught.value.retry_after == 12.0


def test_wait_mode_honours_retry_after_then_succeeds():
    clock = FakeClock(T0)
    sleep = RecordingSleep(clock)
    script = Script(LOCALISED_429, reply(200, STATUS))
    client = sync_client(script, ratelimit_method="wait", clock=clock, sleep=sleep)
    assert client.status(1)["id"] == "1"
    assert sleep.calls == [7.0]
    assert len(script.requests) == 2


def test_wait_mode_retries_a_bare_429():
    clock = FakeClock(T0)
    sleep = RecordingSleep(clock)
    script = Script(reply(429, raw=b""), reply(200, STATUS))
    client = sync_client(script, ratelimit_method="wait", clock=clock, sleep=sleep)
    assert client.status(1)["id"] == "1"
    assert sleep.calls == [60.0]   # no Retry-After, no reset known: wait a minute, then retry


def test_wait_mode_gives_up_after_many_429s():
    clock = FakeClock(T0)
    script = Script(reply(429, {"error": "slow down"}, {"retry-after": "1"}))
    client = sync_client(script, ratelimit_method="wait", clock=clock, sleep=RecordingSleep(clock))
    with pytest.raises(MastodonRatelimitError):
        client.status(1)
    assert len(script.requests) == 11


def test_pace_mode_raises_on_429_like_the_seed():
    script = Script(LOCALISED_429, reply(200, STATUS))
    client = sync_client(script, ratelimit_method="pace", clock=FakeClock(T0), sleep=RecordingSleep())
    with pytest.raises(MastodonRatelimitError):
        client.status(1)


async def test_async_wait_mode_honours_retry_after():
    clock = FakeClock(T0)
    sleep = AsyncRecordingSleep(clock)
    script = Script(LOCALISED_429, reply(200, STATUS))
    async with async_client(script, ratelimit_method="wait", clock=clock, sleep=sleep) as client:
        assert (await client.status(1))["id"] == "1"
    assert sleep.calls == [7.0]


def test_garbage_reset_on_a_200_is_returned_normally():
    for reset in ("garbage", "1700000300", ""):
        script = Script(reply(200, STATUS, {"x-ratelimit-remaining": "3", "x-ratelimit-reset": reset}))
        client = sync_client(script, ratelimit_method="pace", clock=FakeClock(T0), sleep=RecordingSleep())
        assert client.status(1)["id"] == "1"
        assert client.status(1)["id"] == "1"


def test_idle_past_reset_sends_the_request_without_pacing():
    clock = FakeClock(T0)
    sleep = RecordingSleep(clock)
    script = Script(reply(200, STATUS, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": iso(T0 + 10)}),
                    reply(200, STATUS))
    client = sync_client(script, ratelimit_method="pace", clock=clock, sleep=sleep)
    client.status(1)
    clock.advance(7200)
    client.status(1)
    assert sleep.calls == [] and len(script.requests) == 2


# --- many callers at once: the budget is shared, each caller gets its own slot --------------------------
REMAINING, WINDOW, CALLERS = 10, 100.0, 16


def _window_server(clock):
    """Counts down the budget; the reset stays at T0 + WINDOW (the clock is frozen while callers reserve)."""
    state = {"left": REMAINING}
    lock = threading.Lock()

    def handler(request):
        with lock:
            state["left"] -= 1
            left = max(state["left"], 0)
        return reply(200, STATUS, {"x-ratelimit-limit": "300", "x-ratelimit-remaining": str(left),
                                   "x-ratelimit-reset": iso(T0 + WINDOW)})
    return Script(handler=handler)


def _check_schedule(delays):
    """Where each caller would start (now + its sleep): inside the window, distinct slots spread evenly and no
    more of them than the budget the server announced; every other caller waits for the reset."""
    assert len(delays) == CALLERS
    inside = sorted(d for d in delays if d < WINDOW - 1e-6)
    budget = REMAINING - 1                      # the first call already spent one
    assert len(inside) == budget - 1            # the last slot of an evenly spread budget falls on the reset
    gaps = [b - a for a, b in zip([0.0] + inside, inside)]
    assert all(g == pytest.approx(WINDOW / budget) for g in gaps), f"uneven or shared slots: {gaps}"
    assert all(d == pytest.approx(WINDOW) for d in delays if d >= WINDOW - 1e-6)


def test_many_threads_pace_together_without_exceeding_the_budget():
    clock = FakeClock(T0)
    sleep = RecordingSleep(clock, advance=False)   # time stands still: every slot is reserved at T0
    client = sync_client(_window_server(clock), ratelimit_method="pace", ratelimit_pacefactor=1.0,
                         clock=clock, sleep=sleep)
    client.status(1)                                # learn the window: 9 calls left in 100 s
    start = threading.Barrier(CALLERS)
    errors = []

    def worker():
        start.wait()
        try:
            client.status(1)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
    threads = [threading.Thread(target=worker) for _ in range(CALLERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    _check_schedule(sleep.calls)


async def test_many_tasks_pace_together_without_exceeding_the_budget():
    clock = FakeClock(T0)
    sleep = AsyncRecordingSleep(clock, advance=False)
    async with async_client(_window_server(clock), ratelimit_method="pace", ratelimit_pacefactor=1.0,
                            clock=clock, sleep=sleep) as client:
        await client.status(1)
        await asyncio.gather(*(client.status(1) for _ in range(CALLERS)))
    _check_schedule(sleep.calls)


def test_limiter_state_stays_consistent_under_thread_hammering():
    from api.ratelimit import RateLimiter
    clock = FakeClock(T0)
    rl = RateLimiter("pace", 1.0, clock=clock)
    rl.delay_before_call()
    rl.record({"x-ratelimit-remaining": "1000", "x-ratelimit-reset": iso(T0 + 100)})
    slots, lock = [], threading.Lock()

    def worker():
        for _ in range(50):
            d = rl.delay_before_call()
            with lock:
                slots.append(d)
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(slots)) == 400            # 400 distinct slots: no two threads read the same state
    assert rl.remaining == 600
