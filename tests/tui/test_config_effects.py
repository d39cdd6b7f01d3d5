"""Every setting of the config file does what it says, in the running App against the local instance: time
style, posting defaults, key overrides (and a warning for an unknown action id), theme, confirmations, the
link/media opener command, the notification filter, and config warnings shown inside the App."""
from __future__ import annotations

import json
import sys

from textual.widgets import Input, OptionList, Select

from app.config import Config, Opener
from app.drafts import Draft, DraftStore
from app.screens.dialogs import ConfirmScreen, LinkScreen
from app.screens.profile import ProfileScreen
from tests.tui.support import app_for, plain_status, ready, select_status, server, until
from widgets.parts import absolute_time, relative_time


def _drawn(timeline) -> str:
    """What the timeline shows on screen, as painted by the App."""
    return "\n".join(timeline.render_line(y).text for y in range(timeline.size.height))


def _toasts(app) -> str:
    return "\n".join(f"{n.title} {n.message}" for n in app._notifications)


async def test_time_absolute_shows_clock_times_and_relative_shows_ages(instance):
    for style in ("absolute", "relative"):
        app = app_for(instance, config=Config(time=style))
        async with app.run_test(size=(110, 40)) as pilot:
            await ready(pilot)
            await pilot.pause()
            timeline = app.screen.timeline
            first = timeline.selected_item
            when = first["created_at"]
            drawn = _drawn(timeline)
            absolute, relative = absolute_time(when, app.wall_clock()), relative_time(when, app.wall_clock())
            assert absolute != relative
            if style == "absolute":
                assert absolute in drawn, drawn[:400]
            else:
                assert relative in drawn and absolute not in drawn, drawn[:400]


async def test_default_visibility_and_language_prefill_compose_and_are_posted(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    app = app_for(instance, config=Config(default_visibility="unlisted", default_language="de"))
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        assert await until(pilot, lambda: app.screen.query("#compose-visibility"))
        assert app.screen.query_one("#compose-visibility", Select).value == "unlisted"
        assert app.screen.query_one("#compose-language", Input).value == "de"
        await pilot.press(*"hallo")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: any(s["content"].find("hallo") >= 0
                                              for s in demo.account_statuses(demo.me()["id"], limit=5)))
    mine = next(s for s in demo.account_statuses(demo.me()["id"], limit=5) if "hallo" in s["content"])
    assert mine["visibility"] == "unlisted" and mine["language"] == "de"


async def test_key_override_rebinds_and_an_unknown_id_is_shown_as_a_warning(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    config = Config(keys={"status.favourite": "x", "status.no_such_action": "z"})
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: "status.no_such_action" in _toasts(app))
        assert "no such action" in _toasts(app)
        status = await select_status(pilot, lambda s: plain_status(s) and not s.get("favourited"))
        await pilot.press("f")                                   # the old key no longer favourites
        await pilot.press("a")                                   # (a bookmark: proof the keys are handled)
        assert await until(pilot, lambda: demo.status(status["id"])["bookmarked"] is True)
        assert demo.status(status["id"])["favourited"] is False
        await pilot.press("x")                                   # the new one does
        assert await until(pilot, lambda: demo.status(status["id"])["favourited"] is True)


async def test_config_warnings_are_shown_inside_the_app(instance, tmp_path):
    from app.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('time = "absolute"\ncolour = "blue"\n', encoding="utf-8")
    config = load_config(path)
    assert config.warnings
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await ready(pilot, live=False)
        assert await until(pilot, lambda: "unknown setting colour" in _toasts(app))
        assert "line 2" in _toasts(app)


async def test_theme_applies(instance):
    app = app_for(instance, config=Config(theme="nord"))
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot, live=False)
        assert app.theme == "nord"


async def test_favourite_and_delete_confirmations_follow_the_config(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    mine = demo.status_post("delete me without asking")
    config = Config()
    config.confirm.favourite, config.confirm.delete = True, False
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot)
        status = await select_status(pilot, lambda s: plain_status(s) and not s.get("favourited")
                               and s["account"]["username"] != "demo")
        await pilot.press("f")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause(0.2)
        assert demo.status(status["id"])["favourited"] is False
        await pilot.press("f")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: demo.status(status["id"])["favourited"] is True)
        await pilot.press("g")                                    # back to the top, where the new post is
        await select_status(pilot, lambda s: s["id"] == mine["id"])
        await pilot.press("D")                                    # delete: no question asked
        assert await until(pilot, lambda: mine["id"] not in {s["id"] for s in demo.account_statuses(
            demo.me()["id"], limit=10)})
        assert not isinstance(app.screen, ConfirmScreen)


async def test_unfollow_block_and_mute_ask_only_when_configured(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    carol = demo.account_lookup("carol")
    if not demo.account_relationships(carol["id"])[0]["following"]:
        demo.account_follow(carol["id"])
    config = Config()
    config.confirm.unfollow = config.confirm.block = config.confirm.mute = False
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 45)) as pilot:
        await ready(pilot)
        app.open_profile(carol)
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.loaded
                           and app.screen.relationship)
        relation = lambda: demo.account_relationships(carol["id"])[0]  # noqa: E731
        await pilot.press("F")                                      # unfollow, at once
        assert await until(pilot, lambda: relation()["following"] is False)
        await pilot.press("U")                                      # mute, at once
        assert await until(pilot, lambda: relation()["muting"] is True)
        await pilot.press("B")                                      # block, at once
        assert await until(pilot, lambda: relation()["blocking"] is True)
        assert isinstance(app.screen, ProfileScreen)


async def test_logout_confirmation_follows_the_config(instance, tmp_path):
    from app.accounts import AccountStore

    for ask in (True, False):
        config = Config()
        config.confirm.logout = ask
        app = app_for(instance, config=config, accounts=AccountStore(tmp_path / f"accounts-{ask}.json"))
        async with app.run_test(size=(110, 40)) as pilot:
            await ready(pilot, live=False)
            await pilot.press("ctrl+a")
            assert await until(pilot, lambda: type(app.screen).__name__ == "AccountsScreen")
            assert app.screen.confirm_logout is ask


async def test_deleting_a_draft_asks_only_when_configured(instance, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    from app.screens.compose import account_key

    config = Config()
    config.confirm.discard_draft = False
    store = DraftStore()
    app = app_for(instance, config=config, drafts=store)
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot, live=False)
        store.save(Draft(account=account_key(app.service), text="throw me away"))
        assert type(app.screen).__name__ == "TimelineScreen"
        await pilot.press("W")
        assert await until(pilot, lambda: app.screen.query("#drafts-list"))
        assert app.screen.query_one("#drafts-list", OptionList).option_count == 1
        await pilot.press("d")
        assert await until(pilot, lambda: store.list() == [])
        assert not isinstance(app.screen, ConfirmScreen)


def _recorder(tmp_path, name: str) -> str:
    """An opener command that writes its arguments to a file (a stand-in for a browser or a media player)."""
    script = tmp_path / f"{name}.py"
    out = tmp_path / f"{name}.json"
    script.write_text(f"import json, sys\nopen({str(out)!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    return f"{sys.executable} {script} --from-tootty {{url}}"


async def test_link_and_media_openers_run_the_configured_commands(instance, tmp_path, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":99")                     # a desktop, not an SSH session
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    config = Config(open=Opener(links=_recorder(tmp_path, "links"), media=_recorder(tmp_path, "media")))
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await ready(pilot)
        await select_status(pilot, lambda s: "example.com/photos" in (s.get("content") or ""))
        await pilot.press("o")
        assert await until(pilot, lambda: isinstance(app.screen, LinkScreen))
        url = app.screen.links[0].url
        await pilot.press("enter")
        links = tmp_path / "links.json"
        assert await until(pilot, links.exists, turns=1000)
        assert json.loads(links.read_text()) == ["--from-tootty", url]
        await select_status(pilot, lambda s: bool(s.get("media_attachments")))
        await pilot.press("O")
        assert await until(pilot, lambda: isinstance(app.screen, LinkScreen))
        media_url = app.screen.links[0].url
        await pilot.press("enter")
        media = tmp_path / "media.json"
        assert await until(pilot, media.exists, turns=1000)
        assert json.loads(media.read_text()) == ["--from-tootty", media_url]


async def test_notification_types_filter_applies_at_start(instance):
    demo = server(instance)
    everything = {n["type"] for n in demo.notifications(limit=40)}
    assert "follow" in everything and everything - {"follow"}   # the seed has other types to hide
    config = Config()
    config.notifications.types = ["follow"]
    app = app_for(instance, config=config, start="notifications")
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot, live=False)
        timeline = app.screen.timeline
        shown = [timeline.get(k) for k in timeline.keys()]
        assert shown and {n["type"] for n in shown} == {"follow"}


async def test_hidden_notification_types_do_not_count_as_unread(fresh_instance):
    instance = fresh_instance()
    demo, alice = server(instance), server(instance, "alice")
    post = demo.status_post("something to favourite")
    config = Config()
    config.notifications.types = ["mention"]
    app = app_for(instance, config=config)
    async with app.run_test(size=(110, 40)) as pilot:
        await ready(pilot)                                          # live, on the home timeline
        assert app.unread_notifications == 0
        alice.status_favourite(post["id"])                          # a type the config hides...
        alice.status_post("@demo a mention, which counts")          # ...then one it shows, on the same stream
        assert await until(pilot, lambda: app.unread_notifications >= 1)
        await pilot.pause(0.2)
        assert app.unread_notifications == 1
