"""The gap filler through its injected REST callable: min_id paging from the last id seen, oldest first, the
max_backfill cap reported as an incomplete fill, and a failing backfill that leaves the live stream running."""
from __future__ import annotations

from api.streaming import Backfilled, Reconnecting, Update
from api.streaming.backfill import client_backfill
from demo.streaming_conn import drop_all

from .helpers import FAST, GateSleep, account_id, client, live, of, until


async def _gap(inst, session, events, sleep, count):
    """Drop the connection, post `count` statuses while the client sits in its backoff, then let it back."""
    alice = account_id(inst, "alice")
    del events[:]  # from here on only what follows the drop
    assert drop_all(inst.state) == 1
    await until(session, lambda ev: bool(of(ev, Reconnecting)), events)
    await sleep.entered.wait()
    missed = [inst.state.post_status(alice, f"missed {i}").id for i in range(count)]
    sleep.gate.set()
    return missed


async def test_gap_is_paged_with_min_id_from_the_last_seen_status(streaming_instance):
    inst = streaming_instance()
    calls = []
    async with client(inst) as api:
        real = client_backfill(api)

        async def recording(spec, kind, min_id, limit):
            page = await real(spec, kind, min_id, limit)
            calls.append((spec.name, kind, min_id, limit, [s["id"] for s in page]))
            return page

        sleep = GateSleep()
        session = api.stream("user", backfill=recording, backfill_page=4, sleep=sleep, **FAST)
        async with session:
            events = []
            marker = await live(inst, session, events)
            calls.clear()
            missed = await _gap(inst, session, events, sleep, 9)
            await until(session, lambda ev: bool(of(ev, Backfilled)), events)
    status_calls = [c for c in calls if c[1] == "status"]
    assert status_calls[0][2] == marker.id          # starts right after the last status seen
    assert all(c[3] == 4 for c in status_calls)      # page by page
    assert [c[2] for c in status_calls[1:]] == [c[4][0] for c in status_calls[:-1]]  # each after the last page
    backfilled = [e.status.id for e in of(events, Update) if e.backfilled and e.status.id in missed]
    assert backfilled == missed                      # all of the gap, oldest first
    assert of(events, Backfilled)[-1].count == 9 and of(events, Backfilled)[-1].complete


async def test_a_gap_larger_than_max_backfill_is_reported_incomplete(streaming_instance):
    inst = streaming_instance()
    async with client(inst) as api:
        sleep = GateSleep()
        session = api.stream("user", max_backfill=8, backfill_page=4, sleep=sleep, **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            missed = await _gap(inst, session, events, sleep, 20)
            await until(session, lambda ev: bool(of(ev, Backfilled)), events)
    done = of(events, Backfilled)[-1]
    assert not done.complete  # the app refreshes the timeline instead of pretending nothing was lost
    assert [e.status.id for e in of(events, Update) if e.backfilled and e.status.id in missed] == missed[:8]


async def test_a_failing_backfill_leaves_the_live_stream_running(streaming_instance):
    inst = streaming_instance()

    async def broken(spec, kind, min_id, limit):
        if min_id is not None:
            raise RuntimeError("the REST side is having a bad day")
        return []

    async with client(inst) as api:
        sleep = GateSleep()
        session = api.stream("user", backfill=broken, sleep=sleep, **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            await _gap(inst, session, events, sleep, 2)
            await until(session, lambda ev: bool(of(ev, Backfilled)), events)
            marker = await live(inst, session, events)
    assert of(events, Backfilled)[-1] == Backfilled(0, False)
    assert any(e.status.id == marker.id for e in of(events, Update))
