"""The compose logic that needs no server: counting, reply/edit/redraft starting points, schedules, $EDITOR."""
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from app.compose.counter import ComposeLimits, count_characters, grapheme_count
from app.compose.editor import EditorError, edit_text, editor_command
from app.compose.posting import check
from app.compose.schedule import ScheduleError, parse_schedule
from app.compose.start import edit_draft, more_private, redraft_draft, reply_draft, reply_mentions
from app.drafts import Draft, MediaDraft, PollDraft


@pytest.mark.parametrize("text, spoiler, expected", [
    ("hello", "", 5),
    ("hello", "cw", 7),
    ("see https://example.com/a/very/long/path/indeed?x=1 now", "", 4 + 23 + 4),
    ("see https://x.org.", "", 4 + 23 + 1),
    ("@alice@mastodon.social hi", "", len("@alice hi")),
    ("mail me: bob@example.com", "", len("mail me: bob@example.com")),  # not a mention: no @ before bob
    ("👨‍👩‍👧 🇫🇷 e\u0301", "", 5),
    ("line\r\nbreak", "", 10),
])
def test_count_like_mastodon(text, spoiler, expected):
    assert count_characters(text, spoiler) == expected


def test_url_length_follows_the_instance():
    assert count_characters("https://a.example", url_length=10) == 10
    assert grapheme_count("👍🏽") == 1


def test_limits_from_instance_v2_and_defaults():
    limits = ComposeLimits.from_instance({"configuration": {
        "statuses": {"max_characters": 1000, "characters_reserved_per_url": 30, "max_media_attachments": 8},
        "polls": {"max_options": 6, "max_characters_per_option": 100, "min_expiration": 60,
                  "max_expiration": 1000}}})
    assert (limits.max_characters, limits.characters_reserved_per_url, limits.max_media_attachments) == (1000, 30, 8)
    assert (limits.max_poll_options, limits.max_characters_per_option) == (6, 100)
    assert ComposeLimits.from_instance({"max_toot_chars": 5000}).max_characters == 5000
    assert ComposeLimits.from_instance({"configuration": {"statuses": {"max_characters": "lots"}}}) == ComposeLimits()
    assert ComposeLimits.from_instance(None) == ComposeLimits()


STATUS = {
    "id": "109", "visibility": "unlisted", "spoiler_text": "food", "language": "de",
    "account": {"id": "2", "acct": "bob@other.social"},
    "mentions": [{"id": "1", "acct": "me"}, {"id": "3", "acct": "carol"}, {"id": "2", "acct": "bob@other.social"}],
}
ME = {"id": "1", "acct": "me", "username": "me"}


def test_reply_prefills_mentions_visibility_and_cw():
    draft = reply_draft(STATUS, ME, "me@local", default_visibility="public")
    assert draft.text == "@bob@other.social @carol "
    assert draft.in_reply_to_id == "109" and draft.spoiler_text == "food"
    assert draft.visibility == "unlisted"  # never more public than the status replied to
    assert reply_draft(STATUS, ME, "me@local", default_visibility="private").visibility == "private"
    assert reply_draft({**STATUS, "visibility": "direct"}, ME, "me@local").visibility == "direct"


def test_reply_to_a_boost_replies_to_the_boosted_status():
    boost = {"id": "200", "account": {"id": "9", "acct": "booster"}, "reblog": STATUS, "visibility": "public"}
    draft = reply_draft(boost, ME, "me@local")
    assert draft.in_reply_to_id == "109" and "@booster" not in draft.text


def test_reply_to_myself_keeps_the_others():
    mine = {"id": "5", "visibility": "public", "account": ME, "mentions": [{"id": "3", "acct": "carol"}]}
    assert reply_mentions(mine, ME) == ["carol"]
    assert more_private("public", None) == "public"


def test_edit_starts_from_the_source():
    status = {**STATUS, "account": ME, "sensitive": True, "poll": {
        "options": [{"title": "yes"}, {"title": "no"}], "multiple": True,
        "expires_at": "2030-01-02T00:00:00Z"},
        "media_attachments": [{"id": "77", "description": "a cat", "url": "http://x/cat.png"}]}
    now = datetime(2030, 1, 1, tzinfo=timezone.utc)
    draft = edit_draft(status, {"text": "raw *text* @carol", "spoiler_text": "cw"}, "me@local", now=now)
    assert (draft.text, draft.spoiler_text, draft.edit_of_id) == ("raw *text* @carol", "cw", "109")
    assert draft.media[0].media_id == "77" and draft.media[0].description == "a cat"
    assert draft.poll.options == ["yes", "no"] and draft.poll.multiple and draft.poll.expires_in == 86400
    assert draft.sensitive and draft.language == "de"


def test_redraft_from_deleted_status_with_or_without_source():
    deleted = {**STATUS, "text": "as typed", "in_reply_to_id": "50"}
    draft = redraft_draft(deleted, "me@local")
    assert (draft.text, draft.in_reply_to_id, draft.visibility, draft.edit_of_id) == ("as typed", "50", "unlisted",
                                                                                      None)
    old_server = {**STATUS, "content": "<p>one<br>two</p><p>three &amp; four</p>"}
    assert redraft_draft(old_server, "me@local").text == "one\ntwo\n\nthree & four"


NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("typed, delta", [("in 2h", timedelta(hours=2)), ("+90m", timedelta(minutes=90)),
                                          ("1d", timedelta(days=1)), ("3 weeks", timedelta(weeks=3))])
def test_schedule_relative(typed, delta):
    assert parse_schedule(typed, now=NOW) == NOW + delta


def test_schedule_absolute_and_errors():
    assert parse_schedule("", now=NOW) is None
    assert parse_schedule("2026-11-27 09:30", now=NOW, local=timezone.utc) == datetime(2026, 11, 27, 9, 30,
                                                                                        tzinfo=timezone.utc)
    assert parse_schedule("tomorrow 08:00", now=NOW, local=timezone(timedelta(hours=2))) == datetime(
        2026, 11, 27, 6, 0, tzinfo=timezone.utc)
    with pytest.raises(ScheduleError, match="5 minutes"):
        parse_schedule("+2m", now=NOW)
    with pytest.raises(ScheduleError, match="Not a time"):
        parse_schedule("next blue moon", now=NOW)


def _script(tmp_path, body):
    path = tmp_path / "fake-editor.py"
    path.write_text("import sys\n" + body)
    return f"{sys.executable} {path}"


def test_editor_round_trip(tmp_path):
    editor = _script(tmp_path, "p = sys.argv[1]\ntext = open(p).read()\nopen(p, 'w').write(text.upper())\n")
    assert edit_text("hello\nworld", env={"EDITOR": editor}, directory=tmp_path / "e") == "HELLO\nWORLD"
    assert list((tmp_path / "e").iterdir()) == []  # the scratch file is gone


def test_failing_editor_loses_nothing(tmp_path):
    editor = _script(tmp_path, "open(sys.argv[1], 'a').write('more')\nsys.exit(3)\n")
    with pytest.raises(EditorError) as e:
        edit_text("typed", env={"EDITOR": editor}, directory=tmp_path / "e")
    assert "exit status 3" in str(e.value) and e.value.kept.read_text() == "typed\nmore"
    with pytest.raises(EditorError, match="Could not start"):
        edit_text("typed", env={"EDITOR": "/nonexistent/editor"}, directory=tmp_path / "e")


def test_editor_command_choice():
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "nano -w"}) == ["nano", "-w"]
    with pytest.raises(EditorError):
        editor_command({"EDITOR": "'unclosed"})


def test_check_names_every_problem(tmp_path):
    limits = ComposeLimits(max_characters=10)
    assert check(Draft(text="short"), limits) == []
    assert "Write something" in check(Draft(text="  "), limits)[0]
    assert "too many" in check(Draft(text="x" * 11), limits)[0]
    poll = Draft(text="q", poll=PollDraft(options=["a", ""]))
    assert any("two options" in p for p in check(poll, limits))
    both = Draft(text="q", poll=PollDraft(options=["a", "b"]), media=[MediaDraft(str(tmp_path / "none.png"))])
    problems = check(both, limits)
    assert any("not both" in p for p in problems) and any("does not exist" in p for p in problems)


def test_typed_paths_as_terminals_paste_them(tmp_path, monkeypatch):
    from app.compose.paths import typed_path

    monkeypatch.setenv("HOME", str(tmp_path))
    target = str(tmp_path / "my pics" / "a b.png")
    for typed in (f"'{target}'", f'"{target}"', target.replace(" ", "\\ "),
                  "file://" + target.replace(" ", "%20"), "~/my pics/a b.png", f"  {target}  "):
        assert typed_path(typed) == target, typed
    assert typed_path("   ") == ""


def test_idempotency_key_follows_the_content():
    from app.compose.posting import idempotency_key

    draft = Draft(text="hello")
    same = idempotency_key(draft)
    assert idempotency_key(draft) == same and same.startswith(draft.idempotency_key)
    draft.media = [MediaDraft("/x.png", "alt")]
    with_media = idempotency_key(draft)
    draft.media[0].media_id = "99"  # uploading does not change what the post says
    assert idempotency_key(draft) == with_media != same
    draft.text = "hello!"
    assert idempotency_key(draft) != with_media
    draft.text = "hello"
    assert idempotency_key(draft) == with_media  # changed back: the same post as before
    assert idempotency_key(Draft(text="hello")) != same  # another draft, another key


def test_posting_defaults_from_config_then_server():
    from app.compose.start import posting_defaults
    from app.config import Config

    me = {"source": {"privacy": "unlisted", "language": "fr", "sensitive": True}}
    assert posting_defaults(Config(), me) == ("unlisted", "fr", True)
    assert posting_defaults(Config(default_visibility="private", default_language="de"), me) == ("private", "de",
                                                                                                 True)
    assert posting_defaults(None, None) == ("public", "", False)
    assert posting_defaults(Config(), {"source": {"privacy": "bogus"}}) == ("public", "", False)


def test_every_failure_becomes_one_sentence():
    from api import errors

    from app.compose.posting import PostError, explain

    cases = [
        (errors.MastodonNetworkError("reset"), "Could not reach the server", True),
        (errors.MastodonRatelimitError("429", 429, "", "", retry_after=41.2), "Try again in 42 s", True),
        (errors.MastodonUnprocessableError("422", 422, "", "Validation failed: Text can't be blank"),
         "refused the post: Validation failed: Text can't be blank", False),
        (errors.MastodonUnauthorizedError("401", 401, "", "The access token was revoked"), "Log in again", False),
        (errors.MastodonNotFoundError("404", 404, "", "Record not found"), "no longer exists", False),
        (errors.MastodonServiceUnavailableError("503", 503, "", ""), "HTTP 503", True),
        (ValueError("odd"), "Posting failed unexpectedly (ValueError: odd)", False),
    ]
    for exc, words, retry in cases:
        result = explain(exc)
        assert isinstance(result, PostError) and words in str(result) and result.retry is retry, (exc, result)
