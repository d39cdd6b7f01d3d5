"""Rate limits: per-token fixed windows, headers, 429 with Retry-After, the epoch and no-header switches.
Time moves through an injected clock; nothing waits."""
from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime

from demo.clock import FakeClock

from .helpers import client


def _start(fresh_instance, **kw):
    clock = FakeClock(datetime.fromisoformat("2026-01-01T12:00:10+00:00"))
    return fresh_instance(clock=clock, rate_limit=3, rate_window=60, **kw), clock


def test_window_headers_and_429(fresh_instance):
    inst, clock = _start(fresh_instance)
    with client(inst) as c:
        seen = []
        for _ in range(3):
            r = c.get("/api/v1/timelines/home")
            assert r.status_code == 200
            seen.append(int(r.headers["x-ratelimit-remaining"]))
            assert r.headers["x-ratelimit-limit"] == "3"
            assert r.headers["x-ratelimit-reset"] == "2026-01-01T12:01:00.000Z"
            assert parsedate_to_datetime(r.headers["date"]) == datetime.fromisoformat("2026-01-01T12:00:10+00:00")
        assert seen == [2, 1, 0]
        over = c.get("/api/v1/timelines/home")
        assert over.status_code == 429 and over.json() == {"error": "Too many requests"}
        assert over.headers["retry-after"] == "50" and over.headers["x-ratelimit-remaining"] == "0"
        clock.advance(50)
        again = c.get("/api/v1/timelines/home")
        assert again.status_code == 200 and again.headers["x-ratelimit-remaining"] == "2"
        assert again.headers["x-ratelimit-reset"] == "2026-01-01T12:02:00.000Z"


def test_errors_count_and_tokens_are_separate(fresh_instance):
    inst, clock = _start(fresh_instance)
    with client(inst) as c:
        assert c.get("/api/v1/statuses/0").status_code == 404
        assert c.post("/api/v1/statuses", data={"status": ""}).status_code == 422
        assert c.get("/api/v1/nothing/here").status_code == 404
        assert c.get("/api/v1/timelines/home").status_code == 429
    with client(inst, "alice") as a:
        r = a.get("/api/v1/timelines/home")
        assert r.status_code == 200 and r.headers["x-ratelimit-remaining"] == "2"


def test_epoch_reset_switch(fresh_instance):
    inst, clock = _start(fresh_instance, rate_reset_epoch=True)
    with client(inst) as c:
        r = c.get("/api/v1/timelines/home")
        assert r.headers["x-ratelimit-reset"] == str(int(datetime.fromisoformat("2026-01-01T12:01:00+00:00").timestamp()))


def test_no_headers_switch_still_limits(fresh_instance):
    inst, clock = _start(fresh_instance, rate_headers=False)
    with client(inst) as c:
        for _ in range(3):
            r = c.get("/api/v1/timelines/home")
            assert not any(h.startswith("x-ratelimit") for h in r.headers) and "date" in r.headers
        assert c.get("/api/v1/timelines/home").status_code == 429


def test_anonymous_requests_limited_by_ip(fresh_instance):
    inst, clock = _start(fresh_instance)
    with client(inst, user=None) as c:
        codes = [c.get("/api/v1/timelines/public").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert c.get("/media/avatars/original/missing.png").status_code == 200  # not an API path
