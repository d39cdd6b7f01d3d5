"""Timelines (home, public, tag, list), bookmarks, favourites, direct-message conversations, markers and
trends."""
from __future__ import annotations

from ..entities import status_json, tag_json
from ..entities_misc import conversation_json, marker_json
from ..http import ApiError, Routes

routes = Routes()


def _statuses(ctx, pairs, context):
    return ctx.paged(pairs, lambda st: status_json(ctx.state, st, ctx.viewer, context), 20, 40)


@routes.api("GET", "/api/v1/timelines/home", scope="read:statuses")
def home(ctx):
    state = ctx.state
    if state.home_regenerating > 0:
        # Mastodon rebuilds the home feed of an account that was away for long; meanwhile it answers 206 with
        # what the feed holds so far (here: nothing yet, so no Link header either). Clients retry later.
        state.home_regenerating -= 1
        return ctx.json([], 206)
    return _statuses(ctx, state.home_timeline(ctx.viewer), "home")


@routes.api("GET", "/api/v1/timelines/public", scope="read:statuses", auth="optional")
def public(ctx):
    p = ctx.params
    return _statuses(ctx, ctx.state.public_timeline(ctx.viewer, p.bool("local", False), p.bool("remote", False),
                                                    p.bool("only_media", False)), "public")


@routes.api("GET", "/api/v1/timelines/tag/{hashtag}", scope="read:statuses", auth="optional")
def tag(ctx):
    p = ctx.params
    pairs = ctx.state.tag_timeline(ctx.viewer, ctx.arg("hashtag"), p.list("any"), p.list("all"), p.list("none"),
                                   p.bool("only_media", False))
    if p.bool("remote", False):
        pairs = iter(())
    return _statuses(ctx, pairs, "public")


@routes.api("GET", "/api/v1/timelines/list/{id}", scope="read:lists")
def list_timeline(ctx):
    ctx.state.get_list(ctx.viewer, ctx.arg("id"))
    return _statuses(ctx, ctx.state.list_timeline(ctx.viewer, ctx.arg("id")), "home")


@routes.api("GET", "/api/v1/bookmarks", scope="read:bookmarks")
def bookmarks(ctx):
    return _statuses(ctx, ctx.state.bookmarked_statuses(ctx.viewer), None)


@routes.api("GET", "/api/v1/favourites", scope="read:favourites")
def favourites(ctx):
    return _statuses(ctx, ctx.state.favourited_statuses(ctx.viewer), None)


# ----- conversations -----
def _conversations(state, viewer):
    convs = [c for (a, _r), c in state.conversations.items() if a == viewer]
    convs = [c for c in convs if c.last_status_id in state.statuses and not state.statuses[c.last_status_id].deleted]
    convs.sort(key=lambda c: (len(c.last_status_id), c.last_status_id), reverse=True)
    return [(c.last_status_id, c) for c in convs]


@routes.api("GET", "/api/v1/conversations", scope="read:statuses")
def conversations(ctx):
    return ctx.paged(_conversations(ctx.state, ctx.viewer), lambda c: conversation_json(ctx.state, c), 20, 40)


def _conversation(ctx):
    for (a, _r), c in ctx.state.conversations.items():
        if a == ctx.viewer and c.id == ctx.arg("id"):
            return c
    raise ApiError(404, "Record not found")


@routes.api("POST", "/api/v1/conversations/{id}/read", scope="write:conversations")
def conversation_read(ctx):
    c = _conversation(ctx)
    c.unread = False
    return conversation_json(ctx.state, c)


@routes.api("DELETE", "/api/v1/conversations/{id}", scope="write:conversations")
def conversation_delete(ctx):
    c = _conversation(ctx)
    with ctx.state.lock:
        ctx.state.conversations.pop((c.account_id, c.conversation_id), None)
    return {}


# ----- markers -----
@routes.api("GET", "/api/v1/markers", scope="read:statuses")
def markers(ctx):
    wanted = ctx.params.list("timeline") or ["home", "notifications"]
    out = {}
    for tl in wanted:
        m = ctx.state.markers.get((ctx.viewer, tl))
        if m:
            out[tl] = marker_json(m)
    return out


@routes.api("POST", "/api/v1/markers", scope="write:statuses")
def set_markers(ctx):
    if ctx.state.marker_conflicts > 0:
        # Mastodon's markers carry a lock_version: when another client's update won the race, the save raises
        # StaleObjectError and the controller answers 409 with this body; nothing is changed.
        ctx.state.marker_conflicts -= 1
        raise ApiError(409, "Conflict during update, please try again")
    out = {}
    for tl in ("home", "notifications"):
        sub = ctx.params.dict(tl)
        if sub is None:
            continue
        last = sub.get("last_read_id")
        if last is None or isinstance(last, (dict, list)) or str(last) == "":
            raise ApiError(422, "Validation failed: Last read id can't be blank")
        out[tl] = marker_json(ctx.state.set_marker(ctx.viewer, tl, str(last)))
    return out


# ----- trends -----
def _trending_tags(state):
    counts = {}
    for tag, uses in state.tag_uses.items():
        counts[tag] = sum(1 for sid, _a in uses if sid in state.statuses and not state.statuses[sid].deleted)
    return [t for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n]


@routes.api("GET", "/api/v1/trends/tags", auth="optional")
def trends_tags(ctx):
    limit, offset = ctx.limit(10, 20), max(0, ctx.params.int("offset", 0))
    return [tag_json(ctx.state, t, ctx.viewer) for t in _trending_tags(ctx.state)[offset:offset + limit]]


@routes.api("GET", "/api/v1/trends", auth="optional")
def trends_legacy(ctx):
    return trends_tags(ctx)


@routes.api("GET", "/api/v1/trends/statuses", auth="optional")
def trends_statuses(ctx):
    state = ctx.state
    limit, offset = ctx.limit(20, 40), max(0, ctx.params.int("offset", 0))
    scored = []
    for st in state.statuses.values():
        if st.deleted or st.reblog_of_id or st.visibility != "public":
            continue
        score = len(state.reblogs_of.get(st.id, {})) + sum(1 for (_a, s) in state.favourites if s == st.id)
        if score:
            scored.append((score, st.id, st))
    scored.sort(key=lambda t: (-t[0], -len(t[1]), t[1]))
    return [status_json(state, st, ctx.viewer) for _s, _i, st in scored[offset:offset + limit]
            if not state.hides_author(ctx.viewer, st.account_id)]


@routes.api("GET", "/api/v1/trends/links", auth="optional")
def trends_links(ctx):
    state = ctx.state
    seen, out = set(), []
    for st in sorted(state.statuses.values(), key=lambda s: (len(s.id), s.id), reverse=True):
        if st.card and not st.deleted and st.visibility == "public" and st.card["url"] not in seen:
            seen.add(st.card["url"])
            from ..entities import card_json
            card = card_json(st.card)
            card["history"] = [{"day": h["day"], "uses": "1", "accounts": "1"} for h in tag_json(state, "x")["history"]]
            out.append(card)
    limit, offset = ctx.limit(10, 20), max(0, ctx.params.int("offset", 0))
    return out[offset:offset + limit]
