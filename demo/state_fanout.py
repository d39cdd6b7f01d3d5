"""Who hears about a status live, following Mastodon's FanOutOnWriteService and RemoveStatusService: the author
and their followers on ("user", id) (minus those whose home feed would filter it), the lists that contain the
author, the public and hashtag streams for public statuses, and the direct streams for direct messages."""
from __future__ import annotations


class FanoutMixin:
    def home_wants(self, viewer_id: str, st) -> bool:
        """Mastodon's FeedManager#filter_from_home?, simplified to what a local-only world needs."""
        if viewer_id == st.account_id:
            return True
        if self.hides_author(viewer_id, st.account_id):
            return False
        follow = self.follows.get((viewer_id, st.account_id))
        if st.reblog_of_id:
            orig = self.statuses.get(st.reblog_of_id)
            if orig is None or orig.account_id == viewer_id or self.hides_author(viewer_id, orig.account_id):
                return False
            if follow is not None and not follow.show_reblogs:
                return False
        if st.in_reply_to_account_id and st.in_reply_to_account_id not in (st.account_id, viewer_id):
            if (viewer_id, st.in_reply_to_account_id) not in self.follows:
                return False
        if follow and follow.languages and st.language and st.language not in follow.languages:
            return False
        return self.can_see(viewer_id, st)

    def home_audience(self, st) -> set[str]:
        audience = {st.account_id}
        if st.visibility == "direct":
            candidates = [m for m in st.mentions if (m, st.account_id) in self.follows]
        else:
            candidates = self.followers_of(st.account_id)
            if st.visibility == "public" and not st.reblog_of_id:
                audience |= {a for (a, t) in self.followed_tags if t in st.tags}
        audience |= set(candidates)
        return {a for a in audience if a in self.accounts and self.home_wants(a, st)}

    def list_audience(self, st) -> list:
        out = []
        for lst in self.lists.values():
            if st.account_id not in lst.members or not self.can_see(lst.account_id, st):
                continue
            if self.hides_author(lst.account_id, st.account_id):
                continue  # Mastodon filters lists like home: muted and blocked authors stay out
            if st.in_reply_to_account_id and st.in_reply_to_account_id != st.account_id:
                if lst.replies_policy == "none":
                    continue
                if lst.replies_policy == "list" and st.in_reply_to_account_id not in lst.members:
                    continue
            out.append(lst)
        return out

    def public_keys(self, st) -> list[tuple]:
        if st.visibility != "public" or st.reblog_of_id:
            return []
        keys = []
        for tag in st.tags:
            keys += [("hashtag", tag), ("hashtag:local", tag)]
        if st.in_reply_to_account_id and st.in_reply_to_account_id != st.account_id:
            return keys  # replies to others stay out of the public streams
        keys += [("public",), ("public:local",)]
        if st.media_ids:
            keys += [("public:media",), ("public:local:media",)]
        return keys

    def fan_out(self, st, event: str = "update") -> None:
        """event: "update" for a new status, "status.update" for an edit."""
        from .entities import status_json
        for viewer in self.home_audience(st):
            if not self.hidden_by_filter(viewer, st, "home"):
                self.publish(("user", viewer), event, status_json(self, st, viewer, "home"))
        for lst in self.list_audience(st):
            if self.hidden_by_filter(lst.account_id, st, "home"):
                continue
            self.publish(("list", lst.id), event, status_json(self, st, lst.account_id, "home"))
        keys = self.public_keys(st)
        if keys:
            payload = status_json(self, st, None, "public")
            for key in keys:
                self.publish(key, event, payload)
        if st.visibility == "direct" and event == "update":
            self.publish_conversations(st)

    def publish_conversations(self, st) -> None:
        from .entities_misc import conversation_json
        for conv in self.conversations_of_status(st):
            self.publish(("direct", conv.account_id), "conversation", conversation_json(self, conv))

    def fan_out_delete(self, st, audience: set, lists: list, keys: list) -> None:
        for viewer in audience:
            self.publish(("user", viewer), "delete", st.id)
        for lst in lists:
            self.publish(("list", lst.id), "delete", st.id)
        for key in keys:
            self.publish(key, "delete", st.id)
