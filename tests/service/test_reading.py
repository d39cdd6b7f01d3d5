"""Reading over real HTTP, both clients: instance, timelines (every seed form), paging both ways, statuses and
their context, accounts, relationships, search, notifications v1 and grouped v2, markers."""
from __future__ import annotations

from datetime import datetime

import pytest

import api


async def test_instance_v1_v2_and_feature_detection(c):
    v1 = await c.instance()
    assert v1.uri and isinstance(v1, dict)
    v2 = await c.instance_v2()
    assert v2.configuration.statuses.max_characters > 0
    assert (await c.api_versions()) == {"mastodon": 2}
    assert (await c.instance_info()).domain
    assert len(await c.custom_emojis()) >= 1
    assert isinstance(await c.instance_peers(), list)
    assert isinstance(await c.instance_activity(), list)


async def test_timelines_every_seed_form(c):
    home = await c.timeline()
    assert home and all(isinstance(s.created_at, datetime) and s.created_at.tzinfo for s in home)
    assert all(isinstance(s.id, str) for s in home)
    assert [s.id for s in await c.timeline("home", limit=3)] == [s.id for s in home[:3]]
    assert [s.id for s in await c.timeline_home(limit=3)] == [s.id for s in home[:3]]
    local = await c.timeline_local(limit=5)
    public = await c.timeline_public(limit=5)
    assert local and public and all(s.account.acct.count("@") == 0 for s in local)
    assert [s.id for s in await c.timeline("local", limit=5)] == [s.id for s in local]
    tagged = await c.timeline("tag/terminal")
    assert tagged and all("terminal" in [t.name for t in s.tags] for s in tagged)
    assert [s.id for s in await c.timeline_hashtag("#terminal")] == [s.id for s in tagged]


async def test_timeline_seed_positional_order(c):
    # The seed's timeline(timeline, max_id, since_id, limit): the fourth positional is the limit.
    home = await c.timeline_home(limit=5)
    older = await c.timeline("home", home[1].id, None, 2)
    assert [s.id for s in older] == [s.id for s in (await c.timeline_home(limit=4))[2:4]]


async def test_list_timeline(c):
    friends = next(lst for lst in await c.lists() if lst.title == "Friends")
    statuses = await c.timeline_list(friends)
    assert statuses and {s.account.acct for s in statuses} <= {"alice", "bob"}
    assert [s.id for s in await c.timeline(f"list/{friends.id}")] == [s.id for s in statuses]


async def test_paging_back_and_forth(c):
    everything = await c.timeline_public(limit=40)
    first = await c.timeline_public(limit=5)
    second = await c.fetch_next(first)
    third = await c.fetch_next(second)
    assert [s.id for s in first + second + third] == [s.id for s in everything[:15]]
    back = await c.fetch_previous(third)
    assert [s.id for s in back] == [s.id for s in second]
    assert await c.fetch_next(None) is None


async def test_fetch_remaining_reaches_the_end_and_stops(c):
    first = await c.account_statuses((await c.account_lookup("alice")).id, limit=4)
    allofit = await c.fetch_remaining(first)
    ids = [s.id for s in allofit]
    assert len(ids) == len(set(ids)) > 4
    assert ids == sorted(ids, key=lambda i: (len(i), i), reverse=True)
    last = await c.account_statuses((await c.account_lookup("alice")).id, max_id=ids[-1])
    assert last == [] and await c.fetch_next(last) is None


async def test_since_and_min_id(c):
    home = await c.timeline_home(limit=10)
    newer = await c.timeline_home(since_id=home[3].id)
    assert [s.id for s in newer] == [s.id for s in home[:3]]
    gap = await c.timeline_home(min_id=home[5].id, limit=2)
    assert {s.id for s in gap} == {home[3].id, home[4].id}


async def test_status_and_its_surroundings(c):
    alice = await c.account_lookup("alice")
    thread = [s for s in await c.account_statuses(alice.id, limit=40) if "reply level 2" in s.content]
    assert thread
    middle = thread[0]
    assert (await c.status(middle.id)).id == middle.id
    assert (await c.status(int(middle.id))).id == middle.id          # ints accepted as input
    ctx = await c.status_context(middle)
    assert len(ctx.ancestors) == 2 and len(ctx.descendants) == 2
    boosted = [s for s in await c.timeline_home(limit=40) if s.reblog]
    original = boosted[0].reblog
    assert {a.acct for a in await c.status_reblogged_by(original.id)} >= {boosted[0].account.acct}
    everything = await c.fetch_remaining(await c.timeline_public(limit=40))
    faved = [s for s in everything if s.favourites_count >= 2][0]
    assert len(await c.status_favourited_by(faved.id)) == faved.favourites_count
    card = await c.status_card(faved.id)
    assert card is None or isinstance(card, dict)


async def test_accounts(c):
    me = await c.account_verify_credentials()
    assert me.username == "demo" and "source" in me
    alice = await c.account_lookup("@alice")
    assert (await c.account(alice.id)).acct == "alice"
    assert all(s.account.id == alice.id for s in await c.account_statuses(alice.id))
    following = {a.acct for a in await c.account_following(me.id)}
    assert {"alice", "bob", "carol", "eve"} <= following
    assert "alice" in {a.acct for a in await c.account_followers(me.id)}
    rels = await c.account_relationships([alice.id, me.id])
    assert rels[0].id == alice.id and rels[0].following is True
    single = await c.account_relationships(alice)
    assert isinstance(single, list) and single[0].followed_by is True
    assert "alice" in {a.acct for a in await c.account_search("ali")}
    assert [x.title for x in await c.account_lists(alice)] == ["Friends"]


async def test_search_seed_form_and_v2(c):
    found = await c.search("alice")
    assert set(found) >= {"accounts", "statuses", "hashtags"}
    assert "alice" in [a.acct for a in found.accounts]
    only_tags = await c.search_v2("terminal", type="hashtags")
    assert "terminal" in [t.name for t in only_tags.hashtags] and only_tags.accounts == []
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.search("  ")
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.search_v2("x", type="people")


async def test_notifications_v1(c):
    notes = await c.notifications()
    assert notes and all(n.type for n in notes)
    one = await c.notifications(id=notes[0].id)
    assert one.id == notes[0].id
    mentions = await c.notifications(types=["mention"])
    assert all(n.type == "mention" for n in mentions)
    assert await c.notifications_unread_count() >= 0


async def test_grouped_notifications_v2(c):
    grouped = await c.grouped_notifications()
    assert set(grouped) >= {"accounts", "statuses", "notification_groups"}
    assert all(g.group_key and g.sample_account_ids for g in grouped.notification_groups)


async def test_grouped_notifications_switched_off_is_a_version_error(fresh_instance, make_client):
    inst = fresh_instance(grouped_notifications=False, api_version=1)
    c = make_client(inst)
    with pytest.raises(api.MastodonVersionError):
        await c.grouped_notifications()
    assert await c.api_versions() in ({}, {"mastodon": 1})
    assert await c.notifications()          # the fallback works


async def test_dismiss_and_clear_notifications(make_client, fresh_instance):
    c = make_client(fresh_instance(), "bob")
    before = await c.notifications()
    assert before
    assert await c.notifications_dismiss(before[0].id) is None
    assert before[0].id not in [n.id for n in await c.notifications()]
    await c.notifications_clear()
    assert await c.notifications() == []


async def test_markers(c):
    home = await c.timeline_home(limit=2)
    saved = await c.markers_set(["home"], [home[1].id])
    assert saved.home.last_read_id == home[1].id
    got = await c.markers_get("home")
    assert got.home.last_read_id == home[1].id and isinstance(got.home.updated_at, datetime)


async def test_favourites_bookmarks_conversations(c):
    assert len(await c.favourites()) >= 1
    assert len(await c.bookmarks()) >= 1
    convs = await c.conversations()
    assert convs and convs[0].accounts
    assert (await c.conversations_read(convs[0].id)).unread is False


async def test_trends_and_preferences(c):
    assert isinstance(await c.trending_tags(), list)
    assert isinstance(await c.trending_statuses(), list)
    assert isinstance(await c.trending_links(), list)
    assert "posting:default:visibility" in await c.preferences()


async def test_minimal_entities_server_is_tolerated(fresh_instance, make_client):
    inst = fresh_instance(minimal_entities=True)
    c = make_client(inst)
    statuses = await c.timeline_home(limit=5)
    assert statuses and statuses[0].get("card") is None
    assert (await c.status(statuses[0].id)).id == statuses[0].id


async def test_conversation_delete_and_trends_alias(make_client, fresh_instance):
    c = make_client(fresh_instance(), "demo")
    convs = await c.conversations()
    assert await c.conversations_delete(convs[0].id) is None
    assert convs[0].id not in [x.id for x in await c.conversations()]
    assert [t.name for t in await c.trends()] == [t.name for t in await c.trending_tags()]


async def test_grouped_notifications_page_with_fetch_next(c):
    first = await c.grouped_notifications(limit=2)
    assert len(first.notification_groups) == 2
    older = await c.fetch_next(first)
    assert older is not None
    keys = [g.group_key for g in first.notification_groups + older.notification_groups]
    assert len(keys) == len(set(keys))
