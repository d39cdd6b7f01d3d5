"""Live notifications while the grouped view is on: a favourite or boost of a status joins that status's group
(count and accounts updated, the group moved to the top), a mention comes in as a group of its own, a replayed
notification is not counted twice. Against the local instance's grouped notifications and stream."""
from __future__ import annotations

import pytest

from app.screens.notifications import NotificationsScreen, as_group, group_for, merged_group
from tests.tui.support import app_for, ready, server, until


@pytest.mark.parametrize("live", ["stream", "poll"])
async def test_live_favourite_joins_its_group(fresh_instance, live):
    instance = fresh_instance()
    demo, alice, bob, carol = (server(instance, u) for u in ("demo", "alice", "bob", "carol"))
    post = demo.status_post("favourite me, twice")
    alice.status_favourite(post["id"])
    other = demo.status_post("a second post to push the group down")
    carol.status_reblog(other["id"])
    app = app_for(instance, streaming=live == "stream", poll_interval=0.1)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        assert await until(pilot, lambda: isinstance(app.screen, NotificationsScreen) and app.screen.loaded)
        screen = app.screen
        await pilot.press("Z")
        assert await until(pilot, lambda: screen.grouped and screen.loaded and "group_key" in
                           (screen.timeline.get(screen.timeline.newest_id()) or {}))

        def group_of(status_id, kind="favourite"):
            for key in screen.timeline.keys():
                item = screen.timeline.get(key)
                if item.get("type") == kind and (item.get("status") or {}).get("id") == status_id:
                    return key, item
            return None, None

        key, group = group_of(post["id"])
        assert group["notifications_count"] == 1 and [a["username"] for a in group["accounts"]] == ["alice"]
        assert list(screen.timeline.keys())[0] != key  # carol's boost is newer: the group is not on top
        screen.timeline.select(list(screen.timeline.keys())[-1])  # the reader is elsewhere
        before = len(screen.timeline)
        bob.status_favourite(post["id"])
        assert await until(pilot, lambda: (group_of(post["id"])[1] or {}).get("notifications_count") == 2,
                           turns=600)
        key, group = group_of(post["id"])
        assert [a["username"] for a in group["accounts"]] == ["bob", "alice"]
        assert len(screen.timeline) == before                  # merged, not inserted beside it
        assert list(screen.timeline.keys())[0] == key          # and moved to the top
        assert sum(1 for k in screen.timeline.keys() if screen.timeline.get(k).get("type") == "favourite"
                   and (screen.timeline.get(k).get("status") or {}).get("id") == post["id"]) == 1
        # a mention is a group of its own, at the top
        mention = carol.status_post("@demo a mention while grouped")
        assert await until(pilot, lambda: (screen.timeline.get(list(screen.timeline.keys())[0]).get("status")
                                           or {}).get("id") == mention["id"], turns=600)
        top = screen.timeline.get(list(screen.timeline.keys())[0])
        assert top["type"] == "mention" and top["notifications_count"] == 1 and len(screen.timeline) == before + 1
        # the same as the server's own grouping says
        server_groups = demo.grouped_notifications(limit=40)["notification_groups"]
        counted = {g["group_key"]: g["notifications_count"] for g in server_groups}
        assert counted[key] == 2


def test_merging_is_idempotent_and_matches_without_group_key():
    alice, bob = {"id": "1", "acct": "alice"}, {"id": "2", "acct": "bob"}
    status = {"id": "50", "content": "x"}
    first = {"id": "100", "type": "favourite", "account": alice, "status": status}
    group = as_group(first)
    assert group["group_key"] == "ungrouped-100" and group["notifications_count"] == 1
    second = {"id": "101", "type": "favourite", "account": bob, "status": status}
    merged = merged_group(group, second)
    assert merged["notifications_count"] == 2 and merged["sample_account_ids"] == ["2", "1"]
    assert merged_group(merged, second) is None  # replayed after a reconnection: not counted again
    assert merged_group(merged, first) is None

    class Shown(dict):
        def keys(self):
            return list(super().keys())

    shown = Shown({"favourite-50-1": dict(merged, group_key="favourite-50-1")})
    assert group_for(shown, {"id": "102", "type": "favourite", "account": alice, "status": status}) \
        == "favourite-50-1"
    assert group_for(shown, {"id": "103", "type": "mention", "account": alice, "status": status}) is None
    assert group_for(shown, {"id": "104", "type": "favourite", "status": {"id": "51"}}) is None
