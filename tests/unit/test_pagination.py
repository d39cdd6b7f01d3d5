"""Link-header parsing and fetch_next / fetch_previous / fetch_remaining over a scripted server (seed failure 8)."""
from __future__ import annotations

import pytest

import api
from api.entities import AttribAccessList
from api.pagination import page_request, pagination_from_headers, parse_link_header

from .fakes import BASE, Script, async_client, reply, sync_client

NEXT = f"{BASE}/api/v1/timelines/home?max_id=100&limit=2"
PREV = f"{BASE}/api/v1/timelines/home?min_id=200&limit=2"


def test_standard_link_header():
    links = parse_link_header(f'<{NEXT}>; rel="next", <{PREV}>; rel="prev"')
    assert links == {"next": NEXT, "prev": PREV}


@pytest.mark.parametrize("header", [
    f"<{NEXT}>; rel=next, <{PREV}>; rel=prev",                      # unquoted
    f"<{NEXT}>;rel='next',<{PREV}>;rel='prev'",                      # single quotes, no spaces
    f'<{NEXT}>; title="x"; REL="NEXT", <{PREV}>; rel="prev"',        # extra params, upper case
    f'garbage, <{NEXT}>; rel="next" ; , junk <{PREV}>; rel="prev"',  # junk between entries
])
def test_odd_link_headers(header):
    links = parse_link_header(header)
    assert links["next"] == NEXT and links["prev"] == PREV


@pytest.mark.parametrize("header", [None, "", "nonsense", "<>", f"<{NEXT}>", f"<{NEXT}>; title=x", "<<<>>>;;;"])
def test_link_header_without_rel_does_not_crash(header):
    links = parse_link_header(header)   # the seed's KeyError: 'rel'
    assert "next" not in links or links["next"] == ""


def test_multiple_rels_in_one_entry():
    assert parse_link_header(f'<{NEXT}>; rel="next last"') == {"next": NEXT, "last": NEXT}


def test_page_request_keeps_array_params():
    req = page_request(f"{BASE}/api/v1/notifications?max_id=5&types[]=mention&types[]=follow", BASE, "/x")
    assert req == {"path": "/api/v1/notifications", "params": {"max_id": "5", "types[]": ["mention", "follow"]}}


def test_link_to_another_host_keeps_only_its_query_on_our_path():
    nxt, prv = pagination_from_headers('<https://evil.example/steal?max_id=9>; rel="next"', BASE,
                                       "/api/v1/timelines/home")
    assert nxt == {"path": "/api/v1/timelines/home", "params": {"max_id": "9"}} and prv is None


def test_relative_link_uses_our_origin():
    nxt, _ = pagination_from_headers('</api/v1/favourites?max_id=3>; rel="next"', BASE, "/api/v1/favourites")
    assert nxt == {"path": "/api/v1/favourites", "params": {"max_id": "3"}}


def _page(ids, link=None):
    headers = {"link": link} if link else {}
    return reply(200, [{"id": i} for i in ids], headers)


def test_fetch_next_previous_and_remaining_follow_links():
    script = Script(
        _page(["5", "4"], f'<{BASE}/api/v1/timelines/home?max_id=4>; rel="next", '
                          f'<{BASE}/api/v1/timelines/home?min_id=5>; rel="prev"'),
        _page(["3", "2"], f'<{BASE}/api/v1/timelines/home?max_id=2>; rel="next"'),
        _page(["1"], None),
    )
    client = sync_client(script)
    first = client.timeline_home(limit=2)
    assert first._pagination_next == {"path": "/api/v1/timelines/home", "params": {"max_id": "4"}}
    everything = client.fetch_remaining(first)
    assert [s["id"] for s in everything] == ["5", "4", "3", "2", "1"]
    assert [r.url.params.get("max_id") for r in script.requests] == [None, "4", "2"]


def test_fetch_next_of_none_and_of_the_last_page_is_none():
    script = Script(_page(["1"], None))
    client = sync_client(script)
    last = client.timeline_home()
    assert client.fetch_next(last) is None
    assert client.fetch_previous(last) is None
    assert client.fetch_next(None) is None
    assert client.fetch_previous(None) is None
    assert client.fetch_remaining(None) == []
    assert len(script.requests) == 1


def test_fetch_next_accepts_the_pagination_dict_itself():
    script = Script(_page(["2"]))
    client = sync_client(script)
    page = client.fetch_next({"path": "/api/v1/favourites", "params": {"max_id": "3"}})
    assert page[0]["id"] == "2" and script.requests[0].url.path == "/api/v1/favourites"


async def test_async_fetch_previous():
    script = Script(_page(["9"], f'<{BASE}/api/v1/timelines/public?min_id=9>; rel="prev"'), _page(["10"]))
    async with async_client(script) as client:
        page = await client.timeline_public()
        newer = await client.fetch_previous(page)
    assert newer[0]["id"] == "10" and script.requests[1].url.params["min_id"] == "9"


def test_a_copied_list_has_no_pagination():
    assert AttribAccessList([1, 2])._pagination_next is None


def test_dict_results_that_page_carry_their_cursors_outside_the_keys():
    grouped = {"accounts": [], "statuses": [], "notification_groups": [{"group_key": "g1"}]}
    script = Script(reply(200, grouped, {"link": f'<{BASE}/api/v2/notifications?max_id=g1>; rel="next"'}),
                    reply(200, {**grouped, "notification_groups": []}))
    client = sync_client(script)
    first = client.grouped_notifications()
    assert set(first) == {"accounts", "statuses", "notification_groups"}     # no pagination keys in the data
    assert first._pagination_next == {"path": "/api/v2/notifications", "params": {"max_id": "g1"}}
    assert first.notification_groups[0].group_key == "g1"
    older = client.fetch_next(first)
    assert older.notification_groups == [] and script.requests[1].url.params["max_id"] == "g1"
    assert client.fetch_previous(first) is None
    with pytest.raises(api.MastodonIllegalArgumentError):
        client.fetch_remaining(first)


def test_dict_without_link_stays_a_plain_entity():
    value = sync_client(Script(reply(200, {"id": "1"}))).status(1)
    assert type(value).__name__ == "AttribAccessDict"
