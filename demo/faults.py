"""Fault injection for tests: make the instance misbehave the way real networks and servers do, on purpose.

Arm a fault from Python (`instance.faults.add(...)`) or over HTTP (`POST /_demo/faults` with the same fields as
JSON; `GET /_demo/faults` lists them, `DELETE /_demo/faults` clears them). The /_demo/ routes are never subject
to faults themselves and exist only while `Settings.admin_api` is on.

    faults.add(kind, path=None, *, match="prefix", method=None, times=1, seconds=None, status=None, stream=None)

HTTP kinds (matched against the request path: `match="prefix"` or `"exact"`; `method` optional; each matching
request consumes one of `times`; times=None means until removed):
    "delay"             wait `seconds`, then answer normally
    "status"            answer `status` without running the endpoint: 502/503/504 as a proxy's HTML page, any
                        other 4xx/5xx as Mastodon's JSON error body ({"error": "Internal server error"} for 500,
                        else the status's reason phrase, e.g. 410 -> {"error": "Gone"}, Rails' rendering);
                        shorthands: kind "500", "502", "503"
    "malformed"         run the endpoint, then send a body that is not valid JSON (status and headers kept)
    "truncate"          run the endpoint, send headers whose Content-Length promises the whole body, send half of
                        it, then close the connection
    "hang"              never answer: wait until the client gives up (or `seconds`, default Settings.hang_max),
                        then close
    "drop"              close the connection without any response
    "commit_then_drop"  run the endpoint (a post is really made), then close the connection without the response,
                        so a client's retry meets its own Idempotency-Key

Stream kinds (for demo/streaming.py; armed with `stream=`: "*" for any streaming connection, "websocket" for
/api/v1/streaming, an SSE stream name such as "user" or "public:local" (= /api/v1/streaming/public/local), or a
path; `after=N` lets N events through first; `seconds` bounds a stall; `path` is ignored):
    "drop"              close the streaming connection (WebSocket close / end of the SSE response)
    "stall"             keep the connection open but send nothing at all any more, pings and heartbeats included

The streaming module asks, at connection time and before each event or ping it sends:

    fault = faults.stream_fault("drop", stream="user")   # or stream_fault("stall", ...), or stream_fault()
    if fault: ...                                          # consumed one of its `times`; fault.kind says which

demo/streaming_faults.py calls `faults.take_stream(path)` when a connection opens (path = the request path) and
reads `.kind`, `.after`, `.seconds` of what it gets.

`stream_fault(kind=None, stream=None)` returns the first armed stream fault of that kind (any kind when None)
whose stream matches (a fault armed with stream="*" matches every stream; stream=None in the call matches any
armed stream fault), consuming one use, or None. `faults.fired` records every fault that fired as
(kind, path or stream), for assertions.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import threading
from dataclasses import asdict, dataclass, field

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

HTTP_KINDS = {"delay", "status", "malformed", "truncate", "hang", "drop", "commit_then_drop"}
STREAM_KINDS = {"drop", "stall"}
SHORTHAND = {"500": 500, "502": 502, "503": 503}
ADMIN_PREFIX = "/_demo/"
PROXY_REASONS = {502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out"}


def _reason(status: int) -> str:
    from http import HTTPStatus
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass
class Fault:
    id: int
    kind: str
    path: str | None = None
    match: str = "prefix"
    method: str | None = None
    times: int | None = 1
    seconds: float | None = None
    status: int | None = None
    stream: str | None = None
    after: int = 0                      # stream faults: events delivered before the fault strikes
    fired: int = 0

    def matches_request(self, method: str, path: str) -> bool:
        if self.stream is not None or self.path is None:
            return False
        if self.method and self.method.upper() != method.upper():
            return False
        return path == self.path if self.match == "exact" else path.startswith(self.path)

    def matches_stream(self, kind: str | None, stream: str | None) -> bool:
        if self.stream is None or (kind and self.kind != kind):
            return False
        if stream is None or self.stream in ("*", stream):
            return True
        return stream.startswith("/") and stream_path(self.stream, self.match) == stream \
            or (self.stream.startswith("/") and self.match == "prefix" and stream.startswith(self.stream))


def stream_path(name: str, match: str = "exact") -> str:
    """A stream fault's target as a request path: "user" -> /api/v1/streaming/user, "public:local" ->
    /api/v1/streaming/public/local, "websocket" (or "ws") -> /api/v1/streaming, "/..." as given."""
    if name.startswith("/"):
        return name
    if name in ("websocket", "ws"):
        return "/api/v1/streaming"
    return "/api/v1/streaming/" + name.replace(":", "/")


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._faults: list[Fault] = []
        self.fired: list[tuple[str, str]] = []

    def add(self, kind: str, path: str | None = None, *, match: str = "prefix", method: str | None = None,
            times: int | None = 1, seconds: float | None = None, status: int | None = None,
            stream: str | None = None, after: int = 0) -> Fault:
        kind = str(kind)
        if kind in SHORTHAND:
            kind, status = "status", SHORTHAND[kind]
        if stream is not None:
            if kind not in STREAM_KINDS:
                raise ValueError(f"stream faults are {sorted(STREAM_KINDS)}, not {kind!r}")
        else:
            if kind not in HTTP_KINDS:
                raise ValueError(f"unknown fault kind {kind!r}; HTTP kinds: {sorted(HTTP_KINDS)}")
            if not path or not str(path).startswith("/"):
                raise ValueError("an HTTP fault needs a path starting with /")
        if kind == "status" and not (isinstance(status, int) and 400 <= status <= 599):
            raise ValueError("a status fault needs an HTTP error status (400-599)")
        if kind == "delay" and (seconds is None or seconds < 0):
            raise ValueError("a delay fault needs seconds >= 0")
        if match not in ("prefix", "exact"):
            raise ValueError("match is 'prefix' or 'exact'")
        if times is not None and int(times) < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        fault = Fault(next(self._ids), kind, path, match, method, None if times is None else int(times),
                      None if seconds is None else float(seconds), status, stream, max(0, int(after or 0)))
        with self._lock:
            self._faults.append(fault)
        return fault

    def remove(self, fault_id: int) -> None:
        with self._lock:
            self._faults = [f for f in self._faults if f.id != fault_id]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def armed(self) -> list[dict]:
        with self._lock:
            return [asdict(f) for f in self._faults]

    def _consume(self, fault: Fault, where: str) -> None:
        fault.fired += 1
        if fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
        self.fired.append((fault.kind, where))

    def take(self, method: str, path: str) -> Fault | None:
        """The HTTP fault for this request, consuming one use (called by the middleware)."""
        if path.startswith(ADMIN_PREFIX):
            return None
        with self._lock:
            for fault in self._faults:
                if fault.matches_request(method, path):
                    self._consume(fault, path)
                    return fault
        return None

    def take_stream(self, path: str) -> Fault | None:
        """For demo/streaming_faults.py: the stream fault (drop or stall) for a connection opening on `path`."""
        return self.stream_fault(None, path)

    def stream_fault(self, kind: str | None = None, stream: str | None = None) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches_stream(kind, stream):
                    self._consume(fault, stream or fault.stream or "*")
                    return fault
        return None


# ----- the middleware -----
def _cycle(receive):
    """uvicorn's per-request object (it owns the transport); our middleware sits directly on its `receive`."""
    return getattr(receive, "__self__", None)


async def _close_connection(receive) -> bool:
    cycle = _cycle(receive)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        return False
    transport.close()
    # Tell uvicorn the client is gone, so it neither sends its own 500 nor logs a missing response.
    if hasattr(cycle, "disconnected"):
        cycle.disconnected = True
    await asyncio.sleep(0)
    return True


async def _capture(app, scope, receive):
    """Run the app to completion and keep its response instead of sending it."""
    start, body = None, []

    async def send(message):
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))
    await app(scope, receive, send)
    return start, b"".join(body)


PROXY_PAGE = ("<html><head><title>{code} {reason}</title></head><body><center><h1>{code} {reason}</h1></center>"
              "<hr><center>nginx</center></body></html>")


class FaultMiddleware:
    def __init__(self, app, faults: Faults, state) -> None:
        self.app, self.faults, self.state = app, faults, state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        fault = self.faults.take(scope["method"], scope["path"])
        if fault is None:
            return await self.app(scope, receive, send)
        kind = fault.kind
        if kind == "delay":
            await asyncio.sleep(fault.seconds or 0)
            return await self.app(scope, receive, send)
        if kind == "status":
            return await self._status(fault.status, send)
        if kind == "drop":
            if not await _close_connection(receive):
                raise ConnectionAbortedError("fault: drop")
            return
        if kind == "hang":
            await self._hang(receive, fault.seconds)
            return
        start, body = await _capture(self.app, scope, receive)
        if kind == "commit_then_drop":
            if not await _close_connection(receive):
                raise ConnectionAbortedError("fault: commit_then_drop")
            return
        headers = [(n, v) for n, v in start.get("headers", []) if n.lower() != b"content-length"]
        if kind == "malformed":
            bad = (body[: max(1, len(body) // 2)] if body[:1] in (b"{", b"[") else b"{") + b'"\x00<html>'
            await send({"type": "http.response.start", "status": start["status"],
                        "headers": headers + [(b"content-length", str(len(bad)).encode())]})
            await send({"type": "http.response.body", "body": bad})
            return
        # truncate: promise the whole body, deliver half, hang up
        promised = max(len(body), 2)
        await send({"type": "http.response.start", "status": start["status"],
                    "headers": headers + [(b"content-length", str(promised).encode())]})
        await send({"type": "http.response.body", "body": body[: promised // 2], "more_body": True})
        if not await _close_connection(receive):
            raise ConnectionAbortedError("fault: truncate")

    async def _status(self, status, send):
        if status in PROXY_REASONS:
            body = PROXY_PAGE.format(code=status, reason=PROXY_REASONS[status]).encode()
            ctype = b"text/html"
        else:
            message = "Internal server error" if status == 500 else _reason(status)
            body = json.dumps({"error": message}).encode()
            ctype = b"application/json; charset=utf-8"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def _hang(self, receive, seconds):
        limit = seconds if seconds is not None else self.state.settings.hang_max

        async def until_disconnect():
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
        try:
            await asyncio.wait_for(until_disconnect(), timeout=limit)
        except asyncio.TimeoutError:
            pass
        await _close_connection(receive)


# ----- the admin routes -----
def admin_routes(faults: Faults, state) -> list:
    async def faults_endpoint(request: Request):
        if request.method == "GET":
            return JSONResponse(faults.armed())
        if request.method == "DELETE":
            faults.clear()
            return JSONResponse({})
        try:
            spec = json.loads(await request.body() or b"{}")
            if not isinstance(spec, dict):
                raise ValueError("body must be a JSON object")
            kind = spec.pop("kind")
            fault = faults.add(kind, **spec)
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"error": f"bad fault: {exc}"}, status_code=422)
        return JSONResponse(asdict(fault))

    async def fired_endpoint(request: Request):
        return JSONResponse([list(f) for f in faults.fired])

    async def clock_endpoint(request: Request):
        """POST {"advance": seconds} moves a FakeClock (instances started with one); GET shows the time."""
        from .clock import iso
        if request.method == "POST":
            try:
                spec = json.loads(await request.body() or b"{}")
                seconds = float(spec["advance"])
            except (ValueError, KeyError, TypeError):
                return JSONResponse({"error": "body must be {\"advance\": seconds}"}, status_code=422)
            if not hasattr(state.clock, "advance"):
                return JSONResponse({"error": "this instance runs on the real clock"}, status_code=409)
            state.clock.advance(seconds)
        return JSONResponse({"now": iso(state.now())})

    return [Route("/_demo/faults", faults_endpoint, methods=["GET", "POST", "DELETE"]),
            Route("/_demo/faults/fired", fired_endpoint, methods=["GET"]),
            Route("/_demo/clock", clock_endpoint, methods=["GET", "POST"])]
