"""Dates at the edges of what datetime can hold (year 1 at +14:00 is year 0 in UTC; year 9999 at -14:00 is year
10000), as a server may send them, go through entity parsing into every renderer and the App's relative times
without an exception."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given, strategies as st

from api.entities import loads
from tests.fuzz.strategies import LIGHT, unsafe_characters
from widgets.account import render_account
from widgets.notification import render_notification
from widgets.status import render_status

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
EDGES = ["0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59Z",
         "2026-11-26T20:00:00Z", "2026-11-26", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "not a date"]
dates = st.one_of(st.sampled_from(EDGES), st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()))


def status_json(created, edited, expires) -> str:
    return json.dumps({
        "id": "1", "created_at": created, "edited_at": edited, "content": "<p>x</p>", "visibility": "public",
        "account": {"id": "2", "acct": "a", "display_name": "A", "created_at": created, "last_status_at": edited},
        "poll": {"id": "3", "expires_at": expires, "expired": False, "options": [{"title": "o", "votes_count": 1}],
                 "votes_count": 1},
        "filtered": [{"filter": {"title": "f", "filter_action": "warn", "expires_at": expires}}],
    })


@LIGHT
@given(dates, dates, dates, st.integers(8, 120))
def test_edge_dates_render_everywhere(created, edited, expires, width):
    status = loads(status_json(created, edited, expires))
    for rendered in (render_status(status, width, now=NOW), render_status(status, width, expanded=True, now=NOW),
                     render_notification({"type": "mention", "created_at": status["created_at"],
                                          "account": status["account"], "status": status}, width, now=NOW),
                     render_account(status["account"], width, now=NOW)):
        for line in rendered.lines:
            assert not unsafe_characters(line.plain)


@pytest.mark.parametrize("value", EDGES)
def test_the_apps_clock_arithmetic_survives_edge_dates(value):
    from app.compose.schedule import format_schedule

    parsed = loads(json.dumps({"scheduled_at": value}))["scheduled_at"]
    format_schedule(parsed if isinstance(parsed, str) else parsed.isoformat())
