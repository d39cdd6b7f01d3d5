"""The thin I/O shell: one HTTP exchange over httpx, sync or async, with network failures mapped to the
library's errors. Everything else (rate limits, retries, parsing) is pure and lives in api/driver.py."""
from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from typing import Any

import httpx

from .errors import MastodonNetworkError, MastodonReadTimeout


@dataclass
class HTTPRequest:
    method: str
    url: str
    params: dict | None
    data: dict | None
    json: Any
    files: dict | None
    headers: dict
    timeout: float | None


@dataclass
class RawResponse:
    status: int
    reason: str
    headers: httpx.Headers
    content: bytes
    url: str

    def json(self) -> Any:
        from .entities import loads
        return loads(self.content)


def _describe(exc: Exception, request: HTTPRequest) -> str:
    # httpx messages name the host and port, never headers: safe to show. Query strings are dropped.
    where = request.url.split("?", 1)[0]
    chain = [exc]
    while (chain[-1].__cause__ or chain[-1].__context__) is not None and len(chain) < 20:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)
    cause = chain[-1]
    if any(isinstance(link, ConnectionRefusedError) for link in chain):
        # The async stack wraps it in "All connection attempts failed"; say what happened.
        return f"connection refused by {httpx.URL(request.url).host}"
    if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return f"TLS certificate of {where} could not be verified"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc) or type(cause).__name__
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return f"unknown host: {httpx.URL(request.url).host}"
        if "refused" in text.lower():
            return f"connection refused by {httpx.URL(request.url).host}"
        return f"could not connect to {where}: {text}"
    return f"network error talking to {where}: {type(exc).__name__}: {exc}"


def _map_error(exc: Exception, request: HTTPRequest) -> Exception:
    if isinstance(exc, httpx.TimeoutException):
        return MastodonReadTimeout(f"no answer from {request.url.split('?', 1)[0]} within {request.timeout} s")
    return MastodonNetworkError(_describe(exc, request))


def tls_verify(verify):
    """httpx's `verify`: True (system CAs), False, an SSLContext, or a CA bundle path made into a context (httpx
    deprecated passing the path itself)."""
    if isinstance(verify, (str, bytes)) or hasattr(verify, "__fspath__"):
        return ssl.create_default_context(cafile=os.fsdecode(verify))
    return verify


def _kwargs(request: HTTPRequest) -> dict:
    kwargs: dict = {"params": request.params, "headers": request.headers, "timeout": request.timeout}
    if request.files:
        kwargs["files"] = request.files
        kwargs["data"] = request.data
    elif request.json is not None:
        kwargs["json"] = request.json
    elif request.data is not None:
        kwargs["data"] = request.data
    return kwargs


def _raw(response: httpx.Response) -> RawResponse:
    return RawResponse(response.status_code, response.reason_phrase, response.headers, response.content,
                       str(response.url))


class SyncTransport:
    def __init__(self, client: httpx.Client | None = None, verify: bool | str = True):
        self.client = client or httpx.Client(verify=tls_verify(verify), follow_redirects=False)

    def send(self, request: HTTPRequest) -> RawResponse:
        try:
            response = self.client.request(request.method, request.url, **_kwargs(request))
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise _map_error(exc, request) from None
        return _raw(response)

    def close(self) -> None:
        self.client.close()


class AsyncTransport:
    def __init__(self, client: httpx.AsyncClient | None = None, verify: bool | str = True):
        self.client = client or httpx.AsyncClient(verify=tls_verify(verify), follow_redirects=False,
                                                  limits=httpx.Limits(max_connections=32))

    async def send(self, request: HTTPRequest) -> RawResponse:
        try:
            response = await self.client.request(request.method, request.url, **_kwargs(request))
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise _map_error(exc, request) from None
        return _raw(response)

    async def aclose(self) -> None:
        await self.client.aclose()
