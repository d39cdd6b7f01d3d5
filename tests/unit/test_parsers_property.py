"""Property tests: the header and body parsers take any input a server (or a hostile one) can send without
raising anything but the documented errors, and their results stay within bounds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from api.entities import AttribAccessDict, AttribAccessList, loads
from api.pagination import pagination_from_headers, parse_link_header
from api.ratelimit import MAX_SLEEP, RateLimiter, parse_ratelimit, parse_reset, parse_retry_after

from .fakes import FakeClock

T0 = 1_700_000_000.0
header_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
link_like = st.lists(st.sampled_from(["<", ">", ";", ",", "rel=", '"', "'", "next", "prev", " ", "http://a/b?x=1",
                                      "https://example.social/api/v1/x?max_id=5&y[]=1", "=", "&"]),
                     max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(header_text, link_like))
def test_link_parsing_never_raises(value):
    links = parse_link_header(value)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())
    nxt, prv = pagination_from_headers(value, "https://example.social", "/api/v1/timelines/home")
    for page in (nxt, prv):
        assert page is None or (page["path"].startswith("/") and isinstance(page["params"], dict))


@settings(max_examples=300, deadline=None)
@given(header_text, header_text, header_text, header_text)
def test_ratelimit_headers_never_raise_and_delays_stay_bounded(remaining, reset, date, retry_after):
    headers = {"x-ratelimit-remaining": remaining, "x-ratelimit-reset": reset, "date": date,
               "x-ratelimit-limit": remaining, "retry-after": retry_after}
    parse_ratelimit(headers, T0)
    parse_reset(reset, T0)
    parse_retry_after(retry_after, T0)
    for method in ("wait", "pace", "throw"):
        limiter = RateLimiter(method, 1.1, clock=FakeClock(T0))
        limiter.delay_before_call()
        limiter.record(headers)
        assert 0.0 <= limiter.delay_before_call() <= MAX_SLEEP
        assert 0.0 <= limiter.retry_delay(headers) <= MAX_SLEEP


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.sampled_from(["id", "account_id", "created_at", "edited_at", "x", "expires_at", "content"]),
        children, max_size=6),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_entity_parsing_of_any_json(value):
    import json
    parsed = loads(json.dumps(value))
    if isinstance(value, dict):
        assert isinstance(parsed, AttribAccessDict) and set(parsed) == set(value)
        if isinstance(value.get("id"), int) and not isinstance(value.get("id"), bool):
            assert parsed["id"] == str(value["id"])
    elif isinstance(value, list):
        assert isinstance(parsed, AttribAccessList) and len(parsed) == len(value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_entity_parsing_of_bytes_raises_only_value_error(blob):
    try:
        loads(blob)
    except ValueError:
        pass
