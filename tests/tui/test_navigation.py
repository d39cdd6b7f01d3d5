"""Opening things: direct messages, the command palette, the compose and drafts screens by their keys, the
links of a mention or hashtag, media."""
from __future__ import annotations

from app.screens.dialogs import LinkScreen
from app.screens.profile import ProfileScreen
from app.screens.timeline import TimelineScreen
from tests.tui.support import app_for, ready, server, until
from widgets.content import Link


async def test_direct_messages_show_conversations(instance):
    expected = [c["id"] for c in server(instance).conversations(limit=40)]
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.loaded
                           and app.screen.source.key == "conversations")
        timeline = app.screen.timeline
        assert list(timeline.keys()) == expected and expected
        rendered = timeline._renderer(timeline.get(expected[0]), 80, False, app.wall_clock())
        assert rendered.plain.startswith("✉ with @")
        await pilot.press("t")                                   # the thread of the last message
        assert await until(pilot, lambda: type(app.screen).__name__ == "ThreadScreen")


async def test_command_palette_opens_screens_by_name(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Federated timeline")
        await pilot.pause(0.5)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen)
                           and app.screen.source.key == "public")
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"#terminal")
        await pilot.pause(0.5)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen)
                           and app.screen.source.key == "tag:terminal" and app.screen.loaded)


async def test_compose_keys_open_the_compose_screen_with_context(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        from app.screens.compose import ComposeScreen

        item = app.screen.timeline.selected_item
        status = item.get("reblog") or item
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        assert app.screen.reply_to["id"] == status["id"] if hasattr(app.screen, "reply_to") else True
        app.pop_screen()
        await pilot.pause(0.2)
        await pilot.press("n")
        assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))


async def test_mention_and_hashtag_links_open_profile_and_timeline(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        app.follow_link(Link("mention", "@alice", "alice", "http://x/@alice"))
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert app.screen.account["username"] == "alice"
        app.follow_link(Link("hashtag", "#python", "python", "http://x/tags/python"))
        assert await until(pilot, lambda: isinstance(app.screen, TimelineScreen)
                           and app.screen.source.key == "tag:python")


async def test_a_link_whose_text_lies_is_marked_before_opening(instance, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "1 2 3 4")
    app = app_for(instance)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        lying = Link("url", "https://bank.example", "https://evil.example/login", "https://evil.example/login",
                     suspicious=True, reason="the text names bank.example")
        app.follow_link(lying)
        assert await until(pilot, lambda: isinstance(app.screen, LinkScreen) and app.screen.query("OptionList"))
        option = app.screen.query_one("OptionList").get_option_at_index(0)
        shown = option.prompt.plain
        assert "evil.example/login" in shown and "differ" in shown
        await pilot.press("enter")
        assert await until(pilot, lambda: app.last_opened_url == "https://evil.example/login")


async def test_pinned_posts_come_first_on_a_profile(fresh_instance):
    instance = fresh_instance()
    alice = server(instance, "alice")
    old = alice.status_post("an old post that alice pins")
    alice.status_post("a newer post, not pinned")
    alice.status_pin(old["id"])
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        app.open_profile(alice.account_verify_credentials())
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.loaded)
        first = next(iter(app.screen.timeline.keys()))
        assert first == old["id"] and app.screen.timeline.get(first)["pinned"] is True


async def test_media_key_lists_attachments_and_a_status_url_resolves_in_search(instance, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "1 2 3 4")
    app = app_for(instance)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await ready(pilot)
        timeline = app.screen.timeline
        with_media = next(k for k in timeline.keys()
                          if (timeline.get(k).get("reblog") or timeline.get(k)).get("media_attachments"))
        timeline.select(with_media)
        status = timeline.get(with_media)
        status = status.get("reblog") or status
        await pilot.press("O")
        assert await until(pilot, lambda: isinstance(app.screen, LinkScreen))
        assert [link.url for link in app.screen.links] == [m["url"] for m in status["media_attachments"]]
        await pilot.press("escape")
        app.search_for(status["url"])
        assert await until(pilot, lambda: getattr(app.screen, "results", None)
                           and app.screen.results.get("statuses"))
        assert app.screen.results["statuses"][0]["id"] == status["id"]


async def test_lists_appear_in_the_palette_and_open_as_live_timelines(fresh_instance):
    instance = fresh_instance()
    demo, alice = server(instance), server(instance, "alice")
    alice_id = alice.account_verify_credentials()["id"]
    if not demo.account_relationships(alice_id)[0]["following"]:
        demo.account_follow(alice_id)
    friends = demo.list_create("Friends")
    demo.list_accounts_add(friends["id"], [alice_id])
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: any(item["id"] == friends["id"] for item in app.user_lists))
        from app.commands import TootCommands

        provider = TootCommands(app.screen)
        names = [text for text, _command, _help in provider._commands()]
        assert "Open list: Friends" in names
        dict((text, command) for text, command, _ in provider._commands())["Open list: Friends"]()
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False)
                           and app.screen.source.key == f"list:{friends['id']}")
        assert app.screen.title_text == "Friends"
        assert await until(pilot, lambda: f"list:{friends['id']}" in app.stream_worker.streams)
        await pilot.pause(0.3)
        posted = alice.status_post("for my friends list")
        assert await until(pilot, lambda: posted["id"] in app.screen.timeline)
