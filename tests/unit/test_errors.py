"""Every HTTP failure maps to one class by status code (never by body text) with status, the server's text and,
for 429, retry_after; network failures and timeouts are MastodonNetworkError; no message carries a token."""
from __future__ import annotations

import httpx
import pytest

import api
from api import errors

from .fakes import Script, reply, sync_client

TOKEN = "tok-SECRET-123"


@pytest.mark.parametrize("status,cls", [
    (400, errors.MastodonAPIError), (401, errors.MastodonUnauthorizedError), (403, errors.MastodonForbiddenError),
    (404, errors.MastodonNotFoundError), (410, errors.MastodonGoneError),
    (422, errors.MastodonUnprocessableError), (429, errors.MastodonRatelimitError),
    (500, errors.MastodonInternalServerError), (502, errors.MastodonBadGatewayError),
    (503, errors.MastodonServiceUnavailableError), (504, errors.MastodonGatewayTimeoutError),
    (507, errors.MastodonServerError),
])
def test_status_maps_to_class(status, cls):
    client = sync_client(Script(reply(status, {"error": f"Fehler {status}"})), ratelimit_method="throw")
    with pytest.raises(cls) as caught:
        client.status(1)
    exc = caught.value
    assert type(exc) is cls
    assert isinstance(exc, api.MastodonAPIError) and isinstance(exc, api.MastodonError)
    assert exc.status == status and exc.error == f"Fehler {status}"
    assert exc.args[:2] == ("Mastodon API returned error", status)   # the seed's argument order
    assert "GET" in str(exc) and "/api/v1/statuses/1" in str(exc)
    if status >= 500:
        assert isinstance(exc, api.MastodonServerError)


def test_error_description_is_appended_and_html_bodies_are_dropped():
    client = sync_client(Script(reply(422, {"error": "Validation failed", "error_description": "Text too long"})))
    with pytest.raises(errors.MastodonUnprocessableError) as caught:
        client.toot("x")
    assert caught.value.error == "Validation failed: Text too long"
    client = sync_client(Script(reply(502, raw=b"<html><body>Bad gateway</body></html>")))
    with pytest.raises(errors.MastodonBadGatewayError) as caught:
        client.status(1)
    assert "<html" not in str(caught.value)


def test_429_carries_retry_after():
    client = sync_client(Script(reply(429, {"error": "slow"}, {"retry-after": "30"})), ratelimit_method="throw")
    with pytest.raises(errors.MastodonRatelimitError) as caught:
        client.status(1)
    assert caught.value.retry_after == 30.0


def test_network_failure_is_a_network_error():
    client = sync_client(Script(httpx.ConnectError("[Errno 111] Connection refused")), network_retries=0)
    with pytest.raises(api.MastodonNetworkError) as caught:
        client.status(1)
    assert "refused" in str(caught.value)


def test_timeout_is_a_read_timeout_and_a_network_error():
    client = sync_client(Script(httpx.ReadTimeout("timed out")), network_retries=0, request_timeout=2)
    with pytest.raises(api.MastodonReadTimeout) as caught:
        client.status(1)
    assert isinstance(caught.value, api.MastodonNetworkError)
    assert "2 s" in str(caught.value)


def test_get_is_retried_after_a_network_failure_but_post_without_key_is_not():
    slept = []
    script = Script(httpx.ReadError("reset"), reply(200, {"id": "1"}))
    assert sync_client(script, sleep=slept.append).status(1)["id"] == "1"
    assert len(script.requests) == 2 and slept == [0.5]
    script = Script(httpx.ReadError("reset"), reply(200, {"id": "1"}))
    with pytest.raises(api.MastodonNetworkError):
        sync_client(script, sleep=slept.append).status_favourite(1)
    assert len(script.requests) == 1


def test_posting_is_retried_with_the_same_idempotency_key():
    script = Script(httpx.ReadError("dropped after commit"), reply(200, {"id": "1"}))
    sync_client(script, sleep=lambda s: None).toot("hello")
    keys = [r.headers["idempotency-key"] for r in script.requests]
    assert len(keys) == 2 and keys[0] == keys[1] and len(keys[0]) >= 16


def test_no_error_text_contains_the_token():
    bodies = [reply(401, {"error": "The access token is invalid"}), reply(500, raw=b"oops"),
              httpx.ConnectError("refused"), httpx.ReadTimeout("slow")]
    for answer in bodies:
        client = sync_client(Script(answer), network_retries=0)
        with pytest.raises(api.MastodonError) as caught:
            client.fetch_next({"path": "/api/v1/timelines/home", "params": {"access_token": TOKEN}})
        text = str(caught.value) + repr(caught.value.args)
        assert TOKEN not in text


def test_the_seed_exception_names_are_importable_from_api():
    from api import (MastodonAPIError, MastodonError, MastodonFileNotFoundError,  # noqa: F401
                     MastodonIllegalArgumentError, MastodonMalformedEventError, MastodonNetworkError,
                     MastodonNotFoundError, MastodonRatelimitError, MastodonServerError, MastodonUnauthorizedError)
    assert issubclass(MastodonIllegalArgumentError, ValueError)


def test_removed_endpoint_error_is_both_not_found_and_version_error():
    assert issubclass(errors.MastodonEndpointRemovedError, errors.MastodonNotFoundError)
    assert issubclass(errors.MastodonEndpointRemovedError, errors.MastodonVersionError)
