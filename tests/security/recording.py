"""A recording wrapper around a running local instance: every HTTP request and WebSocket handshake it receives
(path, query string, headers, and form bodies of /oauth/ requests), for checks of what clients put on the wire.

    log = record_requests(instance)      # from now on; log.requests is a list of Seen
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs


@dataclass
class Seen:
    type: str                      # "http" or "websocket"
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""

    @property
    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items()}


@dataclass
class RequestLog:
    requests: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, path_prefix: str, method: str | None = None) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path.startswith(path_prefix)
                    and (method is None or r.method == method)]


def record_requests(instance) -> RequestLog:
    """Wrap the instance's ASGI app as uvicorn hands it to each new connection (uvicorn builds a protocol per
    connection from `config.loaded_app`), so connections opened from now on are recorded."""
    log = RequestLog()
    config = instance._server.config
    inner = config.loaded_app

    async def recorder(scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await inner(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        seen = Seen(scope["type"], scope.get("method", "GET"), scope.get("raw_path", b"").decode("latin-1")
                    or scope["path"], scope.get("query_string", b"").decode("latin-1"), headers)
        with log.lock:
            log.requests.append(seen)
        if scope["type"] == "http" and scope["path"].startswith("/oauth/"):
            chunks = []

            async def keep(message=None):
                message = await receive()
                if message["type"] == "http.request":
                    chunks.append(message.get("body", b""))
                    seen.body = b"".join(chunks)
                return message
            return await inner(scope, keep, send)
        return await inner(scope, receive, send)

    config.loaded_app = recorder
    return log
