"""Link and rate-limit headers and credential files with arbitrary input: parsed or ignored, never an
exception, and never a number that could make the client sleep forever or page to another host."""
from __future__ import annotations

import math
import os
from urllib.parse import urlsplit

from hypothesis import given, strategies as st

from api.credentials import read_client_file, read_user_file
from api.errors import MastodonError
from api.pagination import pagination_from_headers, parse_link_header
from api.ratelimit import MAX_SLEEP, RateLimiter, parse_ratelimit, parse_reset, parse_retry_after
from tests.fuzz.strategies import FUZZ

NOW = 1_800_000_000.0
ORIGIN = "https://social.example"

number_like = st.one_of(
    st.integers(-10**30, 10**30).map(str), st.floats().map(repr),
    st.sampled_from(["", " ", "nan", "inf", "-inf", "1e309", "-0", "0x10", "١٢", "1_000", "9" * 5000]),
)
date_like = st.one_of(
    st.sampled_from(["Wed, 21 Oct 2015 07:28:00 GMT", "Mon, 32 Foo 99999 99:99:99 XYZ", "0001-01-01T00:00:00+14:00",
                     "9999-12-31T23:59:59-14:00", "2026-11-26T20:00:00.000Z", "2026-11-26", "Z", "T"]),
    st.datetimes().map(lambda d: d.isoformat()),
)
header_text = st.one_of(number_like, date_like, st.text(max_size=60))
ratelimit_headers = st.dictionaries(
    st.sampled_from(["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "date", "retry-after"]),
    header_text, max_size=5)


@FUZZ
@given(header_text, st.floats(-1e12, 1e12))
def test_reset_and_retry_after_are_finite_or_none(value, server_now):
    reset = parse_reset(value, server_now)
    assert reset is None or math.isfinite(reset)
    retry = parse_retry_after(value, NOW)
    assert retry is None or (math.isfinite(retry) and retry >= 0)


@FUZZ
@given(ratelimit_headers)
def test_any_ratelimit_headers_parse_or_are_ignored(headers):
    info = parse_ratelimit(headers, NOW)
    if info is not None:
        assert info.remaining >= 0
        assert info.reset is None or math.isfinite(info.reset)


@FUZZ
@given(st.lists(ratelimit_headers, min_size=1, max_size=5), st.sampled_from(["throw", "wait", "pace"]))
def test_the_limiter_never_sleeps_past_its_cap_whatever_the_headers(responses, method):
    limiter = RateLimiter(method, clock=lambda: NOW)
    for headers in responses:
        limiter.record(headers)
        assert 0 <= limiter.delay_before_call() <= MAX_SLEEP
        assert 0 <= limiter.retry_delay(headers) <= MAX_SLEEP


links = st.one_of(
    st.text(max_size=120),
    st.lists(st.tuples(
        st.sampled_from([f"{ORIGIN}/api/v1/timelines/home?max_id=5", "https://evil.example/api/v1/x?max_id=1",
                         "//evil.example/p?since_id=3", "/relative?min_id=2&types[]=a&types[]=b", "", "javascript:x",
                         "http://social.example/api/v1/timelines/home?max_id=6", "https://social.example:8443/x"]),
        st.sampled_from(['rel="next"', "rel=next", "rel='prev'", 'rel="next prev"', "", "rel=", 'REL="Previous"',
                         'title="x"; rel="next"']),
        st.sampled_from([", ", ",", " garbage ", ";", ""])),
        max_size=4).map(lambda entries: "".join(f"<{u}>; {r}{sep}" for u, r, sep in entries)),
)


@FUZZ
@given(links)
def test_any_link_header_pages_only_on_the_same_server(value):
    parse_link_header(value)
    for page in pagination_from_headers(value, ORIGIN, "/api/v1/timelines/home"):
        if page is None:
            continue
        # The path is used relative to the API's own origin: it must not name another host.
        assert page["path"].startswith("/")
        assert urlsplit(ORIGIN + page["path"]).hostname == "social.example"  # as the driver will build it
        assert all(isinstance(k, str) for k in page["params"])


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.lists(st.text(max_size=40), max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))))
def test_any_credential_file_is_read_or_refused_clearly(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("creds") / "user.secret"
    path.write_bytes(raw)
    for reader in (read_client_file, read_user_file):
        try:
            creds = reader(path)
        except MastodonError as error:
            # Clear, one line, and never quoting the file's content (which may be a token).
            text = str(error)
            assert str(path) in text and "\n" not in text
            for line in raw.decode("utf-8", "replace").splitlines():
                if len(line.strip()) >= 8:
                    assert line.strip() not in text.replace(str(path), "")
        else:
            assert creds.api_base_url is None or creds.api_base_url.startswith(("http://", "https://"))
            assert "***" in repr(creds)
    os.unlink(path)
