"""Reading: the timelines, an account's statuses, threads, favourites and bookmarks, who reblogged or
favourited, and search. Each returns newest-first (cursor, item) pairs; demo/paging.py cuts the page.

Filters: like Mastodon, the server drops statuses matching a `hide` filter only from the home and list feeds and
from notifications; everywhere else the status carries `filtered` and the client applies the filter."""
from __future__ import annotations

import heapq
from itertools import islice

from .ids import id_key


def _desc(ids):
    return sorted(ids, key=id_key, reverse=True)


class ReadingMixin:
    def _live(self, ids):
        for sid in ids:
            st = self.statuses.get(sid)
            if st is not None and not st.deleted:
                yield st

    def _merged(self, author_ids):
        """Newest-first merge of several authors' status lists (each kept ascending)."""
        iters = [reversed(self.by_author.get(a, [])) for a in author_ids]
        return heapq.merge(*iters, key=id_key, reverse=True)

    # ----- timelines -----
    def home_timeline(self, viewer_id: str):
        authors = {viewer_id} | set(self.following_of(viewer_id))
        ids = self._merged(authors)
        tags = self.tags_followed_by(viewer_id)
        if tags:
            extra = {sid for t in tags for sid, _a in self.tag_uses.get(t, ())}
            ids = heapq.merge(ids, _desc(extra), key=id_key, reverse=True)
        seen = set()
        for st in self._live(ids):
            if st.id in seen:
                continue
            seen.add(st.id)
            if self.home_wants(viewer_id, st) and not self.hidden_by_filter(viewer_id, st, "home"):
                yield st.id, st

    def public_timeline(self, viewer_id, local=False, remote=False, only_media=False):
        if remote:
            return  # every account here is local
        for st in self._live(_desc(self.statuses)):
            if st.in_reply_to_account_id and st.in_reply_to_account_id != st.account_id:
                continue  # replies to others stay out of the public timelines, as on Mastodon
            if self._publicly_shown(viewer_id, st, only_media):
                yield st.id, st

    def _publicly_shown(self, viewer_id, st, only_media: bool) -> bool:
        """What the public and hashtag timelines share: public originals (boosts never appear there), with
        media when asked, that the viewer may see, by authors not hidden from them (blocks either way, mutes)."""
        return (st.visibility == "public" and not st.reblog_of_id and not (only_media and not st.media_ids)
                and not self.hides_author(viewer_id, st.account_id) and self.can_see(viewer_id, st))

    def tag_timeline(self, viewer_id, name, any_=(), all_=(), none=(), only_media=False):
        wanted = {name.lower(), *(t.lower() for t in any_)}
        ids = {sid for t in wanted for sid, _a in self.tag_uses.get(t, ())}
        for st in self._live(_desc(ids)):
            tags = set(st.tags)
            if not wanted & tags or any(t.lower() not in tags for t in all_) or any(t.lower() in tags for t in none):
                continue
            if self._publicly_shown(viewer_id, st, only_media):
                yield st.id, st

    def list_timeline(self, viewer_id, list_id):
        lst = self.get_list(viewer_id, list_id)
        for st in self._live(self._merged(lst.members)):
            if lst in self.list_audience(st) and self.home_wants(viewer_id, st) \
                    and not self.hidden_by_filter(viewer_id, st, "home"):
                yield st.id, st

    def account_statuses(self, viewer_id, account_id, pinned=False, exclude_replies=False, exclude_reblogs=False,
                         only_media=False, tagged=None):
        self.account(account_id)
        if viewer_id and (account_id, viewer_id) in self.blocks:
            return
        if pinned:
            pins = sorted(((pid, sid) for (a, sid), pid in self.pins.items() if a == account_id),
                          key=lambda p: id_key(p[0]), reverse=True)
            for pid, sid in pins:
                st = self.statuses.get(sid)
                if st and not st.deleted and self.can_see(viewer_id, st):
                    yield st.id, st
            return
        for st in self._live(reversed(self.by_author.get(account_id, []))):
            if exclude_replies and st.in_reply_to_id and st.in_reply_to_account_id != account_id:
                continue
            if exclude_reblogs and st.reblog_of_id:
                continue
            if only_media and not st.media_ids:
                continue
            if tagged and tagged.lower() not in st.tags:
                continue
            if not self.can_see(viewer_id, st):
                continue
            yield st.id, st

    def _by_internal_id(self, table, viewer_id):
        rows = sorted(((iid, sid) for (a, sid), iid in table.items() if a == viewer_id),
                      key=lambda r: id_key(r[0]), reverse=True)
        for iid, sid in rows:
            st = self.statuses.get(sid)
            if st and not st.deleted and self.can_see(viewer_id, st):
                yield iid, st

    def favourited_statuses(self, viewer_id):
        return self._by_internal_id(self.favourites, viewer_id)

    def bookmarked_statuses(self, viewer_id):
        return self._by_internal_id(self.bookmarks, viewer_id)

    def reblogged_by(self, viewer_id, status_id):
        st = self._target(viewer_id, status_id)
        rows = _desc(self.reblogs_of.get(st.id, {}).values())
        for rid in rows:
            rb = self.statuses.get(rid)
            if rb and not rb.deleted and not self.hides_author(viewer_id, rb.account_id):
                yield rid, self.accounts[rb.account_id]

    def favourited_by(self, viewer_id, status_id):
        st = self._target(viewer_id, status_id)
        rows = sorted(((fid, a) for (a, sid), fid in self.favourites.items() if sid == st.id),
                      key=lambda r: id_key(r[0]), reverse=True)
        for fid, a in rows:
            if a in self.accounts and not self.hides_author(viewer_id, a):
                yield fid, self.accounts[a]

    # ----- threads -----
    def context(self, viewer_id, status_id):
        st = self.status(status_id, viewer_id)
        if st.reblog_of_id:
            st = self.statuses[st.reblog_of_id]
        ancestors, cur = [], st
        while cur.in_reply_to_id and len(ancestors) < 4096:
            parent = self.statuses.get(cur.in_reply_to_id)
            if parent is None or parent.deleted:
                break
            if self.can_see(viewer_id, parent) and not self.hides_author(viewer_id, parent.account_id):
                ancestors.append(parent)
            cur = parent
        ancestors.reverse()
        descendants, stack = [], list(reversed(self.replies.get(st.id, [])))
        while stack and len(descendants) < 4096:
            sid = stack.pop()
            child = self.statuses.get(sid)
            if child is None or child.deleted:
                continue
            if self.can_see(viewer_id, child) and not self.hides_author(viewer_id, child.account_id):
                descendants.append(child)
                stack.extend(reversed(self.replies.get(sid, [])))
        return ancestors, descendants

    # ----- accounts -----
    def follow_accounts(self, account_id, direction: str):
        """(follow id, account) pairs, newest follow first, of the accounts following `account_id`
        (direction "followers") or followed by it ("following"); suspended ones are left out. Paged by the
        follow's id, as Mastodon pages these collections."""
        self.account(account_id)
        if direction == "followers":
            rows = [(f.id, f.account_id) for (_a, t), f in self.follows.items() if t == account_id]
        else:
            rows = [(f.id, f.target_id) for (a, _t), f in self.follows.items() if a == account_id]
        rows.sort(key=lambda r: id_key(r[0]), reverse=True)
        for fid, other in rows:
            if other in self.accounts and not self.accounts[other].suspended:
                yield fid, self.accounts[other]

    def search_accounts(self, viewer_id, q: str, limit=40, offset=0, following=False):
        q = q.strip().lstrip("@").lower()
        if not q:
            return []
        exact = self.account_by_acct(q)
        out = [exact] if exact else []
        for acc in sorted(self.accounts.values(), key=lambda a: a.username):
            if acc in out or acc.suspended:
                continue
            if q.split("@")[0] in acc.username.lower() or q in acc.display_name.lower():
                out.append(acc)
        if following and viewer_id:
            out = [a for a in out if (viewer_id, a.id) in self.follows]
        return list(islice(out, offset, offset + limit))

    def search_statuses(self, viewer_id, q: str, limit=20, offset=0, account_id=None):
        words = [w for w in q.lower().split() if w]
        if not words:
            return []
        out = []
        for st in self._live(_desc(self.statuses)):
            if st.reblog_of_id or (account_id and st.account_id != account_id):
                continue
            hay = (st.text + " " + st.spoiler_text).lower()
            if all(w in hay for w in words) and self.can_see(viewer_id, st) \
                    and not self.hides_author(viewer_id, st.account_id):
                out.append(st)
                if len(out) >= offset + limit:
                    break
        return out[offset:offset + limit]

    def search_tags(self, q: str, limit=20, offset=0):
        q = q.strip().lstrip("#").lower()
        if not q:
            return []
        names = sorted(t for t in self.tag_uses if q in t)
        names.sort(key=lambda t: (t != q, not t.startswith(q), t))
        return names[offset:offset + limit]
