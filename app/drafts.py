"""Drafts: everything typed into a compose form, kept on disk so that no word is lost to a crash or kill -9.

One JSON file per draft in the data directory (drafts/<id>.json), each replaced atomically with fsync
(app.paths.atomic_write): after a kill at any instant the file holds either the previous or the new version.
The compose screen calls `DraftStore.save` on every change, debounced to a few seconds, and `delete` once the
status is posted. A draft keeps its Idempotency-Key, so re-posting a draft whose first attempt reached the
server (the connection dropped before the answer) returns the status already posted instead of a duplicate.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path

from app.paths import atomic_write, drafts_dir, fsync_dir, private_dir, remove_stale_temp_files

_ID = re.compile(r"^[0-9a-f]{16}-[0-9a-f]{8}$")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_draft_id() -> str:
    """Sortable by creation time, unique across processes, and safe as a file name."""
    return f"{time.time_ns() // 1000:016x}-{os.urandom(4).hex()}"


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class DraftError(Exception):
    """A draft that does not exist or cannot be read or written."""


@dataclass
class MediaDraft:
    """An attachment: the local file, its alt text, and once uploaded its media id (so a retry need not
    upload again; media ids the server forgot are uploaded afresh by the compose screen)."""

    path: str
    description: str = ""
    media_id: str | None = None


@dataclass
class PollDraft:
    options: list[str] = field(default_factory=lambda: ["", ""])
    expires_in: int = 86400
    multiple: bool = False
    hide_totals: bool = False


@dataclass
class Draft:
    id: str = field(default_factory=new_draft_id)
    account: str = ""                      # user@host of the account composing it
    text: str = ""
    spoiler_text: str = ""                 # the content warning
    visibility: str = "public"
    language: str = ""
    sensitive: bool = False
    in_reply_to_id: str | None = None
    edit_of_id: str | None = None          # set when editing an existing status
    media: list[MediaDraft] = field(default_factory=list)
    poll: PollDraft | None = None
    scheduled_at: str | None = None        # ISO 8601, aware
    idempotency_key: str = field(default_factory=new_idempotency_key)
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)

    def is_empty(self) -> bool:
        """Nothing worth keeping was typed (an untouched compose form leaves no draft behind)."""
        poll_typed = self.poll is not None and any(o.strip() for o in self.poll.options)
        return not (self.text.strip() or self.spoiler_text.strip() or self.media or poll_typed)

    def renew_idempotency_key(self) -> None:
        """Call when the content changes after a failed attempt: the edited text is a different post."""
        self.idempotency_key = new_idempotency_key()

    @property
    def title(self) -> str:
        """One line for the drafts list."""
        first = (self.spoiler_text or self.text).strip().splitlines()
        return first[0][:80] if first else ("(media only)" if self.media else "(empty)")

    def to_json(self) -> bytes:
        return json.dumps({"format": 1, **asdict(self)}, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> "Draft":
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a draft")
        values = _known_fields(cls, data)
        values["media"] = [MediaDraft(**_known_fields(MediaDraft, m)) for m in values.get("media") or []]
        if values.get("poll") is not None:
            values["poll"] = PollDraft(**_known_fields(PollDraft, values["poll"]))
        draft = cls(**values)
        if not isinstance(draft.text, str) or not _ID.match(str(draft.id)):
            raise ValueError("not a draft")
        return draft


def _known_fields(cls, data: dict) -> dict:
    """The entries of `data` that are fields of dataclass `cls`: a draft written by a newer tootty still loads."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


class DraftStore:
    """`DraftStore()` uses the data directory; `DraftStore(path)` another directory (tests)."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = private_dir(Path(directory)) if directory is not None else drafts_dir()
        self.problems: list[str] = []  # unreadable files found by `list`, for the drafts screen to mention
        remove_stale_temp_files(self.directory)

    def _path(self, draft_id: str) -> Path:
        if not _ID.match(draft_id):  # ids come from file names and the UI: never let one walk out of the dir
            raise DraftError(f"not a draft id: {draft_id!r}")
        return self.directory / f"{draft_id}.json"

    def save(self, draft: Draft) -> Draft:
        """Write `draft` (atomically, durably) and return it with `updated_at` set."""
        draft.updated_at = _now()
        try:
            atomic_write(self._path(draft.id), draft.to_json())
        except OSError as e:
            raise DraftError(f"could not save the draft to {self.directory}: {e.strerror or e}") from None
        return draft

    def load(self, draft_id: str) -> Draft:
        path = self._path(draft_id)
        try:
            return Draft.from_json(path.read_bytes())
        except FileNotFoundError:
            raise DraftError(f"no draft {draft_id}") from None
        except OSError as e:
            raise DraftError(f"could not read the draft {path}: {e.strerror}") from None
        except (ValueError, TypeError, AttributeError):
            raise DraftError(f"the draft file {path} is damaged; it was left in place") from None

    def list(self, account: str | None = None) -> list[Draft]:
        """Every readable draft (of `account`, if given), most recently changed first. Unreadable files are
        left where they are and named in `problems`, never deleted."""
        drafts, self.problems = [], []
        for path in self.directory.glob("*.json"):
            try:
                draft = Draft.from_json(path.read_bytes())
            except (OSError, ValueError, TypeError, AttributeError):
                self.problems.append(f"could not read the draft {path}")
                continue
            if account is None or draft.account == account:
                drafts.append(draft)
        drafts.sort(key=lambda d: d.updated_at, reverse=True)
        return drafts

    def delete(self, draft_id: str) -> None:
        try:
            self._path(draft_id).unlink()
        except FileNotFoundError:
            return
        fsync_dir(self.directory)
