"""Malformed requests get Mastodon-style 4xx JSON (never a traceback) and the instance keeps serving."""
from __future__ import annotations

import socket

import pytest

from .helpers import client

CASES = [
    ("POST", "/api/v1/statuses", {"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
    ("POST", "/api/v1/statuses", {"content": b"[1,2]", "headers": {"Content-Type": "application/json"}}, 400),
    ("POST", "/api/v1/statuses", {"json": {"status": {"nested": True}}}, 422),
    ("POST", "/api/v1/statuses", {"json": {"status": "x", "media_ids": "notalist-but-ok"}}, 422),
    ("POST", "/api/v1/statuses", {"json": {"status": "x", "poll": "nope"}}, 422),
    ("POST", "/api/v1/statuses", {"json": {"status": "x", "poll": {"options": ["a", "b"], "expires_in": "soon"}}}, 422),
    ("POST", "/api/v1/statuses", {"data": {"status": "x", "scheduled_at": "tomorrow-ish"}}, 422),
    ("POST", "/api/v1/statuses", {"content": b"status=x&media_ids[]=1&media_ids[x]=2",
                                  "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400),
    ("GET", "/api/v1/statuses/99999999999999999999999999999999999999999999", {}, 404),
    ("GET", "/api/v1/statuses/abc%00def", {}, 404),
    ("GET", "/api/v1/accounts/-1", {}, 404),
    ("GET", "/api/v1/timelines/home?max_id[]=1&limit=-5", {}, 422),
    ("POST", "/api/v1/polls/1/votes", {"json": {"choices": [[1]]}}, 422),
    ("POST", "/api/v1/markers", {"json": {"home": {"last_read_id": {"a": 1}}}}, 422),
    ("POST", "/api/v2/filters", {"json": {"title": "t", "context": ["nowhere"]}}, 422),
    ("POST", "/api/v2/filters", {"json": {"title": "t", "context": ["home"], "keywords_attributes": "x"}}, 422),
    ("PATCH", "/api/v1/accounts/update_credentials", {"json": {"fields_attributes": 5}}, 422),
    ("POST", "/api/v1/media", {"content": b"--x\r\nbroken", "headers": {"Content-Type": "multipart/form-data; boundary=x"}}, 422),
    ("DELETE", "/api/v1/timelines/home", {}, 404),
    ("GET", "/api/v9/anything", {}, 404),
]


@pytest.mark.parametrize("method, path, kw, status", CASES)
def test_bad_request_gets_json_error(instance, method, path, kw, status):
    with client(instance) as c:
        r = c.request(method, path, **kw)
        assert r.status_code == status, r.text
        body = r.json()
        assert isinstance(body.get("error"), str) and "Traceback" not in r.text
        assert c.get("/api/v1/instance").status_code == 200


def test_removed_endpoints_answer_404(instance):
    with client(instance) as c:
        assert c.post("/api/v1/follows", data={"uri": "alice@localhost"}).status_code == 404
        assert c.get("/api/v1/reports").status_code == 404
        assert c.get("/api/v1/search", params={"q": "alice"}).status_code == 404


def test_garbage_bytes_on_the_socket(instance):
    host, port = instance.base_url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(b"\x16\x03\x01 this is not http\r\n\r\n")
        s.recv(1024)  # whatever it answers (400 or a close), it must not take the server down
    with client(instance) as c:
        assert c.get("/api/v1/instance").status_code == 200
