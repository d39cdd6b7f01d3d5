"""Whatever a server answers (any status, any headers, any body: malformed, truncated, wrong shapes, nulls, huge
numbers, odd dates and ids), the client either returns entities or raises a MastodonError that says what went
wrong. Never a KeyError, TypeError, RecursionError or a hang.

The server here is an httpx MockTransport handler (httpx's own test transport, not our code): the library's
request building, driver, rate limiter, entity parsing and pagination all run for real."""
from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest
from hypothesis import given, strategies as st

from api import Mastodon
from api.entities import AttribAccessDict, AttribAccessList, loads, to_entity
from api.errors import MastodonError
from tests.fuzz.strategies import FUZZ, hostile_strings, json_values

ORIGIN = "http://127.0.0.1:9"
TOKEN = "fuzz-token-never-leaves-the-header"

statuses = st.one_of(st.sampled_from([200, 200, 200, 201, 202, 204, 206, 301, 400, 401, 403, 404, 410, 422, 429,
                                      500, 502, 503, 504]), st.integers(100, 599))
header_values = st.one_of(hostile_strings.filter(lambda s: s.isascii() and "\n" not in s and "\r" not in s
                                                 and "\x00" not in s),
                          st.sampled_from(["0", "-1", "1e400", "nan", "Wed, 21 Oct 2015 07:28:00 GMT",
                                           "2026-11-26T20:00:00Z", '<http://127.0.0.1:9/x?max_id=1>; rel="next"',
                                           '<https://evil.example/steal?max_id=2>; rel="next"']))
headers = st.dictionaries(st.sampled_from(["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                                           "retry-after", "date", "link", "content-type"]), header_values, max_size=6)


def body_from(kind: str, value, raw: bytes) -> bytes:
    text = json.dumps(value, allow_nan=True)
    if kind == "json":
        return text.encode()
    if kind == "truncated":
        return text.encode()[: max(0, len(text) // 2)]
    if kind == "nested":
        return b"[" * 5000 + b"]" * 5000
    if kind == "huge-int":
        return b'{"id": ' + b"9" * 5000 + b"}"
    return raw


bodies = st.tuples(st.sampled_from(["json", "json", "json", "truncated", "raw", "nested", "huge-int"]),
                   json_values, st.binary(max_size=200)).map(lambda t: body_from(*t))


class Server:
    """Answers every request with the next scripted response and remembers what was asked."""

    def __init__(self, responses):
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, head, body = self.responses[min(len(self.requests) - 1, len(self.responses) - 1)]
        return httpx.Response(status, headers=head, content=body)


def client_for(server: Server, method: str = "throw") -> Mastodon:
    slept = []
    return Mastodon(access_token=TOKEN, api_base_url=ORIGIN, ratelimit_method=method, network_retries=1,
                    session=httpx.Client(transport=httpx.MockTransport(server)), sleep=slept.append,
                    clock=lambda: 1_800_000_000.0)


CALLS = [
    ("account_verify_credentials", (), {}),
    ("timeline_home", (), {"limit": 5}),
    ("notifications", (), {}),
    ("grouped_notifications", (), {}),
    ("status", ("1",), {}),
    ("status_context", ("1",), {}),
    ("instance", (), {}),
    ("search_v2", ("x",), {}),
    ("media", ("5",), {}),
]


def assert_entities(value) -> None:
    """Everything returned is our entity types (or plain scalars), ids are strings, dates are datetimes or
    left as the server sent them."""
    if isinstance(value, dict):
        assert isinstance(value, AttribAccessDict)
        for key, item in value.items():
            if key == "id" and item is not None and not isinstance(item, (dict, list, float, bool)):
                assert isinstance(item, str)
            assert_entities(item)
    elif isinstance(value, list):
        assert isinstance(value, list)  # AttribAccessList where parsed; [] where an endpoint fills a gap
        for item in value:
            assert_entities(item)
    else:
        assert value is None or isinstance(value, (str, int, float, bool, datetime))


@FUZZ
@given(st.sampled_from(CALLS), st.lists(st.tuples(statuses, headers, bodies), min_size=1, max_size=3),
       st.sampled_from(["throw", "wait", "pace"]))
def test_any_response_gives_entities_or_a_mastodon_error(call, responses, method):
    name, args, kwargs = call
    server = Server(responses)
    api = client_for(server, method)
    try:
        result = getattr(api, name)(*args, **kwargs)
    except MastodonError as error:
        text = str(error)
        assert text and TOKEN not in text and TOKEN not in repr(error.args)
    else:
        assert_entities(result)
    finally:
        api.close()
    for request in server.requests:  # wait mode may retry a 429, but only against our own server
        assert request.url.host == "127.0.0.1" and TOKEN not in str(request.url)


@FUZZ
@given(st.lists(st.tuples(st.just(200), headers, bodies), min_size=2, max_size=4))
def test_paging_with_any_link_header_stays_on_the_server(responses):
    """A Link header may point anywhere: the next page is still fetched from our server, and the token never
    goes elsewhere."""
    server = Server([(200, responses[0][1], b"[{\"id\": \"1\"}]")] + responses[1:])
    api = client_for(server)
    try:
        page = api.timeline_home()
        for _ in range(3):
            page = api.fetch_next(page)
            if not page:
                break
    except MastodonError as error:
        assert TOKEN not in str(error)
    finally:
        api.close()
    for request in server.requests:
        assert request.url.host == "127.0.0.1" and request.url.port == 9
        assert TOKEN not in str(request.url)


@FUZZ
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())))
def test_loads_raises_only_value_errors(raw):
    try:
        value = loads(raw)
    except (ValueError, RecursionError):
        return
    assert_entities(value)
    assert_entities(to_entity(json.loads(raw)))


@pytest.mark.parametrize("body", [b"", b"null", b"true", b"42", b'"text"', b"[]", b"{}", b"[null]", b"{\"id\": null}"])
def test_odd_but_valid_bodies_for_a_dict_endpoint(body):
    server = Server([(200, {}, body)])
    api = client_for(server)
    try:
        result = api.account_verify_credentials()
    except MastodonError as error:
        assert "shape" in str(error) or "JSON" in str(error)
    else:
        assert isinstance(result, dict)
    finally:
        api.close()
