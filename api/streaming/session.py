"""The streaming session: one account's live connection that never silently stops.

It picks a transport (WebSocket first, SSE when the server has no WebSocket), keeps it alive (watchdog on
traffic, reconnect with capped exponential backoff and jitter), re-subscribes every stream after a reconnect,
fills the gap over REST (`min_id` paging from the last id seen per timeline), and removes duplicates at the
seam, so a consumer sees every status once and in order. It ends only when closed, or through `Aborted` when
retrying cannot help (401, 403, no streaming on the server).

    session = StreamSession(api_base_url=..., access_token=..., streams=["user"], backfill=...)
    async for event in session:        # typed events, api/streaming/events.py
        ...
    await session.aclose()             # any time, from any task; ends the iteration
"""
from __future__ import annotations

import asyncio
import random as _random
from collections import OrderedDict
from urllib.parse import urlsplit

from ..credentials import bearer_header
from ..errors import MastodonError, MastodonMalformedEventError, MastodonNetworkError
from . import events as ev
from .backfill import GapFiller
from .connector import KINDS, Connector
from .errors import FATAL, MastodonStreamStalledError
from .streams import as_spec

_END = object()


class StreamSession:
    """Options (all keyword):
        streams           names or StreamSpecs ("user", "public:local", ("hashtag", "x"), "list:12")
        backfill          async (spec, kind, min_id, limit) -> list; None: gaps are not filled (Backfilled says so)
        discover          async () -> instance dict (for configuration.urls.streaming); None: GET /api/v2/instance
        transport         "auto" (WebSocket, else SSE), "websocket" or "sse"
        streaming_url     a streaming host to try first (instead of the advertised one)
        ping_interval     seconds between our WebSocket pings (their pongs are traffic)
        watchdog          seconds of silence after which the connection counts as dead
        backoff_initial, backoff_max, backoff_jitter   reconnect delays: initial * 2**(n-1), capped, then
                          multiplied by a factor in [1 - jitter, 1]
        reconnect         False: the first lost connection ends the session (Aborted)
        max_backfill, backfill_page    how much one gap may fetch, and per request
        on_malformed      called with each MastodonMalformedEventError (the event is skipped and counted)
        sleep, random     injectable backoff sleep and jitter source (tests)
        open_timeout, user_agent, verify, http, queue_size
    """

    def __init__(self, *, api_base_url: str, access_token: str | None, streams=(), backfill=None,
                 discover=None, transport: str = "auto", streaming_url: str | None = None,
                 ping_interval: float = 20.0, watchdog: float = 60.0, backoff_initial: float = 1.0,
                 backoff_max: float = 60.0, backoff_jitter: float = 0.5, open_timeout: float = 10.0,
                 reconnect: bool = True, max_backfill: int = 400, backfill_page: int = 40,
                 on_malformed=None, sleep=None, random=None, user_agent: str | None = None,
                 verify=True, http=None, queue_size: int = 10_000) -> None:
        if transport not in KINDS:
            raise ValueError("transport must be 'auto', 'websocket' or 'sse'")
        bearer_header(access_token)  # an unsendable token fails here, not as a reconnect loop of network errors
        self.api_base_url = api_base_url.rstrip("/")
        self.specs: dict = {}
        for value in streams:
            spec = as_spec(value)
            self.specs[spec] = None
        self.watchdog = watchdog
        self.backoff_initial, self.backoff_max, self.backoff_jitter = backoff_initial, backoff_max, backoff_jitter
        self.reconnect = reconnect
        self.on_malformed = on_malformed
        self._sleep = sleep or asyncio.sleep
        self._random = random or _random.random
        # Slower than the watchdog on purpose: the watchdog is the one that judges silence.
        self._connector = Connector(api_base_url=self.api_base_url, token=access_token, specs=self.specs,
                                    mode=transport, streaming_url=streaming_url, discover=discover,
                                    open_timeout=open_timeout, ping_interval=ping_interval,
                                    read_timeout=watchdog * 1.5, user_agent=user_agent, verify=verify, http=http)
        self._gaps = GapFiller(backfill, max_items=max_backfill, page=backfill_page)
        self._out: asyncio.Queue = asyncio.Queue(maxsize=queue_size)
        self._closed = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._transport = None
        self._seen: dict = {}               # spec.key -> OrderedDict of (kind, id) recently delivered
        self.malformed_count = 0
        self.reconnects = 0
        self.error: BaseException | None = None   # why the session aborted, if it did
        self.state = "connecting"                 # connecting | live | reconnecting | aborted | closed

    # ----- consumer side ---------------------------------------------------------------------------------
    def start(self) -> "StreamSession":
        if self._task is None and not self._closed.is_set():
            self._task = asyncio.ensure_future(self._run())
        return self

    def __aiter__(self):
        self.start()
        return self

    async def __anext__(self):
        if self._out.empty() and self._closed.is_set():
            raise StopAsyncIteration
        item = await self._out.get()
        if item is _END:
            self._out.put_nowait(_END)  # later calls end too
            raise StopAsyncIteration
        return item

    async def aclose(self) -> None:
        """Stop: works before the first event, during a backoff sleep, mid-backfill; idempotent."""
        if self._closed.is_set() and self._task is None:
            return
        self._closed.set()
        if self.state != "aborted":
            self.state = "closed"
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            try:
                await task
            except BaseException:  # noqa: BLE001 - the runner's end is ours to absorb
                pass
        await self._drop_transport()
        await self._connector.aclose()
        self._put_end()

    close = aclose

    async def __aenter__(self):
        return self.start()

    async def __aexit__(self, *exc_info):
        await self.aclose()

    @property
    def streams(self) -> list:
        return list(self.specs)

    async def subscribe(self, stream, tag: str | None = None, list_id=None) -> None:
        spec = as_spec(stream, tag, list_id)
        if spec in self.specs:
            return
        try:
            await self._gaps.prime(spec)  # before subscribing: from here on, nothing of it is missed
        except FATAL:
            raise
        except Exception:  # noqa: BLE001 - REST trouble or a broken backfill: placed on the next reconnect
            pass
        self.specs[spec] = None
        transport = self._transport
        if transport is not None:
            await transport.subscribe(spec)

    async def unsubscribe(self, stream, tag: str | None = None, list_id=None) -> None:
        spec = as_spec(stream, tag, list_id)
        if self.specs.pop(spec, 0) == 0:
            return
        transport = self._transport
        if transport is not None:
            await transport.unsubscribe(spec)

    # ----- the runner ------------------------------------------------------------------------------------
    async def _emit(self, item) -> None:
        await self._out.put(item)

    def _put_end(self) -> None:
        while True:
            try:
                self._out.put_nowait(_END)
                return
            except asyncio.QueueFull:
                self._out.get_nowait()  # the consumer is gone or far behind; the end matters more

    async def _run(self) -> None:
        attempt = 0
        first = True
        try:
            # The stream starts *now*: place each timeline's cursor before subscribing, so whatever appears
            # from here on is delivered once, live or by the gap filler, whenever the first drop happens.
            try:
                await self._gaps.prime_all(list(self.specs))
            except FATAL as exc:
                await self._abort(exc)
                return
            except MastodonError:
                pass  # REST trouble: cursors get placed on the first reconnect instead
            while not self._closed.is_set():
                try:
                    transport = await self._connector.open()
                except FATAL as exc:
                    await self._abort(exc)
                    return
                except MastodonError as exc:
                    if not self.reconnect:
                        await self._abort(exc)
                        return
                    attempt += 1
                    await self._backoff(attempt, exc)
                    continue
                outcome = await self._live(transport, first)
                first = False
                if isinstance(outcome, FATAL):
                    await self._abort(outcome)
                    return
                lively, error = outcome
                if not self.reconnect:
                    await self._abort(error or MastodonNetworkError("the stream connection was lost"))
                    return
                attempt = 1 if lively else attempt + 1
                await self._backoff(attempt, error)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must end the stream visibly, never hang it silently
            await self._abort(exc)
        finally:
            await self._drop_transport()

    async def _backoff(self, attempt: int, error: BaseException | None) -> None:
        base = min(self.backoff_max, self.backoff_initial * 2 ** min(attempt - 1, 30))
        delay = base * (1 - self.backoff_jitter + self.backoff_jitter * self._random())
        self.state = "reconnecting"
        self.reconnects += 1
        await self._emit(ev.Reconnecting(attempt, delay, error))
        sleeper = asyncio.ensure_future(self._sleep(delay))
        closer = asyncio.ensure_future(self._closed.wait())
        try:
            await asyncio.wait({sleeper, closer}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            closer.cancel()

    async def _abort(self, error: BaseException) -> None:
        self.error = error
        self.state = "aborted"
        await self._emit(ev.Aborted(error))
        self._closed.set()
        self._put_end()

    async def _drop_transport(self) -> None:
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.abort()
            await transport.close()

    # ----- one live connection ---------------------------------------------------------------------------
    async def _live(self, transport, first: bool):
        """Pump one connection until it fails. Returns a fatal error, or (lively, error) for a reconnect."""
        self._transport = transport
        raw: asyncio.Queue = asyncio.Queue(maxsize=10_000)
        reader = asyncio.ensure_future(transport.run(raw))
        watch = asyncio.ensure_future(self._watch(transport))
        lively = False
        try:
            parts = urlsplit(transport.url)
            self.state = "live"
            await self._emit(ev.Connected(transport.name, f"{parts.scheme}://{parts.netloc}{parts.path}"))
            try:
                count, complete = await self._gaps.fill(list(self.specs), self._deliver)
                if not first or count:
                    await self._emit(ev.Backfilled(count, complete))
            except FATAL as exc:
                return exc
            except Exception:  # noqa: BLE001 - REST trouble (or a broken backfill): live events still flow
                await self._emit(ev.Backfilled(0, False))
            while True:
                getter = asyncio.ensure_future(raw.get())
                try:
                    done, _ = await asyncio.wait({getter, reader, watch}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    if not getter.done():
                        getter.cancel()
                if getter in done:
                    lively = True
                    await self._handle(getter.result())
                    continue
                while not raw.empty():  # what arrived before the end is still good
                    await self._handle(raw.get_nowait())
                failed = watch if watch in done else reader
                error = failed.exception() if not failed.cancelled() else None
                return (lively, error)
        finally:
            for task in (reader, watch):
                task.cancel()
            if self._transport is transport:
                self._transport = None
            transport.abort()
            await transport.close()

    async def _watch(self, transport) -> None:
        loop = asyncio.get_running_loop()
        while True:
            silent = loop.time() - transport.last_traffic
            if silent > self.watchdog:
                raise MastodonStreamStalledError(f"nothing received for {silent:.0f} s: reconnecting")
            await asyncio.sleep(max(0.01, min(self.watchdog - silent, self.watchdog / 4) + 0.01))

    async def _handle(self, item) -> None:
        if item.kind == "heartbeat":
            await self._emit(ev.Heartbeat(self._transport.name if self._transport else ""))
        elif item.kind == "refused":
            await self._emit(ev.SubscriptionRefused(item.spec, item.status, item.error))
        elif item.kind == "malformed":
            self._malformed(_frame_error(item))
        elif item.kind == "event":
            try:
                event = ev.parse_event(item.spec, item.event, item.payload)
            except MastodonError as exc:
                self._malformed(exc)
                return
            await self._deliver(event)

    def _malformed(self, error: BaseException) -> None:
        self.malformed_count += 1
        if self.on_malformed is not None:
            try:
                self.on_malformed(error)
            except Exception:  # noqa: BLE001 - a broken hook must not break the stream
                pass

    async def _deliver(self, event) -> None:
        """Emit a content event unless it was delivered already (the seam between backfill and live)."""
        kind = "status" if isinstance(event, ev.Update) else "notification" \
            if isinstance(event, ev.Notification) else None
        if kind is not None and event.stream is not None:
            item_id = (event.status if kind == "status" else event.notification)["id"]
            seen = self._seen.setdefault(event.stream.key, OrderedDict())
            if (kind, item_id) in seen:
                return
            seen[(kind, item_id)] = None
            if len(seen) > 5000:
                seen.popitem(last=False)
            self._gaps.advance(event.stream, kind, item_id)
        await self._emit(event)


def _frame_error(item):
    text = item.payload if not isinstance(item.payload, str) or len(item.payload) <= 120 \
        else item.payload[:117] + "..."
    return MastodonMalformedEventError(f"malformed frame: {item.error}", None, text)

