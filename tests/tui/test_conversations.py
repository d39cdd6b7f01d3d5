"""Direct messages against the local instance: opening a conversation marks it read at the server, and a
conversation with a new message (the stream's `conversation` event) moves to the top."""
from __future__ import annotations

from app.screens.thread import ThreadScreen
from app.screens.timeline import TimelineScreen
from tests.tui.support import app_for, ready, server, until


async def test_open_marks_read_and_an_updated_conversation_moves_up(fresh_instance):
    instance = fresh_instance()
    demo, alice, bob = server(instance), server(instance, "alice"), server(instance, "bob")
    first = alice.status_post("@demo a private word, first", visibility="direct")
    bob.status_post("@demo a private word from bob, later", visibility="direct")
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.loaded
                           and app.screen.source.kind == "conversation")
        screen = app.screen
        keys = list(screen.timeline.keys())
        by_alice = next(k for k in keys if (screen.timeline.get(k)["last_status"] or {}).get("id") == first["id"])
        by_bob = keys[0]
        assert by_bob != by_alice and keys.index(by_alice) > 0
        assert screen.timeline.get(by_alice)["unread"] is True
        screen.timeline.select(by_alice)
        await pilot.press("enter")                               # open it: read
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen) and app.screen.loaded)
        assert len(app.screen_stack) == 2                         # one thread, not two
        assert screen.timeline.get(by_alice)["unread"] is False
        assert await until(pilot, lambda: next(c for c in demo.conversations() if c["id"] == by_alice)["unread"]
                           is False)
        assert next(c for c in demo.conversations() if c["id"] == by_bob)["unread"] is True  # only that one
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is screen)
        screen.timeline.select(by_bob)                            # the reader is on bob's
        answer = alice.status_post("@demo and one more word", visibility="direct", in_reply_to_id=first["id"])
        assert await until(pilot, lambda: list(screen.timeline.keys())[0] == by_alice
                           and screen.timeline.get(by_alice)["last_status"]["id"] == answer["id"], turns=600)
        assert len(screen.timeline) == len(keys)                  # moved, not duplicated
        assert screen.timeline.get(by_alice)["unread"] is True
        assert screen.timeline.selected_key == by_bob
