from datetime import datetime, timedelta, timezone

import pytest

from widgets import theme
from widgets.account import render_account
from widgets.notification import NOTIFICATION_WORDING, render_notification
from widgets.parts import relative_time
from widgets.sanitize import is_safe
from widgets.status import filter_action, render_status

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
ALICE = {"id": "1", "username": "alice", "acct": "alice@one.example", "display_name": "Alice"}
BOB = {"id": "2", "username": "bob", "acct": "bob", "display_name": "Bob"}


def status(**fields):
    base = {
        "id": "100",
        "created_at": "2026-11-26T19:55:00.000Z",
        "account": ALICE,
        "content": "<p>hello world</p>",
        "visibility": "public",
        "replies_count": 1,
        "reblogs_count": 2,
        "favourites_count": 3,
    }
    base.update(fields)
    return base


def text(item):
    return item.plain


def test_header_content_and_counts():
    item = render_status(status(), 60, now=NOW)
    out = item.lines
    assert out[0].plain.startswith("Alice @alice@one.example")
    assert out[0].plain.endswith("🌐 5m")
    assert out[1].plain == "hello world"
    assert out[-1].plain == "↩ 1   ♺ 2   ☆ 3"
    assert all(line.cell_len <= 60 for line in out)


def test_created_at_as_datetime_or_string():
    as_dt = render_status(status(created_at=NOW - timedelta(hours=3)), 60, now=NOW)
    assert as_dt.lines[0].plain.endswith("3h")


@pytest.mark.parametrize(
    "delta,expected",
    [(timedelta(seconds=3), "now"), (timedelta(seconds=42), "42s"), (timedelta(minutes=5), "5m"),
     (timedelta(hours=3), "3h"), (timedelta(days=2), "2d"), (timedelta(days=30), "Oct 27"),
     (timedelta(days=400), "2025-10-22"), (-timedelta(minutes=5), "now")],
)
def test_relative_time(delta, expected):
    assert relative_time(NOW - delta, NOW) == expected


def test_boost_shows_booster_and_inner_status():
    boost = {"id": "200", "account": BOB, "created_at": NOW, "reblog": status(), "content": ""}
    out = render_status(boost, 60, now=NOW).lines
    assert out[0].plain.startswith("♺ Bob boosted")
    assert out[1].plain.startswith("Alice @alice@one.example")
    assert out[2].plain == "hello world"


def test_reply_indicator_edited_marker_visibility():
    item = render_status(
        status(in_reply_to_id="9", in_reply_to_account_id="2", mentions=[dict(BOB, url="https://x/@bob")],
               edited_at="2026-11-26T19:58:00Z", visibility="private"),
        60, now=NOW,
    )
    assert item.lines[0].plain.endswith("🔒 ✎ 5m")
    assert item.lines[1].plain == "↩ to @bob"
    self_reply = render_status(status(in_reply_to_id="9", in_reply_to_account_id="1"), 60, now=NOW)
    assert self_reply.lines[1].plain == "↩ thread"


def test_content_warning_collapsed_and_expanded():
    st = status(spoiler_text="finale spoilers", media_attachments=[{"type": "image", "description": "x"}])
    collapsed = render_status(st, 80, now=NOW)
    assert collapsed.collapsible
    assert "▸ CW: finale spoilers  (content, 1 attachment hidden)" in text(collapsed)
    assert "hello world" not in text(collapsed)
    expanded = render_status(st, 80, now=NOW, expanded=True)
    assert "▾ CW: finale spoilers" in text(expanded) and "hello world" in text(expanded)


def test_attachments_with_alt_text_and_sensitive_marking():
    media = [
        {"type": "image", "description": "a cat on a keyboard"},
        {"type": "video", "description": None},
        {"type": "weird"},
    ]
    out = text(render_status(status(media_attachments=media), 80, now=NOW))
    assert "▣ image: a cat on a keyboard" in out
    assert "▶ video (no description)" in out
    assert "▢ weird (no description)" in out
    sensitive = render_status(status(media_attachments=media, sensitive=True), 80, now=NOW)
    assert sensitive.collapsible
    assert "a cat on a keyboard" not in text(sensitive)
    assert "⚠ sensitive (description hidden)" in text(sensitive)
    assert "⚠ sensitive: a cat on a keyboard" in text(render_status(status(media_attachments=media, sensitive=True),
                                                                     80, now=NOW, expanded=True))


def test_poll_results_own_vote_and_state():
    poll = {
        "options": [{"title": "Yes", "votes_count": 3}, {"title": "No", "votes_count": 1}],
        "votes_count": 4, "voters_count": 4, "own_votes": [1], "voted": True, "expired": False,
        "expires_at": NOW + timedelta(hours=2),
    }
    out = render_status(status(poll=poll), 60, now=NOW).plain.splitlines()
    assert "████████░░  75% Yes" in out
    assert "██░░░░░░░░  25% No ✓ your vote" in out
    assert "4 votes · closes in 2h · you voted" in out
    closed = render_status(status(poll=dict(poll, expired=True, voted=False, own_votes=[])), 60, now=NOW).plain
    assert "4 votes · closed" in closed and "your vote" not in closed


def test_poll_with_hidden_counts_and_multiple_choice():
    poll = {"options": [{"title": "A", "votes_count": None}], "multiple": True, "votes_count": 5, "voters_count": 2}
    out = render_status(status(poll=poll), 60, now=NOW).plain
    assert "?% A" in out and "2 people · multiple choice" in out


def test_counts_show_own_state():
    item = render_status(status(favourited=True, reblogged=True, bookmarked=True), 60, now=NOW)
    last = item.lines[-1]
    assert last.plain == "↩ 1   ♺ 2   ★ 3   ⚑ saved"
    styles = {last.plain[s.start : s.end]: s.style for s in last.spans}
    assert styles["★ 3"] == theme.FAVOURITED and styles["♺ 2"] == theme.REBLOGGED


def test_filters_hide_warn_blur_and_unknown():
    def flt(action, title="politics"):
        return [{"filter": {"title": title, "filter_action": action}, "keyword_matches": ["x"]}]

    hidden = render_status(status(filtered=flt("hide")), 60, now=NOW)
    assert hidden.hidden and hidden.lines == []
    warned = render_status(status(filtered=flt("warn")), 60, now=NOW)
    assert "⊘ Filtered: politics" in warned.plain and "hello world" not in warned.plain
    assert "hello world" in render_status(status(filtered=flt("warn")), 60, now=NOW, expanded=True).plain
    unknown = render_status(status(filtered=flt("obliterate", "new")), 60, now=NOW)
    assert "⊘ Filtered: new" in unknown.plain
    blurred = render_status(status(filtered=flt("blur"), media_attachments=[{"type": "image", "description": "d"}]),
                            60, now=NOW)
    assert "hello world" in blurred.plain and "description hidden" in blurred.plain
    assert filter_action(status(filtered=flt("warn") + flt("hide", "b"))) == ("hide", ["politics", "b"])
    boost = {"id": "5", "account": BOB, "reblog": status(filtered=flt("hide"))}
    assert render_status(boost, 60, now=NOW).hidden


def test_custom_emoji_styled_in_name_and_content():
    st = status(account=dict(ALICE, display_name="Alice :blob:", emojis=[{"shortcode": "blob"}]),
                content="<p>hi :blob:</p>", emojis=[{"shortcode": "blob"}])
    item = render_status(st, 60, now=NOW)
    for line in item.lines[:2]:
        assert any(line.plain[s.start : s.end] == ":blob:" and s.style == theme.EMOJI for s in line.spans)


def test_hostile_names_and_content_are_safe():
    st = status(
        account={"display_name": "\x1b]52;c;ZXZpbA==\x07Mallory\u202e\u200b", "acct": "m\x1b[2J"},
        content="<p>[bold]x[/] \x1b[31m</p>", spoiler_text="cw\x9b2J", media_attachments=[{"description": "\x07alt"}],
        poll={"options": [{"title": "\x1b[5mopt"}]},
    )
    for expanded in (False, True):
        out = render_status(st, 40, now=NOW, expanded=expanded)
        assert is_safe(out.plain)
        assert "ZXZpbA" not in out.plain
    assert render_status(st, 40, now=NOW).lines[0].plain.startswith("Mallory @m")


@pytest.mark.parametrize(
    "broken",
    [None, {}, [], "x", {"account": None, "content": None, "created_at": None},
     {"account": "x", "content": 5, "created_at": "not a date", "media_attachments": "x", "poll": []},
     {"reblog": "x", "filtered": "x", "mentions": [None, 1], "tags": "y", "emojis": [1]},
     {"poll": {"options": [None, {"title": None, "votes_count": "many"}], "votes_count": "x", "expires_at": "bad"}},
     {"filtered": [None, {"filter": None}, {"filter": {"filter_action": 5}}]},
     {"quote": {"state": "deleted", "quoted_status": None}}],
)
def test_missing_and_wrong_fields_never_crash(broken):
    for width in (1, 8, 80):
        item = render_status(broken, width, now=NOW)
        assert all(line.cell_len <= max(width, 8) for line in item.lines)


def test_quote_post_nested():
    st = status(quote={"state": "accepted", "quoted_status": status(id="5", content="<p>original</p>")})
    out = render_status(st, 60, now=NOW).plain.splitlines()
    assert "▌ original" in out


# --- notifications ---------------------------------------------------------------------------------------


def notification(kind, **fields):
    base = {"id": "n1", "type": kind, "created_at": "2026-11-26T19:00:00Z", "account": BOB, "status": status()}
    base.update(fields)
    return base


@pytest.mark.parametrize("kind", sorted(NOTIFICATION_WORDING))
def test_every_notification_type_renders(kind):
    item = render_notification(notification(kind), 70, now=NOW)
    assert item.lines
    first = item.lines[0].plain
    assert first.endswith("1h")
    icon, verb, _full = NOTIFICATION_WORDING[kind]
    assert first.startswith(icon)
    if verb:
        assert f"Bob {verb}" in first


def test_notification_wording_examples():
    assert render_notification(notification("favourite"), 70, now=NOW).lines[0].plain.startswith(
        "★ Bob favourited your post")
    follow = render_notification(notification("follow", status=None), 70, now=NOW)
    assert [line.plain.rstrip() for line in follow.lines] == ["👤 Bob followed you" + " " * 49 + "1h", "  @bob"]


def test_status_in_notification_is_indented_and_links_kept():
    n = notification("mention", status=status(content='<p><a href="https://x.example">x.example</a></p>'))
    item = render_notification(n, 70, now=NOW)
    assert item.lines[1].plain.startswith("  Alice")
    assert item.links and item.links[0].target == "https://x.example"


def test_unknown_type_generic():
    item = render_notification(notification("annual_report", status=None), 70, now=NOW)
    assert item.lines[0].plain.startswith("• Bob · annual_report")
    item = render_notification({"type": 5}, 70, now=NOW)
    assert "notification" in item.plain


def test_report_severed_and_moderation_details():
    report = render_notification(notification("admin.report", status=None,
                                              report={"target_account": ALICE, "category": "spam", "comment": "bad"}),
                                 80, now=NOW).plain
    assert "reported Alice @alice@one.example (spam)" in report and "“bad”" in report
    severed = render_notification(notification("severed_relationships", status=None, event={
        "type": "domain_block", "target_name": "evil.example", "followers_count": 2, "following_count": 1}),
        120, now=NOW).plain
    assert "From your server" in severed and "an admin blocked evil.example" in severed
    warning = render_notification(notification("moderation_warning", status=None,
                                               moderation_warning={"action": "disable", "text": "be nice"}),
                                  80, now=NOW).plain
    assert "disable" in warning and "be nice" in warning


def test_grouped_notification():
    group = {"type": "favourite", "accounts": [BOB, ALICE], "notifications_count": 5, "status": status()}
    assert render_notification(group, 80, now=NOW).lines[0].plain.startswith("★ Bob and 4 others favourited")
    pair = dict(group, notifications_count=2)
    assert render_notification(pair, 80, now=NOW).lines[0].plain.startswith("★ Bob and Alice favourited")


def test_filtered_status_in_notification():
    n = notification("mention", status=status(filtered=[{"filter": {"title": "t", "filter_action": "hide"}}]))
    assert "(post hidden by a filter)" in render_notification(n, 70, now=NOW).plain


@pytest.mark.parametrize("broken", [None, {}, {"type": None}, {"type": "follow", "account": None},
                                    {"type": "admin.report", "report": "x"}, {"type": "mention", "status": "x"},
                                    {"type": "favourite", "accounts": [None, "x"], "notifications_count": "lots"}])
def test_broken_notifications_never_crash(broken):
    render_notification(broken, 30, now=NOW)


# --- accounts --------------------------------------------------------------------------------------------


def test_account_header():
    account = dict(
        ALICE, locked=True, bot=True, note='<p>I like <a href="https://cats.example">cats.example</a></p>',
        fields=[{"name": "Web", "value": '<a href="https://alice.example">alice.example</a>',
                 "verified_at": "2024-01-01T00:00:00Z"},
                {"name": "Pronouns", "value": "she/her", "verified_at": None}],
        statuses_count=10, following_count=2, followers_count=3, created_at="2020-05-01T00:00:00Z",
    )
    item = render_account(account, 70, relationship={"followed_by": True, "muting": True, "following": False})
    lines = [line.plain.rstrip() for line in item.lines]
    assert lines[0] == "Alice [bot] 🔒"
    assert lines[1] == "@alice@one.example"
    assert lines[2] == " follows you   muted"
    assert "I like cats.example" in lines
    assert "  Web: alice.example ✓" in lines
    assert "  Pronouns: she/her" in lines
    assert lines[-1] == "10 posts · 2 following · 3 followers · joined May 2020"
    assert [link.target for link in item.links] == ["https://cats.example", "https://alice.example"]


def test_account_header_broken_fields():
    render_account({"fields": [None, {"name": None, "value": None}], "note": 5, "emojis": "x"}, 20)
    render_account(None, 1, relationship="x")


def test_very_long_status_cut_in_lists_whole_on_request():
    st = status(content="<p>" + "<br>".join(f"line {n}" for n in range(1000)) + "</p>")
    listed = render_status(st, 60, now=NOW)
    assert len(listed.lines) < 210
    assert any("long post cut here" in line.plain for line in listed.lines)
    whole = render_status(st, 60, now=NOW, max_lines=None)
    assert len(whole.lines) == 1000 + 2  # header, content, counts


def test_absurd_entity_lists_are_cut():
    st = status(
        media_attachments=[{"type": "image", "description": "d"}] * 1000,
        poll={"options": [{"title": "o", "votes_count": 1}] * 1000, "votes_count": 1000},
        emojis=[{"shortcode": f"e{n}"} for n in range(5000)],
        mentions=[{"id": str(n), "acct": f"u{n}", "url": f"https://x/@u{n}"} for n in range(5000)],
        content="<p>:e1: :e4999:</p>",
    )
    item = render_status(st, 60, now=NOW)
    text = item.plain
    assert "… 980 more attachments" in text and "… 980 more options" in text
    assert len(item.lines) < 60
    content_line = next(line for line in item.lines if line.plain.startswith(":e1:"))
    styled = {content_line.plain[s.start : s.end] for s in content_line.spans if s.style == theme.EMOJI}
    assert styled == {":e1:"}  # only the first 200 emoji are looked at
