"""The WebSocket transport against the local instance: typed events, multiplexed streams, subscribe and
unsubscribe while running, unknown and malformed events, keep-alives, and the streaming-host fallback."""
from __future__ import annotations

import json

from api.errors import MastodonMalformedEventError
from api.streaming import (Connected, Delete, Heartbeat, MastodonStreamStalledError, Notification, Reconnecting,
                           StatusUpdate, SubscriptionRefused, Unknown, Update)
from demo.streaming_conn import stall_all

from .helpers import FAST, RecordingSleep, account_id, client, live, of, post, until


async def test_content_events_arrive_typed_over_one_websocket(streaming_instance):
    inst = streaming_instance()
    state = inst.state
    alice = account_id(inst, "alice")
    async with client(inst) as api:
        session = api.stream("user", **FAST)
        async with session:
            events = await until(session, lambda ev: bool(of(ev, Connected)))
            connected = of(events, Connected)[0]
            assert connected.transport == "websocket"
            assert inst.tokens["demo"] not in connected.url  # the token travels in a header, never the URL
            st = await post(inst, "alice", "hello @demo, streaming works")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == st.id for e in ev)
                        and of(ev, Notification), events)
            state.edit_status(alice, st.id, "hello @demo, edited")
            await until(session, lambda ev: of(ev, StatusUpdate), events)
            state.delete_status(alice, st.id)
            await until(session, lambda ev: of(ev, Delete), events)
    update = next(e for e in of(events, Update) if e.status.id == st.id)
    assert update.stream.name == "user"
    assert update.status.account.acct == "alice"
    assert update.status.created_at.tzinfo is not None  # parsed into an entity, dates aware
    notification = of(events, Notification)[0]
    assert notification.notification.type == "mention" and notification.notification.status.id == st.id
    assert of(events, StatusUpdate)[0].status.id == st.id
    assert "edited" in of(events, StatusUpdate)[0].status.content
    assert of(events, Delete)[0].id == st.id
    assert [e.status.id for e in of(events, Update)].count(st.id) == 1


async def test_hashtag_and_list_streams_with_subscribe_and_unsubscribe_while_running(streaming_instance):
    inst = streaming_instance()
    state = inst.state
    demo, bob = account_id(inst, "demo"), account_id(inst, "bob")
    lst = state.create_list(demo, "friends")
    state.add_to_list(demo, lst.id, [bob])
    async with client(inst) as api:
        session = api.stream(("hashtag", "StreamTest"), **FAST)
        async with session:
            events = await until(session, lambda ev: bool(of(ev, Connected)))
            await session.subscribe("list", list_id=lst.id)
            # A refused subscription doubles as a barrier: the server answers in order, so once the refusal
            # arrives it has taken every earlier subscribe/unsubscribe into account.
            await session.subscribe("list", list_id="999999")
            await until(session, lambda ev: bool(of(ev, SubscriptionRefused)), events)
            first = await post(inst, "bob", "first #streamtest post")
            await until(session, lambda ev: sum(isinstance(e, Update) and e.status.id == first.id
                                                for e in ev) == 2, events)
            await session.unsubscribe("hashtag", tag="StreamTest")
            await session.unsubscribe("list", list_id="999999")
            await session.subscribe("list", list_id="999998")
            await until(session, lambda ev: len(of(ev, SubscriptionRefused)) == 2, events)
            second = await post(inst, "bob", "second #streamtest post")
            third = await post(inst, "bob", "third post, no tag")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == third.id
                                                for e in ev), events)
    by_stream = {(e.stream.name, e.status.id) for e in of(events, Update)}
    assert ("hashtag", first.id) in by_stream and ("list", first.id) in by_stream
    assert ("list", second.id) in by_stream
    assert ("hashtag", second.id) not in by_stream  # unsubscribed: the server stopped sending it
    assert next(e for e in of(events, Update) if e.stream.name == "hashtag").stream.tag == "StreamTest"
    refused = of(events, SubscriptionRefused)[0]
    assert refused.status == 401 and "list" in refused.error


async def test_unknown_events_and_malformed_payloads_never_stop_the_stream(streaming_instance):
    inst = streaming_instance()
    hub = inst.state.hub
    demo = account_id(inst, "demo")
    malformed = []
    async with client(inst) as api:
        session = api.stream("user", on_malformed=malformed.append, **FAST)
        async with session:
            events = []
            await live(inst, session, events)
            hub.publish(("user", demo), "announcement", json.dumps({"id": "7", "content": "<p>hi</p>"}))
            hub.publish(("user", demo), "quantum.entangle", "not json at all")
            hub.publish(("user", demo), "update", "{this is not json")
            hub.publish(("user", demo), "update", json.dumps({"no": "id"}))
            hub.publish(("user", demo), "delete", "two words")
            st = await post(inst, "alice", "still alive after garbage")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == st.id for e in ev),
                        events)
    unknown = of(events, Unknown)
    assert [u.event for u in unknown] == ["announcement", "quantum.entangle"]
    assert unknown[0].payload.content == "<p>hi</p>"  # parsed when it is JSON
    assert unknown[1].payload == "not json at all"    # kept raw when it is not
    assert session.malformed_count == 3
    assert len(malformed) == 3 and all(isinstance(e, MastodonMalformedEventError) for e in malformed)


async def test_keepalive_pongs_count_as_heartbeats(streaming_instance):
    inst = streaming_instance()
    async with client(inst) as api:
        session = api.stream("public:local", **FAST)
        async with session:
            events = await until(session, lambda ev: len(of(ev, Heartbeat)) >= 3)
    assert all(h.transport == "websocket" for h in of(events, Heartbeat))
    assert not of(events, Update)  # a heartbeat is never an (empty) content event


async def test_advertised_wss_on_plain_loopback_falls_back_to_the_api_host(streaming_instance):
    inst = streaming_instance()
    port = inst.base_url.rsplit(":", 1)[1]
    async with client(inst) as api:
        session = api.stream("user", streaming_url=f"wss://127.0.0.1:{port}", **FAST)
        async with session:
            events = await until(session, lambda ev: bool(of(ev, Connected)))
            st = await post(inst, "alice", "via the fallback host")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == st.id for e in ev),
                        events)
    assert of(events, Connected)[0].url == f"ws://127.0.0.1:{port}/api/v1/streaming"


async def test_stalled_websocket_is_noticed_by_the_watchdog_and_the_gap_is_backfilled(streaming_instance):
    inst = streaming_instance()
    sleep = RecordingSleep()
    async with client(inst) as api:
        session = api.stream("user", sleep=sleep, **dict(FAST, watchdog=1.0))
        async with session:
            events = []
            await live(inst, session, events)
            assert stall_all(inst.state, 30.0) == 1   # the server stops reading and sending: no pongs either
            missed = await post(inst, "alice", "posted while the socket was a black hole")
            await until(session, lambda ev: any(isinstance(e, Update) and e.status.id == missed.id
                                                for e in ev), events)
    reconnecting = of(events, Reconnecting)
    assert reconnecting and isinstance(reconnecting[0].error, MastodonStreamStalledError)
    assert [e.status.id for e in of(events, Update)].count(missed.id) == 1
    assert of(events, Update)[-1].backfilled


async def test_discovered_streaming_host_is_used_and_a_broken_one_falls_back(streaming_instance):
    from api.streaming import StreamSession
    inst = streaming_instance()
    port = inst.base_url.rsplit(":", 1)[1]
    asked = []

    async def discover():  # what /api/v2/instance says on servers that advertise wss:// over plain HTTP
        asked.append(True)
        return {"configuration": {"urls": {"streaming": f"wss://127.0.0.1:{port}"}}}

    session = StreamSession(api_base_url=inst.base_url, access_token=inst.tokens["demo"], streams=["user"],
                            discover=discover, **FAST)
    async with session:
        events = await until(session, lambda ev: bool(of(ev, Connected)))
    assert asked and of(events, Connected)[0].url == f"ws://127.0.0.1:{port}/api/v1/streaming"
