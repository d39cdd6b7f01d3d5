"""Profiles, account rows, conversations and search results built from arbitrary entity dicts: rendering never
raises, and no line holds a control character, an escape sequence or a bidi override (checked by this file's own
character test, not by the sanitizer's). Statuses and notifications are fuzzed in tests/render/test_fuzz.py."""
from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, strategies as st

from app.screens.renderers import render_account_row, render_conversation, render_hashtag_row, render_mixed
from tests.fuzz.strategies import LIGHT, hostile_strings, json_values, unsafe_characters
from widgets.account import relationship_badges, render_account

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
html_bits = st.lists(st.one_of(hostile_strings, st.sampled_from(
    ["<p>", "</p>", "<br>", '<a href="https://evil.example">https://bank.example</a>', '<a href="javascript:x">',
     '<span class="invisible">', "</span>", "&#x1b;[2J", "&#x202e;", "<pre>", "&#x9b;", "<script>"])), max_size=12
                   ).map("".join)


@st.composite
def accounts(draw):
    account = draw(st.dictionaries(st.sampled_from(
        ["id", "username", "acct", "display_name", "locked", "bot", "group", "created_at", "followers_count",
         "following_count", "statuses_count", "last_status_at", "emojis", "moved", "suspended", "limited", "url",
         "avatar", "roles"]), json_values, max_size=12))
    if draw(st.booleans()):
        account["note"] = draw(html_bits)
    if draw(st.booleans()):
        account["fields"] = draw(st.lists(st.fixed_dictionaries(
            {"name": hostile_strings, "value": html_bits, "verified_at": st.one_of(st.none(), json_values)}),
            max_size=4))
    if draw(st.booleans()):
        account["display_name"] = draw(hostile_strings)
    return account


relationships = st.one_of(st.none(), json_values, st.dictionaries(st.sampled_from(
    ["following", "followed_by", "blocking", "muting", "requested", "note", "endorsed"]),
    st.one_of(st.booleans(), json_values), max_size=6))


def check(item, width: int) -> None:
    for line in item.lines:
        assert not unsafe_characters(line.plain), repr(line.plain)
        assert line.cell_len <= max(width, 8)
    for link in item.links:
        for text in (link.text, link.target, link.url):
            assert not unsafe_characters(text or ""), repr(text)


@LIGHT
@given(st.one_of(accounts(), json_values), relationships, st.integers(1, 140))
def test_profile_header_never_raises_and_is_safe(account, relationship, width):
    check(render_account(account, width, relationship=relationship, now=NOW), width)
    if isinstance(relationship, dict):
        assert not unsafe_characters(relationship_badges(relationship).plain)


@LIGHT
@given(st.one_of(accounts(), json_values), relationships, st.integers(8, 140))
def test_account_row_never_raises_and_is_safe(account, relationship, width):
    check(render_account_row(account, width, relationship if isinstance(relationship, dict) else None), width)


@LIGHT
@given(st.dictionaries(st.sampled_from(["id", "unread", "accounts", "last_status"]), json_values, max_size=4),
       st.lists(accounts(), max_size=3), st.integers(8, 140), st.booleans())
def test_conversation_never_raises_and_is_safe(conversation, people, width, expanded):
    conversation.setdefault("accounts", people)
    check(render_conversation(conversation, width, expanded, NOW), width)


@LIGHT
@given(st.dictionaries(st.sampled_from(["name", "url", "history", "following"]), json_values, max_size=4),
       st.integers(8, 140))
def test_hashtag_row_never_raises_and_is_safe(tag, width):
    check(render_hashtag_row(tag, width), width)


@LIGHT
@given(st.one_of(accounts(), json_values), st.sampled_from(["account", "hashtag", "heading", "status", None]),
       json_values, st.integers(8, 140), st.booleans())
def test_search_results_of_any_shape_never_raise(item, kind, extra, width, expanded):
    if not isinstance(item, dict):
        item = {"value": item}
    item.update(_kind=kind, _relationship=extra if isinstance(extra, dict) else None, title=extra)
    check(render_mixed(item, width, expanded, NOW), width)
