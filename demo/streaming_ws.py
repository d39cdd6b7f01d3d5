"""The multiplexed WebSocket endpoint `/api/v1/streaming`."""
from __future__ import annotations

import asyncio
import json

from starlette.responses import JSONResponse
from starlette.websockets import WebSocket

from .streaming_auth import StreamRefused, authenticate, knob, resolve_stream, token_from
from .streaming_conn import HEARTBEAT, Dropped, LiveConnection, server_transport

WS_PATH = "/api/v1/streaming"


async def _refuse(websocket: WebSocket, status: int, message: str) -> None:
    """Refuse the handshake with a real HTTP status (401, 404) so a client can tell "revoked" from "absent"."""
    try:
        await websocket.send_denial_response(JSONResponse({"error": message}, status_code=status))
    except RuntimeError:  # the ASGI server lacks the denial extension: it answers 403 instead
        await websocket.close(code=1008, reason=message)


async def websocket_endpoint(state, websocket: WebSocket) -> None:
    if not state.settings.streaming or not knob(state, "websocket", 1.0):
        # `extra={"websocket": False}`: an SSE-only server (older or odd implementations)
        await _refuse(websocket, 404, "Not Found")
        return
    subprotocols = websocket.scope.get("subprotocols") or []
    token = token_from(websocket.headers, websocket.query_params, subprotocols)
    try:
        account_id, token = authenticate(state, token)
    except StreamRefused as exc:
        await _refuse(websocket, exc.status, exc.message)
        return
    # A token passed as the subprotocol must be echoed back, or browsers (and Mastodon's clients) give up.
    via_protocol = bool(subprotocols) and subprotocols[0] == token \
        and not websocket.headers.get("authorization")
    await websocket.accept(subprotocol=subprotocols[0] if via_protocol else None)
    conn = LiveConnection(state, token, path=WS_PATH, on_stall=lambda: _pause(websocket))
    wires: dict[tuple, list] = {}
    lock = asyncio.Lock()

    async def send(message: dict) -> None:
        async with lock:
            await websocket.send_text(json.dumps(message, ensure_ascii=False))

    async def subscribe(message: dict) -> None:
        kind = message.get("type")
        name = message.get("stream")
        try:
            if kind not in ("subscribe", "unsubscribe") or not isinstance(name, str):
                raise StreamRefused(400, "Unknown message type" if kind not in ("subscribe", "unsubscribe")
                                    else "Missing stream name")
            key, wire = resolve_stream(state, account_id, name, tag=message.get("tag"),
                                       list_id=message.get("list"))
        except StreamRefused as exc:
            await send({"error": exc.message, "status": exc.status})
            return
        if kind == "subscribe":
            wires[key] = wire
            conn.sub.add(key)
        else:
            wires.pop(key, None)
            conn.sub.remove(key)

    async def reader() -> None:
        q = websocket.query_params
        if q.get("stream"):  # Mastodon also accepts one stream in the URL
            await subscribe({"type": "subscribe", "stream": q.get("stream"), "tag": q.get("tag"),
                             "list": q.get("list")})
        while True:
            text = await websocket.receive_text()
            try:
                message = json.loads(text)
            except ValueError:
                await send({"error": "Invalid JSON", "status": 400})
                continue
            if isinstance(message, dict):
                await subscribe(message)
            else:
                await send({"error": "Invalid message", "status": 400})

    async def writer() -> None:
        while True:
            ev = await conn.next()
            if ev is HEARTBEAT:
                continue
            wire = wires.get(ev.stream)
            if wire is None:
                continue  # unsubscribed while the event was queued
            message = {"stream": wire, "event": ev.event}
            if ev.payload is not None:
                message["payload"] = ev.payload
            await send(message)

    read_task = asyncio.ensure_future(reader())
    write_task = asyncio.ensure_future(writer())
    try:
        done, pending = await asyncio.wait({read_task, write_task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (read_task, write_task):
            task.cancel()
        conn.close()
    for task in done:
        if not task.cancelled() and isinstance(task.exception(), Dropped):
            if _tcp(websocket) is not None:
                _tcp(websocket).abort()  # a network that fails says no goodbye
            else:
                await _abort(websocket)
    # anything else (WebSocketDisconnect, a send on a closed socket) means the client has gone: nothing to do


async def _abort(websocket: WebSocket) -> None:
    """End the connection the way a dead network would look to the client as far as ASGI allows: an abnormal
    close (1011) rather than a polite goodbye."""
    try:
        await websocket.close(code=1011, reason="dropped")
    except Exception:  # noqa: BLE001 - already gone is fine
        pass


def _tcp(websocket: WebSocket):
    return server_transport(websocket._receive)


def _pause(websocket: WebSocket) -> None:
    """Stop reading the socket: the ASGI server then answers no pings either, which is what a dead network
    looks like to the client. Without access to the transport the stall is silence at the application level
    only (protocol pongs would still flow)."""
    transport = _tcp(websocket)
    if transport is not None:
        transport.pause_reading()
