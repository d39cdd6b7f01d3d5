"""Tokens travel only in the Authorization header: a whole App session (sign in, live stream over WebSocket,
refresh, favourite, post, notifications, paging) and the library's SSE streaming against a recording instance
never put a token, a client secret or a code verifier into a path or a query string; every authenticated
request carries `Authorization: Bearer`."""
from __future__ import annotations

import asyncio

from api import AsyncMastodon
from tests.faults.support import faulty_app, ready
from tests.security.recording import record_requests
from tests.tui.support import server, until


def secrets_of(instance) -> set[str]:
    values = {t.token for t in instance.state.tokens.values()}
    values |= {t.refresh_token for t in instance.state.tokens.values() if t.refresh_token}
    values |= {a.client_secret for a in instance.state.apps.values()}
    return values


def assert_no_secret_in_urls(log, instance) -> None:
    secrets = secrets_of(instance)
    assert log.requests
    for seen in log.requests:
        for secret in secrets:
            assert secret not in seen.path and secret not in seen.query, f"{seen.type} {seen.path}"
        assert "access_token" not in seen.query and "client_secret" not in seen.query


async def test_an_app_session_sends_tokens_only_in_the_header(fresh_instance):
    instance = fresh_instance()
    log = record_requests(instance)
    app = faulty_app(instance)
    token = instance.tokens["demo"]
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        news = server(instance, "alice").status_post("@demo hello over the wire")
        assert await until(pilot, lambda: news["id"] in app.screen.timeline, turns=400)
        await pilot.press(".", "j", "f")                       # refresh, move, favourite
        await pilot.press("2")                                 # notifications
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False), turns=400)
        await pilot.press("1", "G")                            # back home, to the end: older pages load
        await pilot.pause(0.3)
    kinds = {seen.type for seen in log.requests}
    assert kinds == {"http", "websocket"}, kinds             # the stream was recorded too
    assert_no_secret_in_urls(log, instance)
    public = ("/api/v1/instance", "/api/v2/instance", "/api/v1/streaming/health")
    api_calls = [s for s in log.requests if s.path.startswith("/api/") and not s.path.startswith(public)]
    assert len(api_calls) >= 5
    # Compared without ever printing the token (a failing assertion would show it, and the watch would fire).
    issued = {f"Bearer {t}" for t in instance.state.tokens}      # the App's, and alice's for her post
    unauthenticated = [s.path for s in api_calls if s.headers.get("authorization") not in issued]
    assert unauthenticated == []
    assert sum(s.headers.get("authorization") == f"Bearer {token}" for s in api_calls) >= 5


async def test_sse_streaming_sends_the_token_only_in_the_header(fresh_instance):
    from api.streaming import Connected, Update
    from demo.streaming_conn import close_all

    instance = fresh_instance(extra={"sse_heartbeat_interval": 0.2, "stream_check_interval": 0.1})
    log = record_requests(instance)
    client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url)
    session = client.stream("user", transport="sse", ping_interval=0.1, watchdog=2.0, backoff_initial=0.01,
                            backoff_max=0.05)

    async def until_an_update() -> None:
        async for event in session:
            if isinstance(event, Connected):
                await asyncio.to_thread(server(instance, "alice").status_post, "@demo over sse")
            if isinstance(event, Update):
                return
    try:
        async with session:
            await asyncio.wait_for(until_an_update(), 30)  # a guard against a hang, not a timing assertion
    finally:
        await client.aclose()
        close_all(instance.state)
    streams = log.of("/api/v1/streaming")
    assert streams and all(s.headers.get("authorization", "").startswith("Bearer ") for s in streams)
    assert_no_secret_in_urls(log, instance)




async def test_debug_logging_everywhere_never_shows_the_token(fresh_instance, caplog):
    """A user debugging with logging.basicConfig(level=DEBUG) sees every library's debug lines (httpx, httpcore,
    websockets log each handshake header): the token must not be among them."""
    import logging

    from api.streaming import Connected
    from demo.streaming_conn import close_all

    instance = fresh_instance()
    token = instance.tokens["demo"]
    caplog.set_level(logging.DEBUG)                                 # the root and so every library logger
    for name in ("websockets", "websockets.client", "httpx", "httpcore", "api"):
        caplog.set_level(logging.DEBUG, logger=name)
    client = AsyncMastodon(access_token=token, api_base_url=instance.base_url, debug_requests=True)
    session = client.stream("user", transport="websocket", ping_interval=0.1, watchdog=2.0)

    async def until_connected() -> None:
        async for event in session:
            if isinstance(event, Connected):
                return
    try:
        await client.account_verify_credentials()
        async with session:
            await asyncio.wait_for(until_connected(), 30)  # a guard against a hang, not a timing assertion
    finally:
        await client.aclose()
        close_all(instance.state)
    lines = [record.getMessage() for record in caplog.records]
    assert any(record.name.startswith("websockets") for record in caplog.records)  # they did log the handshake
    leaking = [line.split(":")[0] for line in lines if token in line]
    caplog.clear()                                                  # the report must not carry the token either
    assert leaking == []
