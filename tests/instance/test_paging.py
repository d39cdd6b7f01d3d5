"""Cursor paging in both directions with Mastodon's Link header (max_id, since_id, min_id, limit)."""
from __future__ import annotations

from .helpers import client, links


def _ids(r):
    return [s["id"] for s in r.json()]


def _key(i):
    return (len(i), i)


def everything_public(c):
    page = c.get("/api/v1/timelines/public", params={"limit": 40})
    out = _ids(page)
    while "next" in links(page):
        page = c.get(links(page)["next"])
        out += _ids(page)
    return out


def test_walk_older_then_newer(instance):
    with client(instance) as c:
        everything = everything_public(c)
        assert len(everything) >= 30
        assert everything == sorted(everything, key=_key, reverse=True)
        first = c.get("/api/v1/timelines/public", params={"limit": 5})
        assert _ids(first) == everything[:5]
        seen, page = list(_ids(first)), first
        while "next" in links(page):
            page = c.get(links(page)["next"])
            seen += _ids(page)
        assert seen == everything[:len(seen)] and len(seen) == len(everything)
        # walk back up with the prev links: min_id pages
        back = c.get("/api/v1/timelines/public", params={"limit": 5, "max_id": everything[12]})
        assert _ids(back) == everything[13:18]
        prev = c.get(links(back)["prev"])
        assert _ids(prev) == everything[8:13]
        assert "limit=5" in links(back)["prev"] and "min_id=" in links(back)["prev"]


def test_since_id_gives_newest_and_min_id_gives_adjacent(instance):
    with client(instance) as c:
        everything = everything_public(c)
        cursor = everything[20]
        since = _ids(c.get("/api/v1/timelines/public", params={"since_id": cursor, "limit": 3}))
        assert since == everything[:3]
        after = _ids(c.get("/api/v1/timelines/public", params={"min_id": cursor, "limit": 3}))
        assert after == everything[17:20]


def test_link_header_exact_shape(instance):
    with client(instance) as c:
        r = c.get("/api/v1/timelines/public", params={"limit": 2, "local": "true"})
        ids = _ids(r)
        header = r.headers["link"]
        base = instance.base_url
        assert header == (f'<{base}/api/v1/timelines/public?limit=2&local=true&max_id={ids[-1]}>; rel="next", '
                          f'<{base}/api/v1/timelines/public?limit=2&local=true&min_id={ids[0]}>; rel="prev"')


def test_last_page_has_no_next_and_empty_page_no_link(instance):
    with client(instance) as c:
        everything = everything_public(c)
        tail = c.get("/api/v1/timelines/public", params={"max_id": everything[-2], "limit": 5})
        assert _ids(tail) == everything[-1:]
        assert "next" not in links(tail) and "prev" in links(tail)
        empty = c.get("/api/v1/timelines/public", params={"max_id": everything[-1]})
        assert empty.json() == [] and "link" not in empty.headers


def test_limit_is_capped_like_mastodon(instance):
    with client(instance) as c:
        assert len(c.get("/api/v1/timelines/public", params={"limit": 1000}).json()) <= 40
        assert len(c.get("/api/v1/timelines/public", params={"limit": "abc"}).json()) == 20


def test_internal_ids_page_favourites(instance):
    """Favourites page by the favourite's own id, which only the Link header carries."""
    with client(instance) as c:
        targets = _ids(c.get("/api/v1/accounts/" + instance.state.account_by_username("eve").id + "/statuses",
                             params={"limit": 6}))
        for sid in targets:
            assert c.post(f"/api/v1/statuses/{sid}/favourite").status_code == 200
        first = c.get("/api/v1/favourites", params={"limit": 3})
        nxt = links(first)["next"]
        assert "max_id=" in nxt and all(f"max_id={sid}" not in nxt for sid in targets)
        second = c.get(nxt)
        got = _ids(first) + _ids(second)
        assert got[:6] == list(reversed(targets))


def test_notifications_paging_and_types(instance):
    with client(instance) as c:
        alltypes = c.get("/api/v1/notifications", params={"limit": 80}).json()
        assert {n["type"] for n in alltypes} >= {"mention", "follow", "favourite"}
        only = c.get("/api/v1/notifications", params=[("types[]", "mention")]).json()
        assert only and all(n["type"] == "mention" for n in only)
        excl = c.get("/api/v1/notifications", params=[("exclude_types[]", "mention")]).json()
        assert excl and all(n["type"] != "mention" for n in excl)
        page = c.get("/api/v1/notifications", params={"limit": 2})
        assert [n["id"] for n in page.json()] == [n["id"] for n in alltypes[:2]]
        assert [n["id"] for n in c.get(links(page)["next"]).json()] == [n["id"] for n in alltypes[2:4]]
