"""Hypothesis: whatever a server sends, rendering never raises and nothing unsafe reaches the screen."""

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.render.hostile import BIDI, INVISIBLE, MARKUP_LOOKALIKES, SEQUENCES
from widgets.content import render_html
from widgets.notification import render_notification
from widgets.sanitize import clean, is_safe, sanitize_plain
from widgets.status import render_status

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text biased toward the dangerous: controls, ESC pieces, C1, bidi, invisibles, surrogates, emoji, markup.
dangerous_chars = st.sampled_from(
    ["\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\x9d", "\x90", "\x9c", "\r", "\n", "\t", "\x00", "\x7f", "\x85",
     "\u2028", "\u200d", "\U0001f468", "\u0301", "\ud800", ";", "5", "2", "m", "<", ">", "&", "#"] + BIDI + INVISIBLE
)
hostile_text = st.lists(
    st.one_of(dangerous_chars, st.text(max_size=5), st.sampled_from([s[1] for s in SEQUENCES] + MARKUP_LOOKALIKES)),
    max_size=30,
).map("".join)

TAGS = ["p", "br", "a", "span", "b", "i", "em", "strong", "del", "ul", "ol", "li", "pre", "code", "blockquote",
        "script", "style", "div", "h1", "img", "table", "td", "x-unknown", "svg", "template", "hr"]
CLASSES = ["invisible", "ellipsis", "mention", "hashtag", "u-url", "h-card", ""]


@st.composite
def hostile_html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            cls = draw(st.sampled_from(CLASSES))
            href = draw(st.one_of(st.just("https://example.com/x"), st.just("javascript:alert(1)"), hostile_text))
            inner = draw(hostile_html(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", "</p>", "<"]))
            parts.append(f'<{tag} class="{cls}" href="{href}" alt="{draw(hostile_text)}">{inner}{close}')
        else:
            parts.append(draw(st.one_of(hostile_text, st.sampled_from(["&#x1b;", "&#x9b;", "&amp;", "&#0;",
                                                                       "&#xd800;", "&#x202e;", "&lt;b&gt;"]))))
    return "".join(parts)


@FUZZ
@given(hostile_text)
def test_clean_always_safe_and_idempotent(text):
    out = clean(text)
    assert is_safe(out)
    assert clean(out) == out
    single = sanitize_plain(text)
    assert is_safe(single, newlines=False)


@FUZZ
@given(hostile_html(), st.integers(1, 100))
def test_html_never_raises_and_output_safe(html, width):
    rendered = render_html(html)
    for line in rendered.lines(width):
        assert is_safe(line.plain, newlines=False)
        assert line.cell_len <= max(width, 2)  # a double-width character cannot fit in one cell
    assert is_safe(rendered.plain)
    for link in rendered.links:
        assert is_safe(link.text) and is_safe(link.target) and is_safe(link.url)


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(hostile_text, children, max_size=3)),
    max_leaves=10,
)
STATUS_KEYS = ["id", "created_at", "account", "content", "spoiler_text", "reblog", "media_attachments", "poll",
               "filtered", "mentions", "tags", "emojis", "visibility", "edited_at", "in_reply_to_id",
               "in_reply_to_account_id", "sensitive", "favourited", "quote"]


@st.composite
def hostile_status(draw, depth=0):
    status = {}
    for key in draw(st.lists(st.sampled_from(STATUS_KEYS), max_size=len(STATUS_KEYS), unique=True)):
        if key == "content":
            status[key] = draw(hostile_html())
        elif key == "reblog" and depth == 0:
            status[key] = draw(hostile_status(depth + 1))
        elif key == "account":
            status[key] = {"display_name": draw(hostile_text), "acct": draw(hostile_text), "id": draw(json_value)}
        elif key == "media_attachments":
            status[key] = [{"type": draw(hostile_text), "description": draw(hostile_text)}]
        elif key == "poll":
            status[key] = {"options": [{"title": draw(hostile_text), "votes_count": draw(json_value)}],
                           "votes_count": draw(json_value), "expires_at": draw(json_value)}
        elif key == "filtered":
            status[key] = [{"filter": {"title": draw(hostile_text), "filter_action": draw(hostile_text)}}]
        else:
            status[key] = draw(json_value)
    return status


@FUZZ
@given(hostile_status(), st.integers(1, 120), st.booleans())
def test_status_never_raises_and_output_safe(status, width, expanded):
    item = render_status(status, width, expanded=expanded, now=NOW)
    for line in item.lines:
        assert is_safe(line.plain, newlines=False)
        assert line.cell_len <= max(width, 8)


@FUZZ
@given(hostile_text, hostile_status(), json_value, st.integers(1, 120))
def test_notification_never_raises_and_output_safe(kind, status, extra, width):
    notification = {"type": kind, "account": {"display_name": kind}, "status": status, "report": extra,
                    "event": extra, "moderation_warning": extra}
    for line in render_notification(notification, width, now=NOW).lines:
        assert is_safe(line.plain, newlines=False)
