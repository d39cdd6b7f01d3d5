"""Notifications (v1 and grouped v2), dismiss and clear, markers."""
from __future__ import annotations

from ..entities import unpack_id
from ..errors import MastodonNotFoundError, MastodonVersionError
from ._base import Call, endpoint, id_params, params, seg


class Notifications:
    @endpoint
    def notifications(self, id=None, account_id=None, max_id=None, min_id=None, since_id=None, limit=None,
                      types=None, exclude_types=None):
        """Notifications, newest first; with id, that one notification."""
        if id is not None:
            return (yield Call("GET", f"/api/v1/notifications/{seg(id)}", shape=dict))
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit, types=types,
                          exclude_types=exclude_types, account_id=account_id)
        return (yield Call("GET", "/api/v1/notifications", params=query, shape=list))

    @endpoint
    def grouped_notifications(self, max_id=None, min_id=None, since_id=None, limit=None, types=None,
                              exclude_types=None, grouped_types=None, expand_accounts=None):
        """Grouped notifications (Mastodon 4.3+): {accounts, statuses, notification_groups}. Raises
        MastodonVersionError where the server does not have them, so callers fall back to notifications()."""
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit, types=types,
                          exclude_types=exclude_types, grouped_types=grouped_types,
                          expand_accounts=expand_accounts)
        try:
            return (yield Call("GET", "/api/v2/notifications", params=query, shape=dict))
        except MastodonNotFoundError:
            raise MastodonVersionError("this server has no grouped notifications (Mastodon 4.3+)") from None

    @endpoint
    def notifications_dismiss(self, id):
        yield Call("POST", f"/api/v1/notifications/{seg(id)}/dismiss")
        return None

    @endpoint
    def notifications_clear(self):
        """Delete every notification (POST since Mastodon 2.x; the seed's era used GET)."""
        yield Call("POST", "/api/v1/notifications/clear")
        return None

    @endpoint
    def notifications_unread_count(self):
        try:
            return (yield Call("GET", "/api/v1/notifications/unread_count", shape=dict)).get("count")
        except MastodonNotFoundError:
            return None

    @endpoint
    def markers_get(self, timeline=("home", "notifications")):
        """Read positions saved on the server: {'home': {last_read_id, version, updated_at}, ...}."""
        if isinstance(timeline, str):
            timeline = [timeline]
        return (yield Call("GET", "/api/v1/markers", params=params(timeline=list(timeline)), shape=dict))

    @endpoint
    def markers_set(self, timelines, last_read_ids):
        """Save read positions: markers_set(['home'], [status_id])."""
        if isinstance(timelines, str):
            timelines, last_read_ids = [timelines], [last_read_ids]
        body = {f"{tl}[last_read_id]": unpack_id(i) for tl, i in zip(timelines, last_read_ids)}
        return (yield Call("POST", "/api/v1/markers", data=body, shape=dict))
