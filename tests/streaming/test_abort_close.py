"""Ends: a revoked or bad token aborts once and never retries, a server without streaming says so clearly,
and close() works before the first event and during a backoff sleep."""
from __future__ import annotations

import asyncio
import threading

import pytest

from api import Mastodon
from api.errors import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonUnauthorizedError
from api.streaming import (Aborted, Connected, MastodonStreamingUnavailableError, Reconnecting, StreamListener,
                           StreamSession)
from demo.streaming_conn import open_connections

from .helpers import FAST, HANG_GUARD, RecordingSleep, client, live, of, until


async def test_bad_token_aborts_at_once_without_retrying(streaming_instance):
    inst = streaming_instance()
    async with client(inst, token="not-a-real-token") as api:
        session = api.stream("user", **FAST)
        events = await until(session, lambda ev: False)  # runs until the iteration ends by itself
    assert len(events) == 1 and isinstance(events[0], Aborted)
    assert isinstance(events[0].error, MastodonUnauthorizedError)
    assert "not-a-real-token" not in str(events[0].error)
    assert session.state == "aborted" and session.reconnects == 0


async def test_a_token_no_header_can_carry_is_refused_at_once_without_quoting_it(streaming_instance):
    inst = streaming_instance()
    async with client(inst, token="tok-SECRET\nX: 1") as api:
        with pytest.raises(MastodonIllegalArgumentError) as caught:
            api.stream("user", **FAST)
    assert "SECRET" not in str(caught.value)
    blocking = Mastodon(access_token="tok-SECRET\r", api_base_url=inst.base_url)
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        blocking.user_stream(StreamListener(), run_async=True)
    assert "SECRET" not in str(caught.value)
    blocking.close()


async def test_server_without_streaming_gives_a_clear_error_to_fall_back_to_polling(streaming_instance):
    inst = streaming_instance(streaming=False)
    async with client(inst) as api:
        session = api.stream("user", **FAST)
        events = await until(session, lambda ev: False)
        assert not await api.stream_healthy()
    assert [type(e) for e in events] == [Aborted]
    error = events[0].error
    assert isinstance(error, MastodonStreamingUnavailableError) and isinstance(error, MastodonNotFoundError)
    assert "poll" in str(error)


class Recorder(StreamListener):
    def __init__(self) -> None:
        self.aborts: list = []
        self.reconnects = 0
        self.connected = threading.Event()
        self.updates: list = []

    def on_connected(self, transport, url):
        self.connected.set()

    def on_update(self, status):
        self.updates.append(status)

    def on_reconnecting(self, attempt, delay, error):
        self.reconnects += 1

    def on_abort(self, err):
        self.aborts.append(err)


async def test_revoked_token_calls_on_abort_once_and_nothing_retries(streaming_instance):
    inst = streaming_instance()
    state = inst.state
    api = Mastodon(access_token=inst.tokens["demo"], api_base_url=inst.base_url, allow_http=True)
    listener = Recorder()
    handle = api.user_stream(listener, run_async=True, **FAST)
    assert await asyncio.to_thread(listener.connected.wait, HANG_GUARD)
    token = state.tokens[inst.tokens["demo"]]
    token.revoked = True  # as POST /oauth/revoke does; the server ends the connection at its next check
    await asyncio.to_thread(handle.join, HANG_GUARD)
    assert not handle.is_alive()
    assert len(listener.aborts) == 1 and isinstance(listener.aborts[0], MastodonUnauthorizedError)
    assert listener.reconnects <= 1  # the one attempt that learnt of the revocation; no loop
    assert open_connections(state) == 0
    api.close()


async def test_close_before_the_first_event(streaming_instance):
    inst = streaming_instance()
    async with client(inst) as api:
        session = api.stream("user", **FAST).start()
        await session.aclose()
        events = await until(session, lambda ev: False)
        assert not of(events, Connected)
        await session.aclose()  # twice is fine
    api_sync = Mastodon(access_token=inst.tokens["demo"], api_base_url=inst.base_url, allow_http=True)
    handle = api_sync.user_stream(StreamListener(), run_async=True, **FAST)
    handle.close()
    await asyncio.to_thread(handle.join, HANG_GUARD)
    assert not handle.is_alive()
    api_sync.close()


async def test_close_during_a_backoff_sleep():
    sleep = RecordingSleep(block=True)  # a backoff that would never end by itself
    session = StreamSession(api_base_url="http://127.0.0.1:9", access_token="x", streams=["user"], sleep=sleep,
                            open_timeout=2.0)
    events = []
    reader = asyncio.ensure_future(until(session, lambda ev: False, events))
    async with asyncio.timeout(HANG_GUARD):
        await sleep.entered.wait()
        await session.aclose()
        await reader
    assert of(events, Reconnecting) and not of(events, Aborted)
    assert session.state == "closed"


async def test_close_while_live_releases_the_server_side(streaming_instance):
    inst = streaming_instance()
    async with client(inst) as api:
        session = api.stream("user", **FAST)
        events = []
        async with session:
            await live(inst, session, events)
            assert open_connections(inst.state) == 1
    for _ in range(500):
        if open_connections(inst.state) == 0:
            break
        await asyncio.sleep(0.01)
    assert open_connections(inst.state) == 0
