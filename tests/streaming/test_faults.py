"""Stream faults armed in the instance's fault table (demo/faults.py), as `tootty demo` and the fault tests
arm them: the next connections drop or stall after some events, and the consumer still gets everything once."""
from __future__ import annotations

import asyncio

from api.streaming import MastodonStreamStalledError, Reconnecting, Update

from .helpers import FAST, HANG_GUARD, RecordingSleep, account_id, client, of, until


async def _post_and_collect(inst, session, count: int):
    alice = account_id(inst, "alice")
    posted, events = [], []
    async with asyncio.timeout(HANG_GUARD * 2):
        async for event in session:
            events.append(event)
            if isinstance(event, Update) or len(events) == 1:
                if len(posted) < count:  # one status at a time, each after the previous event
                    posted.append((await asyncio.to_thread(inst.state.post_status, alice, f"n{len(posted)}")).id)
            got = [e.status.id for e in of(events, Update)]
            if len(posted) == count and set(posted) <= set(got):
                break
    return posted, events


async def test_websocket_drops_armed_in_the_fault_table(streaming_instance):
    inst = streaming_instance()
    inst.faults.add("drop", stream="websocket", after=2, times=3)
    async with client(inst) as api:
        session = api.stream("user", sleep=RecordingSleep(), **FAST)
        async with session:
            posted, events = await _post_and_collect(inst, session, 12)
    got = [e.status.id for e in of(events, Update) if e.status.id in posted]
    assert got == posted
    assert len(of(events, Reconnecting)) >= 3
    assert [kind for kind, _where in inst.faults.fired].count("drop") == 3


async def test_sse_stall_armed_in_the_fault_table(streaming_instance):
    inst = streaming_instance()
    inst.faults.add("stall", stream="user", after=1, seconds=30)
    async with client(inst) as api:
        session = api.stream("user", transport="sse", sleep=RecordingSleep(), **dict(FAST, watchdog=1.0))
        async with session:
            posted, events = await _post_and_collect(inst, session, 5)
    got = [e.status.id for e in of(events, Update) if e.status.id in posted]
    assert got == posted
    assert any(isinstance(e.error, MastodonStreamStalledError) for e in of(events, Reconnecting))


async def test_a_fault_armed_while_connected_hits_the_open_connection(streaming_instance):
    # The demo's "pull the network" switch arms a fault for any stream while the app is connected.
    from .helpers import live
    inst = streaming_instance()
    async with client(inst) as api:
        session = api.stream("user", sleep=RecordingSleep(), **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            inst.faults.add("drop", stream="*")
            await until(session, lambda ev: bool(of(ev, Reconnecting)), events)
            marker = await live(inst, session, events)
    assert inst.faults.fired[0][0] == "drop"
    assert any(isinstance(e, Update) and e.status.id == marker.id for e in events)
