"""Statuses: posting (with Idempotency-Key and scheduling), reading, editing with history, deleting, and the
per-status actions (reblog, favourite, bookmark, pin, mute); polls; scheduled statuses."""
from __future__ import annotations

from datetime import timedelta

from ..entities import account_json, poll_json, status_json
from ..entities_misc import history_json, scheduled_json, source_json
from ..http import ApiError, Routes

routes = Routes()


def _poll_params(p):
    poll = p.dict("poll")
    if poll is None:
        return None
    from ..params import Params
    pp = Params(poll)
    options = pp.list("options")
    return {"options": options, "expires_in": pp.int("expires_in"), "multiple": pp.bool("multiple", False),
            "hide_totals": pp.bool("hide_totals", False)}


def _app_info(ctx):
    app = ctx.state.apps.get(ctx.token.client_id) if ctx.token and ctx.token.client_id else None
    return {"name": app.name, "website": app.website} if app else None


@routes.api("POST", "/api/v1/statuses", scope="write:statuses")
def post(ctx):
    p, state = ctx.params, ctx.state
    key = ctx.request.headers.get("idempotency-key")
    with state.lock:
        if key:
            hit = state.idempotency.get((ctx.token.token, key))
            if hit and hit[2] + timedelta(seconds=state.settings.idempotency_ttl) > state.now():
                kind, obj_id = hit[0], hit[1]
                if kind == "scheduled" and obj_id in state.scheduled:
                    return scheduled_json(state, state.scheduled[obj_id])
                if kind == "status" and obj_id in state.statuses:
                    return status_json(state, state.statuses[obj_id], ctx.viewer)
        result = _create(ctx, p, state)
        if key:
            kind = "scheduled" if "scheduled_at" in result and "params" in result else "status"
            state.idempotency[(ctx.token.token, key)] = (kind, result["id"], state.now())
    return result


def _create(ctx, p, state):
    fields = dict(text=p.str("status") or "", in_reply_to_id=p.str("in_reply_to_id", allow_blank=False),
                  sensitive=p.bool("sensitive", False), spoiler_text=p.str("spoiler_text") or "",
                  visibility=p.str("visibility", allow_blank=False), language=p.str("language", allow_blank=False),
                  poll=_poll_params(p))
    media_ids = p.list("media_ids")
    scheduled_at = p.time("scheduled_at")
    if scheduled_at:
        params = dict(fields, media_ids=media_ids, application_id=ctx.token.client_id, application=_app_info(ctx),
                      idempotency=ctx.request.headers.get("idempotency-key"))
        return scheduled_json(state, state.schedule(ctx.viewer, scheduled_at, params, media_ids))
    text = fields.pop("text")
    st = state.post_status(ctx.viewer, text, media_ids=media_ids, application=_app_info(ctx), **fields)
    return status_json(state, st, ctx.viewer)


@routes.api("GET", "/api/v1/statuses", scope="read:statuses", auth="optional")
def many(ctx):
    out = []
    for sid in ctx.params.list("id")[:40]:
        try:
            out.append(status_json(ctx.state, ctx.state.status(sid, ctx.viewer), ctx.viewer))
        except LookupError:
            pass
    return out


@routes.api("GET", "/api/v1/statuses/{id}", scope="read:statuses", auth="optional")
def show(ctx):
    return status_json(ctx.state, ctx.state.status(ctx.arg("id"), ctx.viewer), ctx.viewer, "thread")


@routes.api("DELETE", "/api/v1/statuses/{id}", scope="write:statuses")
def delete(ctx):
    st = ctx.state.delete_status(ctx.viewer, ctx.arg("id"))
    data = status_json(ctx.state, st, ctx.viewer, with_source=True)
    data["text"] = st.text  # for delete-and-redraft, even with minimal entities
    return data


@routes.api("PUT", "/api/v1/statuses/{id}", scope="write:statuses")
def edit(ctx):
    p, state = ctx.params, ctx.state
    media_ids = p.list("media_ids") if "media_ids" in p else None
    for attrs in p.records("media_attributes"):
        focus = None
        if attrs.get("focus"):
            try:
                x, y = (float(v) for v in str(attrs["focus"]).split(","))
                focus = (x, y)
            except ValueError:
                raise ApiError(422, "Validation failed: Focus is invalid") from None
        state.update_media(ctx.viewer, str(attrs.get("id")), attrs.get("description"), focus)
    st = state.edit_status(ctx.viewer, ctx.arg("id"), p.str("status"), spoiler_text=p.str("spoiler_text"),
                           sensitive=p.bool("sensitive"), language=p.str("language", allow_blank=False),
                           media_ids=media_ids, poll=_poll_params(p))
    return status_json(state, st, ctx.viewer)


@routes.api("GET", "/api/v1/statuses/{id}/source", scope="read:statuses")
def source(ctx):
    st = ctx.state.status(ctx.arg("id"), ctx.viewer)
    if st.account_id != ctx.viewer:
        raise ApiError(404, "Record not found")
    return source_json(st)


@routes.api("GET", "/api/v1/statuses/{id}/history", scope="read:statuses", auth="optional")
def history(ctx):
    return history_json(ctx.state, ctx.state.status(ctx.arg("id"), ctx.viewer))


@routes.api("GET", "/api/v1/statuses/{id}/context", scope="read:statuses", auth="optional")
def context(ctx):
    ancestors, descendants = ctx.state.context(ctx.viewer, ctx.arg("id"))
    render = lambda s: status_json(ctx.state, s, ctx.viewer, "thread")  # noqa: E731
    return {"ancestors": [render(s) for s in ancestors], "descendants": [render(s) for s in descendants]}


@routes.api("GET", "/api/v1/statuses/{id}/reblogged_by", scope="read:accounts", auth="optional")
def reblogged_by(ctx):
    return ctx.paged(ctx.state.reblogged_by(ctx.viewer, ctx.arg("id")), lambda a: account_json(ctx.state, a), 40, 80)


@routes.api("GET", "/api/v1/statuses/{id}/favourited_by", scope="read:accounts", auth="optional")
def favourited_by(ctx):
    return ctx.paged(ctx.state.favourited_by(ctx.viewer, ctx.arg("id")), lambda a: account_json(ctx.state, a), 40, 80)


# GET /api/v1/statuses/:id/card was removed in Mastodon 3.0: like Mastodon, the path answers 404 (no route), and
# a client reads the `card` of the status itself.


def _action(method_name, scope, result="target"):
    def handler(ctx):
        st = getattr(ctx.state, method_name)(ctx.viewer, ctx.arg("id"))
        return status_json(ctx.state, st, ctx.viewer)
    return handler


for _path, _method, _scope in [
        ("favourite", "favourite", "write:favourites"), ("unfavourite", "unfavourite", "write:favourites"),
        ("bookmark", "bookmark", "write:bookmarks"), ("unbookmark", "unbookmark", "write:bookmarks"),
        ("pin", "pin", "write:accounts"), ("unpin", "unpin", "write:accounts"),
        ("unreblog", "unreblog", "write:statuses")]:
    routes.api("POST", f"/api/v1/statuses/{{id}}/{_path}", scope=_scope)(_action(_method, _scope))


@routes.api("POST", "/api/v1/statuses/{id}/reblog", scope="write:statuses")
def reblog(ctx):
    st = ctx.state.reblog(ctx.viewer, ctx.arg("id"), ctx.params.str("visibility") or "public")
    return status_json(ctx.state, st, ctx.viewer)


@routes.api("POST", "/api/v1/statuses/{id}/mute", scope="write:mutes")
def mute(ctx):
    return status_json(ctx.state, ctx.state.mute_thread(ctx.viewer, ctx.arg("id"), True), ctx.viewer)


@routes.api("POST", "/api/v1/statuses/{id}/unmute", scope="write:mutes")
def unmute(ctx):
    return status_json(ctx.state, ctx.state.mute_thread(ctx.viewer, ctx.arg("id"), False), ctx.viewer)


# ----- polls -----
@routes.api("GET", "/api/v1/polls/{id}", scope="read:statuses", auth="optional")
def poll(ctx):
    p = ctx.state.polls.get(ctx.arg("id"))
    if p is None:
        raise ApiError(404, "Record not found")
    ctx.state.status(p.status_id, ctx.viewer)
    return poll_json(ctx.state, p, ctx.viewer)


@routes.api("POST", "/api/v1/polls/{id}/votes", scope="write:statuses")
def vote(ctx):
    p = ctx.state.vote(ctx.viewer, ctx.arg("id"), ctx.params.list("choices"))
    return poll_json(ctx.state, p, ctx.viewer)


# ----- scheduled statuses -----
@routes.api("GET", "/api/v1/scheduled_statuses", scope="read:statuses")
def scheduled_list(ctx):
    state = ctx.state
    mine = state.sort_desc(s.id for s in state.scheduled.values() if s.account_id == ctx.viewer)
    return ctx.paged(((i, state.scheduled[i]) for i in mine), lambda s: scheduled_json(state, s), 20, 40)


@routes.api("GET", "/api/v1/scheduled_statuses/{id}", scope="read:statuses")
def scheduled_show(ctx):
    return scheduled_json(ctx.state, ctx.state.get_scheduled(ctx.viewer, ctx.arg("id")))


@routes.api("PUT", "/api/v1/scheduled_statuses/{id}", scope="write:statuses")
def scheduled_update(ctx):
    state = ctx.state
    s = state.get_scheduled(ctx.viewer, ctx.arg("id"))
    when = ctx.params.time("scheduled_at")
    if when:
        if when < state.now() + timedelta(minutes=5):
            raise ApiError(422, "Validation failed: Scheduled at The scheduled date must be in the future")
        s.scheduled_at = when
    return scheduled_json(state, s)


@routes.api("DELETE", "/api/v1/scheduled_statuses/{id}", scope="write:statuses")
def scheduled_delete(ctx):
    state = ctx.state
    with state.lock:
        s = state.get_scheduled(ctx.viewer, ctx.arg("id"))
        state.scheduled.pop(s.id, None)
        for mid in s.media_ids:
            if mid in state.media:
                state.media[mid].scheduled_status_id = None
    return {}
