"""Mutes, blocks, follow requests, followed and single hashtags, preferences, reports, and the endpoints Mastodon
has removed (they answer 404 like current Mastodon: POST /api/v1/follows, GET /api/v1/reports, /api/v1/search)."""
from __future__ import annotations

from ..entities import account_json, tag_json
from ..entities_misc import relationship_json, report_json
from ..http import ApiError, Routes
from ..ids import id_key

routes = Routes()


def _accounts_by(ctx, rows):
    rows = sorted(rows, key=lambda r: id_key(r[0]), reverse=True)
    pairs = ((cursor, ctx.state.accounts[a]) for cursor, a in rows if a in ctx.state.accounts)
    return ctx.paged(pairs, lambda a: account_json(ctx.state, a), 40, 80)


@routes.api("GET", "/api/v1/mutes", scope="read:mutes")
def mutes(ctx):
    state = ctx.state
    rows = [(m.id, t) for (a, t), m in list(state.mutes.items()) if a == ctx.viewer and state.active_mute(a, t)]
    return _accounts_by(ctx, rows)


@routes.api("GET", "/api/v1/blocks", scope="read:blocks")
def blocks(ctx):
    return _accounts_by(ctx, [(bid, t) for (a, t), bid in ctx.state.blocks.items() if a == ctx.viewer])


@routes.api("GET", "/api/v1/follow_requests", scope="read:follows")
def follow_requests(ctx):
    return _accounts_by(ctx, [(r.id, r.account_id) for r in ctx.state.pending_requests_for(ctx.viewer)])


@routes.api("POST", "/api/v1/follow_requests/{id}/authorize", scope="write:follows")
def authorize(ctx):
    ctx.state.authorize_follow_request(ctx.viewer, ctx.arg("id"))
    return relationship_json(ctx.state, ctx.viewer, ctx.arg("id"))


@routes.api("POST", "/api/v1/follow_requests/{id}/reject", scope="write:follows")
def reject(ctx):
    ctx.state.reject_follow_request(ctx.viewer, ctx.arg("id"))
    return relationship_json(ctx.state, ctx.viewer, ctx.arg("id"))





# ----- hashtags -----
@routes.api("GET", "/api/v1/followed_tags", scope="read:follows")
def followed_tags(ctx):
    rows = [(fid, t) for (a, t), fid in ctx.state.followed_tags.items() if a == ctx.viewer]
    rows.sort(key=lambda r: id_key(r[0]), reverse=True)
    return ctx.paged(rows, lambda t: tag_json(ctx.state, t, ctx.viewer), 100, 200)


def _tag_name(ctx):
    name = ctx.arg("name").lstrip("#").lower()
    if not name or len(name) > 100 or not all(c.isalnum() or c == "_" for c in name):
        raise ApiError(404, "Record not found")
    return name


@routes.api("GET", "/api/v1/tags/{name}", auth="optional")
def tag(ctx):
    return tag_json(ctx.state, _tag_name(ctx), ctx.viewer)


@routes.api("POST", "/api/v1/tags/{name}/follow", scope="write:follows")
def follow_tag(ctx):
    name = _tag_name(ctx)
    ctx.state.follow_tag(ctx.viewer, name)
    return tag_json(ctx.state, name, ctx.viewer)


@routes.api("POST", "/api/v1/tags/{name}/unfollow", scope="write:follows")
def unfollow_tag(ctx):
    name = _tag_name(ctx)
    ctx.state.unfollow_tag(ctx.viewer, name)
    return tag_json(ctx.state, name, ctx.viewer)


# ----- preferences and reports -----
@routes.api("GET", "/api/v1/preferences", scope="read:accounts")
def preferences(ctx):
    return ctx.state.preferences(ctx.viewer)


@routes.api("POST", "/api/v1/reports", scope="write:reports")
def report(ctx):
    p = ctx.params
    account_id = p.str("account_id")
    if not account_id:
        raise ApiError(422, "Validation failed: Target account can't be blank")
    category = p.str("category") or "other"
    if category not in ("spam", "legal", "violation", "other"):
        raise ApiError(422, "Validation failed: Category is not included in the list")
    r = ctx.state.report(ctx.viewer, account_id, p.list("status_ids"), p.str("comment") or "", category,
                         p.bool("forward", False), p.list("rule_ids"))
    return report_json(ctx.state, r)


# ----- removed from Mastodon: answer as current Mastodon does -----
def _gone(ctx):
    raise ApiError(404, "Not Found")


for _method, _path in [("POST", "/api/v1/follows"), ("GET", "/api/v1/reports"), ("GET", "/api/v1/search"),
                       ("GET", "/api/v1/timelines/direct")]:
    routes.api(_method, _path, auth=None)(_gone)
