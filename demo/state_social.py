"""Relationships between accounts (follow, follow requests for locked accounts, block, mute), lists and
followed hashtags."""
from __future__ import annotations

from datetime import timedelta

from .models import Follow, FollowRequest, Mute, UserList


class SocialMixin:
    # ----- follows -----
    def follow(self, account_id: str, target_id: str, reblogs: bool | None = None, notify: bool | None = None,
               languages: list | None = None) -> None:
        from .state import Forbidden, Invalid
        with self.lock:
            target = self.account(target_id)
            if account_id == target_id:
                raise Invalid("Validation failed: You cannot follow yourself")
            if (target_id, account_id) in self.blocks or (account_id, target_id) in self.blocks:
                raise Forbidden("This action is not allowed")
            key = (account_id, target_id)
            existing = self.follows.get(key)
            if existing:
                if reblogs is not None:
                    existing.show_reblogs = reblogs
                if notify is not None:
                    existing.notify = notify
                if languages is not None:
                    existing.languages = languages or None
                return
            if target.locked:
                if key not in self.follow_requests:
                    self.follow_requests[key] = FollowRequest(self.new_id(), account_id, target_id, self.now())
                    self.notify(target_id, "follow_request", account_id)
                return
            self.follows[key] = Follow(self.new_id(), account_id, target_id, self.now(),
                                       show_reblogs=True if reblogs is None else reblogs,
                                       notify=bool(notify), languages=languages or None)
            self.notify(target_id, "follow", account_id)

    def unfollow(self, account_id: str, target_id: str) -> None:
        with self.lock:
            self.account(target_id)
            self.follows.pop((account_id, target_id), None)
            self.follow_requests.pop((account_id, target_id), None)
            self.endorsements.pop((account_id, target_id), None)  # Mastodon: a Follow takes its endorsement along

    def remove_from_followers(self, account_id: str, follower_id: str) -> None:
        with self.lock:
            self.follows.pop((follower_id, account_id), None)
            self.endorsements.pop((follower_id, account_id), None)

    def authorize_follow_request(self, account_id: str, requester_id: str) -> None:
        from .state import NotFound
        with self.lock:
            req = self.follow_requests.pop((requester_id, account_id), None)
            if req is None:
                raise NotFound("Record not found")
            self.follows[(requester_id, account_id)] = Follow(self.new_id(), requester_id, account_id, self.now())
            self._drop_notifications(account_id, "follow_request", requester_id)
            self.notify(account_id, "follow", requester_id)

    def reject_follow_request(self, account_id: str, requester_id: str) -> None:
        from .state import NotFound
        with self.lock:
            if self.follow_requests.pop((requester_id, account_id), None) is None:
                raise NotFound("Record not found")
            self._drop_notifications(account_id, "follow_request", requester_id)

    def pending_requests_for(self, account_id: str) -> list:
        return [r for (a, t), r in self.follow_requests.items() if t == account_id]

    # ----- blocks and mutes -----
    def block(self, account_id: str, target_id: str) -> None:
        from .state import Invalid
        with self.lock:
            self.account(target_id)
            if account_id == target_id:
                raise Invalid("Validation failed: You cannot block yourself")
            self.blocks.setdefault((account_id, target_id), self.new_id())
            for key in ((account_id, target_id), (target_id, account_id)):
                self.follows.pop(key, None)
                self.follow_requests.pop(key, None)
                self.endorsements.pop(key, None)

    def unblock(self, account_id: str, target_id: str) -> None:
        with self.lock:
            self.account(target_id)
            self.blocks.pop((account_id, target_id), None)

    def mute(self, account_id: str, target_id: str, notifications: bool = True, duration: int = 0) -> None:
        from .state import Invalid
        with self.lock:
            self.account(target_id)
            if account_id == target_id:
                raise Invalid("Validation failed: You cannot mute yourself")
            expires = self.now() + timedelta(seconds=duration) if duration and duration > 0 else None
            old = self.mutes.get((account_id, target_id))
            self.mutes[(account_id, target_id)] = Mute(old.id if old else self.new_id(), account_id, target_id,
                                                       notifications, expires)

    def unmute(self, account_id: str, target_id: str) -> None:
        with self.lock:
            self.account(target_id)
            self.mutes.pop((account_id, target_id), None)

    def active_mute(self, account_id: str, target_id: str):
        m = self.mutes.get((account_id, target_id))
        if m and m.expires_at and m.expires_at <= self.now():
            self.mutes.pop((account_id, target_id), None)
            return None
        return m

    def hides_author(self, viewer_id: str | None, author_id: str) -> bool:
        """Blocked (either way) or muted by the viewer: kept out of timelines."""
        if viewer_id is None or viewer_id == author_id:
            return False
        return ((viewer_id, author_id) in self.blocks or (author_id, viewer_id) in self.blocks
                or self.active_mute(viewer_id, author_id) is not None)

    # ----- lists -----
    def create_list(self, account_id: str, title: str, replies_policy: str = "list", exclusive: bool = False):
        from .state import Invalid
        if not title or not title.strip():
            raise Invalid("Validation failed: Title can't be blank")
        if replies_policy not in ("list", "followed", "none"):
            raise Invalid("Validation failed: Replies policy is not included in the list")
        with self.lock:
            lst = UserList(self.new_id(), account_id, title.strip(), replies_policy, exclusive)
            self.lists[lst.id] = lst
            return lst

    def get_list(self, account_id: str, list_id) -> UserList:
        from .state import NotFound
        lst = self.lists.get(str(list_id))
        if lst is None or lst.account_id != account_id:
            raise NotFound("Record not found")
        return lst

    def add_to_list(self, account_id: str, list_id, member_ids: list) -> None:
        from .state import Invalid
        with self.lock:
            lst = self.get_list(account_id, list_id)
            for mid in member_ids:
                self.account(mid)
                if (account_id, mid) not in self.follows:
                    raise Invalid("Validation failed: Account has not been followed")
            for mid in member_ids:
                if mid not in lst.members:
                    lst.members.append(mid)

    def remove_from_list(self, account_id: str, list_id, member_ids: list) -> None:
        with self.lock:
            lst = self.get_list(account_id, list_id)
            lst.members = [m for m in lst.members if m not in member_ids]

    # ----- followed tags -----
    def follow_tag(self, account_id: str, name: str) -> None:
        with self.lock:
            self.followed_tags.setdefault((account_id, name.lower()), self.new_id())

    def unfollow_tag(self, account_id: str, name: str) -> None:
        with self.lock:
            self.followed_tags.pop((account_id, name.lower()), None)

    def tags_followed_by(self, account_id: str) -> set[str]:
        return {t for (a, t) in self.followed_tags if a == account_id}
