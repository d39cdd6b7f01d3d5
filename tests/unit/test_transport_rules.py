"""https required except on loopback; User-Agent always sent; requests never leave api_base_url's host;
debug_requests logs method, URL, status and timing, never the token."""
from __future__ import annotations

import logging

import pytest

import api
from api.urls import normalize_base_url, redact_url

from .fakes import BASE, Script, reply, sync_client

TOKEN = "tok-SECRET-123"


@pytest.mark.parametrize("given,expected", [
    ("mastodon.social", "https://mastodon.social"),
    ("https://mastodon.social/", "https://mastodon.social"),
    ("@alice@example.social", "https://example.social"),
    ("alice@example.social", "https://example.social"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://localhost:3000/", "http://localhost:3000"),
    ("http://[::1]:3000", "http://[::1]:3000"),
    ("http://demo.localhost:3000", "http://demo.localhost:3000"),
])
def test_base_url_normalisation(given, expected):
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize("url", ["http://example.social", "http://10.0.0.5", "http://127.example.com"])
def test_plain_http_refused_off_loopback(url):
    with pytest.raises(api.MastodonIllegalArgumentError) as caught:
        api.Mastodon(api_base_url=url)
    assert "https" in str(caught.value)


def test_plain_http_allowed_off_loopback_only_when_asked_and_warned():
    with pytest.warns(UserWarning, match="unencrypted"):
        client = api.Mastodon(api_base_url="http://example.social", allow_http=True)
    assert client.api_base_url == "http://example.social"


@pytest.mark.parametrize("bad", ["", "   ", "ftp://example.social", "https://"])
def test_unusable_base_urls(bad):
    with pytest.raises(api.MastodonIllegalArgumentError):
        normalize_base_url(bad)


def test_user_agent_and_bearer_token_are_sent():
    script = Script(reply(200, {"id": "1"}))
    sync_client(script).status(1)
    request = script.requests[0]
    assert request.headers["user-agent"].startswith("tootty/")
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("token", ["tok-SECRET\n", "tok-SECRET\r\nX-Evil: 1", "tok\x00SECRET", "tok-SÉCRET"])
def test_a_token_no_header_can_carry_is_refused_without_quoting_it(token):
    script = Script(reply(200, {"id": "1"}))
    client = sync_client(script, access_token=token)
    with pytest.raises(api.MastodonIllegalArgumentError) as caught:
        client.status(1)
    assert "SECRET" not in str(caught.value) and "line break" in str(caught.value)
    assert script.requests == []


def test_a_server_echoing_the_token_or_secret_does_not_put_it_into_the_error():
    script = Script(reply(401, {"error": f"token {TOKEN} is not valid for client secret sec-SECRET-456"}))
    client = sync_client(script, client_id="cid", client_secret="sec-SECRET-456")
    with pytest.raises(api.MastodonUnauthorizedError) as caught:
        client.status(1)
    assert "SECRET" not in str(caught.value) and "SECRET" not in caught.value.error
    assert "token *** is not valid" in caught.value.error


@pytest.mark.parametrize("request_timeout, expected", [(300, 30.0), (5, 5), (None, 30.0)])
def test_a_probe_timeout_never_exceeds_the_clients(request_timeout, expected):
    script = Script(reply(200, raw=b"OK"))
    client = sync_client(script, request_timeout=request_timeout)
    assert client.stream_healthy() is True
    assert script.requests[0].extensions["timeout"]["read"] == expected


def test_unauthenticated_calls_send_no_token():
    script = Script(reply(200, {"uri": "example.social"}))
    sync_client(script).instance()
    assert "authorization" not in script.requests[0].headers


def test_requests_never_go_to_another_host():
    script = Script(reply(200, []))
    client = sync_client(script)
    with pytest.raises(api.MastodonIllegalArgumentError):
        client._run(iter_call("https://evil.example/api/v1/timelines/home"))
    assert script.requests == []


def iter_call(path):
    from api.endpoints._base import Call
    return (yield Call("GET", path))


def test_ids_cannot_change_the_path():
    script = Script(reply(200, {"id": "1"}))
    sync_client(script).status("../accounts/verify_credentials")
    assert script.requests[0].url.raw_path == b"/api/v1/statuses/..%2Faccounts%2Fverify_credentials"


def test_redact_url():
    assert redact_url(f"{BASE}/x?access_token={TOKEN}&max_id=3") == f"{BASE}/x?access_token=***&max_id=3"
    assert redact_url(f"{BASE}/x") == f"{BASE}/x"


def test_debug_requests_logs_method_url_status_timing_never_the_token(caplog):
    script = Script(reply(200, [], {"link": ""}))
    client = sync_client(script, debug_requests=True)
    with caplog.at_level(logging.INFO, logger="api"):
        client.timeline_home(limit=5)
        client.fetch_next({"path": "/api/v1/timelines/home", "params": {"access_token": TOKEN, "max_id": "9"}})
    lines = [r.getMessage() for r in caplog.records if r.name == "api"]
    assert len(lines) == 2
    assert lines[0].startswith("GET https://example.social/api/v1/timelines/home?limit=5 -> 200 in ")
    assert lines[0].endswith(" ms")
    assert all(TOKEN not in line for line in lines)
    assert "access_token=***" in lines[1]


def test_debug_off_logs_nothing(caplog):
    with caplog.at_level(logging.DEBUG, logger="api"):
        sync_client(Script(reply(200, {"id": "1"}))).status(1)
    assert [r for r in caplog.records if r.name == "api"] == []
