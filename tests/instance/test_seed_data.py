"""The demo world (demo/seed_data.py): every kind of thing the demo promises is there, seen both in the State
and over HTTP through the instance's REST API as the demo user; two builds on the same clock are identical."""
from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timezone

import pytest

from demo import seed_data
from demo.clock import FakeClock
from demo.server import running_instance
from demo.state import State

from .helpers import client

PNG = b"\x89PNG\r\n\x1a\n"
NOTIFICATION_TYPES = {"mention", "reblog", "favourite", "follow", "follow_request", "poll", "status", "update"}


AT = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def inst():
    # A fixed clock, so that `named` below can rebuild the same world (IDs derive from times) for its handles.
    with running_instance(seed=True, clock=FakeClock(AT)) as inst:
        yield inst


@pytest.fixture(scope="module")
def http(inst):
    with client(inst, "demo") as c:
        yield c


@pytest.fixture(scope="module")
def named(inst):
    """The seed's handles, rebuilt on a State with the same clock time (IDs are time-derived, so equal)."""
    return seed_data.seed(State(clock=FakeClock(AT))).named


def all_pages(http, path, limit=40, **params):
    out, url, params = [], path, {"limit": limit, **params}
    while url and len(out) < 5000:
        r = http.get(url, params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        if not page:
            break
        out += page
        url, params = r.links.get("next", {}).get("url"), None
    return out


@pytest.fixture(scope="module")
def home(http):
    return all_pages(http, "/api/v1/timelines/home")


def build(at):
    state = State(clock=FakeClock(at))
    started = time.perf_counter()
    world = seed_data.seed(state)
    return state, world, time.perf_counter() - started


# ----- the world itself -----
def test_build_is_fast_and_sized_like_a_real_timeline():
    state, _world, seconds = build(datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc))
    print(f"\ndemo world built in {seconds * 1000:.0f} ms: {len(state.statuses)} statuses, "
          f"{len(state.accounts)} accounts, {len(state.notifications)} notifications")
    originals = [s for s in state.statuses.values() if not s.reblog_of_id]
    assert 300 <= len(state.statuses) <= 500
    assert len(originals) >= 300
    assert 10 <= len(state.accounts) <= 20


def test_two_builds_on_the_same_clock_are_identical():
    at = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    a, wa, _ = build(at)
    b, wb, _ = build(at)
    assert a.snapshot() == b.snapshot()
    assert wa.named == wb.named
    assert [getattr(x, "verified_fields", None) for x in a.accounts.values()] == \
           [getattr(x, "verified_fields", None) for x in b.accounts.values()]


def test_world_is_placed_in_the_past_relative_to_its_clock():
    at = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    state, _w, _ = build(at)
    assert state.clock.now() == at  # the seeding clock is gone again
    times = [s.created_at for s in state.statuses.values()]
    assert max(times) < at and (at - min(times)).days >= 14
    assert all(n.created_at < at for n in state.notifications.values())


# ----- over HTTP, as the demo user -----
def test_accounts_have_bios_fields_verified_links_and_local_images(inst, http):
    accounts = [http.get(f"/api/v1/accounts/{aid}").json() for aid in inst.state.accounts]
    assert all(a["note"] for a in accounts)
    assert sum(1 for a in accounts if a["fields"]) >= 10
    verified = [f for a in accounts for f in a["fields"] if f["verified_at"]]
    assert len(verified) >= 5 and all(f["value"].startswith("<a ") for f in verified)
    for a in accounts[:3]:
        for key in ("avatar", "header"):
            assert a[key].startswith(inst.base_url)
            r = http.get(a[key])
            assert r.status_code == 200 and r.content.startswith(PNG)
    by_name = {a["username"]: a for a in accounts}
    assert by_name["dave"]["locked"] and by_name["eve"]["bot"]
    assert ":blobcat:" in by_name["alice"]["display_name"]
    assert [e["shortcode"] for e in by_name["alice"]["emojis"]] == ["blobcat"]
    assert "\x1b" in by_name["glitch"]["display_name"]


def test_demo_user_follows_most_and_has_pending_requests_both_ways(inst, http):
    me = http.get("/api/v1/accounts/verify_credentials").json()
    assert me["following_count"] >= 10 and me["followers_count"] >= 8
    requests = http.get("/api/v1/follow_requests").json()
    assert [a["username"] for a in requests] == ["dave"]
    dave = inst.state.account_by_username("dave")
    rel = http.get("/api/v1/accounts/relationships", params={"id[]": dave.id}).json()[0]
    assert rel["requested"] and rel["requested_by"] and not rel["following"]


def test_home_timeline_has_every_kind_of_status(home):
    assert len(home) >= 250
    originals = [s["reblog"] or s for s in home]
    assert any(s["reblog"] for s in home), "boosts"
    assert any(s["poll"] for s in originals), "polls"
    assert any(s["spoiler_text"] for s in originals), "content warnings"
    media = [m for s in originals for m in s["media_attachments"]]
    assert any(m["description"] for m in media), "media with alt text"
    assert any(s["sensitive"] and s["media_attachments"] and not s["spoiler_text"] for s in originals)
    assert any(s["in_reply_to_id"] for s in originals), "replies"
    assert any(s["edited_at"] for s in originals), "edited"
    assert any(s["emojis"] for s in originals), "custom emoji"
    assert any(s["visibility"] == "private" for s in originals)
    assert len({s["account"]["username"] for s in originals}) >= 10


def test_home_timeline_html_looks_like_mastodons(home):
    html = "".join((s["reblog"] or s)["content"] for s in home)
    assert '<span class="h-card" translate="no"><a href=' in html and 'class="u-url mention">@<span>' in html
    assert 'class="mention hashtag" rel="tag">#<span>' in html
    assert '<span class="invisible">https://www.</span>' in html and '<span class="ellipsis">' in html
    assert "<br />" in html and "</p><p>" in html
    for tag in ("<pre><code>", "<ol>", "<ul>", "<blockquote>", "<strong>"):
        assert tag in html, tag


def test_filters_warn_in_the_timeline_and_hide(http, home, named):
    ids = {s["id"]: s for s in home}
    warned = ids[named["filtered_warned"]]
    assert [f["filter"]["filter_action"] for f in warned["filtered"]] == ["warn"]
    assert warned["filtered"][0]["keyword_matches"] == ["finale"]
    assert named["filtered_hidden"] not in ids  # hidden by the server in home
    hidden = http.get(f"/api/v1/statuses/{named['filtered_hidden']}").json()
    assert [f["filter"]["filter_action"] for f in hidden["filtered"]] == ["hide"]
    filters = {f["title"]: f["filter_action"] for f in http.get("/api/v2/filters").json()}
    assert filters == {"Crypto hype": "hide", "TV spoilers": "warn"}


def test_thread_is_deep_and_branches(http, named):
    ctx = http.get(f"/api/v1/statuses/{named['thread_leaf']}/context").json()
    assert len(ctx["ancestors"]) >= 6
    root = http.get(f"/api/v1/statuses/{named['thread_root']}/context").json()
    parents = Counter(s["in_reply_to_id"] for s in root["descendants"])
    assert sum(1 for n in parents.values() if n >= 2) >= 3, "branches at several levels"
    assert len({s["account"]["username"] for s in root["descendants"]}) >= 6


def test_notifications_of_every_type(http):
    notes = all_pages(http, "/api/v1/notifications")
    assert NOTIFICATION_TYPES <= {n["type"] for n in notes}
    grouped = http.get("/api/v2/notifications", params={"limit": 80}).json()
    assert any(g["notifications_count"] > 1 for g in grouped["notification_groups"])


def test_direct_conversation_with_the_demo_user(http):
    convs = http.get("/api/v1/conversations").json()
    with_alice = [c for c in convs if [a["username"] for a in c["accounts"]] == ["alice"]]
    assert with_alice and with_alice[0]["last_status"]["visibility"] == "direct"
    assert any(len(c["accounts"]) == 2 for c in convs), "a group conversation"


def test_polls_open_ended_multiple_hidden_and_voted(http, named):
    poll = lambda key: http.get(f"/api/v1/statuses/{named[key]}").json()["poll"]  # noqa: E731
    assert not poll("open_poll")["expired"] and poll("open_poll")["votes_count"] >= 5
    ended = poll("ended_poll")
    assert ended["expired"] and ended["multiple"] and ended["voted"] and ended["own_votes"] == [0, 2]
    assert poll("own_poll")["expired"]
    assert all(o["votes_count"] is None for o in poll("hidden_poll")["options"])
    assert poll("multiple_poll")["multiple"] and not poll("multiple_poll")["voted"]


def test_edited_status_has_history(http, named):
    history = http.get(f"/api/v1/statuses/{named['edited']}/history").json()
    assert len(history) == 3 and "relased" in history[0]["content"] and "released" in history[-1]["content"]


def test_pins_bookmarks_favourites_lists_tags_emoji_markers(inst, http, named):
    demo = inst.state.account_by_username("demo").id
    pinned = http.get(f"/api/v1/accounts/{demo}/statuses", params={"pinned": "true"}).json()
    assert [s["id"] for s in pinned] == [named["pinned"]]
    assert http.get("/api/v1/bookmarks").json() and http.get("/api/v1/favourites").json()
    assert "Friends" in [lst["title"] for lst in http.get("/api/v1/lists").json()]
    assert {"python", "photography"} <= {t["name"] for t in http.get("/api/v1/followed_tags").json()}
    assert len(http.get("/api/v1/custom_emojis").json()) >= 5
    markers = http.get("/api/v1/markers", params={"timeline[]": ["home", "notifications"]}).json()
    assert set(markers) == {"home", "notifications"}


def test_media_is_served_and_sensitive_one_is_marked(http, named):
    gallery = http.get(f"/api/v1/statuses/{named['gallery']}").json()
    assert len(gallery["media_attachments"]) == 4
    for m in gallery["media_attachments"]:
        assert m["description"] and m["meta"]["original"]["width"] > 0
        r = http.get(m["url"])
        assert r.status_code == 200 and r.content.startswith(PNG)
    assert http.get(f"/api/v1/statuses/{named['sensitive_media']}").json()["sensitive"]
    assert http.get(f"/api/v1/statuses/{named['no_alt_media']}").json()["media_attachments"][0]["description"] \
        is None


def test_hostile_statuses_arrive_intact(http, named):
    hostile = named["hostile"]
    got = {k: http.get(f"/api/v1/statuses/{sid}").json() for k, sid in hostile.items()}
    assert "[@click=app.quit]" in got["rich_markup"]["content"]
    assert "\x1b]52;c;" in got["osc52"]["content"] and "\x1b]8;;" in got["osc8"]["content"]
    assert "\x1b]0;" in got["osc8"]["content"] and "\x1b[2J" in got["ansi"]["content"]
    assert "\u202e" in got["bidi"]["content"] and "\u200b" in got["zero_width"]["content"]
    assert "\x08" in got["controls"]["content"] and "\x9b" in got["controls"]["content"]
    assert max(len(w) for w in got["long_word"]["content"].split()) >= 400
    assert len(got["long_line"]["content"]) > 5000 and "<br" not in got["long_line"]["content"]
    assert all(t in got["script"]["content"] for t in ("<script>", "<style>", "<iframe"))
    assert got["nested"]["content"].count("<span>") >= 500
    assert "\x1b" in got["spoiler"]["spoiler_text"]
    assert any("\x1b" in o["title"] for o in got["poll"]["poll"]["options"])
    assert "\x1b]0;" in got["media"]["media_attachments"][0]["description"]
