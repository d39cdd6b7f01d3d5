"""Shared pieces of the streaming tests: a client for the instance, fast liveness options, an injected
backoff sleep (no test waits out a real backoff), and a bounded event collector."""
from __future__ import annotations

import asyncio

from api import AsyncMastodon
from api.streaming import Connected, SubscriptionRefused, Update

# Keep-alives and the watchdog scaled down so a dead connection is noticed within a second or two.
FAST = dict(ping_interval=0.1, watchdog=2.0, open_timeout=5.0, backoff_initial=0.01, backoff_max=0.05)
HANG_GUARD = 30.0  # only protects the suite from hanging forever on a bug; never the thing under test


class RecordingSleep:
    """The injected backoff sleep: records every delay, yields to the loop, never waits it out."""

    def __init__(self, block: bool = False) -> None:
        self.delays: list[float] = []
        self.block = block
        self.entered = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        self.entered.set()
        if self.block:
            await asyncio.Event().wait()  # a backoff that never ends by itself: only close() gets us out
        await asyncio.sleep(0)


def client(instance, token: str | None = None) -> AsyncMastodon:
    return AsyncMastodon(access_token=token or instance.tokens["demo"], api_base_url=instance.base_url,
                         allow_http=True)


async def until(session, predicate, events=None):
    """Collect events from `session` until predicate(events) is true (or the iteration ends)."""
    events = [] if events is None else events
    async with asyncio.timeout(HANG_GUARD):
        async for event in session:
            events.append(event)
            if predicate(events):
                break
    return events


def of(events, cls):
    return [e for e in events if isinstance(e, cls)]


def account_id(instance, username: str) -> str:
    return instance.state.account_by_username(username).id


async def post(instance, username: str, text: str, **kwargs):
    """Post as `username` from a worker thread, as an outside actor would."""
    return await asyncio.to_thread(instance.state.post_status, account_id(instance, username), text, **kwargs)


async def live(inst, session, events):
    """Wait until the server is really sending this session's streams (`Connected` only says the subscribe
    messages went out), then return a status that arrived live. The barrier: a subscription the server must
    refuse; it answers in order, so once the refusal is back every earlier subscribe has taken effect."""
    if not any(isinstance(e, Connected) for e in events):
        await until(session, lambda ev: any(isinstance(e, Connected) for e in ev), events)
    refusals = len(of(events, SubscriptionRefused))
    await session.subscribe("list", list_id="0")
    await until(session, lambda ev: len(of(ev, SubscriptionRefused)) > refusals, events)
    await session.unsubscribe("list", list_id="0")
    marker = await post(inst, "alice", "marker: are we live?")
    await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == marker.id for e in ev), events)
    return marker


class GateSleep(RecordingSleep):
    """A backoff that lasts until the test opens the gate: "the network is down" for exactly as long as the
    test needs to change the world, with no clock involved."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        self.entered.set()
        await self.gate.wait()
        self.gate.clear()
