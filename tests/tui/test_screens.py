"""Threads, profiles, notifications, search, follow requests and help, driven with keys against the local
instance, checked against what the server holds."""
from __future__ import annotations

from app.screens.dialogs import ChoiceScreen, ConfirmScreen
from app.screens.follow_requests import FollowRequestsScreen
from app.screens.help import HelpScreen, binding_groups
from app.screens.notifications import NotificationsScreen
from app.screens.profile import ProfileScreen
from app.screens.search import SearchScreen
from app.screens.thread import ThreadScreen, build_tree, descendants_of, thread_guides
from tests.tui.support import app_for, ready, server, until


def _chain(instance, depth: int = 3):
    """A thread: demo posts, alice and bob reply in two branches."""
    demo, alice, bob = server(instance), server(instance, "alice"), server(instance, "bob")
    root = demo.status_post("thread root for the pilot test")
    a1 = alice.status_post("@demo first reply", in_reply_to_id=root["id"])
    a2 = demo.status_post("@alice reply to the reply", in_reply_to_id=a1["id"])
    b1 = bob.status_post("@demo another branch", in_reply_to_id=root["id"])
    return root, a1, a2, b1


async def test_thread_shows_the_tree_with_ancestors_and_collapses(fresh_instance):
    instance = fresh_instance()
    root, a1, a2, b1 = _chain(instance)
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        app.open_thread(server(instance).status(a1["id"]))
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen) and app.screen.loaded)
        thread = app.screen
        keys = list(thread.timeline.keys())
        assert keys == [root["id"], a1["id"], a2["id"]]      # ancestor above, focus, its reply
        assert thread.timeline.selected_key == a1["id"]
        assert thread.depths[a2["id"]] == 1 and thread.depths[root["id"]] == 0
        await pilot.press("k")                                  # go to the root and open its thread
        await pilot.press("enter")
        assert await until(pilot, lambda: app.screen is not thread and isinstance(app.screen, ThreadScreen)
                           and app.screen.loaded)
        whole = app.screen
        assert list(whole.timeline.keys()) == [root["id"], a1["id"], a2["id"], b1["id"]]
        assert whole.depths[a1["id"]] == 1 and whole.depths[a2["id"]] == 2 and whole.depths[b1["id"]] == 1
        await pilot.press("j", "c")                             # collapse alice's branch
        assert list(whole.timeline.keys()) == [root["id"], a1["id"], b1["id"]]
        assert whole.hidden_counts[a1["id"]] == 1
        await pilot.press("c")
        assert len(whole.timeline) == 4
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is thread)


def _rendered(thread) -> list[str]:
    """The thread as drawn, one entry per line (the screen's renderer, with its state, at 100 columns)."""
    from datetime import datetime, timezone

    from app.screens.renderers import thread_renderer

    render = thread_renderer(thread.guides, thread.focus_id, thread.collapsed, thread.hidden_counts)
    lines = []
    for key in thread.timeline.keys():
        item = thread.timeline.get(key)
        rendered = render(item, 100, False, datetime.now(timezone.utc))
        lines.extend(line.plain for line in rendered.lines)
    return lines


async def test_thread_draws_the_ancestor_chain_and_who_answers_whom(fresh_instance):
    instance = fresh_instance()
    demo, alice, bob = server(instance), server(instance, "alice"), server(instance, "bob")
    root = demo.status_post("chain root")
    middle = alice.status_post("@demo chain middle", in_reply_to_id=root["id"])
    focus = demo.status_post("@alice chain focus", in_reply_to_id=middle["id"])
    r1 = alice.status_post("@demo first answer", in_reply_to_id=focus["id"])
    r1a = bob.status_post("@alice answer to the first answer", in_reply_to_id=r1["id"])
    r2 = bob.status_post("@demo second answer", in_reply_to_id=focus["id"])
    app = app_for(instance)
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(pilot)
        app.open_thread(server(instance).status(focus["id"]))
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen) and app.screen.loaded)
        thread = app.screen
        assert list(thread.timeline.keys()) == [root["id"], middle["id"], focus["id"], r1["id"], r1a["id"],
                                                r2["id"]]
        assert thread.timeline.selected_key == focus["id"]
        drawn = _rendered(thread)
        first_of = {}
        for key in thread.timeline.keys():
            marker = {root["id"]: "chain root", middle["id"]: "chain middle", focus["id"]: "chain focus",
                      r1["id"]: "first answer", r1a["id"]: "answer to the first", r2["id"]: "second answer"}[key]
            first_of[key] = next(line for line in drawn if marker in line)
        # ancestors: one chain with guides down to the focus; the focus marked and not indented
        assert first_of[root["id"]].startswith("│ ") and first_of[middle["id"]].startswith("│ ")
        assert any(line.startswith("┌ ") for line in drawn) and any(line.startswith("├ ") for line in drawn[:12])
        assert "▼ this post" in drawn
        assert not first_of[focus["id"]].startswith(("│", "├", "└", " "))
        # replies: the first answer has a later sibling (├ and a continuing │ column), its answer sits one
        # column further in, the second answer is the last (└)
        assert thread.guides[r1["id"]] == (["├ "], ["│ "])
        assert thread.guides[r1a["id"]] == (["│ ", "└ "], ["│ ", "  "])
        assert thread.guides[r2["id"]] == (["└ "], ["  "])
        assert first_of[r1a["id"]].startswith("│   ")
        # the focused status is highlighted
        from datetime import datetime, timezone

        from app.screens.renderers import thread_renderer
        render = thread_renderer(thread.guides, thread.focus_id, thread.collapsed, thread.hidden_counts)
        focused = render(thread.timeline.get(focus["id"]), 100, False, datetime.now(timezone.utc)).lines
        plain = render(thread.timeline.get(r2["id"]), 100, False, datetime.now(timezone.utc)).lines
        assert all(any("#202838" in str(span.style) for span in line.spans) for line in focused[1:])
        assert not any("#202838" in str(span.style) for line in plain for span in line.spans)
        # collapsing the first answer hides its branch and says so, under the right column
        thread.timeline.select(r1["id"])
        await pilot.press("c")
        assert list(thread.timeline.keys()) == [root["id"], middle["id"], focus["id"], r1["id"], r2["id"]]
        assert "│ ▸ 1 reply hidden (c)" in _rendered(thread)
        await pilot.press("c")
        assert r1a["id"] in thread.timeline.keys()


def test_thread_guides_for_deep_and_orphaned_replies():
    children = {"f": ["a", "b"], "a": ["a1", "a2"], "a1": ["a1x"]}
    guides = thread_guides(["r"], "f", children)
    assert guides["r"] == (["┌ "], ["│ "]) and guides["f"] == ([], [])
    assert guides["a1x"] == (["│ ", "│ ", "└ "], ["│ ", "│ ", "  "])
    assert guides["a2"] == (["│ ", "└ "], ["│ ", "  "])
    assert guides["b"] == (["└ "], ["  "])
    cyclic = thread_guides([], "f", {"f": ["x"], "x": ["f", "x"]})  # a malformed context must not loop
    assert set(cyclic) == {"f", "x"}


def test_build_tree_survives_orphans_and_cycles():
    focus = {"id": "1"}
    replies = [{"id": "2", "in_reply_to_id": "1"}, {"id": "3", "in_reply_to_id": "99"},
               {"id": "4", "in_reply_to_id": "5"}, {"id": "5", "in_reply_to_id": "4"}]
    ordered, depths, children = build_tree([], focus, replies)
    assert [s["id"] for s in ordered][:3] == ["1", "2", "3"]  # the orphan hangs under the focus
    assert depths["2"] == 1 and depths["3"] == 1
    assert descendants_of("1", children) == {"2", "3"}


async def test_profile_header_sections_and_follow_with_confirmation(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    carol = demo.account_lookup("carol")
    if demo.account_relationships(carol["id"])[0]["following"]:
        demo.account_unfollow(carol["id"])
    app = app_for(instance)
    async with app.run_test(size=(110, 45)) as pilot:
        await ready(pilot)
        app.open_profile(carol)
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.loaded
                           and app.screen.relationship)
        profile = app.screen
        expected = {s["id"] for s in demo.account_statuses(carol["id"], exclude_replies=True, limit=40)}
        assert set(profile.timeline.keys()) >= expected
        header = profile.header_text.plain
        assert "@carol" in header
        await pilot.press("F")                                  # follow: no question asked
        assert await until(pilot, lambda: demo.account_relationships(carol["id"])[0]["following"] is True)
        assert await until(pilot, lambda: profile.relationship.get("following") is True)
        await pilot.press("F")                                  # unfollow: asks first
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        assert demo.account_relationships(carol["id"])[0]["following"] is True
        await pilot.press("F")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: demo.account_relationships(carol["id"])[0]["following"] is False)
        await pilot.press("B", "y")                             # block, confirmed
        assert await until(pilot, lambda: demo.account_relationships(carol["id"])[0]["blocking"] is True)
        await pilot.press("B")                                  # unblock: harmless, no question
        assert await until(pilot, lambda: demo.account_relationships(carol["id"])[0]["blocking"] is False)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert await until(pilot, lambda: profile.section == "followers" and profile.loaded)
        followers = {a["id"] for a in demo.account_followers(carol["id"])}
        assert {k.split(":", 1)[1] for k in profile.timeline.keys()} == followers


async def test_profile_opens_from_a_status_with_p(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        item = app.screen.timeline.selected_item
        author = (item.get("reblog") or item)["account"]
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert app.screen.account_id == author["id"]


async def test_notifications_every_type_filter_and_grouped(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    expected = [n["id"] for n in demo.notifications(limit=40)]
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        assert await until(pilot, lambda: isinstance(app.screen, NotificationsScreen) and app.screen.loaded)
        screen = app.screen
        assert list(screen.timeline.keys()) == expected
        # live: a mention arrives over the stream
        mention = server(instance, "bob").status_post("@demo are you there?")
        assert await until(pilot, lambda: any((screen.timeline.get(k).get("status") or {}).get("id")
                                              == mention["id"] for k in screen.timeline.keys()))
        await pilot.press("T")
        assert await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        app.screen.dismiss("mention")
        assert await until(pilot, lambda: screen.type_filter == "mention" and screen.loaded
                           and len(screen.timeline) > 0)
        assert all(screen.timeline.get(k)["type"] == "mention" for k in screen.timeline.keys())
        await pilot.press("Z")
        assert await until(pilot, lambda: screen.grouped and len(screen.timeline) > 0)
        first = screen.timeline.get(next(iter(screen.timeline.keys())))
        assert "group_key" in first and first.get("accounts")


async def test_unknown_notification_types_render_generically(instance):
    from widgets.timeline import render_item
    from datetime import datetime, timezone

    odd = {"id": "1", "type": "something_new", "created_at": "2026-01-01T00:00:00Z",
           "account": {"id": "2", "acct": "x", "display_name": "X"}}
    rendered = render_item(odd, 60, False, datetime.now(timezone.utc))
    assert "something_new" in rendered.plain


async def test_notifications_fall_back_to_flat_without_grouped_support(fresh_instance):
    instance = fresh_instance(grouped_notifications=False)
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        assert await until(pilot, lambda: isinstance(app.screen, NotificationsScreen) and app.screen.loaded)
        await pilot.press("Z")
        assert await until(pilot, lambda: app.service.grouped_notifications is False and app.screen.loaded)
        assert app.screen.grouped is False and len(app.screen.timeline) > 0


async def test_search_resolves_accounts_hashtags_and_statuses(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        host = instance.base_url.split("://", 1)[1].split(":")[0]
        await pilot.press(*"alice@", *host, "enter")
        assert await until(pilot, lambda: any(k.startswith("account:") for k in search.timeline.keys()))
        assert search.results["accounts"][0]["username"] == "alice"
        assert search.timeline.selected_key.startswith("account:")
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is search)
        await pilot.press("slash")
        search.query_one("#query").value = ""
        await pilot.press(*"python", "enter")
        assert await until(pilot, lambda: "hashtag:python" in search.timeline.keys())


async def test_follow_requests_accept_and_reject(fresh_instance):
    instance = fresh_instance()
    dave = server(instance, "dave")          # dave's account is locked
    dave_id = dave.account_verify_credentials()["id"]
    for user in ("alice", "bob"):
        server(instance, user).account_follow(dave_id)
    waiting = {a["username"] for a in dave.follow_requests()}
    assert {"alice", "bob"} <= waiting
    app = app_for(instance, user="dave")
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("8")
        assert await until(pilot, lambda: isinstance(app.screen, FollowRequestsScreen) and app.screen.loaded)
        screen = app.screen
        by_name = {screen.timeline.get(k)["username"]: k for k in screen.timeline.keys()}
        screen.timeline.select(by_name["alice"])
        await pilot.press("A")
        assert await until(pilot, lambda: by_name["alice"] not in screen.timeline)
        screen.timeline.select(by_name["bob"])
        await pilot.press("X")
        assert await until(pilot, lambda: by_name["bob"] not in screen.timeline)
        left = {a["username"] for a in dave.follow_requests()}
        assert "alice" not in left and "bob" not in left
        alice_id = server(instance, "alice").account_verify_credentials()["id"]
        assert dave.account_relationships(alice_id)[0]["followed_by"] is True


async def test_help_lists_every_binding_from_the_bindings_themselves(instance):
    app = app_for(instance)
    async with app.run_test(size=(120, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        from io import StringIO

        from rich.console import Console

        console = Console(file=StringIO(), width=160)
        console.print(app.screen.table)
        text = console.file.getvalue()
        for _, bindings in binding_groups(app):
            for binding in bindings:
                if binding.description:
                    assert binding.description in text, binding.description
                    assert binding.id in text
        await pilot.press("escape")
        assert await until(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_search_pages_more_results_as_the_reader_nears_the_end(fresh_instance):
    from app.screens.thread import ThreadScreen

    instance = fresh_instance()
    demo = server(instance)
    posted = [demo.status_post(f"pagingword number {n}")["id"] for n in range(45)]
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        await pilot.press(*"pagingword", "enter")
        assert await until(pilot, lambda: len(search.results.get("statuses") or []) == 20)
        assert search.more["statuses"] is True
        assert search.timeline.get("heading:statuses")["title"] == "Posts (20+)"
        await pilot.press("G")                                   # to the end: the next page comes
        assert await until(pilot, lambda: len(search.results["statuses"]) == 40, turns=600)
        await pilot.press("G")
        assert await until(pilot, lambda: len(search.results["statuses"]) == 45, turns=600)
        assert await until(pilot, lambda: search.more["statuses"] is False and not search.loading_more)
        shown = [k for k in search.timeline.keys() if ":" not in k]
        assert sorted(shown) == sorted(posted)                    # each once, all of them
        assert search.timeline.get("heading:statuses")["title"] == "Posts (45)"
        # a status found by search opens one thread
        search.timeline.select(posted[0])
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await pilot.pause(0.1)
        assert len(app.screen_stack) == 2
