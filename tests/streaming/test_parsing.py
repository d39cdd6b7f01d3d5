"""Pure pieces of the streaming client: event parsing, stream naming, streaming-host discovery. No network."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, strategies as st

from api.errors import MastodonIllegalArgumentError, MastodonMalformedEventError
from api.streaming import (Delete, FiltersChanged, Notification, StatusUpdate, StreamSpec, Unknown, Update,
                           as_spec)
from api.streaming.backfill import id_key
from api.streaming.discovery import advertised, to_http, to_ws
from api.streaming.events import parse_event
from api.streaming.streams import backfill_sources, spec_from_wire

USER = StreamSpec("user")
STATUS = {"id": 103, "created_at": "2024-05-01T10:00:00.000Z", "content": "<p>hi</p>",
          "account": {"id": "7", "acct": "alice"}, "in_reply_to_id": None}


def test_update_payload_is_parsed_twice_into_an_entity():
    event = parse_event(USER, "update", json.dumps(STATUS))
    assert isinstance(event, Update) and event.stream is USER
    assert event.status.id == "103"                       # ids are strings, even when sent as numbers
    assert isinstance(event.status.created_at, datetime)  # dates are aware datetimes
    assert event.status.account.acct == "alice"


@pytest.mark.parametrize("name,cls", [("status.update", StatusUpdate), ("notification", Notification)])
def test_entity_events(name, cls):
    assert isinstance(parse_event(USER, name, json.dumps(STATUS)), cls)


@pytest.mark.parametrize("payload,expected", [("123", "123"), ('"123"', "123"), (" 99 ", "99")])
def test_delete_takes_a_bare_or_quoted_id(payload, expected):
    assert parse_event(USER, "delete", payload) == Delete(USER, expected)


def test_filters_changed_ignores_whatever_payload_comes():
    assert parse_event(USER, "filters_changed", None) == FiltersChanged(USER)
    assert parse_event(USER, "filters_changed", "undefined") == FiltersChanged(USER)  # Mastodon's SSE writes that


@pytest.mark.parametrize("name,payload", [
    ("update", None), ("update", "{not json"), ("update", "[1, 2]"), ("update", json.dumps({"id": ""})),
    ("update", json.dumps({"content": "no id"})), ("notification", "null"), ("delete", None),
    ("delete", "two words"), ("delete", '"unterminated'), ("", "{}"),
])
def test_malformed_payloads_raise_the_malformed_error(name, payload):
    with pytest.raises(MastodonMalformedEventError):
        parse_event(USER, name, payload)


def test_unknown_events_keep_their_payload():
    assert parse_event(USER, "announcement", '{"id": "1"}').payload == {"id": "1"}
    assert parse_event(USER, "future.thing", "raw text") == Unknown(USER, "future.thing", "raw text")


@given(st.text(max_size=50), st.one_of(st.none(), st.text(max_size=200)))
def test_parse_event_never_raises_anything_but_the_malformed_error(name, payload):
    try:
        parse_event(USER, name, payload)
    except MastodonMalformedEventError:
        pass


def test_stream_specs_and_their_wire_forms():
    tag = StreamSpec("hashtag", tag="#Python")
    assert tag.tag == "Python" and tag.subscribe_message() == {"type": "subscribe", "stream": "hashtag",
                                                               "tag": "Python"}
    assert tag.sse_path() == "/api/v1/streaming/hashtag?tag=Python"
    lst = StreamSpec("list", list_id=12)
    assert lst.subscribe_message("unsubscribe") == {"type": "unsubscribe", "stream": "list", "list": "12"}
    assert StreamSpec("public:local:media").sse_path() == "/api/v1/streaming/public/local?only_media=true"
    assert StreamSpec("hashtag:local", tag="a b").sse_path() == "/api/v1/streaming/hashtag/local?tag=a%20b"
    assert spec_from_wire(["hashtag", "PYTHON"], [USER, tag]) is tag  # tags match case-insensitively
    assert spec_from_wire(["list", "12"], [lst]) is lst
    assert spec_from_wire(["list", "13"], [lst]) is None
    assert spec_from_wire("user", [USER]) is None


def test_shorthands():
    assert as_spec("hashtag:python") == StreamSpec("hashtag", tag="python")
    assert as_spec("hashtag:local:python") == StreamSpec("hashtag:local", tag="python")
    assert as_spec("list:12") == StreamSpec("list", list_id="12")
    assert as_spec(("list", 12)) == StreamSpec("list", list_id="12")
    assert as_spec("public:local") == StreamSpec("public:local")
    for bad in ("nonsense", "hashtag", "list"):
        with pytest.raises(MastodonIllegalArgumentError):
            as_spec(bad)
    with pytest.raises(MastodonIllegalArgumentError):
        StreamSpec("user", tag="x")


def test_backfill_sources_per_stream():
    assert [k for k, _m, _a in backfill_sources(USER)] == ["status", "notification"]
    assert backfill_sources(StreamSpec("hashtag:local", tag="x")) == [
        ("status", "timeline_hashtag", {"hashtag": "x", "local": True})]
    assert backfill_sources(StreamSpec("public:remote")) == [("status", "timeline_public", {"remote": True})]
    assert backfill_sources(StreamSpec("direct")) == []


def test_ids_order_by_length_then_text():
    ids = ["99", "100", "1000", "999"]
    assert sorted(ids, key=id_key) == ["99", "100", "999", "1000"]


def test_discovery_helpers():
    assert to_ws("https://social.example") == "wss://social.example"
    assert to_ws("wss://streaming.example/") == "wss://streaming.example"
    assert to_ws("http://127.0.0.1:3000/api/v1/streaming") == "ws://127.0.0.1:3000"
    assert to_ws("streaming.example") == "wss://streaming.example"
    assert to_ws("ftp://x") is None and to_ws("") is None and to_ws(None) is None
    assert to_ws("wss://user:pw@evil.example") is None  # credentials in a URL are never followed
    assert to_http("wss://a.example") == "https://a.example" and to_http("ws://b:1") == "http://b:1"
    assert advertised({"configuration": {"urls": {"streaming": "wss://s.example"}}}) == "wss://s.example"
    assert advertised({"urls": {"streaming_api": "wss://old.example"}}) == "wss://old.example"
    assert advertised({"configuration": {"urls": {}}}) is None and advertised(None) is None


@given(st.one_of(st.text(max_size=300), st.binary(max_size=100),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                              lambda inner: st.lists(inner, max_size=4)
                              | st.dictionaries(st.sampled_from(["stream", "event", "payload", "error", "status",
                                                                 "x"]), inner, max_size=5),
                              max_leaves=12).map(json.dumps)))
def test_any_websocket_frame_becomes_an_item_never_an_exception(frame):
    from api.streaming.transport_ws import WebSocketTransport
    transport = WebSocketTransport("ws://127.0.0.1:1", None, [USER, StreamSpec("hashtag", tag="x")],
                                   open_timeout=1, ping_interval=1)
    item = transport._item(frame)
    assert item.kind in ("event", "refused", "malformed", "ignored")
    if item.kind == "event":
        try:
            parse_event(item.spec, item.event, item.payload)
        except MastodonMalformedEventError:
            pass
