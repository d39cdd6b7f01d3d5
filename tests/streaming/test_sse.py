"""Server-sent events: forced, chosen automatically when the server has no WebSocket, heartbeats, unknown and
malformed events, and a stalled server noticed by the watchdog."""
from __future__ import annotations

import json

from api.streaming import (Aborted, Backfilled, Connected, Heartbeat, MastodonStreamingUnavailableError,
                           MastodonStreamStalledError, Reconnecting, SubscriptionRefused, Unknown, Update)
from demo.streaming_conn import stall_all

from .helpers import FAST, RecordingSleep, account_id, client, live, of, post, until


async def test_sse_delivers_events_heartbeats_unknown_and_skips_malformed(streaming_instance):
    inst = streaming_instance()
    demo = account_id(inst, "demo")
    async with client(inst) as api:
        session = api.stream("user", transport="sse", **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            inst.state.hub.publish(("user", demo), "announcement.reaction", json.dumps({"name": "👍"}))
            inst.state.hub.publish(("user", demo), "notification", "[1, 2")
            st = await post(inst, "alice", "over SSE")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == st.id for e in ev)
                        and len(of(ev, Heartbeat)) >= 2, events)
    assert of(events, Connected)[0].transport == "sse"
    assert all(h.transport == "sse" for h in of(events, Heartbeat))
    assert [(u.event, u.payload.name) for u in of(events, Unknown)] == [("announcement.reaction", "👍")]
    assert session.malformed_count == 1


async def test_server_without_websocket_is_streamed_over_sse(streaming_instance):
    inst = streaming_instance(extra={"websocket": False})
    async with client(inst) as api:
        session = api.stream("user", **FAST)
        async with session:
            events = []
            await live(inst, session, events)
    assert of(events, Connected)[0].transport == "sse"


async def test_server_without_sse_is_streamed_over_websocket_and_forced_sse_says_unavailable(streaming_instance):
    inst = streaming_instance(sse=False)  # GoToSocial
    async with client(inst) as api:
        session = api.stream("user", **FAST)
        async with session:
            events = []
            await live(inst, session, events)
        assert of(events, Connected)[0].transport == "websocket"
        forced = api.stream("user", transport="sse", **FAST)
        events = await until(forced, lambda ev: bool(of(ev, Aborted)))
    assert isinstance(events[-1].error, MastodonStreamingUnavailableError)


async def test_stalled_sse_stream_is_noticed_by_the_watchdog_and_the_gap_is_backfilled(streaming_instance):
    inst = streaming_instance()
    sleep = RecordingSleep()
    async with client(inst) as api:
        session = api.stream("user", transport="sse", sleep=sleep, **dict(FAST, watchdog=1.0))
        async with session:
            events = []
            await live(inst, session, events)
            assert stall_all(inst.state, 30.0) == 1   # silence: no events, no heartbeats, socket kept open
            missed = await post(inst, "alice", "posted while the stream was stalled")
            await until(session, lambda ev: bool(of(ev, Backfilled)), events)
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == missed.id
                                                for e in ev), events)
    reconnecting = of(events, Reconnecting)
    assert reconnecting and isinstance(reconnecting[0].error, MastodonStreamStalledError)
    assert [e.status.id for e in of(events, Update)].count(missed.id) == 1


async def test_sse_subscribe_unsubscribe_and_a_refused_stream_beside_good_ones(streaming_instance):
    inst = streaming_instance()
    async with client(inst) as api:
        session = api.stream("user", ("list", "999999"), transport="sse", **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            await until(session, lambda ev: bool(of(ev, SubscriptionRefused)), events)
            await session.subscribe("hashtag:SseTag")  # SSE: a new HTTP stream; it is open once this returns
            tagged = await post(inst, "bob", "#ssetag one")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == tagged.id
                                                for e in ev), events)
            await session.unsubscribe("hashtag", tag="SseTag")
            again = await post(inst, "bob", "#ssetag two")
            marker = await post(inst, "alice", "after the unsubscribe")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == marker.id
                                                for e in ev), events)
    refused = of(events, SubscriptionRefused)[0]
    assert refused.stream.name == "list" and refused.status == 401
    # demo follows bob, so bob's statuses come on "user" too; what matters is the hashtag stream
    assert [e.stream.name for e in of(events, Update) if e.status.id == tagged.id].count("hashtag") == 1
    assert not [e for e in of(events, Update) if e.status.id == again.id and e.stream.name == "hashtag"]


async def test_multiline_sse_data_is_joined_back_into_one_payload(streaming_instance):
    inst = streaming_instance()
    demo = account_id(inst, "demo")
    async with client(inst) as api:
        session = api.stream("user", transport="sse", **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            # pretty-printed JSON spans several `data:` lines; they must be joined with newlines
            pretty = json.dumps({"id": "5", "text": "multi"}, indent=2)
            inst.state.hub.publish(("user", demo), "announcement", pretty)
            st = await post(inst, "alice", "after the multi-line event")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == st.id for e in ev),
                        events)
    assert [u.payload for u in of(events, Unknown)] == [{"id": "5", "text": "multi"}]
