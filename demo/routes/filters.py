"""Filters v2 (filters with keywords and statuses; warn, hide or blur) and the read-only v1 view of them.
Every change publishes `filters_changed` on the owner's user stream, as Mastodon does."""
from __future__ import annotations

from datetime import timedelta

from ..entities_misc import filter_json, filter_v1_json
from ..http import ApiError, Routes
from ..params import to_bool

routes = Routes()


def _keywords(records):
    out = []
    for r in records:
        out.append({"id": str(r.get("id") or ""), "keyword": str(r.get("keyword") or ""),
                    "whole_word": to_bool(r.get("whole_word")) if r.get("whole_word") is not None else True,
                    "_destroy": bool(to_bool(r.get("_destroy")))})
    return out


@routes.api("GET", "/api/v2/filters", scope="read:filters")
def index(ctx):
    return [filter_json(f) for f in ctx.state.filters_of(ctx.viewer)]


@routes.api("POST", "/api/v2/filters", scope="write:filters")
def create(ctx):
    p = ctx.params
    f = ctx.state.create_filter(ctx.viewer, p.str("title") or "", p.list("context"), p.str("filter_action") or "warn",
                                p.int("expires_in"), _keywords(p.records("keywords_attributes")))
    return filter_json(f)


@routes.api("GET", "/api/v2/filters/{id}", scope="read:filters")
def show(ctx):
    return filter_json(ctx.state.get_filter(ctx.viewer, ctx.arg("id")))


@routes.api("PUT", "/api/v2/filters/{id}", scope="write:filters")
def update(ctx):
    p, state = ctx.params, ctx.state
    with state.lock:
        f = state.get_filter(ctx.viewer, ctx.arg("id"))
        title = p.str("title")
        context = p.list("context") if "context" in p else None
        action = p.str("filter_action")
        state._check_filter(title, context, action)
        if title is not None:
            f.title = title.strip()
        if context is not None:
            f.context = context
        if action is not None:
            f.filter_action = action
        if "expires_in" in p:
            secs = p.int("expires_in")
            f.expires_at = state.now() + timedelta(seconds=secs) if secs else None
        for kw in _keywords(p.records("keywords_attributes")):
            existing = next((k for k in f.keywords if k["id"] == kw["id"]), None) if kw["id"] else None
            if existing and kw["_destroy"]:
                f.keywords.remove(existing)
            elif existing:
                if kw["keyword"]:
                    existing["keyword"] = kw["keyword"]
                existing["whole_word"] = kw["whole_word"]
            elif kw["keyword"] and not kw["_destroy"]:
                f.keywords.append({"id": state.new_id(), "keyword": kw["keyword"], "whole_word": kw["whole_word"]})
    state.filters_changed(ctx.viewer)
    return filter_json(f)


@routes.api("DELETE", "/api/v2/filters/{id}", scope="write:filters")
def delete(ctx):
    f = ctx.state.get_filter(ctx.viewer, ctx.arg("id"))
    with ctx.state.lock:
        ctx.state.filters.pop(f.id, None)
    ctx.state.filters_changed(ctx.viewer)
    return {}


# ----- keywords -----
@routes.api("GET", "/api/v2/filters/{id}/keywords", scope="read:filters")
def keywords(ctx):
    return filter_json(ctx.state.get_filter(ctx.viewer, ctx.arg("id")))["keywords"]


@routes.api("POST", "/api/v2/filters/{id}/keywords", scope="write:filters")
def add_keyword(ctx):
    f = ctx.state.get_filter(ctx.viewer, ctx.arg("id"))
    word = _not_blank(ctx.params.str("keyword") or "")
    kw = {"id": ctx.state.new_id(), "keyword": word, "whole_word": ctx.params.bool("whole_word", True)}
    f.keywords.append(kw)
    ctx.state.filters_changed(ctx.viewer)
    return kw


def _not_blank(word: str) -> str:
    if not word.strip():
        raise ApiError(422, "Validation failed: Keyword can't be blank")
    return word


def _entry(ctx, kind: str):
    """The viewer's filter keyword or status entry (kind "keywords" or "statuses") named by the path's id, with
    its filter: both live inside a filter but are addressed by their own id."""
    for f in ctx.state.filters_of(ctx.viewer):
        for entry in getattr(f, kind):
            if entry["id"] == ctx.arg("id"):
                return f, entry
    raise ApiError(404, "Record not found")


def _delete_entry(ctx, kind: str) -> dict:
    f, entry = _entry(ctx, kind)
    getattr(f, kind).remove(entry)
    ctx.state.filters_changed(ctx.viewer)
    return {}


@routes.api("GET", "/api/v2/filters/keywords/{id}", scope="read:filters")
def show_keyword(ctx):
    return _entry(ctx, "keywords")[1]


@routes.api("PUT", "/api/v2/filters/keywords/{id}", scope="write:filters")
def update_keyword(ctx):
    _f, kw = _entry(ctx, "keywords")
    word = ctx.params.str("keyword")
    if word is not None:
        kw["keyword"] = _not_blank(word)
    ww = ctx.params.bool("whole_word")
    if ww is not None:
        kw["whole_word"] = ww
    ctx.state.filters_changed(ctx.viewer)
    return kw


@routes.api("DELETE", "/api/v2/filters/keywords/{id}", scope="write:filters")
def delete_keyword(ctx):
    return _delete_entry(ctx, "keywords")


# ----- statuses -----
@routes.api("GET", "/api/v2/filters/{id}/statuses", scope="read:filters")
def statuses(ctx):
    return filter_json(ctx.state.get_filter(ctx.viewer, ctx.arg("id")))["statuses"]


@routes.api("POST", "/api/v2/filters/{id}/statuses", scope="write:filters")
def add_status(ctx):
    f = ctx.state.get_filter(ctx.viewer, ctx.arg("id"))
    st = ctx.state.status(ctx.params.str("status_id") or "", ctx.viewer)
    if any(s["status_id"] == st.id for s in f.statuses):
        raise ApiError(422, "Validation failed: Status has already been taken")
    entry = {"id": ctx.state.new_id(), "status_id": st.id}
    f.statuses.append(entry)
    ctx.state.filters_changed(ctx.viewer)
    return entry


@routes.api("GET", "/api/v2/filters/statuses/{id}", scope="read:filters")
def show_status(ctx):
    return _entry(ctx, "statuses")[1]


@routes.api("DELETE", "/api/v2/filters/statuses/{id}", scope="write:filters")
def delete_status(ctx):
    return _delete_entry(ctx, "statuses")


# ----- v1 (read-only view) -----
@routes.api("GET", "/api/v1/filters", scope="read:filters")
def v1_index(ctx):
    return [filter_v1_json(f, kw) for f in ctx.state.filters_of(ctx.viewer) for kw in f.keywords]


@routes.api("GET", "/api/v1/filters/{id}", scope="read:filters")
def v1_show(ctx):
    f, kw = _entry(ctx, "keywords")
    return filter_v1_json(f, kw)
