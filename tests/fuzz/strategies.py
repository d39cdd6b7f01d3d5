"""Shared hypothesis strategies: JSON a hostile or broken server could send, and an independent check that text
is safe for a terminal (written here, not taken from widgets/sanitize.py, so the sanitizer is not its own judge)."""
from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Modest counts: the whole suite must stay well under CI's budget on two cores.
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Renderers are slower per example (wrapping, Rich Text): fewer examples, same strategies.
LIGHT = settings(FUZZ, max_examples=50)

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def unsafe_characters(text: str, newlines: bool = False) -> list[str]:
    """Every character in `text` a terminal could act on: C0/C1 controls (ESC included), DEL, bidi controls."""
    bad = []
    for ch in text:
        if ch == "\n" and newlines:
            continue
        if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            bad.append(ch)
    return bad


odd_dates = st.sampled_from([
    "2026-11-26T20:00:00.000Z", "2026-11-26", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
    "2026-02-30T00:00:00Z", "yesterday", "", "Z", "1e309", "2026-11-26T20:00:00+25:00", "\x1b[2J2026-11-26",
    "2026-11-26T20:00:00Z" * 3, "٢٠٢٦-١١-٢٦",
])
odd_ids = st.one_of(st.integers(-2**70, 2**70), st.text(max_size=30), st.none(), st.booleans(),
                    st.floats(allow_nan=True), st.just("1" * 400))
hostile_strings = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x1b[31mred", "\x1b]52;c;Y3VybA==\x07", "\u202eevil", "\x9b2J", "<script>x</script>",
                     "[bold]x[/]", "\x00", "\ud800", "A" * 5000]),
)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-2**64, 2**64), st.floats(), hostile_strings, odd_dates,
                   odd_ids)
json_values = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "account", "status", "content", "created_at", "url", "acct",
                                     "display_name", "emojis", "media_attachments", "reblog", "type", "accounts",
                                     "statuses", "notification_groups", "fields", "note", "note_id",
                                     "edited_at", "poll", "options", "error"]) | hostile_strings,
                    inner, max_size=6)), max_leaves=25)
