"""The JSON shapes of the main entities, as Mastodon documents them (entities/*.md): the keys a client relies
on are present, with the right types."""
from __future__ import annotations

import re

from .helpers import client

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
ACCOUNT = {"id", "username", "acct", "display_name", "locked", "bot", "discoverable", "group", "created_at", "note",
           "url", "uri", "avatar", "avatar_static", "header", "header_static", "followers_count", "following_count",
           "statuses_count", "last_status_at", "emojis", "fields"}
STATUS = {"id", "uri", "url", "created_at", "account", "content", "visibility", "sensitive", "spoiler_text",
          "media_attachments", "application", "mentions", "tags", "emojis", "reblogs_count", "favourites_count",
          "replies_count", "in_reply_to_id", "in_reply_to_account_id", "reblog", "poll", "card", "language",
          "edited_at", "favourited", "reblogged", "muted", "bookmarked"}


def check_account(a):
    assert ACCOUNT <= set(a), ACCOUNT - set(a)
    assert isinstance(a["id"], str) and a["id"].isdigit() and ISO.match(a["created_at"])
    assert all(set(f) == {"name", "value", "verified_at"} for f in a["fields"])
    assert isinstance(a["followers_count"], int)


def check_status(s):
    assert STATUS <= set(s), STATUS - set(s)
    assert isinstance(s["id"], str) and ISO.match(s["created_at"])
    check_account(s["account"])
    if s["reblog"]:
        check_status(s["reblog"])


def test_account_and_credentials(instance):
    with client(instance) as c:
        me = c.get("/api/v1/accounts/verify_credentials").json()
        check_account(me)
        assert set(me["source"]) >= {"privacy", "sensitive", "language", "note", "fields", "follow_requests_count"}
        alice = c.get("/api/v1/accounts/lookup", params={"acct": "alice"}).json()
        check_account(alice)
        assert alice["emojis"][0]["shortcode"] == "blobcat"
        assert c.get(alice["avatar"]).headers["content-type"] == "image/png"
        rel = c.get("/api/v1/accounts/relationships", params={"id[]": alice["id"]}).json()[0]
        assert set(rel) >= {"id", "following", "showing_reblogs", "notifying", "followed_by", "blocking",
                            "blocked_by", "muting", "muting_notifications", "requested", "requested_by",
                            "domain_blocking", "endorsed", "note", "languages"}
        assert rel["following"] is True and rel["followed_by"] is True


def test_status_media_poll_card_shapes(instance):
    with client(instance) as c:
        statuses = []
        page = c.get("/api/v1/timelines/public", params={"limit": 40})
        while True:
            statuses += page.json()
            if "next" not in page.links:
                break
            page = c.get(page.links["next"]["url"])
        for s in statuses:
            check_status(s)
        media = next(s for s in statuses if s["media_attachments"])["media_attachments"][0]
        assert set(media) >= {"id", "type", "url", "preview_url", "remote_url", "meta", "description", "blurhash"}
        assert media["description"] == "An orange rectangle"
        poll = next(s for s in statuses if s["poll"])["poll"]
        assert set(poll) >= {"id", "expires_at", "expired", "multiple", "votes_count", "voters_count", "options",
                             "emojis", "voted", "own_votes"}
        card = next(s for s in statuses if s["card"])["card"]
        assert set(card) >= {"url", "title", "description", "type", "author_name", "provider_name", "html",
                             "width", "height", "image", "embed_url", "blurhash"}
        cw = next(s for s in statuses if s["spoiler_text"])
        assert cw["sensitive"] is True


def test_context_tags_lists_markers(instance):
    with client(instance) as c:
        thread_tail = next(s for s in c.get("/api/v1/timelines/home", params={"limit": 40}).json()
                           if "reply level 4" in s["content"])
        ctx = c.get(f"/api/v1/statuses/{thread_tail['id']}/context").json()
        assert set(ctx) == {"ancestors", "descendants"} and len(ctx["ancestors"]) == 4
        root = ctx["ancestors"][0]["id"]
        down = c.get(f"/api/v1/statuses/{root}/context").json()
        assert [("reply level" in s["content"]) for s in down["descendants"]] == [True] * 4
        tag = c.get("/api/v1/tags/python").json()
        assert set(tag) >= {"name", "url", "history", "following"} and len(tag["history"]) == 7
        assert set(tag["history"][0]) == {"day", "uses", "accounts"}
        lists = c.get("/api/v1/lists").json()
        assert set(lists[0]) == {"id", "title", "replies_policy", "exclusive"}
        m = c.post("/api/v1/markers", data={"home[last_read_id]": thread_tail["id"]}).json()
        assert set(m["home"]) == {"last_read_id", "version", "updated_at"}
        assert c.get("/api/v1/markers", params={"timeline[]": "home"}).json()["home"]["last_read_id"] == thread_tail["id"]


def test_instance_v1_v2(instance):
    with client(instance, user=None) as c:
        v2 = c.get("/api/v2/instance").json()
        assert v2["api_versions"] == {"mastodon": 2}
        assert v2["configuration"]["urls"]["streaming"] == instance.base_url.replace("http", "ws")
        assert v2["configuration"]["statuses"]["max_characters"] == 500
        assert {"polls", "media_attachments", "statuses", "accounts"} <= set(v2["configuration"])
        v1 = c.get("/api/v1/instance").json()
        assert v1["urls"]["streaming_api"].startswith("ws://") and v1["uri"] == v2["domain"]
        emoji = c.get("/api/v1/custom_emojis").json()
        assert set(emoji[0]) >= {"shortcode", "url", "static_url", "visible_in_picker"}


def test_minimal_entities_switch(fresh_instance):
    inst = fresh_instance(minimal_entities=True)
    with client(inst) as c:
        s = c.get("/api/v1/timelines/home").json()[0]
        assert "edited_at" not in s and "card" not in s and "filtered" not in s
        assert {"id", "content", "account", "created_at"} <= set(s)
        assert "discoverable" not in s["account"]


def test_filtered_on_statuses(instance):
    """The seed gives demo a 'warn' filter on the word finale; a 'hide' filter drops statuses."""
    with client(instance) as c:
        home = c.get("/api/v1/timelines/home", params={"limit": 40}).json()
        hit = next(s for s in home if "finale" in s["content"])
        result = hit["filtered"][0]
        assert result["filter"]["title"] == "Spoilers" and result["keyword_matches"] == ["finale"]
        assert set(result) == {"filter", "keyword_matches", "status_matches"}
        f = c.post("/api/v2/filters", json={"title": "No weather", "context": ["home", "public"],
                                             "filter_action": "hide",
                                             "keywords_attributes": [{"keyword": "Weather", "whole_word": True}]})
        assert f.status_code == 200 and f.json()["keywords"][0]["keyword"] == "Weather"
        home = c.get("/api/v1/timelines/home", params={"limit": 40}).json()
        assert not any("Weather:" in s["content"] for s in home)  # hide: dropped from home by the server
        public = c.get("/api/v1/timelines/public", params={"limit": 40}).json()
        marked = [s for s in public if "Weather:" in s["content"]]
        assert marked and all(s["filtered"][0]["filter"]["filter_action"] == "hide" for s in marked)
        assert "keywords" not in marked[0]["filtered"][0]["filter"]  # Mastodon leaves the rules out here
        assert all(s["filtered"] == [] for s in public if "Weather" not in s["content"] and "finale" not in s["content"])
        assert c.get("/api/v1/filters").json()[-1]["phrase"] == "Weather"
        assert c.delete(f"/api/v2/filters/{f.json()['id']}").status_code == 200
        home = c.get("/api/v1/timelines/home", params={"limit": 40}).json()
        assert any("Weather:" in s["content"] for s in home)
