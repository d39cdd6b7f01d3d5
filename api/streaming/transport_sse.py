"""The server-sent events transport (the seed's): one HTTP response per stream, for servers without WebSocket.

Lines are `event: NAME`, `data: TEXT` (possibly several, joined by newlines), a blank line ending the event, and
`:comment` lines, which are heartbeats (Mastodon sends `:thump` every 15 s). Any line counts as traffic.
"""
from __future__ import annotations

import asyncio

import httpx

from ..credentials import bearer_header
from ..errors import MastodonNetworkError
from .errors import HandshakeRefused, MastodonStreamStalledError, connect_failure, http_error
from .items import Item, offer

MAX_EVENT_BYTES = 8 * 2**20  # a server that never ends an event must not eat the memory


class SSETransport:
    name = "sse"

    def __init__(self, base: str, token: str | None, specs, *, http: httpx.AsyncClient, open_timeout: float,
                 read_timeout: float, user_agent: str | None = None) -> None:
        self.base = base.rstrip("/")
        self.url = self.base + "/api/v1/streaming/"
        self.token = token
        self.specs = specs
        self.http = http
        self.timeout = httpx.Timeout(open_timeout, read=read_timeout)
        self.user_agent = user_agent
        self.last_traffic = 0.0
        self._open: dict = {}       # spec -> (response, reader task or None)
        self._queue = None
        self._refusals: list = []
        self._failed: asyncio.Future | None = None

    def _headers(self) -> dict:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        headers.update(bearer_header(self.token))
        if self.user_agent:
            headers["User-Agent"] = self.user_agent
        return headers

    async def _request(self, spec):
        request = self.http.build_request("GET", self.base + spec.sse_path(), headers=self._headers(),
                                          timeout=self.timeout)
        try:
            response = await self.http.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise MastodonNetworkError(f"could not open {self.base}{spec.sse_path().split('?')[0]}: "
                                       f"{connect_failure(exc)}") from None
        if response.status_code != 200:
            await response.aclose()
            raise HandshakeRefused(response.status_code)
        return response

    def refused_error(self, status: int):
        return http_error(status, self.url)

    async def connect(self) -> None:
        """Open every stream. When all are refused, the first refusal decides (a bad token refuses all); when
        only some are (a list that is not ours), the others go on and the refusals are reported as items."""
        self._failed = asyncio.get_running_loop().create_future()
        refusals = []
        for spec in list(self.specs):
            try:
                self._open[spec] = (await self._request(spec), None)
            except HandshakeRefused as exc:
                refusals.append((spec, exc))
        if refusals and not self._open:
            raise refusals[0][1]
        self._refusals = [Item.refused(spec, exc.status, f"the server refused this stream (HTTP {exc.status})")
                          for spec, exc in refusals]
        self.last_traffic = asyncio.get_running_loop().time()

    async def subscribe(self, spec) -> None:
        if spec in self._open:
            return
        try:
            response = await self._request(spec)
        except (HandshakeRefused, MastodonNetworkError) as exc:  # one refused stream must not end the others
            status = getattr(exc, "status", None)
            if self._queue is not None:
                offer(self._queue, Item.refused(spec, status, f"the server refused this stream (HTTP {status})"
                                                if status else str(exc)))
            return
        self._open[spec] = (response, self._start(spec, response) if self._queue is not None else None)

    async def unsubscribe(self, spec) -> None:
        response, task = self._open.pop(spec, (None, None))
        if task is not None:
            task.cancel()
        if response is not None:
            await response.aclose()

    def _start(self, spec, response):
        return asyncio.ensure_future(self._read(spec, response))

    async def run(self, queue) -> None:
        self._queue = queue
        for item in self._refusals:
            offer(queue, item)
        for spec, (response, task) in list(self._open.items()):
            if task is None:
                self._open[spec] = (response, self._start(spec, response))
        await self._failed  # raises the first reader's failure

    async def _read(self, spec, response) -> None:
        loop = asyncio.get_running_loop()
        event, data, size = None, [], 0
        try:
            async for line in response.aiter_lines():
                self.last_traffic = loop.time()
                if not line:
                    if event is not None or data:
                        await self._queue.put(Item.event_(spec, event or "message", "\n".join(data)
                                                          if data else None))
                    event, data, size = None, [], 0
                    continue
                if line.startswith(":"):
                    offer(self._queue, Item.heartbeat())
                    continue
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "event":
                    event = value
                elif field == "data":
                    size += len(value)
                    if size > MAX_EVENT_BYTES:
                        raise MastodonNetworkError("an event exceeded 8 MiB: the stream is broken")
                    data.append(value)
            error: Exception = MastodonNetworkError(f"the server ended the {spec} stream")
        except httpx.ReadTimeout:
            error = MastodonStreamStalledError(f"nothing received on the {spec} stream: reconnecting")
        except httpx.HTTPError as exc:
            error = MastodonNetworkError(f"the {spec} stream broke: {type(exc).__name__}")
        except MastodonNetworkError as exc:
            error = exc
        if spec in self._open and self._failed is not None and not self._failed.done():
            self._failed.set_exception(error)

    async def close(self) -> None:
        for spec in list(self._open):
            await self.unsubscribe(spec)
        if self._failed is not None and not self._failed.done():
            self._failed.cancel()

    def abort(self) -> None:
        for response, task in self._open.values():
            if task is not None:
                task.cancel()
        if self._failed is not None and not self._failed.done():
            self._failed.set_exception(MastodonNetworkError("aborted"))
