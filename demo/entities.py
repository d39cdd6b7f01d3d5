"""Mastodon's JSON shapes for accounts, statuses and what statuses carry (media, polls, cards, tags, mentions,
custom emoji), rendered for one viewer. `minimal_entities` drops the optional fields sparse servers omit."""
from __future__ import annotations

from .clock import iso, iso_day
from .models import Account, Media, Poll, Status, change_mark

# Fields that some servers (GoToSocial, Pleroma, older Mastodon) leave out; a client must cope without them.
OPTIONAL_ACCOUNT = ("discoverable", "indexable", "group", "noindex", "roles", "hide_collections", "last_status_at",
                    "memorial", "header_static", "avatar_static")
OPTIONAL_STATUS = ("filtered", "edited_at", "card", "poll", "application", "language", "muted", "bookmarked",
                   "pinned", "text", "emojis", "quotes_count")


def _minimal(state, data: dict, keys) -> dict:
    if state.settings.minimal_entities:
        for k in keys:
            data.pop(k, None)
    return data


def emoji_json(state, shortcode: str) -> dict:
    info = state.emojis.get(shortcode, {})
    url = state.media_url(info.get("path") or f"emoji/{shortcode}.png")
    return {"shortcode": shortcode, "url": url, "static_url": url, "visible_in_picker": True,
            "category": info.get("category")}


def _emojis(state, codes) -> list:
    return [emoji_json(state, c) for c in codes if c in state.emojis]


def account_json(state, acc: Account, with_source: bool = False) -> dict:
    """An account as Mastodon renders it. The same account appears on most statuses of a page, and its counters
    walk the follow and status tables, so the rendered JSON is kept per account until anything it depends on
    changes (demo/models.py's change mark: the account's attributes, follows, statuses appearing or going)
    or the instance's URL, sparse-entities switch or custom emoji set changes. Callers get a shallow copy."""
    key = (change_mark(), state.base_url, state.settings.minimal_entities, id(state.emojis), len(state.emojis))
    cache = state.rendered_accounts
    hit = cache.get(acc.id)
    if hit is not None and hit[0] == key and hit[1] is acc:
        data = dict(hit[2])
    else:
        rendered = _render_account(state, acc)
        cache[acc.id] = (key, acc, rendered)
        data = dict(rendered)
    if with_source:
        data["source"] = {
            "privacy": acc.privacy, "sensitive": acc.sensitive, "language": acc.language,
            "note": acc.note_source, "fields": [{"name": n, "value": v, "verified_at": None} for n, v in acc.fields],
            "follow_requests_count": len(state.pending_requests_for(acc.id)),
            "hide_collections": acc.hide_collections, "discoverable": acc.discoverable,
            "indexable": acc.indexable, "attribution_domains": [],
        }
        data["role"] = {"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": False}
    return data


def _render_account(state, acc: Account) -> dict:
    avatar = state.media_url(acc.avatar) or state.media_url("avatars/original/missing.png")
    header = state.media_url(acc.header) or state.media_url("headers/original/missing.png")
    last = state.last_status_at(acc.id)
    following = state.following_of(acc.id)
    followers = state.followers_of(acc.id)
    verified = getattr(acc, "verified_fields", None) or {}  # field name -> when its rel=me link was checked
    data = {
        "id": acc.id, "username": acc.username, "acct": acc.username,
        "display_name": acc.display_name, "locked": acc.locked, "bot": acc.bot,
        "discoverable": acc.discoverable, "indexable": acc.indexable, "group": acc.group,
        "created_at": iso_day(acc.created_at), "note": acc.note,
        "url": state.account_url(acc), "uri": f"{state.base_url}/users/{acc.username}",
        "avatar": avatar, "avatar_static": avatar, "header": header, "header_static": header,
        "followers_count": len(followers), "following_count": len(following),
        "statuses_count": state.statuses_count(acc.id),
        "last_status_at": last.strftime("%Y-%m-%d") if last else None,
        "hide_collections": acc.hide_collections, "noindex": not acc.indexable, "memorial": False,
        "emojis": _emojis(state, acc.emojis), "roles": [],
        "fields": [{"name": n, "value": state.render_text(v)[3:-4] if v else "",
                    "verified_at": iso(verified.get(n))} for n, v in acc.fields],
    }
    return _minimal(state, data, OPTIONAL_ACCOUNT)


def suspended_account_json(state, acc: Account) -> dict:
    """Mastodon 3.3+: a suspended account is shown blanked, with `suspended: true`."""
    missing_avatar = state.media_url("avatars/original/missing.png")
    missing_header = state.media_url("headers/original/missing.png")
    return {"id": acc.id, "username": acc.username, "acct": acc.username, "display_name": "", "locked": False,
            "bot": False, "discoverable": False, "group": False, "created_at": iso_day(acc.created_at), "note": "",
            "url": state.account_url(acc), "uri": f"{state.base_url}/users/{acc.username}",
            "avatar": missing_avatar, "avatar_static": missing_avatar, "header": missing_header,
            "header_static": missing_header, "followers_count": 0, "following_count": 0, "statuses_count": 0,
            "last_status_at": None, "suspended": True, "emojis": [], "fields": []}


def media_json(state, m: Media) -> dict:
    ready = state.media_ready(m)
    url = state.media_url(m.path) if ready else None
    meta = {}
    if m.width and m.height:
        meta["original"] = {"width": m.width, "height": m.height, "size": f"{m.width}x{m.height}",
                            "aspect": round(m.width / m.height, 6)}
        sw = min(m.width, 640)
        sh = max(1, round(m.height * sw / m.width))
        meta["small"] = {"width": sw, "height": sh, "size": f"{sw}x{sh}", "aspect": round(sw / sh, 6)}
    if m.type == "image":
        meta["focus"] = {"x": m.focus[0], "y": m.focus[1]}
    return {"id": m.id, "type": m.type, "url": url, "preview_url": url if m.type != "audio" else None,
            "remote_url": None, "preview_remote_url": None, "text_url": None, "meta": meta or None,
            "description": m.description, "blurhash": m.blurhash}


def poll_json(state, p: Poll, viewer_id: str | None) -> dict:
    counts = [0] * len(p.options)
    for picks in p.votes.values():
        for c in picks:
            if 0 <= c < len(counts):
                counts[c] += 1
    expired = bool(p.expires_at and p.expires_at <= state.now())
    st = state.statuses.get(p.status_id)
    own = st is not None and st.account_id == viewer_id
    hide = p.hide_totals and not expired and not own
    data = {"id": p.id, "expires_at": iso(p.expires_at), "expired": expired, "multiple": p.multiple,
            "votes_count": sum(counts), "voters_count": len(p.votes) if p.multiple else sum(counts),
            "options": [{"title": t, "votes_count": None if hide else n} for t, n in zip(p.options, counts)],
            "emojis": []}
    if viewer_id:
        data["voted"] = viewer_id in p.votes or own
        data["own_votes"] = p.votes.get(viewer_id, [])
    return data


def card_json(card: dict | None) -> dict | None:
    if not card:
        return None
    base = {"url": "", "title": "", "description": "", "language": None, "type": "link", "author_name": "",
            "author_url": "", "provider_name": "", "provider_url": "", "html": "", "width": 0, "height": 0,
            "image": None, "image_description": "", "embed_url": "", "blurhash": None, "published_at": None,
            "authors": []}
    base.update(card)
    return base


def tag_json(state, name: str, viewer_id: str | None = None, with_history: bool = True) -> dict:
    data = {"name": name, "url": state.tag_url(name)}
    if with_history:
        data["history"] = tag_history(state, name)
    if viewer_id:
        data["following"] = (viewer_id, name.lower()) in state.followed_tags
    return data


def tag_history(state, name: str) -> list:
    """Seven days, newest first, as strings (Mastodon's shape): day = midnight UTC epoch."""
    now = state.now()
    day0 = int(now.timestamp()) // 86400 * 86400
    uses = {}
    for sid, aid in state.tag_uses.get(name.lower(), ()):
        st = state.statuses.get(sid)
        if st is None or st.deleted:
            continue
        day = int(st.created_at.timestamp()) // 86400 * 86400
        u = uses.setdefault(day, [0, set()])
        u[0] += 1
        u[1].add(aid)
    out = []
    for i in range(7):
        day = day0 - i * 86400
        n, accs = uses.get(day, [0, set()])
        out.append({"day": str(day), "uses": str(n), "accounts": str(len(accs))})
    return out


def status_json(state, st: Status, viewer_id: str | None, context: str | None = None, with_source=False) -> dict:
    """`context` (home, public, thread, account, notifications) is accepted from callers for symmetry with
    Mastodon's filter contexts; `filtered` lists every match, as Mastodon does."""
    if st.reblog_of_id:
        orig = state.statuses[st.reblog_of_id]
        inner = status_json(state, orig, viewer_id, context)
        data = _status_base(state, st, viewer_id)
        data.update(content="", spoiler_text="", sensitive=False, language=None, reblog=inner,
                    media_attachments=[], mentions=[], tags=[], emojis=[], card=None, poll=None,
                    favourited=inner.get("favourited", False) if viewer_id else None,
                    reblogged=inner.get("reblogged", False) if viewer_id else None,
                    bookmarked=inner.get("bookmarked", False) if viewer_id else None,
                    muted=inner.get("muted", False) if viewer_id else None)
        if not viewer_id:
            for k in ("favourited", "reblogged", "bookmarked", "muted"):
                data.pop(k)
        if "filtered" in inner:
            data["filtered"] = inner["filtered"]
        return _minimal(state, data, OPTIONAL_STATUS)
    data = _status_base(state, st, viewer_id)
    data.update(
        content=st.content, spoiler_text=st.spoiler_text, sensitive=st.sensitive, language=st.language,
        reblog=None,
        media_attachments=[media_json(state, state.media[m]) for m in st.media_ids if m in state.media],
        mentions=[{"id": a.id, "username": a.username, "url": state.account_url(a), "acct": a.username}
                  for a in (state.accounts.get(m) for m in st.mentions) if a],
        tags=[tag_json(state, t, with_history=False) for t in st.tags],
        emojis=_emojis(state, st.emojis), card=card_json(st.card),
        poll=poll_json(state, state.polls[st.poll_id], viewer_id) if st.poll_id in state.polls else None,
    )
    if viewer_id:
        data.update(
            favourited=(viewer_id, st.id) in state.favourites,
            reblogged=viewer_id in state.reblogs_of.get(st.id, {}),
            muted=(viewer_id, st.conversation_id or st.id) in state.muted_threads,
            bookmarked=(viewer_id, st.id) in state.bookmarks,
        )
        if st.account_id == viewer_id:
            data["pinned"] = (viewer_id, st.id) in state.pins
        # Every active filter that matches, whatever `context`: the client applies the filter's own contexts.
        from .entities_misc import filter_json
        data["filtered"] = [{"filter": filter_json(f, with_rules=False), "keyword_matches": kws or None,
                             "status_matches": sts or None} for f, kws, sts in state.filter_matches(viewer_id, st)]
    if with_source:
        data["text"] = st.text
    return _minimal(state, data, OPTIONAL_STATUS)


def _favourite_counts(state) -> dict:
    """status id -> favourites, counted once per change of the favourites table instead of once per status."""
    fav = state.favourites
    table, version, counts = state.favourite_counts
    if table is fav and version == getattr(fav, "version", None):
        return counts
    counts = {}
    for _a, sid in fav:
        counts[sid] = counts.get(sid, 0) + 1
    if hasattr(fav, "version"):
        state.favourite_counts = (fav, fav.version, counts)
    return counts


def _status_base(state, st: Status, viewer_id) -> dict:
    author = state.accounts[st.account_id]
    return {
        "id": st.id, "created_at": iso(st.created_at), "in_reply_to_id": st.in_reply_to_id,
        "in_reply_to_account_id": st.in_reply_to_account_id, "visibility": st.visibility,
        "uri": f"{state.base_url}/users/{author.username}/statuses/{st.id}" + ("/activity" if st.reblog_of_id else ""),
        # Mastodon gives a reblog the URL of its activity, like its uri.
        "url": state.status_url(st) if not st.reblog_of_id else
        f"{state.base_url}/users/{author.username}/statuses/{st.id}/activity",
        "replies_count": sum(1 for r in state.replies.get(st.id, ()) if not state.statuses[r].deleted),
        "reblogs_count": len(state.reblogs_of.get(st.id, {})),
        "favourites_count": _favourite_counts(state).get(st.id, 0),
        "quotes_count": 0,
        "edited_at": iso(st.edited_at),
        "application": st.application if st.application and st.account_id == viewer_id else None,
        "account": account_json(state, author),
    }
