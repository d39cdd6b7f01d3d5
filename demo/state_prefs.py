"""Per-account settings of the world: filters v2 (and what they do to statuses), markers, preferences,
scheduled statuses, reports, and `tick()`, which lets time-driven things happen (scheduled posts, poll ends)."""
from __future__ import annotations

import re
from datetime import timedelta

from .models import Filter, Marker, Report, ScheduledStatus
from . import text as textmod

FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
FILTER_ACTIONS = ("warn", "hide", "blur")


class PrefsMixin:
    # ----- filters v2 -----
    def create_filter(self, account_id, title, context, filter_action="warn", expires_in=None, keywords=()):
        from .state import Invalid
        self._check_filter(title, context, filter_action)
        with self.lock:
            f = Filter(self.new_id(), account_id, title.strip(), list(context), filter_action or "warn",
                       self.now() + timedelta(seconds=int(expires_in)) if expires_in else None)
            for kw in keywords:
                if not str(kw.get("keyword") or "").strip():
                    raise Invalid("Validation failed: Keywords keyword can't be blank")
                f.keywords.append({"id": self.new_id(), "keyword": str(kw["keyword"]),
                                   "whole_word": bool(kw.get("whole_word", True))})
            self.filters[f.id] = f
        self.filters_changed(account_id)
        return f

    @staticmethod
    def _check_filter(title, context, action):
        from .state import Invalid
        if title is not None and not str(title).strip():
            raise Invalid("Validation failed: Title can't be blank")
        if context is not None and (not context or any(c not in FILTER_CONTEXTS for c in context)):
            raise Invalid("Validation failed: Context can't be blank or contains invalid values")
        if action is not None and action not in FILTER_ACTIONS:
            raise Invalid("Validation failed: Filter action is not included in the list")

    def get_filter(self, account_id, filter_id) -> Filter:
        from .state import NotFound
        f = self.filters.get(str(filter_id))
        if f is None or f.account_id != account_id:
            raise NotFound("Record not found")
        return f

    def filters_of(self, account_id):
        return sorted((f for f in self.filters.values() if f.account_id == account_id), key=lambda f: (len(f.id), f.id))

    def filters_changed(self, account_id) -> None:
        self.publish(("user", account_id), "filters_changed", None)

    def filter_matches(self, account_id, st, context=None):
        """[(Filter, keyword_matches, status_matches)] of the viewer's active filters (for one context, or all:
        Mastodon's `filtered` lists every match and leaves the context to the client)."""
        target = self.statuses[st.reblog_of_id] if st.reblog_of_id else st
        if target.account_id == account_id:
            return []
        now = self.now()
        out = []
        hay = None
        for f in self.filters.values():
            if f.account_id != account_id or (context is not None and context not in f.context):
                continue
            if f.expires_at and f.expires_at <= now:
                continue
            if hay is None:
                hay = " ".join([target.spoiler_text, textmod.strip_html(target.content)] +
                               [self.media[m].description or "" for m in target.media_ids if m in self.media])
            kws = []
            for kw in f.keywords:
                word = re.escape(kw["keyword"])
                pattern = rf"(?<!\w){word}(?!\w)" if kw["whole_word"] else word
                if re.search(pattern, hay, re.IGNORECASE):
                    kws.append(kw["keyword"])
            sts = [s["id"] for s in f.statuses if s["status_id"] == target.id]
            if kws or sts:
                out.append((f, kws, sts))
        return out

    def hidden_by_filter(self, account_id, st, context) -> bool:
        return any(f.filter_action == "hide" for f, _k, _s in self.filter_matches(account_id, st, context))

    # ----- markers -----
    def set_marker(self, account_id, timeline, last_read_id) -> Marker:
        with self.lock:
            old = self.markers.get((account_id, timeline))
            m = Marker(str(last_read_id), (old.version + 1) if old else 0, self.now())
            self.markers[(account_id, timeline)] = m
            return m

    # ----- preferences -----
    def preferences(self, account_id) -> dict:
        acc = self.account(account_id)
        prefs = {"posting:default:visibility": acc.privacy, "posting:default:sensitive": acc.sensitive,
                 "posting:default:language": acc.language, "posting:default:quote_policy": "public",
                 "reading:expand:media": "default", "reading:expand:spoilers": False,
                 "reading:autoplay:gifs": False}
        prefs.update(self.prefs.get(account_id, {}))
        return prefs

    # ----- scheduled statuses -----
    def schedule(self, account_id, scheduled_at, params: dict, media_ids=()) -> ScheduledStatus:
        from .state import Invalid
        if scheduled_at < self.now() + timedelta(minutes=5):
            raise Invalid("Validation failed: Scheduled at The scheduled date must be in the future")
        with self.lock:
            self._validate_post(account_id, params.get("text") or "", params.get("spoiler_text") or "",
                                [str(m) for m in media_ids], params.get("poll"))
            s = ScheduledStatus(self.new_id(), account_id, scheduled_at, params, [str(m) for m in media_ids])
            for mid in s.media_ids:
                self.media[mid].scheduled_status_id = s.id
            self.scheduled[s.id] = s
            return s

    def get_scheduled(self, account_id, sid) -> ScheduledStatus:
        from .state import NotFound
        s = self.scheduled.get(str(sid))
        if s is None or s.account_id != account_id:
            raise NotFound("Record not found")
        return s

    def run_due_scheduled(self) -> None:
        now = self.now()
        due = [s for s in self.scheduled.values() if s.scheduled_at <= now]
        for s in sorted(due, key=lambda s: s.scheduled_at):
            self.scheduled.pop(s.id, None)
            p = s.params
            for mid in s.media_ids:
                if mid in self.media:
                    self.media[mid].scheduled_status_id = None
            try:
                self.post_status(s.account_id, p.get("text") or "", in_reply_to_id=p.get("in_reply_to_id"),
                                 media_ids=s.media_ids, sensitive=p.get("sensitive"),
                                 spoiler_text=p.get("spoiler_text") or "", visibility=p.get("visibility"),
                                 language=p.get("language"), poll=p.get("poll"), application=p.get("application"))
            except (LookupError, ValueError, PermissionError):
                pass  # the thread it replied to is gone: Mastodon drops the post too

    def tick(self) -> None:
        """Called before each request: lets time-driven events happen on the instance's (injectable) clock."""
        with self.lock:
            if self.scheduled:
                self.run_due_scheduled()
            if self.polls:
                self.expire_polls()

    # ----- announcements -----
    def add_announcement(self, content_html: str) -> str:
        with self.lock:
            aid = self.new_id()
            self.announcements[aid] = {"content": content_html, "published_at": self.now(), "read_by": set(),
                                       "reactions": {}}
            accounts = list(self.accounts)
        from .entities_misc import announcement_json
        payload = announcement_json(self, aid, self.announcements[aid], None)
        for account_id in accounts:  # Mastodon sends `announcement` on every local user's stream
            self.publish(("user", account_id), "announcement", payload)
        return aid

    def announcement_reaction(self, aid: str, name: str) -> None:
        a = self.announcements.get(aid)
        if a is None:
            return
        payload = {"name": name, "count": len(a["reactions"].get(name, ())), "announcement_id": aid}
        for account_id in list(self.accounts):
            self.publish(("user", account_id), "announcement.reaction", payload)

    # ----- reports -----
    def report(self, account_id, target_id, status_ids=(), comment="", category="other", forward=False,
               rule_ids=()) -> Report:
        from .state import Invalid
        with self.lock:
            self.account(target_id)
            for sid in status_ids:
                st = self.status(sid, account_id)
                if st.account_id != target_id:
                    raise Invalid("Validation failed: Statuses must belong to the reported account")
            r = Report(self.new_id(), account_id, target_id, [str(s) for s in status_ids], comment or "",
                       category or "other", bool(forward), list(rule_ids), self.now())
            self.reports[r.id] = r
            return r
