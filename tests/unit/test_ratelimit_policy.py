"""The rate-limit policy (api/ratelimit.py) with a fake clock: header parsing, the pace formula's numbers, and
the seed's failures 1-4 (see shared/reference/seed-library.md)."""
from __future__ import annotations

import pytest

from api.ratelimit import MAX_SLEEP, RateLimiter, parse_ratelimit, parse_reset, parse_retry_after

from .fakes import FakeClock, http_date, iso

T0 = 1_700_000_000.0


def headers(remaining, reset, limit=300, date=None):
    out = {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": str(remaining), "x-ratelimit-reset": reset}
    if date is not None:
        out["date"] = date
    return out


def limiter(method="pace", pacefactor=1.1, now=T0):
    clock = FakeClock(now)
    return RateLimiter(method, pacefactor, clock=clock), clock


# --- header parsing -------------------------------------------------------------------------------------
def test_parse_reset_iso_with_z_and_offset_and_fraction():
    assert parse_reset("2023-11-14T22:13:20Z", 0) == T0
    assert parse_reset("2023-11-14T22:13:20.000Z", 0) == T0
    assert parse_reset("2023-11-14T23:13:20+01:00", 0) == T0
    assert parse_reset("2023-11-14T22:13:20", 0) == T0  # naive: read as UTC


def test_parse_reset_integer_epoch_and_delta_seconds():
    assert parse_reset("1700000000", 0) == T0
    assert parse_reset(" 1700000000.5 ", 0) == T0 + 0.5
    assert parse_reset("60", T0) == T0 + 60  # small numbers are seconds from the server's now


@pytest.mark.parametrize("garbage", ["", "soon", "nan", "inf", "-inf", "2023-13-45T99:99:99Z", "0x10", None])
def test_parse_reset_garbage_is_none(garbage):
    assert parse_reset(garbage, T0) is None


def test_parse_ratelimit_reads_the_three_headers():
    info = parse_ratelimit(headers("42", iso(T0 + 120), limit=300), T0)
    assert (info.limit, info.remaining, info.reset) == (300, 42, T0 + 120)


def test_parse_ratelimit_without_remaining_is_none():
    assert parse_ratelimit({"x-ratelimit-reset": iso(T0)}, T0) is None
    assert parse_ratelimit({"x-ratelimit-remaining": "many"}, T0) is None


def test_negative_remaining_is_clamped_to_zero():
    assert parse_ratelimit(headers("-3", iso(T0 + 5)), T0).remaining == 0


def test_date_header_skew_moves_reset_onto_local_clock():
    # The server's clock is an hour behind ours: its reset "in 60 s" is 60 s from our now, not 3540 s ago.
    server_now = T0 - 3600
    info = parse_ratelimit(headers("10", iso(server_now + 60), date=http_date(server_now)), T0)
    assert info.reset == T0 + 60


def test_date_header_skew_ahead_and_epoch_reset():
    server_now = T0 + 900
    info = parse_ratelimit(headers("10", str(int(server_now + 30)), date=http_date(server_now)), T0)
    assert info.reset == T0 + 30


def test_sub_second_date_resolution_is_not_taken_for_skew():
    # Date says 12:00:00 while it is really 12:00:00.9 on both clocks: no skew to correct.
    info = parse_ratelimit(headers("10", iso(T0 + 60), date=http_date(T0)), T0 + 0.9)
    assert info.reset == T0 + 60


def test_unparseable_date_means_no_skew_correction():
    info = parse_ratelimit(headers("10", iso(T0 + 60), date="yesterday-ish"), T0)
    assert info.reset == T0 + 60


def test_retry_after_seconds_and_http_date():
    assert parse_retry_after("7", T0) == 7.0
    assert parse_retry_after("-5", T0) == 0.0
    assert parse_retry_after(http_date(T0 + 90), T0) == 90.0
    assert parse_retry_after(http_date(T0 - 90), T0) == 0.0
    assert parse_retry_after("whenever", T0) is None
    assert parse_retry_after(None, T0) is None


# --- the pace formula: ((reset - now) / remaining - (now - last_call)) / pacefactor ----------------------
def test_first_call_is_never_paced():
    rl, _ = limiter()
    assert rl.delay_before_call() == 0.0


def test_pace_formula_numbers():
    rl, clock = limiter(pacefactor=2.0)
    rl.delay_before_call()                          # call at T0
    rl.record(headers("100", iso(T0 + 200)))        # 100 calls left for 200 s: one per 2 s
    clock.advance(1.0)                              # 1 s since the last call
    assert rl.delay_before_call() == (200 - 1) / 100 / 2.0 - 1.0 / 2.0   # ((199/100) - 1) / 2 = 0.495


def test_pace_formula_with_default_pacefactor():
    rl, clock = limiter()
    rl.delay_before_call()
    rl.record(headers("10", iso(T0 + 100)))
    clock.advance(4.0)
    expected = ((T0 + 100 - (T0 + 4)) / 10 - 4.0) / 1.1   # (9.6 - 4) / 1.1
    assert rl.delay_before_call() == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(5.0909090909, abs=1e-9)


def test_pacefactor_above_one_shortens_sleeps():
    delays = []
    for factor in (1.0, 1.1, 2.0):
        rl, _ = limiter(pacefactor=factor)
        rl.delay_before_call()
        rl.record(headers("10", iso(T0 + 100)))
        delays.append(rl.delay_before_call())
    assert delays[0] == 10.0 and delays[1] == pytest.approx(10 / 1.1) and delays[2] == 5.0


def test_no_sleep_when_calls_are_already_slow_enough():
    rl, clock = limiter()
    rl.delay_before_call()
    rl.record(headers("10", iso(T0 + 100)))
    clock.advance(30)   # 30 s since the last call; 7 s per call would be enough
    assert rl.delay_before_call() == 0.0


def test_every_sleep_is_capped_at_300_seconds():
    rl, _ = limiter(pacefactor=1.0)
    rl.delay_before_call()
    rl.record(headers("1", iso(T0 + 3600)))
    assert rl.delay_before_call() == MAX_SLEEP


def test_wait_and_throw_modes_do_not_pace():
    for method in ("wait", "throw"):
        rl, _ = limiter(method)
        rl.delay_before_call()
        rl.record(headers("10", iso(T0 + 100)))
        assert rl.delay_before_call() == 0.0


def test_reservations_shrink_the_budget_for_the_next_caller():
    # Two calls reserved back to back (no response in between) must not get the same slot.
    rl, _ = limiter(pacefactor=1.0)
    rl.delay_before_call()
    rl.record(headers("10", iso(T0 + 100)))
    first = rl.delay_before_call()    # 100/10 = 10
    second = rl.delay_before_call()   # after the first's slot (10 s), one share of the 90 s left for 9 calls
    third = rl.delay_before_call()    # 20 + 80/8
    assert first == 10.0
    assert second == pytest.approx(10.0 + 90 / 9)
    assert third == pytest.approx(20.0 + 80 / 8)


# --- the seed's failures --------------------------------------------------------------------------------
def test_seed_failure_1_remaining_zero_in_pace_mode_sleeps_until_reset():
    rl, _ = limiter()
    rl.delay_before_call()
    rl.record(headers("0", iso(T0 + 42)))
    assert rl.delay_before_call() == 42.0       # 1.0.7 crashed here with UnboundLocalError


def test_seed_failure_1_remaining_zero_wait_mode_also_waits_instead_of_provoking_a_429():
    rl, _ = limiter("wait")
    rl.delay_before_call()
    rl.record(headers("0", iso(T0 + 42)))
    assert rl.delay_before_call() == 42.0


def test_seed_failure_2_last_call_updates_without_date_header():
    rl, clock = limiter(pacefactor=1.0)
    rl.delay_before_call()
    rl.record(headers("10", iso(T0 + 100)))     # no Date header
    assert rl.last_call == T0
    clock.advance(5)
    assert rl.delay_before_call() == pytest.approx(95 / 10 - 5)   # 4.5: the 5 s since the last call count
    assert rl.last_call == pytest.approx(T0 + 5 + 4.5)


def test_seed_failure_3_idle_past_reset_means_no_pacing_and_no_error():
    rl, clock = limiter()
    rl.delay_before_call()
    rl.record(headers("0", iso(T0 + 10)))
    clock.advance(3600)                          # idle for an hour
    assert rl.delay_before_call() == 0.0
    assert rl.remaining is None and rl.reset is None


def test_seed_failure_3_stale_reset_in_a_response_is_not_an_error():
    rl, clock = limiter()
    rl.delay_before_call()
    rl.record(headers("5", iso(T0 - 100)))       # a reset already in the past
    clock.advance(1)
    assert rl.delay_before_call() == 0.0


@pytest.mark.parametrize("reset", ["1700000100", "garbage", "", "NaN", "99999999999999999999999"])
def test_seed_failure_4_epoch_or_garbage_reset_never_raises(reset):
    rl, clock = limiter()
    rl.delay_before_call()
    rl.record(headers("10", reset))
    clock.advance(1)
    delay = rl.delay_before_call()
    assert 0.0 <= delay <= MAX_SLEEP


def test_epoch_reset_paces_like_iso():
    a, _ = limiter(pacefactor=1.0)
    b, _ = limiter(pacefactor=1.0)
    for rl, reset in ((a, str(int(T0 + 100))), (b, iso(T0 + 100))):
        rl.delay_before_call()
        rl.record(headers("10", reset))
    assert a.delay_before_call() == b.delay_before_call() == 10.0


def test_absent_headers_mean_no_pacing():
    rl, _ = limiter()
    rl.delay_before_call()
    assert rl.record({"content-type": "application/json"}) is None
    assert rl.delay_before_call() == 0.0


def test_retry_delay_prefers_retry_after_then_reset_then_a_minute():
    rl, _ = limiter("wait")
    assert rl.retry_delay({"retry-after": "7"}) == 7.0
    assert rl.remaining == 0 and rl.reset == T0 + 7
    rl2, _ = limiter("wait")
    assert rl2.retry_delay(headers("0", iso(T0 + 33))) == 33.0
    rl3, _ = limiter("wait")
    assert rl3.retry_delay({}) == 60.0
    rl4, _ = limiter("wait")
    assert rl4.retry_delay(headers("0", str(int(T0)))) == 1.0     # an epoch reset rounded down to now


def test_invalid_configuration_is_refused():
    with pytest.raises(ValueError):
        RateLimiter("sometimes")
    with pytest.raises(ValueError):
        RateLimiter("pace", 0)
