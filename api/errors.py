"""The error tree. The seed's names are kept (users catch them), and every HTTP failure maps to one class by its
status code, never by the text of the body (which servers localise).

Messages never contain credentials: the request line is kept without query strings that could carry one, and
tokens are never part of any error text.
"""
from __future__ import annotations


class MastodonError(Exception):
    """Base class of every error this library raises."""


class MastodonIllegalArgumentError(ValueError, MastodonError):
    """A caller passed something unusable (bad visibility, unknown mime type, missing client id...)."""


class MastodonIOError(IOError, MastodonError):
    """Base class of file and network I/O errors."""


class MastodonFileNotFoundError(MastodonIOError):
    """A credential or media file could not be read."""


class MastodonNetworkError(MastodonIOError):
    """The server could not be reached, the connection broke, or TLS failed."""


class MastodonReadTimeout(MastodonNetworkError):
    """The server did not answer within request_timeout."""


class MastodonVersionError(MastodonError):
    """The server does not offer a feature this call needs."""


class MastodonMalformedEventError(MastodonError):
    """A streaming event could not be parsed. Streams skip and count these."""


class MastodonAPIError(MastodonError):
    """The server answered with an error. Carries `status`, `reason` (HTTP reason phrase) and `error` (the
    server's own text, from its JSON body when it has one). Args keep the seed's order:
    ('Mastodon API returned error', status, reason, error)."""

    def __init__(self, message: str = "Mastodon API returned error", status: int | None = None,
                 reason: str = "", error: str = "", *, retry_after: float | None = None,
                 method: str = "", url: str = ""):
        super().__init__(message, status, reason, error)
        self.message = message
        self.status = status
        self.reason = reason
        self.error = error
        self.retry_after = retry_after
        self.method = method
        self.url = url

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method else ""
        status = f"{self.status} " if self.status is not None else ""
        detail = self.error or self.reason or ""
        return f"{self.message}: {status}{detail}{where}".strip()


class MastodonBadResponseError(MastodonAPIError):
    """The server answered with a body that is not the JSON it should be (malformed or truncated)."""


class MastodonUnauthorizedError(MastodonAPIError):
    """401: the token is missing, wrong, expired or revoked."""


class MastodonForbiddenError(MastodonAPIError):
    """403: the token lacks a scope, or the action is not allowed."""


class MastodonNotFoundError(MastodonAPIError):
    """404: no such object, or the server does not have this endpoint."""


class MastodonEndpointRemovedError(MastodonNotFoundError, MastodonVersionError):
    """The server no longer has an endpoint the seed offered and there is no modern replacement (for example
    GET /api/v1/reports, gone since Mastodon 2.x). Both a 404 and a version error, so either catch works."""


class MastodonGoneError(MastodonAPIError):
    """410: the object or endpoint was removed."""


class MastodonUnprocessableError(MastodonAPIError):
    """422: the server refused the input (validation failed)."""


class MastodonRatelimitError(MastodonAPIError):
    """429, or a call that pace/wait mode would have to delay past its limit. `retry_after` is the number of
    seconds after which a retry should succeed, when known."""


class MastodonServerError(MastodonAPIError):
    """5xx: the server failed."""


class MastodonInternalServerError(MastodonServerError):
    """500"""


class MastodonBadGatewayError(MastodonServerError):
    """502"""


class MastodonServiceUnavailableError(MastodonServerError):
    """503"""


class MastodonGatewayTimeoutError(MastodonServerError):
    """504"""


_BY_STATUS = {
    401: MastodonUnauthorizedError,
    403: MastodonForbiddenError,
    404: MastodonNotFoundError,
    410: MastodonGoneError,
    422: MastodonUnprocessableError,
    429: MastodonRatelimitError,
    500: MastodonInternalServerError,
    502: MastodonBadGatewayError,
    503: MastodonServiceUnavailableError,
    504: MastodonGatewayTimeoutError,
}


def error_class_for(status: int) -> type[MastodonAPIError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return MastodonServerError
    return MastodonAPIError


__all__ = [name for name in dict(globals()) if name.startswith("Mastodon")]
