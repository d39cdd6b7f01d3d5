"""The records of the in-memory world. Plain dataclasses: the state (demo/state.py) owns and mutates them, the
serialisers (demo/entities*.py) turn them into Mastodon's JSON for one viewer."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# A change mark for what a rendered Account depends on (its own attributes, who follows whom, which statuses
# exist): demo/entities.py keeps each account's JSON until the mark moves. Marks come from a counter, so a value
# is never reused (a racing writer can only make the mark differ, never return to a cached one).
_marks = itertools.count(1)
_mark = [0]


def note_change() -> None:
    _mark[0] = next(_marks)


def change_mark() -> int:
    return _mark[0]


class VersionedDict(dict):
    """A dict that counts its changes in `version`, so something derived from it (e.g. favourite counts per
    status) can be kept until the next change. Pickles as a plain dict subclass."""
    version = 0          # class default: unpickling fills the items before the instance's own version returns
    marks_accounts = False

    def _changed(self) -> None:
        self.version += 1
        if self.marks_accounts:
            note_change()

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._changed()

    def pop(self, *args):
        result = super().pop(*args)
        self._changed()
        return result

    def popitem(self):
        result = super().popitem()
        self._changed()
        return result

    def setdefault(self, key, default=None):
        result = super().setdefault(key, default)
        self._changed()
        return result

    def update(self, *args, **kwargs):
        super().update(*args, **kwargs)
        self._changed()

    def clear(self):
        super().clear()
        self._changed()


class TrackedDict(VersionedDict):
    """A VersionedDict whose changes also move the change mark (`follows` and `statuses`: account counters are
    computed from them)."""
    marks_accounts = True


@dataclass
class Account:
    """Every attribute assignment moves the change mark (a profile edit invalidates the rendered JSON); lists
    held here are replaced, not changed in place."""
    id: str
    username: str
    display_name: str
    created_at: datetime
    note_source: str = ""
    note: str = ""                      # HTML
    password: str = ""
    locked: bool = False
    bot: bool = False
    group: bool = False
    discoverable: bool = True
    indexable: bool = True
    hide_collections: bool = False
    fields: list = field(default_factory=list)   # [(name, value_text)]
    avatar: str | None = None           # path under /media/ or None for the default
    header: str | None = None
    emojis: list = field(default_factory=list)   # shortcodes used in name/note
    privacy: str = "public"             # default posting visibility (source.privacy)
    sensitive: bool = False
    language: str | None = None
    email: str = ""
    suspended: bool = False

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        note_change()


@dataclass
class Media:
    id: str
    account_id: str
    type: str                           # image, gifv, video, audio, unknown
    path: str                           # under /media/
    content_type: str
    size: int
    created_at: datetime
    ready_at: datetime
    description: str | None = None
    focus: tuple = (0.0, 0.0)
    width: int | None = None
    height: int | None = None
    blurhash: str | None = None
    status_id: str | None = None
    scheduled_status_id: str | None = None


@dataclass
class Poll:
    id: str
    status_id: str
    options: list                       # titles
    expires_at: datetime | None
    multiple: bool = False
    hide_totals: bool = False
    votes: dict = field(default_factory=dict)   # account_id -> [choice indices]


@dataclass
class Status:
    id: str
    account_id: str
    created_at: datetime
    text: str = ""                      # source text as typed
    content: str = ""                   # rendered HTML
    spoiler_text: str = ""
    visibility: str = "public"          # public, unlisted, private, direct
    language: str | None = "en"
    sensitive: bool = False
    in_reply_to_id: str | None = None
    in_reply_to_account_id: str | None = None
    reblog_of_id: str | None = None
    conversation_id: str | None = None  # the root of the thread
    media_ids: list = field(default_factory=list)
    poll_id: str | None = None
    mentions: list = field(default_factory=list)  # account ids
    tags: list = field(default_factory=list)      # lowercase names
    emojis: list = field(default_factory=list)    # shortcodes
    card: dict | None = None
    edited_at: datetime | None = None
    edits: list = field(default_factory=list)     # snapshots, oldest first (StatusEdit data)
    application: dict | None = None
    deleted: bool = False

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name == "deleted":  # statuses_count and last_status_at of the author change
            note_change()


@dataclass
class Notification:
    id: str
    account_id: str                     # recipient
    type: str
    from_account_id: str
    created_at: datetime
    status_id: str | None = None
    group_key: str = ""
    read: bool = False


@dataclass
class FollowRequest:
    id: str
    account_id: str                     # who asks
    target_id: str
    created_at: datetime


@dataclass
class Follow:
    id: str
    account_id: str
    target_id: str
    created_at: datetime
    show_reblogs: bool = True
    notify: bool = False
    languages: list | None = None


@dataclass
class Mute:
    id: str
    account_id: str
    target_id: str
    notifications: bool = True
    expires_at: datetime | None = None


@dataclass
class UserList:
    id: str
    account_id: str
    title: str
    replies_policy: str = "list"        # followed, list, none
    exclusive: bool = False
    members: list = field(default_factory=list)  # account ids in insertion order


@dataclass
class Filter:
    id: str
    account_id: str
    title: str
    context: list
    filter_action: str = "warn"         # warn, hide (blur on newer servers)
    expires_at: datetime | None = None
    keywords: list = field(default_factory=list)  # [{"id", "keyword", "whole_word"}]
    statuses: list = field(default_factory=list)  # [{"id", "status_id"}]


@dataclass
class ScheduledStatus:
    id: str
    account_id: str
    scheduled_at: datetime
    params: dict
    media_ids: list = field(default_factory=list)
    application_id: str | None = None


@dataclass
class Conversation:
    """One account's view of a direct-message thread (Mastodon's AccountConversation)."""
    id: str
    account_id: str
    conversation_id: str                # thread root status id
    participant_ids: list
    last_status_id: str
    unread: bool = True


@dataclass
class App:
    id: str
    name: str
    website: str | None
    redirect_uris: list
    scopes: list
    client_id: str
    client_secret: str
    created_at: datetime


@dataclass
class Token:
    token: str
    client_id: str | None
    account_id: str | None              # None for client_credentials tokens
    scopes: list
    created_at: datetime
    refresh_token: str | None = None
    expires_at: datetime | None = None
    revoked: bool = False


@dataclass
class AuthCode:
    code: str
    client_id: str
    account_id: str
    redirect_uri: str
    scopes: list
    created_at: datetime
    code_challenge: str | None = None
    code_challenge_method: str | None = None
    used: bool = False


@dataclass
class Report:
    id: str
    account_id: str
    target_id: str
    status_ids: list
    comment: str
    category: str
    forward: bool
    rule_ids: list
    created_at: datetime


@dataclass
class Marker:
    last_read_id: str
    version: int
    updated_at: datetime


Json = dict[str, Any]
