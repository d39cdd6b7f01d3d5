"""The instance's streaming API, as Mastodon's streaming server speaks it (methods/streaming.md).

- WebSocket `/api/v1/streaming`: one socket multiplexes every stream; the client sends
  `{"type": "subscribe", "stream": "hashtag", "tag": "foo"}` (and `unsubscribe`), and receives
  `{"stream": ["hashtag", "foo"], "event": "update", "payload": "<JSON encoded as a string>"}`.
- Server-sent events `/api/v1/streaming/<name>`: `event:` / `data:` lines and `:thump` heartbeat comments.
- `/api/v1/streaming/health`: `OK`.

Events come from `state.hub` (demo/hub.py). Switches (`state.settings`, read on every request so tests may flip
them on a running instance): `streaming=False` answers 404 everywhere (Takahe has no streaming), `sse=False`
answers 404 on the SSE paths only (GoToSocial). Knobs for tests, read from `settings.<name>` or
`settings.extra[name]`: `websocket` (False: SSE only), `sse_heartbeat_interval` (default 15 s, Mastodon's), `stream_check_interval` (how often a
connection re-checks its token and its hub subscription, default 30 s).

WebSocket keep-alive pings are protocol frames, which an ASGI application cannot send: the ASGI server sends
them (uvicorn's `ws_ping_interval`) and answers the client's pings.
"""
from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route, WebSocketRoute

from .streaming_auth import StreamRefused, authenticate, knob, resolve_stream, token_from
from .streaming_conn import (HEARTBEAT, Dropped, LiveConnection, close_all, drop_all,  # noqa: F401
                             open_connections, server_transport, stall_all)
from .streaming_faults import arm as arm_fault  # noqa: F401
from .streaming_ws import websocket_endpoint

# SSE path (after /api/v1/streaming/) -> stream name
SSE_PATHS = {
    "user": "user",
    "user/notification": "user:notification",
    "public": "public",
    "public/local": "public:local",
    "public/remote": "public:remote",
    "hashtag": "hashtag",
    "hashtag/local": "hashtag:local",
    "list": "list",
    "direct": "direct",
}


def _error(status: int, message: str):
    return JSONResponse({"error": message}, status_code=status)


def routes(state) -> list:
    """The streaming routes; the demo app mounts them at the root."""

    async def health(request):
        if not state.settings.streaming:
            return _error(404, "Not Found")
        return PlainTextResponse("OK")

    def sse_route(path: str, name: str):
        async def endpoint(request):
            return await sse_endpoint(state, request, name, path)
        return Route(f"/api/v1/streaming/{path}", endpoint, methods=["GET"])

    out = [Route("/api/v1/streaming/health", health, methods=["GET", "HEAD"]),
           WebSocketRoute("/api/v1/streaming", lambda ws: websocket_endpoint(state, ws)),
           # Mastodon serves the WebSocket on the trailing-slash form as well
           WebSocketRoute("/api/v1/streaming/", lambda ws: websocket_endpoint(state, ws))]
    out += [sse_route(path, name) for path, name in SSE_PATHS.items()]
    return out


def _sse_event(event: str, payload: str | None) -> bytes:
    # Mastodon writes `data: undefined` for events without a payload (filters_changed); a payload never holds a
    # raw newline (it is JSON), but guard anyway so one event can never split into two.
    data = "undefined" if payload is None else payload.replace("\r", "").replace("\n", "\ndata: ")
    return f"event: {event}\ndata: {data}\n\n".encode()


async def sse_endpoint(state, request, name: str, path: str):
    settings = state.settings
    if not settings.streaming or not settings.sse:
        return _error(404, "Not Found")
    q = request.query_params
    try:
        account_id, token = authenticate(state, token_from(request.headers, q, None))
        key, _wire = resolve_stream(state, account_id, name, tag=q.get("tag"), list_id=q.get("list"),
                                    only_media=q.get("only_media") in ("1", "true", "True"))
    except StreamRefused as exc:
        return _error(exc.status, exc.message)
    tcp = server_transport(request.receive)
    conn = LiveConnection(state, token, keys=(key,), heartbeat=knob(state, "sse_heartbeat_interval", 15.0),
                          path=f"/api/v1/streaming/{path}",
                          on_stall=tcp.pause_reading if tcp is not None else None)

    async def body():
        try:
            yield b":)\n"
            while True:
                ev = await conn.next()
                yield b":thump\n" if ev is HEARTBEAT else _sse_event(ev.event, ev.payload)
        except Dropped:
            if tcp is not None:
                tcp.abort()  # cut the connection itself: to the client, a network that failed
                return
            # Otherwise raising out of the body makes the server cut the response mid-stream (no last chunk).
            raise ConnectionAbortedError("stream dropped") from None
        finally:
            conn.close()

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
