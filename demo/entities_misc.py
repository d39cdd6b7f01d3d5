"""Mastodon's JSON shapes for everything that is not an account or a status: notifications (plain and grouped),
relationships, lists, filters (v2 and v1), markers, conversations, scheduled statuses, status sources and edit
history, apps and reports."""
from __future__ import annotations

from .clock import iso
from .entities import account_json, media_json, status_json, _emojis


def notification_json(state, n) -> dict:
    data = {"id": n.id, "type": n.type, "created_at": iso(n.created_at), "group_key": n.group_key,
            "account": account_json(state, state.accounts[n.from_account_id])}
    if n.status_id:
        st = state.statuses.get(n.status_id)
        if st is None or st.deleted:
            raise LookupError(n.status_id)
        data["status"] = status_json(state, st, n.account_id, "notifications")
    if state.settings.minimal_entities:
        data.pop("group_key")
    return data


def grouped_notifications(state, viewer_id, notes: list, limit: int, expand_accounts="full") -> dict:
    """Mastodon 4.3's /api/v2/notifications result: groups of the page, plus the accounts and statuses they
    reference, each listed once."""
    groups: dict[str, dict] = {}
    order = []
    for n in notes:
        g = groups.get(n.group_key)
        if g is None:
            if len(order) >= limit:
                continue
            g = {"group_key": n.group_key, "notifications_count": 0, "type": n.type,
                 "most_recent_notification_id": n.id, "page_min_id": n.id, "page_max_id": n.id,
                 "latest_page_notification_at": iso(n.created_at), "sample_account_ids": [],
                 "status_id": n.status_id}
            groups[n.group_key] = g
            order.append(n.group_key)
        g["notifications_count"] += 1
        g["page_min_id"] = n.id
        if n.from_account_id not in g["sample_account_ids"] and len(g["sample_account_ids"]) < 8:
            g["sample_account_ids"].append(n.from_account_id)
    account_ids, status_ids = [], []
    for key in order:
        for a in groups[key]["sample_account_ids"]:
            if a not in account_ids:
                account_ids.append(a)
        sid = groups[key]["status_id"]
        if sid and sid not in status_ids:
            status_ids.append(sid)
    for key in order:
        if groups[key]["status_id"] is None:
            del groups[key]["status_id"]
    statuses = [status_json(state, state.statuses[s], viewer_id, "notifications") for s in status_ids]
    if expand_accounts == "partial_avatars":
        # Mastodon: the most recent account of each group in full, the other sample accounts stripped down.
        full_ids = {groups[k]["sample_account_ids"][0] for k in order if groups[k]["sample_account_ids"]}
        accounts, partial = [], []
        for a in account_ids:
            data = account_json(state, state.accounts[a])
            if a in full_ids:
                accounts.append(data)
            else:
                partial.append({k: data[k] for k in ("id", "acct", "url", "avatar", "avatar_static", "locked",
                                                     "bot")})
        return {"accounts": accounts, "partial_accounts": partial, "statuses": statuses,
                "notification_groups": [groups[k] for k in order]}
    return {"accounts": [account_json(state, state.accounts[a]) for a in account_ids], "statuses": statuses,
            "notification_groups": [groups[k] for k in order]}


def relationship_json(state, viewer_id, target_id) -> dict:
    follow = state.follows.get((viewer_id, target_id))
    mute = state.active_mute(viewer_id, target_id)
    return {
        "id": target_id, "following": follow is not None,
        "showing_reblogs": follow.show_reblogs if follow else False,
        "notifying": follow.notify if follow else False, "languages": follow.languages if follow else None,
        "followed_by": (target_id, viewer_id) in state.follows,
        "blocking": (viewer_id, target_id) in state.blocks, "blocked_by": (target_id, viewer_id) in state.blocks,
        "muting": mute is not None, "muting_notifications": bool(mute and mute.notifications),
        "muting_expires_at": iso(mute.expires_at) if mute else None,
        "requested": (viewer_id, target_id) in state.follow_requests,
        "requested_by": (target_id, viewer_id) in state.follow_requests,
        "domain_blocking": False, "endorsed": (viewer_id, target_id) in state.endorsements,
        "note": state.account_notes.get((viewer_id, target_id), ""),
    }


def list_json(lst) -> dict:
    return {"id": lst.id, "title": lst.title, "replies_policy": lst.replies_policy, "exclusive": lst.exclusive}


def filter_json(f, with_rules: bool = True) -> dict:
    """Inside a status's `filtered`, Mastodon leaves out keywords and statuses (payload size)."""
    data = {"id": f.id, "title": f.title, "context": list(f.context), "expires_at": iso(f.expires_at),
            "filter_action": f.filter_action}
    if with_rules:
        data["keywords"] = [{"id": k["id"], "keyword": k["keyword"], "whole_word": k["whole_word"]}
                            for k in f.keywords]
        data["statuses"] = [{"id": s["id"], "status_id": s["status_id"]} for s in f.statuses]
    return data


def filter_v1_json(f, kw) -> dict:
    """v1 filters are one keyword each; Mastodon shows every keyword of a v2 filter as its own v1 filter."""
    return {"id": kw["id"], "phrase": kw["keyword"], "context": list(f.context), "whole_word": kw["whole_word"],
            "expires_at": iso(f.expires_at), "irreversible": f.filter_action == "hide"}


def marker_json(m) -> dict:
    return {"last_read_id": m.last_read_id, "version": m.version, "updated_at": iso(m.updated_at)}


def conversation_json(state, conv) -> dict:
    last = state.statuses.get(conv.last_status_id)
    return {"id": conv.id, "unread": conv.unread,
            "accounts": [account_json(state, state.accounts[a]) for a in conv.participant_ids if a in state.accounts],
            "last_status": status_json(state, last, conv.account_id) if last and not last.deleted else None}


def scheduled_json(state, s) -> dict:
    p = s.params
    return {"id": s.id, "scheduled_at": iso(s.scheduled_at),
            "params": {"text": p.get("text"), "poll": p.get("poll"), "media_ids": s.media_ids or None,
                       "sensitive": p.get("sensitive"), "spoiler_text": p.get("spoiler_text"),
                       "visibility": p.get("visibility"), "in_reply_to_id": p.get("in_reply_to_id"),
                       "language": p.get("language"), "application_id": p.get("application_id"),
                       "scheduled_at": None, "idempotency": p.get("idempotency"), "with_rate_limit": False},
            "media_attachments": [media_json(state, state.media[m]) for m in s.media_ids if m in state.media]}


def source_json(st) -> dict:
    return {"id": st.id, "text": st.text, "spoiler_text": st.spoiler_text}


def history_json(state, st) -> list:
    author = account_json(state, state.accounts[st.account_id])
    versions = st.edits or [state._snapshot(st, st.created_at)]
    return [{"content": v["content"], "spoiler_text": v["spoiler_text"], "sensitive": v["sensitive"],
             "created_at": iso(v["created_at"]), "account": author, "poll": v["poll"],
             "media_attachments": [media_json(state, state.media[m]) for m in v["media_ids"] if m in state.media],
             "emojis": _emojis(state, v["emojis"])} for v in versions]


def app_json(app, with_secret: bool = True) -> dict:
    data = {"id": app.id, "name": app.name, "website": app.website, "scopes": list(app.scopes),
            "redirect_uri": "\n".join(app.redirect_uris), "redirect_uris": list(app.redirect_uris),
            "vapid_key": "BDemoVapidKeyNotUsedByThisInstance="}
    if with_secret:
        data.update(client_id=app.client_id, client_secret=app.client_secret, client_secret_expires_at=0)
    return data


def report_json(state, r) -> dict:
    return {"id": r.id, "action_taken": False, "action_taken_at": None, "category": r.category,
            "comment": r.comment, "forwarded": r.forward, "created_at": iso(r.created_at),
            "status_ids": r.status_ids or None, "rule_ids": r.rule_ids or None,
            "target_account": account_json(state, state.accounts[r.target_id])}


def announcement_json(state, aid, a, viewer):
    """viewer None (a streaming broadcast): read false, `me` false."""
    reactions = []
    for name, who in sorted(a["reactions"].items()):
        if who:
            reactions.append({"name": name, "count": len(who), "me": viewer in who, "url": None, "static_url": None})
    return {"id": aid, "content": a["content"], "starts_at": None, "ends_at": None, "all_day": False,
            "published_at": iso(a["published_at"]), "updated_at": iso(a["published_at"]),
            "read": viewer in a["read_by"], "mentions": [], "statuses": [], "tags": [], "emojis": [],
            "reactions": reactions}
