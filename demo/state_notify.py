"""Notifications: who gets told what, Mastodon's group keys, and publishing them on the user streams."""
from __future__ import annotations

from .models import Notification

GROUPED_TYPES = ("favourite", "reblog", "follow")


class NotifyMixin:
    def notify(self, recipient_id: str, type_: str, from_id: str, status_id: str | None = None):
        """Create a notification unless the recipient would not want it (own action, block, mute, muted
        thread), publish it, and return it (or None)."""
        with self.lock:
            if recipient_id == from_id and type_ not in ("poll",):
                return None
            recipient = self.accounts.get(recipient_id)
            if recipient is None:
                return None
            if (recipient_id, from_id) in self.blocks or (from_id, recipient_id) in self.blocks:
                return None
            mute = self.active_mute(recipient_id, from_id)
            if mute and mute.notifications:
                return None
            if status_id:
                st = self.statuses.get(status_id)
                root = st.conversation_id if st else None
                if root and (recipient_id, root) in self.muted_threads and type_ in ("mention", "status"):
                    return None
            at = self.now()
            n = Notification(self.new_id(at), recipient_id, type_, from_id, at, status_id)
            n.group_key = self._group_key(n)
            self.notifications[n.id] = n
        self.publish_notification(n)
        return n

    def _group_key(self, n: Notification) -> str:
        # Mastodon groups favourites/reblogs of one status and follows within the same time bucket.
        if n.type in GROUPED_TYPES:
            bucket = int(n.created_at.timestamp()) // (12 * 3600)
            target = n.status_id if n.type != "follow" else ""
            return f"{n.type}-{target}-{bucket}" if target else f"{n.type}-{bucket}"
        return f"ungrouped-{n.id}"

    def publish_notification(self, n: Notification) -> None:
        from .entities_misc import notification_json
        try:
            payload = notification_json(self, n)
        except LookupError:
            return
        self.publish(("user", n.account_id), "notification", payload)
        self.publish(("user:notification", n.account_id), "notification", payload)

    def _drop_notifications(self, recipient_id: str, type_: str, from_id: str | None = None,
                            status_id: str | None = None) -> None:
        for nid, n in list(self.notifications.items()):
            if (n.account_id == recipient_id and n.type == type_ and (from_id is None or n.from_account_id == from_id)
                    and (status_id is None or n.status_id == status_id)):
                del self.notifications[nid]

    def notifications_for(self, account_id: str, types=None, exclude_types=None, from_id=None) -> list:
        """Newest first; only those whose status is still visible."""
        out = []
        for n in self.notifications.values():
            if n.account_id != account_id:
                continue
            if types and n.type not in types:
                continue
            if exclude_types and n.type in exclude_types:
                continue
            if from_id and n.from_account_id != from_id:
                continue
            if n.from_account_id not in self.accounts or self.accounts[n.from_account_id].suspended:
                continue
            if n.status_id:
                st = self.statuses.get(n.status_id)
                if st is None or st.deleted:
                    continue
            out.append(n)
        out.sort(key=lambda n: (len(n.id), n.id), reverse=True)
        return out

    def notification(self, account_id: str, notification_id):
        from .state import NotFound
        n = self.notifications.get(str(notification_id))
        if n is None or n.account_id != account_id:
            raise NotFound("Record not found")
        return n

    def dismiss_notification(self, account_id: str, notification_id) -> None:
        with self.lock:
            n = self.notification(account_id, notification_id)
            del self.notifications[n.id]

    def clear_notifications(self, account_id: str) -> None:
        with self.lock:
            for nid in [nid for nid, n in self.notifications.items() if n.account_id == account_id]:
                del self.notifications[nid]
