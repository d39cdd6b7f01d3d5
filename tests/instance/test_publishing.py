"""What the state publishes on the hub (demo/hub.py) for clients to see live: the events and stream keys
Mastodon's streaming server would use, with JSON-string payloads."""
from __future__ import annotations

import asyncio
import json

import pytest

from demo.seed import seed
from demo.state import State


@pytest.fixture
def world():
    state = State()
    seed(state, "small")
    return state


def ids(state, *names):
    return [state.account_by_username(n).id for n in names]


async def drain(sub):
    await asyncio.sleep(0)
    out = []
    while not sub.queue.empty():
        out.append(sub.queue.get_nowait())
    return out


async def test_public_post_reaches_followers_public_and_hashtag_streams(world):
    demo, alice, dave = ids(world, "demo", "alice", "dave")
    sub = world.hub.subscribe(("user", demo), ("user", dave), ("public",), ("public:local",), ("hashtag", "news"),
                              ("hashtag:local", "news"), ("public:media",), ("user:notification", demo))
    st = world.post_status(alice, "Breaking #News for @demo")
    events = await drain(sub)
    got = {(e.stream, e.event) for e in events}
    assert got == {(("user", demo), "update"), (("public",), "update"), (("public:local",), "update"),
                   (("hashtag", "news"), "update"), (("hashtag:local", "news"), "update"),
                   (("user", demo), "notification"), (("user:notification", demo), "notification")}
    update = next(e for e in events if e.stream == ("user", demo) and e.event == "update")
    assert isinstance(update.payload, str) and json.loads(update.payload)["id"] == st.id
    note = json.loads(next(e for e in events if e.stream == ("user:notification", demo)).payload)
    assert note["type"] == "mention" and note["status"]["id"] == st.id


async def test_private_and_direct_stay_private(world):
    demo, alice, eve = ids(world, "demo", "alice", "eve")
    sub = world.hub.subscribe(("user", demo), ("user", eve), ("public",), ("direct", demo), ("direct", alice))
    world.post_status(alice, "followers only", visibility="private")
    world.post_status(alice, "@demo psst", visibility="direct")
    events = await drain(sub)
    assert not any(e.stream in (("public",), ("user", eve)) for e in events)
    assert sum(1 for e in events if e.stream == ("user", demo) and e.event == "update") == 2
    convs = [e for e in events if e.event == "conversation"]
    assert {e.stream for e in convs} == {("direct", demo), ("direct", alice)}
    assert set(json.loads(convs[0].payload)) == {"id", "unread", "accounts", "last_status"}


async def test_edit_delete_and_filters_changed(world):
    demo, alice = ids(world, "demo", "alice")
    st = world.post_status(alice, "typo hree")
    sub = world.hub.subscribe(("user", demo), ("public",))
    world.edit_status(alice, st.id, "typo here")
    world.delete_status(alice, st.id)
    world.create_filter(demo, "x", ["home"], keywords=[{"keyword": "x"}])
    events = [(e.stream, e.event, e.payload) for e in await drain(sub)]
    assert (("user", demo), "status.update") in [(s, ev) for s, ev, _p in events]
    assert (("public",), "delete", st.id) in events and (("user", demo), "delete", st.id) in events
    assert (("user", demo), "filters_changed", None) in events


async def test_list_stream_and_muted_author(world):
    demo, alice, bob = ids(world, "demo", "alice", "bob")
    lst = next(l for l in world.lists.values() if l.account_id == demo)
    world.mute(demo, bob)
    sub = world.hub.subscribe(("list", lst.id), ("user", demo))
    world.post_status(alice, "to the list")
    world.post_status(bob, "muted author")
    events = await drain(sub)
    got = {(e.stream, json.loads(e.payload)["account"]["username"]) for e in events if e.event == "update"}
    assert got == {(("user", demo), "alice"), (("list", lst.id), "alice")}
    assert [world.accounts[s.account_id].username for _c, s in world.list_timeline(demo, lst.id)][:1] == ["alice"]


async def test_reblog_and_favourite_notify(world):
    demo, alice = ids(world, "demo", "alice")
    st = world.post_status(demo, "mine")
    sub = world.hub.subscribe(("user:notification", demo), ("user", demo))
    world.reblog(alice, st.id)
    world.favourite(alice, st.id)
    world.favourite(alice, st.id)  # twice: one notification
    notes = [json.loads(e.payload)["type"] for e in await drain(sub) if e.stream == ("user:notification", demo)]
    assert notes == ["reblog", "favourite"]


async def test_announcements_are_streamed(world):
    demo, alice = ids(world, "demo", "alice")
    sub = world.hub.subscribe(("user", demo), ("user", alice))
    aid = world.add_announcement("<p>Maintenance tonight</p>")
    world.announcements[aid]["reactions"]["🎉"] = {demo}
    world.announcement_reaction(aid, "🎉")
    events = [(e.stream, e.event, json.loads(e.payload)) for e in await drain(sub)]
    assert {(s, ev) for s, ev, _p in events} == {(("user", demo), "announcement"), (("user", alice), "announcement"),
                                                 (("user", demo), "announcement.reaction"),
                                                 (("user", alice), "announcement.reaction")}
    reaction = next(p for s, ev, p in events if ev == "announcement.reaction")
    assert reaction == {"name": "🎉", "count": 1, "announcement_id": aid}
