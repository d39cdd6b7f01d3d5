"""Errors particular to streaming. They extend the library's tree (api/errors.py) so callers that catch
MastodonNotFoundError or MastodonNetworkError keep working."""
from __future__ import annotations

from ..errors import (MastodonAPIError, MastodonForbiddenError, MastodonNetworkError, MastodonNotFoundError,
                      MastodonUnauthorizedError, error_class_for)


class MastodonStreamingUnavailableError(MastodonNotFoundError):
    """The server offers no streaming at all (both the WebSocket and the SSE endpoints answer 404): poll the
    REST timelines instead."""


class MastodonStreamStalledError(MastodonNetworkError):
    """Nothing (no event, heartbeat or pong) arrived for longer than the watchdog allows: the connection is
    treated as dead and replaced."""


def connect_failure(exc: BaseException) -> str:
    """Why a stream could not be opened, in words: an untrusted TLS certificate is named as such (it is buried
    in the exception chain, under a bare ConnectError on the SSE side)."""
    import ssl

    link: BaseException | None = exc
    for _ in range(10):
        if link is None:
            break
        if isinstance(link, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(link):
            return "TLS certificate could not be verified"
        link = link.__cause__ or link.__context__
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# Errors after which retrying cannot help: the stream ends through on_abort / Aborted.
FATAL = (MastodonUnauthorizedError, MastodonForbiddenError, MastodonStreamingUnavailableError)


def http_error(status: int, url: str, detail: str = "") -> MastodonAPIError:
    """The library's error for a refused streaming handshake (url must already be free of credentials)."""
    cls = error_class_for(status)
    what = {401: "the access token was refused (revoked or expired?)",
            403: "the access token may not read this stream"}.get(status, detail or "streaming refused")
    return cls("Streaming refused", status, "", what, method="GET", url=url)


class HandshakeRefused(Exception):
    """Internal: the server answered a stream request with an HTTP status instead of a stream."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status
