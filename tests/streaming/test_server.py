"""The instance's streaming endpoints as any client sees them on the wire (raw websockets and httpx, not our
client): the three ways to authenticate, message shapes, subscription errors, switches and health."""
from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from .helpers import HANG_GUARD, account_id


def _ws(inst) -> str:
    return inst.base_url.replace("http://", "ws://") + "/api/v1/streaming"


async def _next_event(ws):
    async with asyncio.timeout(HANG_GUARD):
        return json.loads(await ws.recv())


async def _ready(ws):
    """Subscribe to a list nobody has and wait for the refusal: every earlier message has been processed."""
    await ws.send(json.dumps({"type": "subscribe", "stream": "list", "list": "0"}))
    reply = await _next_event(ws)
    assert reply == {"error": "Not authorized to stream this list", "status": 401}


@pytest.mark.parametrize("how", ["header", "subprotocol", "query"])
async def test_websocket_accepts_the_token_three_ways_and_sends_mastodons_message_shape(streaming_instance, how):
    inst = streaming_instance()
    token = inst.tokens["demo"]
    url, kwargs = _ws(inst), {}
    if how == "header":
        kwargs["additional_headers"] = {"Authorization": f"Bearer {token}"}
    elif how == "subprotocol":
        kwargs["subprotocols"] = [token]
    else:
        url += f"?access_token={token}"
    async with websockets.connect(url, **kwargs) as ws:
        if how == "subprotocol":
            assert ws.subprotocol == token  # echoed, as browsers require
        await ws.send(json.dumps({"type": "subscribe", "stream": "user"}))
        await _ready(ws)
        st = await asyncio.to_thread(inst.state.post_status, account_id(inst, "alice"), "wire shape")
        message = await _next_event(ws)
    assert message["stream"] == ["user"] and message["event"] == "update"
    assert isinstance(message["payload"], str) and json.loads(message["payload"])["id"] == st.id


async def test_websocket_stream_in_the_url_hashtag_labels_errors_and_payloadless_events(streaming_instance):
    inst = streaming_instance()
    demo = account_id(inst, "demo")
    headers = {"Authorization": f"Bearer {inst.tokens['demo']}"}
    async with websockets.connect(_ws(inst) + "?stream=hashtag&tag=WireTag", additional_headers=headers) as ws:
        await ws.send("not json")
        assert await _next_event(ws) == {"error": "Invalid JSON", "status": 400}
        await ws.send(json.dumps({"type": "subscribe", "stream": "nonsense"}))
        assert await _next_event(ws) == {"error": "Unknown stream type", "status": 400}
        await ws.send(json.dumps({"type": "subscribe", "stream": "hashtag"}))
        assert (await _next_event(ws))["status"] == 400   # no tag
        await ws.send(json.dumps({"type": "subscribe", "stream": "user"}))
        await _ready(ws)
        inst.state.hub.publish(("user", demo), "filters_changed", None)
        assert await _next_event(ws) == {"stream": ["user"], "event": "filters_changed"}  # no payload key
        await asyncio.to_thread(inst.state.post_status, account_id(inst, "dave"), "#wiretag hello")  # not followed: tag only
        tagged = await _next_event(ws)
    assert tagged["stream"] == ["hashtag", "WireTag"] and tagged["event"] == "update"


async def test_refusals_and_switches(streaming_instance):
    inst = streaming_instance(sse=False)
    with pytest.raises(InvalidStatus) as bad:
        await websockets.connect(_ws(inst), additional_headers={"Authorization": "Bearer nope"})
    assert bad.value.response.status_code == 401
    async with httpx.AsyncClient(base_url=inst.base_url) as http:
        assert (await http.get("/api/v1/streaming/health")).text == "OK"
        sse = await http.get("/api/v1/streaming/user", headers={"Authorization": f"Bearer {inst.tokens['demo']}"})
        assert sse.status_code == 404  # SSE off, as on GoToSocial
        inst.settings.sse = True
        denied = await http.get("/api/v1/streaming/user", headers={"Authorization": "Bearer nope"})
        assert denied.status_code == 401
        anonymous = await http.get("/api/v1/streaming/direct")
        assert anonymous.status_code == 401 and "token" in anonymous.json()["error"]
        missing_tag = await http.get("/api/v1/streaming/hashtag",
                                     headers={"Authorization": f"Bearer {inst.tokens['demo']}"})
        assert missing_tag.status_code == 400
        inst.settings.streaming = False  # switched off on a running instance
        assert (await http.get("/api/v1/streaming/health")).status_code == 404


async def test_sse_wire_format_with_query_token_and_heartbeats(streaming_instance):
    inst = streaming_instance()
    lines = []
    async with httpx.AsyncClient(base_url=inst.base_url, timeout=HANG_GUARD) as http:
        async with http.stream("GET", f"/api/v1/streaming/public/local?access_token={inst.tokens['demo']}") as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            async for line in r.aiter_lines():
                lines.append(line)
                if line == ":thump" and len([x for x in lines if x == ":thump"]) == 1:
                    await asyncio.to_thread(inst.state.post_status, account_id(inst, "alice"), "sse wire")
                if line.startswith("data: {"):
                    break
    assert lines[0] == ":)"
    assert "event: update" in lines and json.loads(lines[-1][6:])["content"]
