"""Lists and their members."""
from __future__ import annotations

from ..entities import account_json
from ..entities_misc import list_json
from ..http import ApiError, Routes

routes = Routes()


@routes.api("GET", "/api/v1/lists", scope="read:lists")
def index(ctx):
    mine = [l for l in ctx.state.lists.values() if l.account_id == ctx.viewer]
    return [list_json(l) for l in sorted(mine, key=lambda l: (len(l.id), l.id))]


@routes.api("POST", "/api/v1/lists", scope="write:lists")
def create(ctx):
    p = ctx.params
    return list_json(ctx.state.create_list(ctx.viewer, p.str("title") or "", p.str("replies_policy") or "list",
                                           p.bool("exclusive", False)))


@routes.api("GET", "/api/v1/lists/{id}", scope="read:lists")
def show(ctx):
    return list_json(ctx.state.get_list(ctx.viewer, ctx.arg("id")))


@routes.api("PUT", "/api/v1/lists/{id}", scope="write:lists")
def update(ctx):
    p = ctx.params
    lst = ctx.state.get_list(ctx.viewer, ctx.arg("id"))
    title = p.str("title")
    if title is not None:
        if not title.strip():
            raise ApiError(422, "Validation failed: Title can't be blank")
        lst.title = title.strip()
    policy = p.str("replies_policy")
    if policy is not None:
        if policy not in ("list", "followed", "none"):
            raise ApiError(422, "Validation failed: Replies policy is not included in the list")
        lst.replies_policy = policy
    exclusive = p.bool("exclusive")
    if exclusive is not None:
        lst.exclusive = exclusive
    return list_json(lst)


@routes.api("DELETE", "/api/v1/lists/{id}", scope="write:lists")
def delete(ctx):
    lst = ctx.state.get_list(ctx.viewer, ctx.arg("id"))
    with ctx.state.lock:
        ctx.state.lists.pop(lst.id, None)
    return {}


@routes.api("GET", "/api/v1/lists/{id}/accounts", scope="read:lists")
def members(ctx):
    lst = ctx.state.get_list(ctx.viewer, ctx.arg("id"))
    limit = ctx.params.int("limit", 40)
    accounts = [ctx.state.accounts[m] for m in reversed(lst.members) if m in ctx.state.accounts]
    if limit == 0:  # Mastodon: limit=0 returns every member without paging
        return [account_json(ctx.state, a) for a in accounts]
    return ctx.paged(((a.id, a) for a in sorted(accounts, key=lambda a: (len(a.id), a.id), reverse=True)),
                     lambda a: account_json(ctx.state, a), 40, 80)


@routes.api("POST", "/api/v1/lists/{id}/accounts", scope="write:lists")
def add(ctx):
    ctx.state.add_to_list(ctx.viewer, ctx.arg("id"), ctx.params.list("account_ids"))
    return {}


@routes.api("DELETE", "/api/v1/lists/{id}/accounts", scope="write:lists")
def remove(ctx):
    ctx.state.remove_from_list(ctx.viewer, ctx.arg("id"), ctx.params.list("account_ids"))
    return {}
