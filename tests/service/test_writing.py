"""Writing over real HTTP, both clients: posting (visibility, CW, replies, idempotency through a commit-then-drop
fault), media with processing and alt text, polls, edits with history and source, delete, the per-status actions,
scheduled statuses, profile updates."""
from __future__ import annotations

import base64
import struct
import uuid
import zlib
from datetime import datetime, timedelta, timezone

import pytest

import api
from demo.clock import FakeClock

from .conftest import instance_clock_sleeps


def png(width=8, height=8, rgb=(10, 200, 30), noise=0) -> bytes:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = chunk(b"tEXt", b"c\x00" + bytes(noise)) if noise else b""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(rows)) + \
        chunk(b"IEND", b"")


def unique(text="post") -> str:
    return f"{text} {uuid.uuid4().hex[:8]}"


async def test_status_post_and_toot(c):
    text = unique()
    st = await c.status_post(text, visibility="unlisted", spoiler_text="cw here", sensitive=True, language="en")
    assert text in st.content and st.visibility == "unlisted" and st.spoiler_text == "cw here"
    assert isinstance(st.created_at, datetime) and isinstance(st.id, str)
    tooted = await c.toot(unique("toot"))
    assert tooted.visibility == "public"
    assert (await c.status(tooted.id)).id == tooted.id


async def test_bad_input_is_refused_before_sending(c):
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.status_post("x", visibility="everyone")
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.status_post("   ")


async def test_reply_mentions_and_inherits(make_client, instance):
    alice = make_client(instance, "alice")
    demo = make_client(instance, "demo")
    original = await alice.status_post(unique("@bob hello"), visibility="unlisted", spoiler_text="topic")
    reply = await demo.status_reply(original, "answer")
    assert reply.in_reply_to_id == original.id and reply.visibility == "unlisted"
    assert reply.spoiler_text == "topic"
    assert {m.acct for m in reply.mentions} >= {"alice", "bob"}
    ctx = await demo.status_context(original.id)
    assert reply.id in [s.id for s in ctx.descendants]


async def test_idempotency_commit_then_drop_posts_exactly_once(make_client, fresh_instance):
    inst = fresh_instance()
    c = make_client(inst)
    text = unique("exactly once")
    inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact", times=1)
    st = await c.status_post(text)
    assert text in st.content
    mine = [s for s in await c.account_statuses(st.account.id, limit=40) if text in s.content]
    assert len(mine) == 1
    assert ("commit_then_drop", "/api/v1/statuses") in [tuple(f) for f in inst.faults.fired]


async def test_same_idempotency_key_twice_is_one_post(c):
    key = uuid.uuid4().hex
    first = await c.status_post(unique(), idempotency_key=key)
    again = await c.status_post("different text, same key", idempotency_key=key)
    assert again.id == first.id


async def test_media_upload_with_processing_and_alt_text(fresh_instance, make_client, kind):
    inst = fresh_instance(clock=FakeClock(datetime(2026, 1, 1, tzinfo=timezone.utc)), media_delay=3.0)
    clock, sleep, slept = instance_clock_sleeps(inst, kind)
    c = make_client(inst, clock=clock, sleep=sleep)
    big = png(64, 64, noise=6000)                   # above tiny_media_bytes: processed later (202)
    media = await c.media_post(big, "image/png", description="a green square", focus=(0.5, -0.25))
    assert media.url and media.type == "image" and media.description == "a green square"
    assert slept and sum(slept) >= 3.0               # polled through 202/206 until processed
    pending = await c.media_post(big, "image/png", synchronous=False)
    assert pending.url is None
    with pytest.raises(api.MastodonUnprocessableError):
        await c.status_post("too early", media_ids=[pending])   # Mastodon refuses unprocessed media
    updated = await c.media_update(pending.id, description="new alt text")
    assert updated.description == "new alt text"
    st = await c.status_post("with a picture", media_ids=[media])
    assert st.media_attachments[0].id == media.id
    assert st.media_attachments[0].description == "a green square"


async def test_media_from_file_and_seed_signature(c, tmp_path):
    path = tmp_path / "tiny.png"
    path.write_bytes(png())
    media = await c.media_post(str(path))            # the seed's media_post(media_file, mime_type=None)
    assert media.url and (await c.media(media.id)).id == media.id
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.media_post(b"raw bytes without a type")
    with pytest.raises(api.MastodonFileNotFoundError):
        await c.media_post(str(tmp_path / "missing.png"))


async def test_polls_view_and_vote(make_client, instance):
    carol = make_client(instance, "carol")
    demo = make_client(instance, "demo")
    st = await carol.status_post("pick one", poll={"options": ["a", "b", "c"], "expires_in": 3600})
    assert [o.title for o in st.poll.options] == ["a", "b", "c"]
    voted = await demo.poll_vote(st.poll.id, 1)
    assert voted.voted is True and voted.own_votes == [1] and voted.options[1].votes_count == 1
    assert (await demo.poll(st.poll.id)).votes_count == 1
    with pytest.raises(api.MastodonUnprocessableError):
        await demo.poll_vote(st.poll.id, [0])        # already voted


async def test_edit_history_source_and_delete(c):
    st = await c.status_post(unique("first version"), spoiler_text="cw1")
    source = await c.status_source(st.id)
    assert source.text.startswith("first version") and source.spoiler_text == "cw1"
    edited = await c.status_update(st.id, status="second version", spoiler_text="")
    assert "second version" in edited.content and isinstance(edited.edited_at, datetime)
    history = await c.status_history(st.id)
    assert len(history) == 2 and "first version" in history[0].content
    deleted = await c.status_delete(st.id)
    assert isinstance(deleted, dict) and deleted.get("text") == "second version"   # for redrafting
    with pytest.raises(api.MastodonNotFoundError):
        await c.status(st.id)


async def test_reblog_favourite_bookmark_pin_mute(make_client, instance):
    alice = make_client(instance, "alice")
    c = make_client(instance, "demo")
    theirs = await alice.status_post(unique("boost me"))
    boost = await c.status_reblog(theirs.id)
    assert boost.reblog.id == theirs.id
    assert (await c.status_unreblog(theirs.id)).reblogged is False
    assert (await c.status_favourite(theirs.id)).favourited is True
    assert (await c.status_unfavourite(theirs.id)).favourited is False
    assert (await c.status_bookmark(theirs.id)).bookmarked is True
    assert theirs.id in [s.id for s in await c.bookmarks()]
    assert (await c.status_unbookmark(theirs.id)).bookmarked is False
    assert (await c.status_mute(theirs.id)).muted is True
    assert (await c.status_unmute(theirs.id)).muted is False
    mine = await c.status_post(unique("pin me"))
    assert (await c.status_pin(mine.id)).pinned is True
    me = await c.me()
    assert mine.id in [s.id for s in await c.account_statuses(me.id, pinned=True)]
    assert (await c.status_unpin(mine.id)).pinned is False


async def test_scheduled_statuses(c):
    when = datetime.now(timezone.utc) + timedelta(days=2)
    scheduled = await c.status_post(unique("later"), scheduled_at=when)
    assert "scheduled_at" in scheduled and scheduled.params.text.startswith("later")
    assert scheduled.id in [s.id for s in await c.scheduled_statuses()]
    assert (await c.scheduled_status(scheduled.id)).id == scheduled.id
    moved = await c.scheduled_status_update(scheduled.id, when + timedelta(hours=1))
    assert moved.scheduled_at > scheduled.scheduled_at
    assert await c.scheduled_status_delete(scheduled.id) is None
    assert scheduled.id not in [s.id for s in await c.scheduled_statuses()]


async def test_account_update_credentials_with_seed_data_uri(make_client, fresh_instance):
    c = make_client(fresh_instance(), "eve")
    avatar = "data:image/png;base64," + base64.b64encode(png()).decode()
    me = await c.account_update_credentials(display_name="Eve E.", note="bio text", avatar=avatar,
                                            fields=[("site", "https://eve.example")])
    assert me.display_name == "Eve E." and "bio text" in me.note
    assert me.fields[0].name == "site"
    assert (await c.me()).display_name == "Eve E."
