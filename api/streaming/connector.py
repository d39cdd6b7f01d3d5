"""Opening a stream connection: where (discovered streaming host, then the API host) and how (WebSocket, then
SSE), remembering what worked so a reconnect goes straight to it.

Outcomes of `open()`: a connected, subscribed transport; MastodonUnauthorizedError (the token was refused:
retrying cannot help); MastodonForbiddenError; MastodonStreamingUnavailableError (every transport answered with
an HTTP status instead of a stream: the server has no streaming); or MastodonNetworkError (try again later).
"""
from __future__ import annotations

import ssl

import httpx

from ..transport import tls_verify
from ..errors import MastodonError, MastodonNetworkError
from .discovery import candidate_bases, to_http
from .errors import HandshakeRefused, MastodonStreamingUnavailableError
from .transport_sse import SSETransport
from .transport_ws import WebSocketTransport

KINDS = {"auto": ("websocket", "sse"), "websocket": ("websocket",), "sse": ("sse",)}


class Connector:
    def __init__(self, *, api_base_url: str, token: str | None, specs, mode: str = "auto",
                 streaming_url: str | None = None, discover=None, open_timeout: float = 10.0,
                 ping_interval: float = 20.0, read_timeout: float = 90.0, user_agent: str | None = None,
                 verify=True, http: httpx.AsyncClient | None = None) -> None:
        if mode not in KINDS:
            raise ValueError("transport must be 'auto', 'websocket' or 'sse'")
        self.api_base_url = api_base_url.rstrip("/")
        self.token = token
        self.specs = specs
        self.mode = mode
        self.streaming_url = streaming_url
        self.discover = discover
        self.open_timeout = open_timeout
        self.ping_interval = ping_interval
        self.read_timeout = read_timeout
        self.user_agent = user_agent
        self.verify = verify
        self._http = http
        self._own_http = http is None
        self._bases: list[str] | None = None
        self._preferred: str | None = None

    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(verify=tls_verify(self.verify), trust_env=True)
        return self._http

    async def aclose(self) -> None:
        if self._own_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    async def open(self):
        if self._bases is None:
            self._bases = await candidate_bases(self.api_base_url, self.streaming_url, self.discover, self.http,
                                                self.open_timeout)
        kinds = KINDS[self.mode]
        if self._preferred in kinds:  # what worked last time goes first: no doomed handshake per reconnect
            kinds = (self._preferred,) + tuple(k for k in kinds if k != self._preferred)
        refused: dict = {}              # kind -> (HTTP status that answered instead of a stream, its error)
        last_error: MastodonError | None = None
        for kind in kinds:
            for base in list(self._bases):
                transport = self._make(kind, base)
                try:
                    await transport.connect()
                except HandshakeRefused as exc:
                    await transport.close()
                    if exc.status == 401:
                        raise transport.refused_error(401) from None
                    # 403 is ambiguous on a WebSocket upgrade (Starlette and others answer 403 for a path they
                    # do not serve), so the other transport is tried before concluding anything.
                    refused[kind] = (exc.status, transport.refused_error(exc.status))
                    break
                except MastodonNetworkError as exc:
                    last_error = exc
                    await transport.close()
                    continue
                self._bases.remove(base)
                self._bases.insert(0, base)
                self._preferred = kind
                return transport
        if len(refused) == len(kinds):
            if {status for status, _error in refused.values()} == {403}:
                raise next(iter(refused.values()))[1]
            raise MastodonStreamingUnavailableError(
                "Streaming unavailable", 404, "", "this server offers no streaming API: poll the timelines "
                "instead", method="GET", url=self.api_base_url + "/api/v1/streaming")
        raise last_error or MastodonNetworkError("could not open a stream")

    def _make(self, kind: str, base: str):
        if kind == "websocket":
            return WebSocketTransport(base, self.token, self.specs, open_timeout=self.open_timeout,
                                      ping_interval=self.ping_interval, user_agent=self.user_agent,
                                      ssl_context=ssl_context(self.verify))
        return SSETransport(to_http(base), self.token, self.specs, http=self.http(),
                            open_timeout=self.open_timeout, read_timeout=self.read_timeout,
                            user_agent=self.user_agent)


def ssl_context(verify):
    """TLS for wss:// that follows the same `verify` as the HTTP side: True (system CAs), False (no check, for a
    self-signed development server), or a CA bundle path."""
    if verify is True:
        return None  # websockets' default: verified against the system store
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    return ssl.create_default_context(cafile=str(verify))
