"""The seed's blocking interface: StreamListener / CallbackStreamListener over user_stream, hashtag_stream,
list_stream, public/local streams; blocking and run_async; heartbeats and unknown events; stream_healthy."""
from __future__ import annotations

import asyncio
import threading

import pytest

from api import Mastodon
from api.streaming import CallbackStreamListener, StreamListener

from .helpers import FAST, HANG_GUARD, account_id


def _api(inst) -> Mastodon:
    return Mastodon(access_token=inst.tokens["demo"], api_base_url=inst.base_url, allow_http=True)


class Recorder(StreamListener):
    def __init__(self, wanted: int = 1) -> None:
        self.updates, self.unknown, self.heartbeats, self.aborts = [], [], 0, []
        self.connected = threading.Event()
        self.done = threading.Event()
        self.wanted = wanted

    def on_connected(self, transport, url):
        self.connected.set()

    def on_update(self, status):
        assert status and status.id  # never an empty event
        self.updates.append(status)
        if len(self.updates) >= self.wanted:
            self.done.set()

    def on_unknown_event(self, name, unknown_event=None):
        self.unknown.append((name, unknown_event))

    def handle_heartbeat(self):
        self.heartbeats += 1

    def on_abort(self, err):
        self.aborts.append(err)


def _wait(event: threading.Event) -> None:
    assert event.wait(HANG_GUARD), "the stream did not deliver in time"


@pytest.mark.parametrize("transport", ["websocket", "sse"])
def test_user_stream_run_async_delivers_updates_heartbeats_and_unknown_events(streaming_instance, transport):
    inst = streaming_instance()
    api = _api(inst)
    listener = Recorder(wanted=1)
    handle = api.user_stream(listener, run_async=True, transport=transport, **FAST)
    _wait(listener.connected)
    assert handle.is_alive()
    demo = account_id(inst, "demo")
    # Posted right after connecting: it may beat the subscription, and then arrives by the first gap fill.
    st = inst.state.post_status(account_id(inst, "alice"), "hello sync world")
    _wait(listener.done)
    inst.state.hub.publish(("user", demo), "announcement.delete", "12")
    for _ in range(500):
        if listener.unknown and listener.heartbeats >= 2:
            break
        threading.Event().wait(0.02)
    handle.close()
    handle.join(HANG_GUARD)
    assert not handle.is_alive()
    assert [s.id for s in listener.updates] == [st.id]
    assert listener.unknown == [("announcement.delete", 12)]
    assert listener.heartbeats >= 2
    assert listener.aborts == []  # closing is not an abort
    api.close()


def test_blocking_hashtag_stream_ends_with_the_listeners_exception(streaming_instance):
    inst = streaming_instance()
    api = _api(inst)

    class Enough(Exception):
        pass

    seen, aborts = [], []

    def on_update(status):
        seen.append(status)
        raise Enough  # the seed's way out of a blocking stream

    listener = CallbackStreamListener(update_handler=on_update, abort_handler=aborts.append)
    bob = account_id(inst, "bob")
    stop = threading.Event()

    def poster():
        while not stop.is_set():  # until the stream is surely subscribed and has seen one
            inst.state.post_status(bob, "#blocking test")
            stop.wait(0.05)

    thread = threading.Thread(target=poster, daemon=True)
    thread.start()
    try:
        with pytest.raises(Enough):
            api.hashtag_stream("Blocking", listener, **FAST)
    finally:
        stop.set()
        thread.join(5)
    assert len(seen) == 1 and "blocking" in seen[0].content
    assert len(aborts) == 1 and isinstance(aborts[0], Enough)
    api.close()


def test_list_and_local_streams_through_the_sync_api(streaming_instance):
    inst = streaming_instance()
    state = inst.state
    demo, carol = account_id(inst, "demo"), account_id(inst, "carol")
    lst = state.create_list(demo, "people")
    state.add_to_list(demo, lst.id, [carol])
    api = _api(inst)
    on_list, on_local = Recorder(), Recorder()
    handles = [api.list_stream(lst.id, on_list, run_async=True, **FAST),
               api.local_stream(on_local, run_async=True, **FAST)]
    _wait(on_list.connected)
    _wait(on_local.connected)
    st = state.post_status(carol, "to my list readers and the local timeline")
    _wait(on_list.done)
    _wait(on_local.done)
    for handle in handles:
        handle.close()
        handle.join(HANG_GUARD)
    assert [s.id for s in on_list.updates] == [st.id]
    assert [s.id for s in on_local.updates] == [st.id]
    api.close()


def test_stream_healthy(streaming_instance):
    assert _api(streaming_instance()).stream_healthy() is True
    assert _api(streaming_instance(streaming=False)).stream_healthy() is False


async def test_sync_streams_may_be_started_from_inside_an_event_loop(streaming_instance):
    # the app's tests and notebooks call the blocking API from async code: the stream has its own loop
    inst = streaming_instance()
    api = _api(inst)
    listener = Recorder()
    handle = api.user_stream(listener, run_async=True, **FAST)
    assert await asyncio.to_thread(listener.connected.wait, HANG_GUARD)
    handle.close()
    await asyncio.to_thread(handle.join, HANG_GUARD)
    assert not handle.is_alive()
    api.close()


def test_reconnect_async_false_ends_a_blocking_stream_at_the_first_drop(streaming_instance):
    # The seed's behaviour on request: no reconnect, on_abort once, then the error is raised to the caller.
    from api.errors import MastodonNetworkError
    from demo.streaming_conn import drop_all, open_connections

    inst = streaming_instance()
    api = _api(inst)
    listener = Recorder()

    def dropper():
        for _ in range(2500):
            if open_connections(inst.state):
                drop_all(inst.state)
                return
            threading.Event().wait(0.004)

    thread = threading.Thread(target=dropper, daemon=True)
    thread.start()
    with pytest.raises(MastodonNetworkError):
        api.user_stream(listener, reconnect_async=False, **FAST)
    thread.join(5)
    assert len(listener.aborts) == 1 and isinstance(listener.aborts[0], MastodonNetworkError)
    api.close()
