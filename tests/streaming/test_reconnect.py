"""Reconnection: forced disconnects while statuses pour in lose nothing and double nothing; backoff grows
exponentially with jitter up to its cap."""
from __future__ import annotations

import asyncio
import socket
import time

from api.streaming import Backfilled, Reconnecting, StreamSession, Update
from demo.streaming_conn import drop_all, open_connections

from .helpers import FAST, HANG_GUARD, RecordingSleep, account_id, client, live


async def _drops_while_posting(inst, transport: str, total: int, drops: int):
    state = inst.state
    alice = account_id(inst, "alice")
    posted: list[str] = []
    received: list[str] = []
    sleep = RecordingSleep()
    async with client(inst) as api:
        session = api.stream("user", transport=transport, sleep=sleep, **FAST)
        async with session:
            events = []
            marker = await live(inst, session, events)
            seen_before = {e.status.id for e in events if isinstance(e, Update)}

            every = max(1, total // drops)

            def poster():
                # Posts from an outside thread; every `every` posts the server drops the live connection
                # (waiting, if need be, for the client to be connected again, so each drop is a real one).
                nonlocal dropped
                for i in range(total):
                    posted.append(state.post_status(alice, f"status {i} of the flood").id)
                    if i % every == every // 2 and dropped < drops:
                        for _ in range(5000):
                            if open_connections(state):
                                break
                            time.sleep(0.002)
                        dropped += 1 if drop_all(state) else 0

            dropped = 0
            flood = asyncio.ensure_future(asyncio.to_thread(poster))
            async with asyncio.timeout(HANG_GUARD * 4):
                async for event in session:
                    events.append(event)
                    if isinstance(event, Update) and event.status.id not in seen_before:
                        received.append(event.status.id)
                    # the last drop may land after the last status: wait until it has been seen too
                    if flood.done() and len(received) >= total and set(posted) <= set(received) \
                            and len([e for e in events if isinstance(e, Reconnecting)]) >= dropped:
                        break
            await flood
    assert dropped == drops
    return posted, received, events, marker


async def test_twenty_forced_disconnects_while_500_statuses_are_posted_lose_and_double_nothing(streaming_instance):
    inst = streaming_instance()
    posted, received, events, _ = await _drops_while_posting(inst, "websocket", 500, 20)
    assert len(posted) == 500
    assert received == posted  # every status exactly once, in the order posted
    assert len([e for e in events if isinstance(e, Reconnecting)]) >= 20
    assert sum(e.count for e in events if isinstance(e, Backfilled)) > 0  # the gaps were really filled


async def test_forced_disconnects_over_sse_lose_and_double_nothing(streaming_instance):
    inst = streaming_instance()
    posted, received, events, _ = await _drops_while_posting(inst, "sse", 150, 5)
    assert received == posted


def _dead_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here any more: every connect is refused
    return port


async def test_backoff_is_exponential_with_jitter_and_capped():
    sleep = RecordingSleep()
    session = StreamSession(api_base_url=f"http://127.0.0.1:{_dead_port()}", access_token="x", streams=["user"],
                            sleep=sleep, random=lambda: 1.0, backoff_initial=1.0, backoff_max=8.0,
                            backoff_jitter=0.5, open_timeout=2.0)
    attempts = []
    async with asyncio.timeout(HANG_GUARD):
        async for event in session:
            if isinstance(event, Reconnecting):
                attempts.append(event)
                if len(attempts) == 7:
                    break
    await session.aclose()
    assert [a.attempt for a in attempts] == [1, 2, 3, 4, 5, 6, 7]
    assert [a.delay for a in attempts] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]  # doubling, capped
    assert sleep.delays == [a.delay for a in attempts]                        # and really slept through
    assert all(a.error is not None for a in attempts)


async def test_jitter_spreads_the_delay_between_half_and_full():
    sleep = RecordingSleep()
    session = StreamSession(api_base_url=f"http://127.0.0.1:{_dead_port()}", access_token="x", streams=["user"],
                            sleep=sleep, random=lambda: 0.0, backoff_initial=4.0, backoff_max=60.0,
                            backoff_jitter=0.5, open_timeout=2.0)
    async with asyncio.timeout(HANG_GUARD):
        async for event in session:
            if isinstance(event, Reconnecting) and event.attempt == 2:
                break
    await session.aclose()
    assert sleep.delays == [2.0, 4.0]  # random 0 -> half of 4 and of 8
