"""Forgetting deleted statuses. `delete_status` keeps a tombstone (the record stays, marked deleted), which is
right for a world that lives minutes; a long-running demo with the activity generator (demo/activity.py) at
20 posts a second would grow without limit, so it purges what it deleted: the status and every index entry,
media file, poll, interaction and notification that points at it."""
from __future__ import annotations


class PurgeMixin:
    def purge_status(self, status_id) -> bool:
        """Remove a status that `delete_status` already deleted. Returns False if it is unknown or still live
        (a live status is never purged: delete it first, so that clients are told)."""
        with self.lock:
            st = self.statuses.get(str(status_id))
            if st is None or not st.deleted:
                return False
            sid = st.id
            del self.statuses[sid]
            ids = self.by_author.get(st.account_id)
            if ids and sid in ids:
                ids.remove(sid)
            self.replies.pop(sid, None)
            siblings = self.replies.get(st.in_reply_to_id) if st.in_reply_to_id else None
            if siblings and sid in siblings:
                siblings.remove(sid)
                if not siblings:
                    del self.replies[st.in_reply_to_id]
            self.reblogs_of.pop(sid, None)
            for tag in st.tags:
                uses = self.tag_uses.get(tag)
                if uses:
                    self.tag_uses[tag] = [u for u in uses if u[0] != sid]
            if st.poll_id:
                self.polls.pop(st.poll_id, None)
            for mid in st.media_ids:
                m = self.media.pop(mid, None)
                if m is not None:
                    self.files.pop(m.path, None)
            for table in (self.favourites, self.bookmarks, self.pins):
                for key in [k for k in table if k[1] == sid]:
                    del table[key]
            for nid in [nid for nid, n in self.notifications.items() if n.status_id == sid]:
                del self.notifications[nid]
            for key in [k for k, c in self.conversations.items() if c.last_status_id == sid]:
                del self.conversations[key]
            return True
