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
