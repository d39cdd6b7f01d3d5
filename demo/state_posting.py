"""Writing: posting, editing (with history), deleting, reblogs, favourites, bookmarks, pins, muted threads,
poll votes, direct-message conversations. Validation messages follow Mastodon's 422 bodies."""
from __future__ import annotations

import re
from datetime import timedelta

from .models import Conversation, Poll, Status, note_change
from . import text as textmod

VISIBILITIES = ("public", "unlisted", "private", "direct")
MAX_CHARS = 500
MAX_MEDIA = 4
MAX_PIN = 5
POLL_MAX_OPTIONS = 4
POLL_MAX_OPTION_CHARS = 50
POLL_MIN_EXPIRY = 300
POLL_MAX_EXPIRY = 2629746


def counted_length(source: str) -> int:
    """Mastodon counts every URL as 23 characters and a remote mention as its local part."""
    source = textmod.URL_RE.sub("x" * 23, source)
    source = re.sub(r"(@[A-Za-z0-9_]+)@[A-Za-z0-9.\-:]+", r"\1", source)
    return len(source)


class PostingMixin:
    # ----- posting -----
    def post_status(self, account_id: str, text: str = "", *, in_reply_to_id=None, media_ids=(), sensitive=False,
                    spoiler_text: str = "", visibility: str | None = None, language: str | None = None,
                    poll: dict | None = None, application: dict | None = None, created_at=None,
                    card: dict | None = None, publish: bool = True) -> Status:
        from .state import Invalid, NotFound
        author = self.account(account_id)
        text = text or ""
        spoiler_text = spoiler_text or ""
        visibility = visibility or author.privacy or "public"
        if visibility not in VISIBILITIES:
            raise Invalid("Validation failed: Visibility is not included in the list")
        media_ids = [str(m) for m in (media_ids or [])]
        with self.lock:
            reply_to = None
            if in_reply_to_id:
                reply_to = self.statuses.get(str(in_reply_to_id))
                if reply_to is None or reply_to.deleted or not self.can_see(account_id, reply_to):
                    raise NotFound("Record not found")
                if reply_to.reblog_of_id:
                    reply_to = self.statuses[reply_to.reblog_of_id]
            self._validate_post(account_id, text, spoiler_text, media_ids, poll)
            at = created_at or self.now()
            st = Status(self.new_id(at), account_id, at, text=text, spoiler_text=spoiler_text,
                        visibility=visibility, language=language or author.language or "en",
                        sensitive=bool(sensitive) or bool(spoiler_text), application=application)
            if reply_to:
                st.in_reply_to_id = reply_to.id
                st.in_reply_to_account_id = reply_to.account_id
                st.conversation_id = reply_to.conversation_id or reply_to.id
            else:
                st.conversation_id = st.id
            self._apply_text(st, text, card)
            for mid in media_ids:
                self.media[mid].status_id = st.id
            st.media_ids = media_ids
            if poll:
                st.poll_id = self._make_poll(st, poll).id
            self._index(st)
        if publish:
            self.after_post(st)
        return st

    def _validate_post(self, account_id, text, spoiler_text, media_ids, poll, editing=None) -> None:
        from .state import Invalid
        if not text.strip() and not media_ids and not poll:
            raise Invalid("Validation failed: Text can't be blank")
        if counted_length(text) + len(spoiler_text) > MAX_CHARS:
            raise Invalid(f"Validation failed: Text character limit of {MAX_CHARS} exceeded")
        if len(media_ids) > MAX_MEDIA:
            raise Invalid(f"Validation failed: Cannot attach more than {MAX_MEDIA} files")
        if media_ids and poll:
            raise Invalid("Validation failed: Cannot attach both media and a poll")
        for mid in media_ids:
            m = self.media.get(mid)
            if m is None or m.account_id != account_id or (m.status_id and m.status_id != editing):
                raise Invalid("Validation failed: Media attachments are invalid")
            if m.ready_at > self.now():
                raise Invalid("Validation failed: Media attachments are still being processed")
        if poll:
            options = poll.get("options") or []
            if len(options) < 2:
                raise Invalid("Validation failed: Poll options must have at least 2 items")
            if len(options) > POLL_MAX_OPTIONS:
                raise Invalid(f"Validation failed: Poll options must have at most {POLL_MAX_OPTIONS} items")
            if any(not str(o).strip() or len(str(o)) > POLL_MAX_OPTION_CHARS for o in options):
                raise Invalid("Validation failed: Poll options are invalid")
            if len(set(map(str, options))) != len(options):
                raise Invalid("Validation failed: Poll options contain duplicate items")
            expires_in = poll.get("expires_in")
            if expires_in is None or not (POLL_MIN_EXPIRY <= int(expires_in) <= POLL_MAX_EXPIRY):
                raise Invalid("Validation failed: Poll expiration is invalid")

    def _apply_text(self, st: Status, text: str, card: dict | None) -> None:
        mentions, tags, urls, emojis = textmod.extract(text)
        st.content = self.render_text(text)
        ids = []
        for username, domain in mentions:
            acc = self.account_by_acct(f"{username}@{domain}" if domain else username)
            if acc and acc.id not in ids:
                ids.append(acc.id)
        st.mentions = ids
        st.tags = tags
        st.emojis = [e for e in emojis if e in self.emojis]
        st.card = card if card is not None else (self._card_for(urls[0]) if urls else None)

    def _card_for(self, url: str) -> dict | None:
        # No network: a card is made from the URL itself, as a cache that never fetched the page would.
        from urllib.parse import urlsplit
        try:
            host = urlsplit(url).netloc
        except ValueError:  # e.g. "https://x]y[": urlsplit rejects brackets that are not an IPv6 host
            return None
        return {"url": url, "title": host, "description": f"A page on {host}", "type": "link",
                "provider_name": host, "provider_url": f"https://{host}"}

    def _make_poll(self, st: Status, poll: dict) -> Poll:
        expires = st.created_at + timedelta(seconds=int(poll["expires_in"]))
        p = Poll(self.new_id(st.created_at), st.id, [str(o) for o in poll["options"]], expires,
                 bool(poll.get("multiple")), bool(poll.get("hide_totals")))
        self.polls[p.id] = p
        return p

    def _index(self, st: Status) -> None:
        self.statuses[st.id] = st
        ids = self.by_author.setdefault(st.account_id, [])
        ids.append(st.id)
        if len(ids) > 1 and (len(ids[-2]), ids[-2]) > (len(st.id), st.id):
            ids.sort(key=lambda i: (len(i), i))  # seeded statuses may arrive out of order
        if st.in_reply_to_id:
            self.replies.setdefault(st.in_reply_to_id, []).append(st.id)
        if st.reblog_of_id:
            self.reblogs_of.setdefault(st.reblog_of_id, {})[st.account_id] = st.id
        for tag in st.tags:
            self.tag_uses.setdefault(tag, []).append((st.id, st.account_id))
        note_change()  # the author's statuses_count and last_status_at moved (by_author is a plain list)

    def after_post(self, st: Status) -> None:
        """Notifications, conversations and streaming for a status that just appeared."""
        with self.lock:
            if st.visibility == "direct":
                self._update_conversations(st)
            for mid in st.mentions:
                if self.can_see(mid, st):
                    self.notify(mid, "mention", st.account_id, st.id)
            if not st.reblog_of_id and not st.in_reply_to_id or st.in_reply_to_account_id == st.account_id:
                if st.visibility != "direct" and not st.reblog_of_id:
                    for (a, t), f in list(self.follows.items()):
                        if t == st.account_id and f.notify and a not in st.mentions and self.can_see(a, st):
                            self.notify(a, "status", st.account_id, st.id)
        self.fan_out(st, "update")

    # ----- conversations (direct messages) -----
    def _update_conversations(self, st: Status) -> None:
        participants = [st.account_id] + [m for m in st.mentions if m != st.account_id]
        for p in participants:
            key = (p, st.conversation_id)
            conv = self.conversations.get(key)
            others = [q for q in participants if q != p]
            if conv is None:
                conv = Conversation(self.new_id(), p, st.conversation_id, others, st.id, unread=p != st.account_id)
                self.conversations[key] = conv
            else:
                conv.participant_ids = list(dict.fromkeys(conv.participant_ids + others))
                conv.last_status_id = st.id
                conv.unread = p != st.account_id

    def conversations_of_status(self, st: Status) -> list:
        return [c for (a, root), c in self.conversations.items() if root == st.conversation_id
                and c.last_status_id == st.id]

    # ----- editing -----
    def edit_status(self, account_id: str, status_id, text: str | None = None, *, spoiler_text=None,
                    sensitive=None, language=None, media_ids=None, poll=None) -> Status:
        from .state import Forbidden, NotFound
        with self.lock:
            st = self.status(status_id, account_id)
            if st.account_id != account_id:  # Mastodon looks only among the viewer's own statuses: 404
                raise NotFound("Record not found")
            if st.reblog_of_id:
                raise Forbidden("This action is not allowed")
            new_text = st.text if text is None else text
            new_spoiler = st.spoiler_text if spoiler_text is None else spoiler_text
            new_media = st.media_ids if media_ids is None else [str(m) for m in media_ids]
            self._validate_post(account_id, new_text, new_spoiler, new_media, poll, editing=st.id)
            if not st.edits:
                st.edits.append(self._snapshot(st, st.created_at))
            st.text, st.spoiler_text = new_text, new_spoiler
            if sensitive is not None:
                st.sensitive = bool(sensitive)
            st.sensitive = st.sensitive or bool(st.spoiler_text)
            if language:
                st.language = language
            for mid in st.media_ids:
                if mid not in new_media:
                    self.media[mid].status_id = None
            for mid in new_media:
                self.media[mid].status_id = st.id
            st.media_ids = new_media
            old_tags = set(st.tags)
            self._apply_text(st, new_text, None)
            for tag in set(st.tags) - old_tags:
                self.tag_uses.setdefault(tag, []).append((st.id, st.account_id))
            if poll:
                old = self.polls.pop(st.poll_id, None) if st.poll_id else None
                st.poll_id = self._make_poll(st, poll).id
                if old and old.options == self.polls[st.poll_id].options:
                    self.polls[st.poll_id].votes = old.votes
            st.edited_at = self.now()
            st.edits.append(self._snapshot(st, st.edited_at))
            rebloggers = list(self.reblogs_of.get(st.id, {}))
        for acc in rebloggers:
            self.notify(acc, "update", st.account_id, st.id)
        self.fan_out(st, "status.update")
        return st

    def _snapshot(self, st: Status, at) -> dict:
        poll = self.polls.get(st.poll_id) if st.poll_id else None
        return {"content": st.content, "spoiler_text": st.spoiler_text, "sensitive": st.sensitive,
                "created_at": at, "media_ids": list(st.media_ids), "emojis": list(st.emojis),
                "text": st.text, "poll": {"options": [{"title": o} for o in poll.options]} if poll else None}

    # ----- deleting -----
    def delete_status(self, account_id: str | None, status_id) -> Status:
        """account_id None: moderation/activity delete without the ownership check."""
        from .state import NotFound
        with self.lock:
            st = self.statuses.get(str(status_id))
            if st is None or st.deleted:
                raise NotFound("Record not found")
            if account_id is not None and st.account_id != account_id:
                # Mastodon finds the status among the viewer's own only, so another's is "not found" (its
                # existence is not confirmed), never 403.
                raise NotFound("Record not found")
            audience = self.home_audience(st) | set(st.mentions)
            lists, keys = self.list_audience(st), self.public_keys(st)
            st.deleted = True
            for mid in st.media_ids:  # as Mastodon (dependent: :nullify): delete-and-redraft re-attaches them
                m = self.media.get(mid)
                if m is not None and m.status_id == st.id:
                    m.status_id = None
            for key in [k for k in self.pins if k[1] == st.id]:
                del self.pins[key]
            if st.reblog_of_id:
                self.reblogs_of.get(st.reblog_of_id, {}).pop(st.account_id, None)
            reblogs = list(self.reblogs_of.pop(st.id, {}).values())
        self.fan_out_delete(st, audience, lists, keys)
        for rid in reblogs:
            try:
                self.delete_status(None, rid)
            except LookupError:
                pass
        return st

    # ----- reblogs, favourites, bookmarks, pins, muted threads -----
    def reblog(self, account_id: str, status_id, visibility: str = "public") -> Status:
        from .state import Forbidden
        with self.lock:
            orig = self.status(status_id, account_id)
            if orig.reblog_of_id:
                orig = self.statuses[orig.reblog_of_id]
            existing = self.reblogs_of.get(orig.id, {}).get(account_id)
            if existing:
                return self.statuses[existing]
            if orig.visibility == "direct" or (orig.visibility == "private" and orig.account_id != account_id):
                raise Forbidden("This action is not allowed")
            if visibility not in ("public", "unlisted", "private"):
                visibility = "public"
            at = self.now()
            rb = Status(self.new_id(at), account_id, at, visibility=visibility, reblog_of_id=orig.id,
                        language=None, conversation_id=orig.conversation_id)
            self._index(rb)
        self.notify(orig.account_id, "reblog", account_id, orig.id)
        self.fan_out(rb, "update")
        return rb

    def unreblog(self, account_id: str, status_id) -> Status:
        with self.lock:
            orig = self.status(status_id, account_id)
            if orig.reblog_of_id:
                orig = self.statuses[orig.reblog_of_id]
            rid = self.reblogs_of.get(orig.id, {}).get(account_id)
        if rid:
            self.delete_status(account_id, rid)
        return orig

    def favourite(self, account_id: str, status_id) -> Status:
        with self.lock:
            st = self._target(account_id, status_id)
            if (account_id, st.id) in self.favourites:
                return st
            self.favourites[(account_id, st.id)] = self.new_id()
        self.notify(st.account_id, "favourite", account_id, st.id)
        return st

    def unfavourite(self, account_id: str, status_id) -> Status:
        with self.lock:
            st = self._target(account_id, status_id)
            self.favourites.pop((account_id, st.id), None)
            return st

    def bookmark(self, account_id: str, status_id) -> Status:
        with self.lock:
            st = self._target(account_id, status_id)
            self.bookmarks.setdefault((account_id, st.id), self.new_id())
            return st

    def unbookmark(self, account_id: str, status_id) -> Status:
        with self.lock:
            st = self._target(account_id, status_id)
            self.bookmarks.pop((account_id, st.id), None)
            return st

    def pin(self, account_id: str, status_id) -> Status:
        from .state import Invalid
        with self.lock:
            st = self.status(status_id, account_id)
            if st.account_id != account_id:
                raise Invalid("Validation failed: Someone else's post cannot be pinned")
            if st.reblog_of_id:
                raise Invalid("Validation failed: A boost cannot be pinned")
            if st.visibility == "direct":
                raise Invalid("Validation failed: Posts that are only visible to mentioned users cannot be pinned")
            if (account_id, st.id) not in self.pins:
                if sum(1 for (a, _s) in self.pins if a == account_id) >= MAX_PIN:
                    raise Invalid("Validation failed: You have already pinned the maximum number of posts")
                self.pins[(account_id, st.id)] = self.new_id()
            return st

    def unpin(self, account_id: str, status_id) -> Status:
        with self.lock:
            st = self.status(status_id, account_id)
            self.pins.pop((account_id, st.id), None)
            return st

    def mute_thread(self, account_id: str, status_id, mute: bool = True) -> Status:
        with self.lock:
            st = self._target(account_id, status_id)
            key = (account_id, st.conversation_id or st.id)
            if mute:
                self.muted_threads.add(key)
            else:
                self.muted_threads.discard(key)
            return st

    def _target(self, account_id: str, status_id) -> Status:
        st = self.status(status_id, account_id)
        return self.statuses[st.reblog_of_id] if st.reblog_of_id else st

    # ----- polls -----
    def vote(self, account_id: str, poll_id, choices: list) -> Poll:
        from .state import Invalid, NotFound
        with self.lock:
            poll = self.polls.get(str(poll_id))
            if poll is None:
                raise NotFound("Record not found")
            self.status(poll.status_id, account_id)
            if poll.expires_at and poll.expires_at <= self.now():
                raise Invalid("Validation failed: The poll has already ended")
            if account_id in poll.votes:
                raise Invalid("Validation failed: You have already voted on this poll")
            try:
                picks = sorted({int(c) for c in choices})
            except (TypeError, ValueError):
                raise Invalid("Validation failed: Choice is not a valid option") from None
            if not picks or any(c < 0 or c >= len(poll.options) for c in picks):
                raise Invalid("Validation failed: Choice is not a valid option")
            if len(picks) > 1 and not poll.multiple:
                raise Invalid("Validation failed: You can only choose one option")
            poll.votes[account_id] = picks
            return poll

    def expire_polls(self) -> None:
        """Tell voters and the author that a poll ended (Mastodon's PollExpirationNotifyWorker)."""
        now = self.now()
        for poll in list(self.polls.values()):
            if poll.expires_at and poll.expires_at <= now and not getattr(poll, "notified", False):
                poll.notified = True
                st = self.statuses.get(poll.status_id)
                if st is None or st.deleted:
                    continue
                for voter in poll.votes:
                    self.notify(voter, "poll", st.account_id, st.id)
                self.notify(st.account_id, "poll", st.account_id, st.id)
