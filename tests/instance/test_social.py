"""Relationships, follow requests, lists, grouped notifications, search and the removed/switched endpoints."""
from __future__ import annotations

from .helpers import client


def _id(inst, name):
    return inst.state.account_by_username(name).id


def test_follow_locked_account_and_authorize(fresh_instance):
    inst = fresh_instance()
    dave = _id(inst, "dave")
    with client(inst, "eve") as e:
        rel = e.post(f"/api/v1/accounts/{dave}/follow").json()
        assert rel["requested"] is True and rel["following"] is False
    with client(inst, "dave") as d:
        reqs = d.get("/api/v1/follow_requests").json()
        assert {a["username"] for a in reqs} == {"carol", "eve"}
        notes = d.get("/api/v1/notifications", params={"types[]": "follow_request"}).json()
        assert {n["account"]["username"] for n in notes} == {"carol", "eve"}
        rel = d.post(f"/api/v1/follow_requests/{_id(inst, 'eve')}/authorize").json()
        assert rel["followed_by"] is True
        assert d.post(f"/api/v1/follow_requests/{_id(inst, 'carol')}/reject").json()["followed_by"] is False
        assert d.get("/api/v1/follow_requests").json() == []
        assert d.post(f"/api/v1/follow_requests/{_id(inst, 'carol')}/reject").status_code == 404


def test_block_and_mute(fresh_instance):
    inst = fresh_instance()
    alice = _id(inst, "alice")
    with client(inst) as c:
        rel = c.post(f"/api/v1/accounts/{alice}/mute", data={"notifications": "false"}).json()
        assert rel["muting"] is True and rel["muting_notifications"] is False
        home = c.get("/api/v1/timelines/home", params={"limit": 40}).json()
        assert all(s["account"]["id"] != alice for s in home)
        assert [a["id"] for a in c.get("/api/v1/mutes").json()] == [alice]
        c.post(f"/api/v1/accounts/{alice}/unmute")
        rel = c.post(f"/api/v1/accounts/{alice}/block").json()
        assert rel["blocking"] is True and rel["following"] is False and rel["followed_by"] is False
        assert [a["id"] for a in c.get("/api/v1/blocks").json()] == [alice]
    with client(inst, "alice") as a:
        me = _id(inst, "demo")
        assert a.get(f"/api/v1/accounts/{me}/statuses").json() == []
        assert a.post(f"/api/v1/accounts/{me}/follow").status_code == 403


def test_lists_crud_and_timeline(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        lst = c.post("/api/v1/lists", json={"title": "Birds", "replies_policy": "none"}).json()
        assert c.post(f"/api/v1/lists/{lst['id']}/accounts", data={"account_ids[]": _id(inst, "eve")}).json() == {}
        assert [a["username"] for a in c.get(f"/api/v1/lists/{lst['id']}/accounts").json()] == ["eve"]
        tl = c.get(f"/api/v1/timelines/list/{lst['id']}").json()
        assert tl and all(s["account"]["username"] == "eve" for s in tl)
        not_followed = c.post(f"/api/v1/lists/{lst['id']}/accounts", data={"account_ids[]": _id(inst, "dave")})
        assert not_followed.status_code == 422
        assert c.put(f"/api/v1/lists/{lst['id']}", data={"title": "Bots"}).json()["title"] == "Bots"
        assert [l["title"] for l in c.get(f"/api/v1/accounts/{_id(inst, 'eve')}/lists").json()] == ["Bots"]
        assert c.delete(f"/api/v1/lists/{lst['id']}").status_code == 200
        assert c.get(f"/api/v1/lists/{lst['id']}").status_code == 404
    with client(inst, "alice") as a:
        assert a.get("/api/v1/lists").json() == []


def test_grouped_notifications(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        sid = c.post("/api/v1/statuses", data={"status": "like me"}).json()["id"]
    for name in ("alice", "bob", "carol"):
        with client(inst, name) as x:
            x.post(f"/api/v1/statuses/{sid}/favourite")
    with client(inst) as c:
        r = c.get("/api/v2/notifications")
        body = r.json()
        assert set(body) == {"accounts", "statuses", "notification_groups"}
        group = next(g for g in body["notification_groups"] if g["type"] == "favourite" and g.get("status_id") == sid)
        assert group["notifications_count"] == 3 and len(group["sample_account_ids"]) == 3
        assert set(group) >= {"group_key", "most_recent_notification_id", "page_min_id", "page_max_id",
                              "latest_page_notification_at"}
        account_ids = {a["id"] for a in body["accounts"]}
        assert set(group["sample_account_ids"]) <= account_ids
        assert sid in {s["id"] for s in body["statuses"]}
        ungrouped = c.get("/api/v2/notifications", params={"grouped_types[]": "reblog"}).json()
        assert all(g["notifications_count"] == 1 for g in ungrouped["notification_groups"] if g["type"] == "favourite")
        one = c.get(f"/api/v2/notifications/{group['group_key']}").json()
        assert one["notification_groups"][0]["notifications_count"] == 3
        assert c.get("/api/v2/notifications/unread_count").json()["count"] > 0
        assert c.post(f"/api/v2/notifications/{group['group_key']}/dismiss").status_code == 200
        v1 = c.get("/api/v1/notifications", params={"types[]": "favourite"}).json()
        assert all(n.get("status", {}).get("id") != sid for n in v1)


def test_grouped_notifications_switch(fresh_instance):
    inst = fresh_instance(grouped_notifications=False)
    with client(inst) as c:
        assert c.get("/api/v2/notifications").status_code == 404
        assert c.get("/api/v1/notifications").status_code == 200


def test_notification_clear_and_dismiss(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        notes = c.get("/api/v1/notifications").json()
        assert c.get(f"/api/v1/notifications/{notes[0]['id']}").json()["id"] == notes[0]["id"]
        assert c.post(f"/api/v1/notifications/{notes[0]['id']}/dismiss").status_code == 200
        assert c.get(f"/api/v1/notifications/{notes[0]['id']}").status_code == 404
        assert c.post("/api/v1/notifications/clear").json() == {}
        assert c.get("/api/v1/notifications").json() == []


def test_search_resolves_local_objects(instance):
    with client(instance) as c:
        r = c.get("/api/v2/search", params={"q": "alice@" + instance.state.domain, "resolve": "true"}).json()
        assert r["accounts"][0]["acct"] == "alice"
        st = c.get("/api/v1/timelines/public", params={"limit": 1}).json()[0]
        found = c.get("/api/v2/search", params={"q": st["url"], "resolve": "true"}).json()
        assert [s["id"] for s in found["statuses"]] == [st["id"]]
        tags = c.get("/api/v2/search", params={"q": "#pyth", "type": "hashtags"}).json()
        assert tags["hashtags"][0]["name"] == "python" and tags["accounts"] == []
        words = c.get("/api/v2/search", params={"q": "kettle weather", "type": "statuses"}).json()
        assert isinstance(words["statuses"], list)
        assert c.get("/api/v2/search", params={"q": "x", "type": "people"}).status_code == 422
        assert c.get("/api/v2/search", params={"q": "nobody@elsewhere.example", "resolve": "true"}
                     ).json()["accounts"] == []


def test_followed_tags_reach_home(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        assert c.post("/api/v1/tags/weather/follow").json()["following"] is True
        assert [t["name"] for t in c.get("/api/v1/followed_tags").json()] == ["weather"]
    dave = inst.state.account_by_username("dave").id
    inst.state.post_status(dave, "Storm incoming #weather")
    with client(inst) as c:
        home = c.get("/api/v1/timelines/home", params={"limit": 5}).json()
        assert "Storm incoming" in home[0]["content"]


def test_update_credentials(fresh_instance):
    inst = fresh_instance()
    from demo.seed import png
    with client(inst) as c:
        r = c.patch("/api/v1/accounts/update_credentials",
                    data={"display_name": "New Name", "note": "Hello #world", "fields_attributes[0][name]": "Site",
                          "fields_attributes[0][value]": "https://example.net", "source[privacy]": "unlisted"},
                    files={"avatar": ("a.png", png(4, 4, (9, 9, 9)), "image/png")})
        me = r.json()
        assert me["display_name"] == "New Name" and "hashtag" in me["note"]
        assert me["fields"][0]["name"] == "Site" and me["source"]["privacy"] == "unlisted"
        assert c.get(me["avatar"]).content == png(4, 4, (9, 9, 9))
        post = c.post("/api/v1/statuses", data={"status": "default visibility"}).json()
        assert post["visibility"] == "unlisted"
        assert c.get("/api/v1/preferences").json()["posting:default:visibility"] == "unlisted"


def test_reports(instance):
    with client(instance) as c:
        eve = _id(instance, "eve")
        st = c.get(f"/api/v1/accounts/{eve}/statuses", params={"limit": 1}).json()[0]
        r = c.post("/api/v1/reports", data={"account_id": eve, "status_ids[]": st["id"], "comment": "spammy",
                                            "category": "spam"})
        assert r.status_code == 200 and r.json()["target_account"]["id"] == eve
        assert c.post("/api/v1/reports", data={}).status_code == 422


def test_suspended_account_is_blanked(fresh_instance):
    """Mastodon 3.3+ (the default version here); the 410 of 2.4-3.2 is in test_parity.py."""
    inst = fresh_instance()
    eve = _id(inst, "eve")
    with inst.state.lock:
        inst.state.accounts[eve].suspended = True
    with client(inst) as c:
        r = c.get(f"/api/v1/accounts/{eve}")
        assert r.status_code == 200 and r.json()["suspended"] is True and r.json()["display_name"] == ""
        assert r.json()["statuses_count"] == 0 and r.json()["fields"] == []
        assert c.get(f"/api/v1/accounts/{eve}/statuses").json() == []
        assert all(s["account"]["id"] != eve for s in c.get("/api/v1/timelines/public").json())
    with client(inst, "eve") as e:  # a suspended account's tokens stop working
        assert e.get("/api/v1/accounts/verify_credentials").status_code == 401


def test_extras_featured_tags_domain_blocks_endorsements_announcements(fresh_instance):
    inst = fresh_instance()
    alice = _id(inst, "alice")
    with client(inst) as c:
        ft = c.post("/api/v1/featured_tags", data={"name": "#tootty"}).json()
        assert ft["name"] == "tootty" and ft["statuses_count"] == "4"  # the small seed posts it 4 times
        assert [t["name"] for t in c.get("/api/v1/featured_tags").json()] == ["tootty"]
        assert c.delete(f"/api/v1/featured_tags/{ft['id']}").json() == {}
        assert c.get("/api/v1/featured_tags").json() == []
        assert c.post("/api/v1/domain_blocks", data={"domain": "spam.example"}).json() == {}
        assert c.get("/api/v1/domain_blocks").json() == ["spam.example"]
        c.delete("/api/v1/domain_blocks", params={"domain": "spam.example"})
        assert c.get("/api/v1/domain_blocks").json() == []
        assert c.post(f"/api/v1/accounts/{alice}/endorse").json()["endorsed"] is True
        assert [a["id"] for a in c.get("/api/v1/endorsements").json()] == [alice]
        assert c.post(f"/api/v1/accounts/{alice}/unendorse").json()["endorsed"] is False
        assert c.post(f"/api/v1/accounts/{_id(inst, 'dave')}/endorse").status_code == 422  # not followed
        ann = c.get("/api/v1/announcements").json()
        assert ann and ann[0]["read"] is False and "Welcome" in ann[0]["content"]
        assert c.put(f"/api/v1/announcements/{ann[0]['id']}/reactions/👍").status_code == 200
        c.post(f"/api/v1/announcements/{ann[0]['id']}/dismiss")
        again = c.get("/api/v1/announcements").json()[0]
        assert again["read"] is True and again["reactions"] == [
            {"name": "👍", "count": 1, "me": True, "url": None, "static_url": None}]
        assert c.put("/api/v1/announcements/1/reactions/x").status_code == 404
        sugg = [a["username"] for a in c.get("/api/v1/suggestions").json()]
        assert "dave" in sugg and "alice" not in sugg
        c.delete(f"/api/v1/suggestions/{_id(inst, 'dave')}")
        assert "dave" not in [s["account"]["username"] for s in c.get("/api/v2/suggestions").json()]
        st = c.get("/api/v1/timelines/home", params={"limit": 1}).json()[0]
        assert c.post(f"/api/v1/statuses/{st['id']}/translate").status_code == 403


def test_web_pages_and_webfinger(instance):
    with client(instance) as c:
        st = c.get("/api/v1/timelines/public", params={"limit": 1}).json()[0]
        page = c.get(st["url"])
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert st["content"] in page.text
        assert c.get(st["account"]["url"]).status_code == 200
        assert c.get("/tags/python").status_code == 200
        wf = c.get("/.well-known/webfinger", params={"resource": f"acct:alice@{instance.state.domain}"})
        assert wf.json()["subject"] == f"acct:alice@{instance.state.domain}"
        assert c.get("/.well-known/webfinger", params={"resource": "acct:nobody@elsewhere.example"}).status_code == 404
        assert c.get("/@nobody").status_code == 404
