"""Where the local instance once differed from real Mastodon (found by the api library's author), each over real
HTTP: removed routes, stored relationships (notes, endorsements), domain blocks and featured tags with their
paging, announcements, hidden existence (404) of other people's objects, 410/409/206, and errors shaped like
Mastodon's."""
from __future__ import annotations

from .helpers import client, links


def _id(inst, username):
    return inst.state.account_by_username(username).id


def test_card_route_is_gone_and_statuses_with_links_carry_a_card(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        st = c.post("/api/v1/statuses", data={"status": "read https://example.org/article please"}).json()
        assert st["card"]["url"] == "https://example.org/article" and st["card"]["type"] == "link"
        assert c.get(f"/api/v1/statuses/{st['id']}").json()["card"]["url"] == "https://example.org/article"
        r = c.get(f"/api/v1/statuses/{st['id']}/card")  # removed in Mastodon 3.0
        assert r.status_code == 404 and r.json() == {"error": "Not Found"}
        plain = c.post("/api/v1/statuses", data={"status": "no links here"}).json()
        assert plain["card"] is None


def test_private_note_is_stored_and_shown_in_relationships(fresh_instance):
    inst = fresh_instance()
    alice = _id(inst, "alice")
    with client(inst) as c:
        assert c.post(f"/api/v1/accounts/{alice}/note", data={"comment": "met at the meetup"}).json()["note"] \
            == "met at the meetup"
        rel = c.get("/api/v1/accounts/relationships", params={"id[]": alice}).json()[0]
        assert rel["note"] == "met at the meetup"
        assert c.post(f"/api/v1/accounts/{alice}/note", json={"comment": "x" * 2001}).status_code == 422
        assert c.post(f"/api/v1/accounts/{alice}/note", json={"comment": ""}).json()["note"] == ""
        assert c.get("/api/v1/accounts/relationships", params={"id[]": alice}).json()[0]["note"] == ""
        assert c.post("/api/v1/accounts/999999/note", data={"comment": "x"}).status_code == 404
    with client(inst, "alice") as a:  # a note is private to its author
        c2 = a.post(f"/api/v1/accounts/{_id(inst, 'demo')}/note", data={"comment": "alice's own"}).json()
        assert c2["note"] == "alice's own"
    with client(inst) as c:
        assert c.get("/api/v1/accounts/relationships", params={"id[]": alice}).json()[0]["note"] == ""


def test_other_peoples_statuses_are_not_found_for_owner_only_actions(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        mine = c.post("/api/v1/statuses", data={"status": "mine, publicly visible"}).json()["id"]
    with client(inst, "alice") as a:
        for method, path, kw in [("DELETE", f"/api/v1/statuses/{mine}", {}),
                                 ("PUT", f"/api/v1/statuses/{mine}", {"data": {"status": "hijack"}}),
                                 ("GET", f"/api/v1/statuses/{mine}/source", {})]:
            r = a.request(method, path, **kw)
            assert (method, r.status_code, r.json()) == (method, 404, {"error": "Record not found"})
        r = a.post(f"/api/v1/statuses/{mine}/pin")  # Mastodon's StatusPinValidator: 422, not 404
        assert r.status_code == 422 and r.json()["error"] == "Validation failed: Someone else's post cannot be pinned"
    with client(inst) as c:  # untouched
        st = c.get(f"/api/v1/statuses/{mine}").json()
        assert "mine, publicly visible" in st["content"] and st["edited_at"] is None
        assert c.delete(f"/api/v1/statuses/{mine}").status_code == 200
        assert c.delete(f"/api/v1/statuses/{mine}").status_code == 404


def test_domain_blocks_are_stored_and_paged_with_link_headers(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        for i in range(5):
            assert c.post("/api/v1/domain_blocks", data={"domain": f"spam{i}.example"}).json() == {}
        assert c.post("/api/v1/domain_blocks", json={"domain": "Bad.Example"}).status_code == 200  # JSON body too
        assert c.post("/api/v1/domain_blocks", data={"domain": "spam1.example"}).status_code == 200  # idempotent
        first = c.get("/api/v1/domain_blocks", params={"limit": 4})
        assert first.json() == ["bad.example", "spam4.example", "spam3.example", "spam2.example"]  # newest first
        rest = c.get(links(first)["next"])
        assert rest.json() == ["spam1.example", "spam0.example"] and "next" not in links(rest)
        assert c.get(links(rest)["prev"]).json() == ["bad.example", "spam4.example", "spam3.example",
                                                     "spam2.example"]
        assert c.post("/api/v1/domain_blocks", data={"domain": " "}).json() == \
            {"error": "Validation failed: Domain can't be blank"}
        for bad in ("not a domain", "http://x.example/path", "a..b", "x" * 64 + ".example"):
            r = c.post("/api/v1/domain_blocks", data={"domain": bad})
            assert r.status_code == 422 and r.json() == {"error": "Validation failed: Domain is invalid"}
        own = inst.base_url.split("//", 1)[1]
        assert c.post("/api/v1/domain_blocks", data={"domain": own}).status_code == 422
        assert c.request("DELETE", "/api/v1/domain_blocks", data={"domain": "spam3.example"}).json() == {}
        assert c.request("DELETE", "/api/v1/domain_blocks", json={"domain": "bad.example"}).json() == {}
        assert c.get("/api/v1/domain_blocks").json() == ["spam4.example", "spam2.example", "spam1.example",
                                                         "spam0.example"]
    with client(inst, "alice") as a:  # per account
        assert a.get("/api/v1/domain_blocks").json() == []
    with client(inst, token=inst.make_token("demo", "read:accounts")) as weak:
        assert weak.get("/api/v1/domain_blocks").status_code == 403


def test_featured_tags_list_create_delete_and_suggestions(fresh_instance):
    inst = fresh_instance()
    demo = _id(inst, "demo")
    with client(inst) as c:
        c.post("/api/v1/statuses", data={"status": "about #Terminals and #python"})
        c.post("/api/v1/statuses", data={"status": "more #terminals"})
        suggested = [t["name"] for t in c.get("/api/v1/featured_tags/suggestions").json()]
        assert {"terminals", "python"} <= set(suggested)
        ft = c.post("/api/v1/featured_tags", data={"name": "#Terminals"}).json()
        assert ft["name"] == "terminals" and ft["statuses_count"] == "2" and ft["last_status_at"]
        assert ft["url"].endswith("/@demo/tagged/terminals")
        assert c.post("/api/v1/featured_tags", json={"name": "terminals"}).json()["id"] == ft["id"]  # idempotent
        py = c.post("/api/v1/featured_tags", data={"name": "python"}).json()
        assert [t["name"] for t in c.get("/api/v1/featured_tags").json()] == ["terminals", "python"]
        assert "terminals" not in [t["name"] for t in c.get("/api/v1/featured_tags/suggestions").json()]
        assert c.post("/api/v1/featured_tags", data={"name": "not valid!"}).status_code == 422
        assert c.delete(f"/api/v1/featured_tags/{py['id']}").json() == {}
        assert c.delete(f"/api/v1/featured_tags/{py['id']}").status_code == 404
    with client(inst, user=None) as anon:  # an account's featured tags are public
        assert [t["name"] for t in anon.get(f"/api/v1/accounts/{demo}/featured_tags").json()] == ["terminals"]
    with client(inst, "alice") as a:  # someone else's featured tag cannot be removed
        assert a.delete(f"/api/v1/featured_tags/{ft['id']}").status_code == 404
        assert a.get("/api/v1/featured_tags").json() == []


def test_endorsements_pin_endorse_listed_paged_and_dropped_with_the_follow(fresh_instance):
    inst = fresh_instance()
    demo = _id(inst, "demo")
    with client(inst) as c:
        ids = []
        for name in ("alice", "bob", "carol"):
            target = _id(inst, name)
            c.post(f"/api/v1/accounts/{target}/follow")
            ids.append(target)
        alice, bob, carol = ids
        assert c.post(f"/api/v1/accounts/{alice}/pin").json()["endorsed"] is True       # before 4.4
        assert c.post(f"/api/v1/accounts/{bob}/endorse").json()["endorsed"] is True     # 4.4
        assert c.post(f"/api/v1/accounts/{carol}/endorse").json()["endorsed"] is True
        assert c.post(f"/api/v1/accounts/{carol}/endorse").json()["endorsed"] is True   # idempotent (4.0+)
        rel = c.get("/api/v1/accounts/relationships", params={"id[]": [alice, _id(inst, "dave")]}).json()
        assert [r["endorsed"] for r in rel] == [True, False]
        page1 = c.get("/api/v1/endorsements", params={"limit": 2})
        assert [a["id"] for a in page1.json()] == [carol, bob]
        page2 = c.get(links(page1)["next"])
        assert [a["id"] for a in page2.json()] == [alice]
        assert [a["id"] for a in c.get(f"/api/v1/accounts/{demo}/endorsements").json()] == [carol, bob, alice]
        assert c.post(f"/api/v1/accounts/{alice}/unpin").json()["endorsed"] is False
        c.post(f"/api/v1/accounts/{bob}/unfollow")  # an endorsement needs the follow
        assert [a["id"] for a in c.get("/api/v1/endorsements").json()] == [carol]
        r = c.post(f"/api/v1/accounts/{bob}/endorse")
        assert r.status_code == 422 and "already following" in r.json()["error"]
        assert c.post(f"/api/v1/accounts/{carol}/unendorse").json()["endorsed"] is False
        assert c.get("/api/v1/endorsements").json() == []


def test_announcements_dismiss_and_reactions_suggestions_and_translation(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        ann = c.get("/api/v1/announcements").json()[0]
        aid = ann["id"]
        assert ann["read"] is False
        assert c.post(f"/api/v1/announcements/{aid}/dismiss").json() == {}
        assert c.get("/api/v1/announcements").json()[0]["read"] is True
        assert c.put(f"/api/v1/announcements/{aid}/reactions/🎉").json() == {}
        assert c.put(f"/api/v1/announcements/{aid}/reactions/blobcat").status_code == 200  # custom emoji
        for bad in ("hello", "nosuchemoji"):
            r = c.put(f"/api/v1/announcements/{aid}/reactions/{bad}")
            assert r.status_code == 422 and r.json() == {"error": "Validation failed: Name is not a recognized emoji"}
        reactions = {r["name"]: r for r in c.get("/api/v1/announcements").json()[0]["reactions"]}
        assert set(reactions) == {"🎉", "blobcat"} and reactions["🎉"]["me"] is True
        assert c.delete(f"/api/v1/announcements/{aid}/reactions/🎉").json() == {}
        assert [r["name"] for r in c.get("/api/v1/announcements").json()[0]["reactions"]] == ["blobcat"]
        assert c.post("/api/v1/announcements/404404/dismiss").status_code == 404
        dave = _id(inst, "dave")
        assert dave in [a["id"] for a in c.get("/api/v1/suggestions").json()]
        assert c.delete(f"/api/v1/suggestions/{dave}").json() == {}
        assert dave not in [a["id"] for a in c.get("/api/v1/suggestions").json()]
        assert dave not in [s["account"]["id"] for s in c.get("/api/v2/suggestions").json()]
        # translation is off in configuration; Mastodon refuses with its NotPermitted body
        assert c.get("/api/v2/instance").json()["configuration"]["translation"]["enabled"] is False
        st = c.get("/api/v1/timelines/public").json()[0]
        r = c.post(f"/api/v1/statuses/{st['id']}/translate")
        assert r.status_code == 403 and r.json() == {"error": "This action is not allowed"}
        assert c.post("/api/v1/statuses/404404/translate").status_code == 404


def test_suspended_account_is_gone_before_3_3_and_blanked_since(fresh_instance):
    old = fresh_instance(version="3.2.1")
    eve = _id(old, "eve")
    with old.state.lock:
        old.state.accounts[eve].suspended = True
    with client(old) as c:
        for path in ("", "/statuses", "/followers", "/following"):
            r = c.get(f"/api/v1/accounts/{eve}{path}")
            assert (path, r.status_code, r.json()) == (path, 410, {"error": "Gone"})
        assert c.get("/api/v1/accounts/404404").status_code == 404  # missing stays 404
    new = fresh_instance()  # 4.3.0
    eve = _id(new, "eve")
    with new.state.lock:
        new.state.accounts[eve].suspended = True
    with client(new) as c:
        acc = c.get(f"/api/v1/accounts/{eve}").json()
        assert acc["suspended"] is True and acc["note"] == "" and acc["avatar"].endswith("/missing.png")
        assert c.get(f"/api/v1/accounts/{eve}/followers").json() == []


def test_any_error_status_can_be_injected_for_end_to_end_mapping(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        r = c.post("/_demo/faults", json={"kind": "status", "status": 410, "path": "/api/v1/statuses/",
                                          "times": 1})
        assert r.status_code == 200
        gone = c.get("/api/v1/statuses/123")
        assert gone.status_code == 410 and gone.json() == {"error": "Gone"}
        assert c.get("/api/v1/statuses/123").status_code == 404  # used up: the real answer again
        inst.faults.add("status", "/api/v1/timelines/home", status=504)
        r = c.get("/api/v1/timelines/home")
        assert r.status_code == 504 and "text/html" in r.headers["content-type"]
        inst.faults.add("status", "/api/v1/markers", status=409)
        assert c.get("/api/v1/markers").json() == {"error": "Conflict"}
        for bad in (200, 302, 600, None):
            assert c.post("/_demo/faults", json={"kind": "status", "status": bad, "path": "/x"}).status_code == 422


def test_home_timeline_answers_206_while_the_feed_regenerates(fresh_instance):
    inst = fresh_instance(home_regenerating=2)
    with client(inst) as c:
        for _ in range(2):
            r = c.get("/api/v1/timelines/home")
            assert r.status_code == 206 and r.json() == [] and "link" not in r.headers
        r = c.get("/api/v1/timelines/home")
        assert r.status_code == 200 and r.json()
        inst.state.home_regenerating = True  # armed at run time too
        assert c.get("/api/v1/timelines/home").status_code == 206
        assert c.get("/api/v1/timelines/public").status_code == 200  # only the home feed regenerates
        assert c.get("/api/v1/timelines/home").status_code == 200


def test_marker_update_conflict_answers_409_and_changes_nothing(fresh_instance):
    inst = fresh_instance(marker_conflicts=True)
    with client(inst) as c:
        sid = c.get("/api/v1/timelines/home").json()[0]["id"]
        before = c.get("/api/v1/markers", params={"timeline[]": "home"}).json()
        r = c.post("/api/v1/markers", data={"home[last_read_id]": sid})
        assert r.status_code == 409 and r.json() == {"error": "Conflict during update, please try again"}
        assert c.get("/api/v1/markers", params={"timeline[]": "home"}).json() == before
        ok = c.post("/api/v1/markers", json={"home": {"last_read_id": sid}})  # the client's retry
        assert ok.status_code == 200 and ok.json()["home"]["last_read_id"] == sid
        inst.state.marker_conflicts = 1
        assert c.post("/api/v1/markers", data={"notifications[last_read_id]": "1"}).status_code == 409


def test_rendered_accounts_follow_every_change(fresh_instance):
    """The instance keeps each account's rendered JSON between requests (demo/entities.py); whatever changes an
    account's counters or profile must show on the next response."""
    inst = fresh_instance()
    alice = _id(inst, "alice")

    def alice_on_a_status(c):
        st = c.get(f"/api/v1/accounts/{alice}/statuses", params={"limit": 1}).json()[0]
        return st["account"]

    with client(inst, "dave") as d, client(inst, "alice") as a:
        before = alice_on_a_status(d)
        assert d.get(f"/api/v1/accounts/{alice}").json() == before
        d.post(f"/api/v1/accounts/{alice}/follow")
        assert alice_on_a_status(d)["followers_count"] == before["followers_count"] + 1
        d.post(f"/api/v1/accounts/{alice}/unfollow")
        assert alice_on_a_status(d)["followers_count"] == before["followers_count"]
        new = a.post("/api/v1/statuses", data={"status": "one more"}).json()
        assert new["account"]["statuses_count"] == before["statuses_count"] + 1
        a.delete(f"/api/v1/statuses/{new['id']}")
        assert alice_on_a_status(d)["statuses_count"] == before["statuses_count"]
        a.patch("/api/v1/accounts/update_credentials", data={"display_name": "Alice Renamed"})
        assert alice_on_a_status(d)["display_name"] == "Alice Renamed"
        with inst.state.lock:  # a change made straight on the world (as tests and the activity generator do)
            inst.state.accounts[alice].locked = True
        assert alice_on_a_status(d)["locked"] is True
        assert a.get("/api/v1/accounts/verify_credentials").json()["source"]["note"] is not None  # source kept


def test_favourite_counts_follow_every_change(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c, client(inst, "alice") as a, client(inst, "bob") as b:
        one = c.post("/api/v1/statuses", data={"status": "first"}).json()["id"]
        two = c.post("/api/v1/statuses", data={"status": "second"}).json()["id"]
        assert a.post(f"/api/v1/statuses/{one}/favourite").json()["favourites_count"] == 1
        assert b.post(f"/api/v1/statuses/{one}/favourite").json()["favourites_count"] == 2
        # the table's size stays the same while the counts move
        a.post(f"/api/v1/statuses/{one}/unfavourite")
        a.post(f"/api/v1/statuses/{two}/favourite")
        counts = {s["id"]: s["favourites_count"] for s in c.get("/api/v1/statuses", params={"id[]": [one, two]}).json()}
        assert counts == {one: 1, two: 1}


def test_other_peoples_private_objects_are_not_found(fresh_instance):
    import base64
    from datetime import datetime, timedelta, timezone
    inst = fresh_instance()
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    with client(inst) as c:
        media = c.post("/api/v2/media", files={"file": ("a.png", png, "image/png")}).json()["id"]
        lst = c.post("/api/v1/lists", data={"title": "mine"}).json()["id"]
        flt = c.post("/api/v2/filters", json={"title": "mine", "context": ["home"]}).json()["id"]
        when = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        sched = c.post("/api/v1/statuses", data={"status": "later", "scheduled_at": when}).json()["id"]
        note = c.get("/api/v1/notifications", params={"limit": 1}).json()[0]["id"]
    with client(inst, "alice") as a:
        for method, path, kw in [("GET", f"/api/v1/media/{media}", {}),
                                 ("PUT", f"/api/v1/media/{media}", {"data": {"description": "x"}}),
                                 ("GET", f"/api/v1/lists/{lst}", {}), ("DELETE", f"/api/v1/lists/{lst}", {}),
                                 ("GET", f"/api/v2/filters/{flt}", {}), ("DELETE", f"/api/v2/filters/{flt}", {}),
                                 ("GET", f"/api/v1/scheduled_statuses/{sched}", {}),
                                 ("DELETE", f"/api/v1/scheduled_statuses/{sched}", {}),
                                 ("GET", f"/api/v1/notifications/{note}", {}),
                                 ("POST", f"/api/v1/notifications/{note}/dismiss", {})]:
            r = a.request(method, path, **kw)
            assert (method, path, r.status_code) == (method, path, 404)
    with client(inst) as c:  # all still there for their owner
        assert c.get(f"/api/v1/lists/{lst}").status_code == 200
        assert c.get(f"/api/v2/filters/{flt}").status_code == 200
        assert c.get(f"/api/v1/scheduled_statuses/{sched}").status_code == 200
        assert c.get(f"/api/v1/notifications/{note}").status_code == 200
        assert c.get(f"/api/v1/media/{media}").status_code in (200, 206)


def test_filter_keywords_may_not_be_blank_and_entries_are_addressed_by_their_own_id(fresh_instance):
    inst = fresh_instance()
    with client(inst) as c:
        f = c.post("/api/v2/filters", json={"title": "Spoilers", "context": ["home"]}).json()
        blank = c.post(f"/api/v2/filters/{f['id']}/keywords", data={"keyword": "  "})
        assert blank.status_code == 422 and blank.json()["error"] == "Validation failed: Keyword can't be blank"
        kw = c.post(f"/api/v2/filters/{f['id']}/keywords", data={"keyword": "finale"}).json()
        assert c.put(f"/api/v2/filters/keywords/{kw['id']}", data={"keyword": ""}).status_code == 422
        assert c.get(f"/api/v2/filters/keywords/{kw['id']}").json()["keyword"] == "finale"
        assert c.put(f"/api/v2/filters/keywords/{kw['id']}", data={"keyword": "ending"}).json()["keyword"] == "ending"
        assert c.get(f"/api/v1/filters/{kw['id']}").json()["phrase"] == "ending"
        with client(inst, "alice") as a:  # someone else's keyword does not exist for alice
            assert a.get(f"/api/v2/filters/keywords/{kw['id']}").status_code == 404
            assert a.delete(f"/api/v2/filters/keywords/{kw['id']}").status_code == 404
        assert c.delete(f"/api/v2/filters/keywords/{kw['id']}").status_code == 200
        assert c.get(f"/api/v2/filters/keywords/{kw['id']}").status_code == 404
        assert c.get(f"/api/v2/filters/statuses/{f['id']}").status_code == 404  # a filter id is no entry id


def test_hidden_follow_collections_are_empty_for_others_and_whole_for_the_owner(fresh_instance):
    inst = fresh_instance()
    alice = _id(inst, "alice")
    with client(inst, "alice") as a:
        followers = [x["id"] for x in a.get(f"/api/v1/accounts/{alice}/followers").json()]
        following = [x["id"] for x in a.get(f"/api/v1/accounts/{alice}/following").json()]
        assert followers and following  # the seed gives alice both
        assert a.patch("/api/v1/accounts/update_credentials", data={"hide_collections": "true"}).status_code == 200
        assert [x["id"] for x in a.get(f"/api/v1/accounts/{alice}/followers").json()] == followers
        assert [x["id"] for x in a.get(f"/api/v1/accounts/{alice}/following").json()] == following
    with client(inst) as c:
        assert c.get(f"/api/v1/accounts/{alice}/followers").json() == []
        assert c.get(f"/api/v1/accounts/{alice}/following").json() == []
