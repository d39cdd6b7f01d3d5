"""Notifications: v1 (a flat list) and v2 (grouped, Mastodon 4.3+; switched off by
`Settings.grouped_notifications=False`, then every /api/v2/notifications path answers 404 like older servers)."""
from __future__ import annotations

from ..entities import account_json
from ..entities_misc import grouped_notifications, notification_json
from ..http import ApiError, Routes
from ..ids import id_key
from ..state_notify import GROUPED_TYPES

routes = Routes()


def _selected(ctx):
    p, state = ctx.params, ctx.state
    notes = state.notifications_for(ctx.viewer, p.list("types") or None, p.list("exclude_types") or None,
                                    p.str("account_id"))
    return [n for n in notes if not (n.status_id and state.hidden_by_filter(ctx.viewer, state.statuses[n.status_id],
                                                                             "notifications"))]


@routes.api("GET", "/api/v1/notifications", scope="read:notifications")
def index(ctx):
    notes = _selected(ctx)
    return ctx.paged(((n.id, n) for n in notes), lambda n: notification_json(ctx.state, n), 40, 80)


@routes.api("GET", "/api/v1/notifications/unread_count", scope="read:notifications")
def unread_count(ctx):
    return {"count": _unread(ctx)}


def _unread(ctx):
    marker = ctx.state.markers.get((ctx.viewer, "notifications"))
    notes = ctx.state.notifications_for(ctx.viewer)
    if marker:
        notes = [n for n in notes if id_key(n.id) > id_key(marker.last_read_id)]
    return min(len(notes), ctx.limit(100, 1000))


@routes.api("POST", "/api/v1/notifications/clear", scope="write:notifications")
def clear(ctx):
    ctx.state.clear_notifications(ctx.viewer)
    return {}


@routes.api("GET", "/api/v1/notifications/{id}", scope="read:notifications")
def show(ctx):
    return notification_json(ctx.state, ctx.state.notification(ctx.viewer, ctx.arg("id")))


@routes.api("POST", "/api/v1/notifications/{id}/dismiss", scope="write:notifications")
def dismiss(ctx):
    ctx.state.dismiss_notification(ctx.viewer, ctx.arg("id"))
    return {}


# ----- v2 grouped -----
def _v2_enabled(ctx):
    if not ctx.state.settings.grouped_notifications:
        raise ApiError(404, "Not Found")


def _regroup(notes, grouped_types):
    """Apply `grouped_types[]`: types not listed are never grouped."""
    if grouped_types is None:
        return notes
    out = []
    for n in notes:
        if n.type in GROUPED_TYPES and n.type not in grouped_types:
            n = type(n)(**{**n.__dict__, "group_key": f"ungrouped-{n.id}"})
        out.append(n)
    return out


def _window(notes, max_id, since_id, min_id, limit):
    """Notifications (newest first) that make up at most `limit` groups within the cursors."""
    if max_id:
        notes = [n for n in notes if id_key(n.id) < id_key(max_id)]
    lo = min_id or since_id
    if lo:
        notes = [n for n in notes if id_key(n.id) > id_key(lo)]
    if min_id:  # the groups right after the cursor: walk from the oldest side
        keys, picked = set(), []
        for n in reversed(notes):
            if n.group_key not in keys and len(keys) >= limit:
                break
            keys.add(n.group_key)
            picked.append(n)
        return list(reversed(picked))
    return notes


@routes.api("GET", "/api/v2/notifications", scope="read:notifications")
def grouped(ctx):
    _v2_enabled(ctx)
    p = ctx.params
    limit = ctx.limit(40, 80)
    gt = p.list("grouped_types") if "grouped_types" in p else None
    notes = _window(_regroup(_selected(ctx), gt), p.str("max_id"), p.str("since_id"), p.str("min_id"), limit)
    result = grouped_notifications(ctx.state, ctx.viewer, notes, limit, p.str("expand_accounts") or "full")
    groups = result["notification_groups"]
    if groups:
        ctx.link_pages(newest=groups[0]["page_max_id"], oldest=groups[-1]["page_min_id"], full=len(groups) == limit)
    return ctx.json(result)


@routes.api("GET", "/api/v2/notifications/unread_count", scope="read:notifications")
def grouped_unread(ctx):
    _v2_enabled(ctx)
    return {"count": _unread(ctx)}


def _group(ctx):
    key = ctx.arg("group_key")
    notes = [n for n in ctx.state.notifications_for(ctx.viewer) if n.group_key == key]
    if not notes:
        raise ApiError(404, "Record not found")
    return notes


@routes.api("GET", "/api/v2/notifications/{group_key}", scope="read:notifications")
def group_show(ctx):
    _v2_enabled(ctx)
    notes = _group(ctx)
    return grouped_notifications(ctx.state, ctx.viewer, notes, 1)


@routes.api("GET", "/api/v2/notifications/{group_key}/accounts", scope="read:notifications")
def group_accounts(ctx):
    _v2_enabled(ctx)
    seen, out = set(), []
    for n in _group(ctx):
        if n.from_account_id not in seen:
            seen.add(n.from_account_id)
            out.append(account_json(ctx.state, ctx.state.accounts[n.from_account_id]))
    return out


@routes.api("POST", "/api/v2/notifications/{group_key}/dismiss", scope="write:notifications")
def group_dismiss(ctx):
    _v2_enabled(ctx)
    with ctx.state.lock:
        for n in _group(ctx):
            ctx.state.notifications.pop(n.id, None)
    return {}
