"""The in-memory world of the instance: accounts, statuses, relationships, notifications, lists, filters,
markers, conversations, scheduled statuses, apps and tokens.

`State` is assembled from small mixins named for their domain (state_social, state_posting, state_reading,
state_notify, state_auth, state_prefs). All mutation happens under `state.lock` (tests change the world from their
own thread while the server runs on its event loop). Every change a client could see live is published on
`state.hub` (demo/hub.py) with payloads rendered exactly as Mastodon's streaming server sends them.
"""
from __future__ import annotations

import json
import threading
from urllib.parse import urlsplit

from .clock import RealClock
from .hub import Hub
from .ids import IdGenerator, id_key
from .models import Account, Status, TrackedDict, VersionedDict, note_change
from .settings import Settings
from .state_auth import AuthMixin
from .state_fanout import FanoutMixin
from .state_media import MediaMixin
from .state_notify import NotifyMixin
from .state_posting import PostingMixin
from .state_prefs import PrefsMixin
from .state_purge import PurgeMixin
from .state_reading import ReadingMixin
from .state_social import SocialMixin
from . import text


class NotFound(LookupError):
    """The object does not exist or the viewer may not see it (Mastodon answers 404 for both)."""


class Invalid(ValueError):
    """A request that Mastodon answers with 422 and this message."""


class Forbidden(PermissionError):
    """403: the viewer may not do this."""


# What `snapshot()` saves: every attribute that is world data (not the hub, clock, lock or settings).
WORLD_FIELDS = (
    "accounts", "statuses", "media", "polls", "notifications", "follows", "follow_requests", "blocks", "mutes",
    "favourites", "bookmarks", "pins", "muted_threads", "lists", "filters", "markers", "conversations",
    "scheduled", "followed_tags", "apps", "tokens", "codes", "reports", "files", "idempotency", "emojis",
    "by_author", "replies", "reblogs_of", "prefs", "tag_uses", "domain_blocks", "featured_tags", "endorsements",
    "dismissed_suggestions", "announcements", "account_notes",
)


class State(SocialMixin, PostingMixin, ReadingMixin, NotifyMixin, FanoutMixin, MediaMixin, AuthMixin, PrefsMixin,
            PurgeMixin):
    def __init__(self, settings: Settings | None = None, clock=None, base_url: str = "http://127.0.0.1") -> None:
        self.settings = settings or Settings()
        self.clock = clock or RealClock()
        self.hub = Hub()
        self.lock = threading.RLock()
        self.ids = IdGenerator()
        self.base_url = base_url
        self.accounts: dict[str, Account] = {}
        self.statuses: dict[str, Status] = TrackedDict()  # tracked: rendered accounts count statuses
        self.media = {}
        self.polls = {}
        self.notifications = {}          # id -> Notification
        self.follows = TrackedDict()     # (follower, target) -> Follow; tracked: accounts count follows
        self.follow_requests = {}        # (requester, target) -> FollowRequest
        self.blocks = {}                 # (blocker, target) -> block id
        self.mutes = {}                  # (muter, target) -> Mute
        self.favourites = VersionedDict()  # (account, status) -> favourite id (internal paging id)
        self.bookmarks = {}              # (account, status) -> bookmark id
        self.pins = {}                   # (account, status) -> pin id
        self.muted_threads = set()       # (account, conversation root id)
        self.lists = {}
        self.filters = {}
        self.markers = {}                # (account, timeline) -> Marker
        self.conversations = {}          # (account, conversation root id) -> Conversation
        self.scheduled = {}
        self.followed_tags = {}          # (account, tag) -> follow id
        self.apps = {}                   # client_id -> App
        self.tokens = {}                 # token -> Token
        self.codes = {}
        self.reports = {}
        self.files = {}                  # path under /media/ -> (content_type, bytes)
        self.idempotency = {}            # (token, key) -> (status id, created_at)
        self.emojis = {}                 # shortcode -> {"category": ...}
        self.by_author = {}              # account id -> [status ids], ascending
        self.replies = {}                # status id -> [reply ids]
        self.reblogs_of = {}             # status id -> {account id: reblog status id}
        self.prefs = {}                  # account id -> {key: value}
        self.tag_uses = {}               # tag -> [(status id, account id)]
        self.domain_blocks = {}          # (account, domain) -> id
        self.featured_tags = {}          # (account, tag) -> id
        self.endorsements = {}           # (account, target) -> id
        self.dismissed_suggestions = set()  # (account, target)
        self.announcements = {}          # id -> {"content", "published_at", "read_by": set, "reactions": {}}
        self.account_notes = {}          # (account, target) -> private note text (Relationship.note)
        self.rendered_accounts = {}      # account id -> (key, account, JSON): demo/entities.py's cache
        self.favourite_counts = (None, -1, {})  # (favourites dict, its version, status id -> count)
        # Not world data (not saved): how many requests still get Mastodon's rare answers (demo/settings.py).
        self.home_regenerating = int(self.settings.home_regenerating)
        self.marker_conflicts = int(self.settings.marker_conflicts)

    # ----- identity and URLs -----
    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).netloc

    def now(self):
        return self.clock.now()

    def new_id(self, at=None) -> str:
        return self.ids.new(at or self.now())

    def account_url(self, account: Account) -> str:
        return f"{self.base_url}/@{account.username}"

    def status_url(self, status: Status) -> str:
        return f"{self.base_url}/@{self.accounts[status.account_id].username}/{status.id}"

    def tag_url(self, name: str) -> str:
        return f"{self.base_url}/tags/{name}"

    def media_url(self, path: str | None) -> str | None:
        return f"{self.base_url}/media/{path}" if path else None

    # ----- lookups -----
    def account(self, account_id) -> Account:
        acc = self.accounts.get(str(account_id))
        if acc is None or acc.suspended:
            raise NotFound("Record not found")
        return acc

    def account_by_username(self, username: str) -> Account | None:
        username = username.lower()
        for acc in self.accounts.values():
            if acc.username.lower() == username and not acc.suspended:
                return acc
        return None

    def account_by_acct(self, acct: str) -> Account | None:
        """`user`, `@user`, `user@our.domain`: remote domains do not exist in this world."""
        acct = acct.strip().lstrip("@")
        if "@" in acct:
            user, _, host = acct.partition("@")
            if host.lower() not in self.local_domains():
                return None
            acct = user
        return self.account_by_username(acct)

    def local_domains(self) -> set[str]:
        host = urlsplit(self.base_url).hostname or ""
        return {self.domain.lower(), host.lower(), "localhost", "127.0.0.1"}

    def status(self, status_id, viewer_id: str | None = None) -> Status:
        st = self.statuses.get(str(status_id))
        if st is None or st.deleted or not self.can_see(viewer_id, st):
            raise NotFound("Record not found")
        return st

    def can_see(self, viewer_id: str | None, st: Status) -> bool:
        author = self.accounts.get(st.account_id)
        if author is None or author.suspended:
            return False
        if viewer_id == st.account_id:
            return True
        if viewer_id and (st.account_id, viewer_id) in self.blocks:
            return False
        if st.reblog_of_id:
            orig = self.statuses.get(st.reblog_of_id)
            if orig is None or orig.deleted or not self.can_see(viewer_id, orig):
                return False
        if st.visibility in ("public", "unlisted"):
            return True
        if viewer_id is None:
            return False
        if st.visibility == "private" and (viewer_id, st.account_id) in self.follows:
            return True
        return viewer_id in st.mentions

    # ----- helpers used by every mixin -----
    def render_text(self, source: str) -> str:
        def resolve(username, domain):
            acc = self.account_by_acct(f"{username}@{domain}" if domain else username)
            return (self.account_url(acc), acc.username) if acc else None
        return text.render(source, resolve, self.tag_url)

    def publish(self, key: tuple, event: str, payload) -> None:
        if payload is not None and not isinstance(payload, str):
            payload = json.dumps(payload, ensure_ascii=False)
        self.hub.publish(key, event, payload)

    def followers_of(self, account_id: str) -> list[str]:
        return [a for (a, t) in self.follows if t == account_id]

    def following_of(self, account_id: str) -> list[str]:
        return [t for (a, t) in self.follows if a == account_id]

    def statuses_count(self, account_id: str) -> int:
        return sum(1 for sid in self.by_author.get(account_id, ()) if not self.statuses[sid].deleted)

    def last_status_at(self, account_id: str):
        for sid in reversed(self.by_author.get(account_id, ())):
            st = self.statuses[sid]
            if not st.deleted:
                return st.created_at
        return None

    @staticmethod
    def sort_desc(ids) -> list[str]:
        return sorted(ids, key=id_key, reverse=True)

    # ----- persistence hooks (demo/persist.py) -----
    def snapshot(self) -> dict:
        with self.lock:
            return {name: getattr(self, name) for name in WORLD_FIELDS}

    def restore(self, data: dict) -> None:
        with self.lock:
            for name in WORLD_FIELDS:
                if name in data:
                    value = data[name]
                    if name in ("follows", "statuses") and not isinstance(value, TrackedDict):
                        value = TrackedDict(value)
                    elif name == "favourites" and not isinstance(value, VersionedDict):
                        value = VersionedDict(value)
                    setattr(self, name, value)
            self.rendered_accounts.clear()
            note_change()
