"""The drivers: what turns the sans-I/O endpoint generators into the blocking `Mastodon` and the awaitable
`AsyncMastodon`. Request building, rate limiting, retries and response interpretation are written once here as
generators; `SyncDriver` and `AsyncDriver` only perform the two primitive operations (an HTTP exchange, a sleep).
"""
from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import time
from typing import Any, Generator
from urllib.parse import urlencode, urlsplit

from . import __version__
from .credentials import bearer_header, looks_like_file, read_client_file, read_user_file
from .endpoints._base import Call, Sleep
from .entities import AttribAccessDict, AttribAccessList, PagedDict, loads
from .errors import (MastodonBadResponseError, MastodonError, MastodonIllegalArgumentError, MastodonNetworkError,
                     MastodonRatelimitError, error_class_for)
from .pagination import pagination_from_headers
from .ratelimit import RateLimiter, parse_retry_after
from .transport import AsyncTransport, HTTPRequest, RawResponse, SyncTransport
from .urls import normalize_base_url, redact_url

log = logging.getLogger("api")
DEFAULT_BASE_URL = "https://mastodon.social"
DEFAULT_USER_AGENT = f"tootty/{__version__} (+api)"
MAX_429_RETRIES = 10


def _shown_url(request: HTTPRequest) -> str:
    """The full URL with its query string, as debug logs show it, with secret parameters masked."""
    if not request.params:
        return redact_url(request.url)
    pairs = []
    for key, value in request.params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return redact_url(request.url + ("&" if "?" in request.url else "?") + urlencode(pairs))


def _error_text(raw: RawResponse) -> str:
    try:
        body = loads(raw.content)
    except (ValueError, RecursionError):  # an error page nested thousands deep is still just an error page
        body = None
    if isinstance(body, dict) and body.get("error"):
        text = str(body["error"])
        if body.get("error_description"):
            text += f": {body['error_description']}"
        return text[:500]
    text = raw.content[:300].decode("utf-8", "replace").strip()
    return text if text and not text.lstrip().startswith("<") else ""


def _resume(gen: Generator, value: Any, exc: BaseException | None) -> tuple[bool, Any]:
    """Advance `gen` by sending `value` (or throwing `exc` when set): (True, its return value) when it finished,
    else (False, the next thing it yields). The three generator runners below share this step."""
    try:
        return False, (gen.throw(exc) if exc is not None else gen.send(value))
    except StopIteration as stop:
        return True, stop.value


class ClientCore:
    """Configuration and the shared request logic of both clients. The constructor takes the seed's
    parameters (client_id and access_token may be file names) plus a few modern ones."""

    def __init__(self, client_id: str | None = None, client_secret: str | None = None,
                 access_token: str | None = None, api_base_url: str | None = None,
                 debug_requests: bool = False, ratelimit_method: str = "wait",
                 ratelimit_pacefactor: float = 1.1, request_timeout: float = 300,
                 user_agent: str = DEFAULT_USER_AGENT, *, allow_http: bool = False,
                 network_retries: int = 2, clock=None, sleep=None, session=None, verify: bool | str = True):
        file_base = None
        if client_id is not None and looks_like_file(client_id):
            creds = read_client_file(client_id)
            client_id, client_secret, file_base = creds.client_id, creds.client_secret, creds.api_base_url
        if access_token is not None and looks_like_file(access_token):
            user = read_user_file(access_token)
            access_token = user.access_token
            file_base = file_base or user.api_base_url
            client_id = client_id or user.client_id
            client_secret = client_secret or user.client_secret
        self.client_id = client_id
        self.client_secret = client_secret
        self.access_token = access_token
        self.allow_http = allow_http
        self.api_base_url = normalize_base_url(api_base_url or file_base or DEFAULT_BASE_URL, allow_http)
        parts = urlsplit(self.api_base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self.debug_requests = debug_requests
        self.request_timeout = request_timeout
        self.user_agent = user_agent
        self.network_retries = max(0, int(network_retries))
        self._clock = clock or time.time
        self._sleep = sleep
        self.ratelimiter = RateLimiter(ratelimit_method, ratelimit_pacefactor, clock=self._clock)
        self.verify = verify
        self._transport = self._make_transport(session, verify)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(api_base_url={self.api_base_url!r}, authenticated={bool(self.access_token)})"

    # The seed's public rate-limit attributes.
    ratelimit_method = property(lambda self: self.ratelimiter.method)
    ratelimit_pacefactor = property(lambda self: self.ratelimiter.pacefactor)
    ratelimit_limit = property(lambda self: self.ratelimiter.limit)
    ratelimit_remaining = property(lambda self: self.ratelimiter.remaining)
    ratelimit_reset = property(lambda self: self.ratelimiter.reset)
    ratelimit_lastcall = property(lambda self: self.ratelimiter.last_call)

    # --- request building and interpretation (pure) -------------------------------------------------------
    def _build(self, call: Call) -> HTTPRequest:
        headers = {"User-Agent": self.user_agent, "Accept": "application/json", **call.headers}
        if call.auth:
            headers.update(bearer_header(self.access_token))
        url = call.path if call.path.startswith(("http://", "https://")) else self.api_base_url + call.path
        if not url.startswith(self._origin + "/"):
            raise MastodonIllegalArgumentError("refusing to send a request to another host than api_base_url")
        timeout = self.request_timeout
        if call.timeout is not None:  # a probe's own limit, never longer than the client's (None: no limit)
            timeout = call.timeout if timeout is None else min(call.timeout, timeout)
        return HTTPRequest(call.method, url, call.params or None, call.data, call.json, call.files, headers, timeout)

    def _interpret(self, call: Call, request: HTTPRequest, raw: RawResponse) -> Any:
        status = raw.status
        where = redact_url(request.url)
        if 200 <= status < 300 or status in call.ok_statuses:
            if call.raw:
                return raw
            if not raw.content.strip():
                # Some servers answer actions with an empty 200; keep the declared shape.
                return AttribAccessList() if call.shape is list else AttribAccessDict()
            try:
                value = loads(raw.content)
            except (ValueError, RecursionError):
                raise MastodonBadResponseError("server sent a body that is not valid JSON", status, raw.reason,
                                               "malformed or truncated response", method=call.method,
                                               url=where) from None
            if call.shape is not None and not isinstance(value, call.shape):
                raise MastodonBadResponseError(
                    f"server sent JSON of the wrong shape (expected {call.shape.__name__}, "
                    f"got {type(value).__name__})", status, raw.reason, "", method=call.method, url=where)
            if isinstance(value, AttribAccessList):
                value._pagination_next, value._pagination_prev = pagination_from_headers(
                    raw.headers.get("link"), self._origin, urlsplit(request.url).path)
            elif raw.headers.get("link") and isinstance(value, AttribAccessDict):
                nxt, prv = pagination_from_headers(raw.headers.get("link"), self._origin,
                                                   urlsplit(request.url).path)
                if nxt or prv:  # a paged dict (grouped notifications): keep the cursors beside the keys
                    value = PagedDict(value)
                    object.__setattr__(value, "_pagination_next", nxt)
                    object.__setattr__(value, "_pagination_prev", prv)
            return value
        retry_after = None
        if status == 429:
            retry_after = parse_retry_after(raw.headers.get("retry-after"), self._clock())
            if retry_after is None and self.ratelimiter.reset is not None:
                retry_after = max(self.ratelimiter.reset - self._clock(), 0.0)
        raise error_class_for(status)("Mastodon API returned error", status, raw.reason,
                                      self._without_secrets(_error_text(raw)), retry_after=retry_after,
                                      method=call.method, url=where)

    def _without_secrets(self, text: str) -> str:
        """The server's error text with this client's token and secret masked: some servers and proxies echo
        what they were sent ("invalid token abc..."), and error texts end up on screens and in logs. Only
        secrets of a real token's length are masked, so a short test token does not garble the message."""
        for secret in (self.access_token, self.client_secret):
            if secret and len(secret) >= 8 and secret in text:
                text = text.replace(secret, "***")
        return text

    def _perform(self, call: Call) -> Generator:
        """One API call: pace, send, retry network failures of retryable calls, handle 429 by mode."""
        request = self._build(call)
        failures = 0
        limited = 0
        while True:
            delay = self.ratelimiter.delay_before_call()
            if delay > 0:
                yield Sleep(delay)
            started = time.perf_counter()
            try:
                raw = yield request
            except MastodonNetworkError as exc:
                if call.retryable and failures < self.network_retries:
                    failures += 1
                    if self.debug_requests:
                        log.info("%s %s failed (%s); retry %d", call.method, _shown_url(request), exc, failures)
                    yield Sleep(0.5 * 2 ** (failures - 1))
                    continue
                raise
            if self.debug_requests:
                log.info("%s %s -> %d in %.1f ms", call.method, _shown_url(request), raw.status,
                         1000 * (time.perf_counter() - started))
            self.ratelimiter.record(raw.headers)
            # The seed's semantics: only "wait" retries a 429; "pace" is "throw" with sleeps between calls.
            if raw.status == 429 and self.ratelimiter.method == "wait" and limited < MAX_429_RETRIES:
                limited += 1
                yield Sleep(self.ratelimiter.retry_delay(raw.headers))
                continue
            return self._interpret(call, request, raw)

    def _expand(self, gen: Generator) -> Generator:
        """Run an endpoint generator, expanding each Call into _perform; yields only HTTPRequest and Sleep."""
        value: Any = None
        exc: BaseException | None = None
        while True:
            done, op = _resume(gen, value, exc)
            if done:
                return op
            value, exc = None, None
            if isinstance(op, Call):
                try:
                    value = yield from self._perform(op)
                except MastodonError as error:
                    exc = error
            else:
                try:
                    value = yield op
                except Exception as error:  # noqa: BLE001 - handed to the endpoint, which may re-raise
                    exc = error


def _bind_endpoints(cls: type, wrap) -> None:
    for name in dir(cls):
        attr = inspect.getattr_static(cls, name, None)
        if getattr(attr, "_is_endpoint", False):
            method = wrap(attr)
            method._is_endpoint = False
            setattr(cls, name, method)


def _sync_method(fn):
    @functools.wraps(fn)
    def method(self, *args, **kwargs):
        return self._run(fn(self, *args, **kwargs))
    return method


def _async_method(fn):
    @functools.wraps(fn)
    async def method(self, *args, **kwargs):
        return await self._arun(fn(self, *args, **kwargs))
    return method


class SyncDriver(ClientCore):
    """Runs endpoints with blocking I/O. Safe to share between threads."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _bind_endpoints(cls, _sync_method)

    def _make_transport(self, session, verify):
        return SyncTransport(session, verify)

    def _run(self, gen: Generator) -> Any:
        ops = self._expand(gen)
        sleep = self._sleep or time.sleep
        value: Any = None
        exc: BaseException | None = None
        while True:
            done, op = _resume(ops, value, exc)
            if done:
                return op
            value, exc = None, None
            try:
                if isinstance(op, Sleep):
                    sleep(op.seconds)
                else:
                    value = self._transport.send(op)
            except Exception as error:  # noqa: BLE001 - thrown back into the generator
                exc = error

    def close(self) -> None:
        self._transport.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @classmethod
    def _oneshot(cls, api_base_url, request_timeout, make_gen, **kwargs):
        with cls(api_base_url=api_base_url, request_timeout=request_timeout, **kwargs) as client:
            return client._run(make_gen(client))


class AsyncDriver(ClientCore):
    """Runs endpoints as coroutines. Safe under many concurrent tasks on one event loop."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _bind_endpoints(cls, _async_method)

    def _make_transport(self, session, verify):
        return AsyncTransport(session, verify)

    async def _arun(self, gen: Generator) -> Any:
        ops = self._expand(gen)
        sleep = self._sleep or asyncio.sleep
        value: Any = None
        exc: BaseException | None = None
        while True:
            done, op = _resume(ops, value, exc)
            if done:
                return op
            value, exc = None, None
            try:
                if isinstance(op, Sleep):
                    await sleep(op.seconds)
                else:
                    value = await self._transport.send(op)
            except Exception as error:  # noqa: BLE001 - thrown back into the generator
                exc = error

    async def aclose(self) -> None:
        await self._transport.aclose()

    close = aclose

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        await self.aclose()

    @classmethod
    async def _oneshot(cls, api_base_url, request_timeout, make_gen, **kwargs):
        async with cls(api_base_url=api_base_url, request_timeout=request_timeout, **kwargs) as client:
            return await client._arun(make_gen(client))
