"""Posting and the per-status actions: Idempotency-Key, validation errors, edits with history and source,
delete-and-redraft, reblogs, favourites, bookmarks, pins, polls, scheduled statuses and the media flow."""
from __future__ import annotations

from datetime import timedelta

from demo.clock import FakeClock
from demo.seed import png

from .helpers import client


def test_idempotency_key_returns_first_status(instance):
    with client(instance) as c:
        before = instance.state.statuses_count(instance.state.account_by_username("demo").id)
        h = {"Idempotency-Key": "key-1"}
        a = c.post("/api/v1/statuses", data={"status": "once only"}, headers=h)
        b = c.post("/api/v1/statuses", data={"status": "once only"}, headers=h)
        assert a.status_code == b.status_code == 200
        assert a.json()["id"] == b.json()["id"]
        assert instance.state.statuses_count(instance.state.account_by_username("demo").id) == before + 1
        other = c.post("/api/v1/statuses", data={"status": "once only"}, headers={"Idempotency-Key": "key-2"})
        assert other.json()["id"] != a.json()["id"]
    # the same key from another token is another post
    with client(instance, token=instance.make_token("demo")) as c2:
        assert c2.post("/api/v1/statuses", data={"status": "x"}, headers=h).json()["id"] != a.json()["id"]


def test_idempotency_expires_after_an_hour(fresh_instance):
    clock = FakeClock()
    inst = fresh_instance(clock=clock)
    with client(inst) as c:
        h = {"Idempotency-Key": "k"}
        first = c.post("/api/v1/statuses", json={"status": "hello"}, headers=h).json()["id"]
        clock.advance(3500)
        assert c.post("/api/v1/statuses", json={"status": "hello"}, headers=h).json()["id"] == first
        clock.advance(200)
        assert c.post("/api/v1/statuses", json={"status": "hello"}, headers=h).json()["id"] != first


def test_validation_errors(instance):
    with client(instance) as c:
        assert c.post("/api/v1/statuses", data={"status": ""}).status_code == 422
        long = c.post("/api/v1/statuses", data={"status": "x" * 501})
        assert long.status_code == 422 and "character limit" in long.json()["error"]
        # URLs count as 23 characters
        ok = c.post("/api/v1/statuses", data={"status": "y" * 470 + " https://example.com/" + "z" * 100})
        assert ok.status_code == 200
        assert c.post("/api/v1/statuses", data={"status": "hi", "visibility": "galaxy"}).status_code == 422
        assert c.post("/api/v1/statuses", data={"status": "hi", "in_reply_to_id": "999999999999999999999"}
                      ).status_code == 404
        one_option = c.post("/api/v1/statuses", data={"status": "p", "poll[options][]": ["a"],
                                                      "poll[expires_in]": "600"})
        assert one_option.status_code == 422


def test_post_shapes_mentions_tags_cw(instance):
    with client(instance) as c:
        r = c.post("/api/v1/statuses", json={"status": "Hi @alice, see #Testing https://example.org/page",
                                             "spoiler_text": "cw here", "visibility": "unlisted", "language": "de"})
        st = r.json()
        assert st["spoiler_text"] == "cw here" and st["sensitive"] is True and st["visibility"] == "unlisted"
        assert st["language"] == "de"
        assert [m["acct"] for m in st["mentions"]] == ["alice"]
        assert [t["name"] for t in st["tags"]] == ["testing"]
        assert 'class="u-url mention"' in st["content"] and 'class="mention hashtag"' in st["content"]
        assert st["card"]["url"] == "https://example.org/page"
        assert st["application"]["name"] == "tootty tests"
    with client(instance, "alice") as a:
        notes = a.get("/api/v1/notifications", params={"types[]": "mention"}).json()
        assert notes[0]["status"]["id"] == st["id"]


def test_edit_history_and_source(instance):
    with client(instance) as c:
        sid = c.post("/api/v1/statuses", data={"status": "first version"}).json()["id"]
        e = c.put(f"/api/v1/statuses/{sid}", data={"status": "second version", "spoiler_text": "now with cw"})
        assert e.status_code == 200 and e.json()["edited_at"] is not None
        assert "second version" in e.json()["content"]
        hist = c.get(f"/api/v1/statuses/{sid}/history").json()
        assert ["first version" in h["content"] for h in hist] == [True, False]
        assert hist[1]["spoiler_text"] == "now with cw"
        src = c.get(f"/api/v1/statuses/{sid}/source").json()
        assert src == {"id": sid, "text": "second version", "spoiler_text": "now with cw"}
    with client(instance, "alice") as a:
        assert a.put(f"/api/v1/statuses/{sid}", data={"status": "hijack"}).status_code == 404  # own statuses only
        assert a.get(f"/api/v1/statuses/{sid}/source").status_code == 404


def test_delete_returns_source_text(instance):
    with client(instance) as c:
        sid = c.post("/api/v1/statuses", data={"status": "to be redrafted"}).json()["id"]
        r = c.delete(f"/api/v1/statuses/{sid}")
        assert r.status_code == 200 and r.json()["text"] == "to be redrafted"
        assert c.get(f"/api/v1/statuses/{sid}").status_code == 404
        assert c.delete(f"/api/v1/statuses/{sid}").status_code == 404


def test_actions_toggle_flags(instance):
    with client(instance, "alice") as a:
        sid = a.post("/api/v1/statuses", data={"status": "act on me"}).json()["id"]
    with client(instance) as c:
        rb = c.post(f"/api/v1/statuses/{sid}/reblog").json()
        assert rb["reblog"]["id"] == sid and rb["reblogged"] is True and rb["reblog"]["reblogs_count"] == 1
        assert c.post(f"/api/v1/statuses/{sid}/reblog").json()["id"] == rb["id"]  # no double reblog
        assert c.post(f"/api/v1/statuses/{sid}/unreblog").json()["reblogged"] is False
        assert c.post(f"/api/v1/statuses/{sid}/favourite").json()["favourited"] is True
        assert c.post(f"/api/v1/statuses/{sid}/bookmark").json()["bookmarked"] is True
        assert c.post(f"/api/v1/statuses/{sid}/mute").json()["muted"] is True
        assert c.get(f"/api/v1/statuses/{sid}/favourited_by").json()[0]["username"] == "demo"
        assert c.post(f"/api/v1/statuses/{sid}/unfavourite").json()["favourited"] is False
        assert c.post(f"/api/v1/statuses/{sid}/unbookmark").json()["bookmarked"] is False
        assert c.post(f"/api/v1/statuses/{sid}/pin").status_code == 422  # not own status
        own = c.post("/api/v1/statuses", data={"status": "pin me"}).json()["id"]
        assert c.post(f"/api/v1/statuses/{own}/pin").json()["pinned"] is True
        me = instance.state.account_by_username("demo").id
        pinned = c.get(f"/api/v1/accounts/{me}/statuses", params={"pinned": "true"}).json()
        assert [s["id"] for s in pinned] == [own]


def test_private_and_direct_visibility(instance):
    with client(instance, "alice") as a:
        dm = a.post("/api/v1/statuses", data={"status": "@demo secret", "visibility": "direct"}).json()["id"]
    with client(instance, "eve") as e:
        assert e.get(f"/api/v1/statuses/{dm}").status_code == 404
        assert e.post(f"/api/v1/statuses/{dm}/reblog").status_code == 404
    with client(instance) as c:
        assert c.get(f"/api/v1/statuses/{dm}").status_code == 200
        assert c.post(f"/api/v1/statuses/{dm}/reblog").status_code == 403
        convs = c.get("/api/v1/conversations").json()
        assert convs[0]["last_status"]["id"] == dm and convs[0]["unread"] is True
        assert [a["username"] for a in convs[0]["accounts"]] == ["alice"]
        assert c.post(f"/api/v1/conversations/{convs[0]['id']}/read").json()["unread"] is False


def test_polls_vote(instance):
    with client(instance, "carol") as c:
        st = c.post("/api/v1/statuses", data={"status": "vote", "poll[options][]": ["a", "b", "c"],
                                             "poll[expires_in]": "3600", "poll[multiple]": "true"}).json()
        pid = st["poll"]["id"]
        assert [o["title"] for o in st["poll"]["options"]] == ["a", "b", "c"] and st["poll"]["multiple"]
    with client(instance) as d:
        r = d.post(f"/api/v1/polls/{pid}/votes", data={"choices[]": ["0", "2"]})
        assert r.status_code == 200
        poll = r.json()
        assert poll["voted"] is True and poll["own_votes"] == [0, 2] and poll["votes_count"] == 2
        assert d.post(f"/api/v1/polls/{pid}/votes", data={"choices[]": ["1"]}).status_code == 422
    with client(instance, "alice") as a:
        assert a.post(f"/api/v1/polls/{pid}/votes", json={"choices": [7]}).status_code == 422


def test_scheduled_status_publishes_when_due(fresh_instance):
    clock = FakeClock()
    inst = fresh_instance(clock=clock)
    with client(inst) as c:
        when = (clock.now() + timedelta(minutes=10)).isoformat()
        r = c.post("/api/v1/statuses", data={"status": "later", "scheduled_at": when})
        assert r.status_code == 200 and r.json()["params"]["text"] == "later"
        sid = r.json()["id"]
        assert [s["id"] for s in c.get("/api/v1/scheduled_statuses").json()] == [sid]
        too_soon = (clock.now() + timedelta(minutes=1)).isoformat()
        assert c.post("/api/v1/statuses", data={"status": "x", "scheduled_at": too_soon}).status_code == 422
        clock.advance(11 * 60)
        assert c.get("/api/v1/scheduled_statuses").json() == []
        me = inst.state.account_by_username("demo").id
        assert "later" in c.get(f"/api/v1/accounts/{me}/statuses", params={"limit": 1}).json()[0]["content"]


def test_media_processing_flow(fresh_instance):
    clock = FakeClock()
    inst = fresh_instance(clock=clock, media_delay=5, tiny_media_bytes=100)
    big = png(200, 100, (1, 2, 3)) + b"\0" * 500
    with client(inst) as c:
        r = c.post("/api/v2/media", files={"file": ("a.png", big, "image/png")}, data={"description": "alt"})
        assert r.status_code == 202 and r.json()["url"] is None and r.json()["description"] == "alt"
        mid = r.json()["id"]
        assert c.get(f"/api/v1/media/{mid}").status_code == 206
        assert c.post("/api/v1/statuses", data={"status": "pic", "media_ids[]": mid}).status_code == 422
        clock.advance(6)
        done = c.get(f"/api/v1/media/{mid}")
        assert done.status_code == 200 and done.json()["url"].startswith(inst.base_url + "/media/")
        assert done.json()["meta"]["original"]["width"] == 200
        assert c.put(f"/api/v1/media/{mid}", data={"description": "better alt"}).json()["description"] == "better alt"
        assert c.get(done.json()["url"]).content == big
        st = c.post("/api/v1/statuses", data={"status": "pic", "media_ids[]": mid}).json()
        assert st["media_attachments"][0]["id"] == mid
        tiny = c.post("/api/v2/media", files={"file": ("t.png", png(1, 1, (0, 0, 0)), "image/png")})
        assert tiny.status_code == 200 and tiny.json()["url"]
        v1 = c.post("/api/v1/media", files={"file": ("b.png", big, "image/png")})
        assert v1.status_code == 200 and v1.json()["url"]
        bad = c.post("/api/v2/media", files={"file": ("x.exe", b"MZ...", "application/x-msdownload")})
        assert bad.status_code == 422
