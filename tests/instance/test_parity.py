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
