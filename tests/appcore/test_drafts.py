import json
import os
import signal
import subprocess
import sys

import pytest

from app.drafts import Draft, DraftError, DraftStore, MediaDraft, PollDraft


def test_save_list_resume_delete(dirs):
    store = DraftStore()
    assert store.directory == dirs["data"] / "drafts"
    first = store.save(Draft(account="alice@x", text="first words", visibility="unlisted"))
    second = store.save(Draft(account="alice@x", text="hello", spoiler_text="cw", language="de", sensitive=True,
                              in_reply_to_id="109", media=[MediaDraft("/tmp/cat.png", "a cat")],
                              poll=PollDraft(["yes", "no"], 3600, True), scheduled_at="2030-01-01T00:00:00+00:00"))
    store.save(Draft(account="bob@y", text="other account"))
    assert os.stat(store.directory / f"{first.id}.json").st_mode & 0o777 == 0o600

    listed = DraftStore().list("alice@x")
    assert [d.id for d in listed] == [second.id, first.id]
    resumed = DraftStore().load(second.id)
    assert resumed == second
    assert resumed.media[0].description == "a cat" and resumed.poll.multiple
    assert resumed.idempotency_key == second.idempotency_key

    first.text = "first words, edited"
    store.save(first)
    assert [d.id for d in store.list("alice@x")][0] == first.id
    store.delete(first.id)
    store.delete(first.id)  # deleting twice is harmless
    with pytest.raises(DraftError, match="no draft"):
        store.load(first.id)
    assert len(store.list()) == 2


def test_ids_cannot_escape_the_directory(dirs):
    with pytest.raises(DraftError):
        DraftStore().load("../../config/accounts")


def test_damaged_file_is_reported_not_deleted(dirs):
    store = DraftStore()
    good = store.save(Draft(text="keep me"))
    bad = store.directory / "0000000000000001-00000000.json"
    bad.write_text("{not json")
    assert [d.id for d in store.list()] == [good.id]
    assert len(store.problems) == 1 and bad.exists()
    with pytest.raises(DraftError, match="damaged"):
        store.load("0000000000000001-00000000")


def test_empty_and_title():
    assert Draft().is_empty() and Draft(poll=PollDraft()).is_empty()
    assert not Draft(text=" x").is_empty() and not Draft(media=[MediaDraft("p")]).is_empty()
    assert Draft(text="line one\nline two").title == "line one"
    assert Draft(text="body", spoiler_text="cw first").title == "cw first"
    d = Draft()
    key = d.idempotency_key
    d.renew_idempotency_key()
    assert d.idempotency_key != key


def test_unknown_fields_from_newer_versions_are_ignored(dirs):
    store = DraftStore()
    draft = store.save(Draft(text="hi"))
    path = store.directory / f"{draft.id}.json"
    data = json.loads(path.read_text())
    data["future_field"] = 1
    data["media"] = [{"path": "/a", "description": "d", "focus": [0, 0]}]
    path.write_text(json.dumps(data))
    assert store.load(draft.id).media == [MediaDraft("/a", "d")]


WRITER = r"""
import sys
from app.drafts import Draft, DraftStore
store = DraftStore(sys.argv[1])
draft = Draft(id=sys.argv[2], text="")
for i in range(100000):
    # Big texts widen the window in which a kill lands mid-write.
    draft.text = f"version {i}:" + ("x" * 200_000) + f":{i}"
    store.save(draft)
    print(i, flush=True)
"""


@pytest.mark.parametrize("saves_before_kill", [1, 7, 23])
def test_kill_9_mid_autosave_leaves_old_or_new(tmp_path, saves_before_kill):
    directory = tmp_path / "drafts"
    draft_id = "0000000000000abc-12345678"
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(directory), draft_id], env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(saves_before_kill):
            last_reported = int(proc.stdout.readline())
        proc.send_signal(signal.SIGKILL)  # lands while the writer is inside a later save
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    draft = DraftStore(directory).load(draft_id)
    head, _, tail = draft.text.partition(":")
    version = int(head.split()[1])
    assert version >= last_reported  # nothing that was reported saved is lost
    assert draft.text == f"version {version}:" + "x" * 200_000 + f":{version}"  # whole, not torn
    assert [d.id for d in DraftStore(directory).list()] == [draft_id]


def test_failure_mid_write_keeps_previous_version(dirs, monkeypatch):
    # A crash between writing and renaming (simulated: fsync fails) must leave the previous version whole.
    store = DraftStore()
    draft = store.save(Draft(text="version one"))
    draft.text = "version two"

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(DraftError, match="could not save"):
        store.save(draft)
    monkeypatch.undo()
    assert store.load(draft.id).text == "version one"
    assert not list(store.directory.glob(".*.tmp"))
