"""Accounts: profiles, the viewer's own profile and its update, relationships and the actions that change them,
an account's statuses, followers and following, search and lookup."""
from __future__ import annotations

from ..entities import account_json, status_json, suspended_account_json
from ..entities_misc import list_json, relationship_json
from ..http import ApiError, Routes

routes = Routes()


def _rel(ctx, target_id):
    return relationship_json(ctx.state, ctx.viewer, target_id)


@routes.api("GET", "/api/v1/accounts/verify_credentials", scope="read:accounts|profile")
def verify_credentials(ctx):
    return account_json(ctx.state, ctx.account, with_source=True)


@routes.api("PATCH", "/api/v1/accounts/update_credentials", scope="write:accounts")
def update_credentials(ctx):
    p, state = ctx.params, ctx.state
    acc = ctx.account
    with state.lock:
        name = p.str("display_name")
        if name is not None:
            if len(name) > 30:
                raise ApiError(422, "Validation failed: Display name is too long (maximum is 30 characters)")
            acc.display_name = name
        note = p.str("note")
        if note is not None:
            if len(note) > 500:
                raise ApiError(422, "Validation failed: Note is too long (maximum is 500 characters)")
            acc.note_source, acc.note = note, state.render_text(note)
        for key in ("locked", "bot", "discoverable", "hide_collections", "indexable"):
            value = p.bool(key)
            if value is not None:
                setattr(acc, key, value)
        if "fields_attributes" in p:
            fields = [(str(f.get("name") or ""), str(f.get("value") or "")) for f in p.records("fields_attributes")]
            if len(fields) > 4:
                raise ApiError(422, "Validation failed: Fields is too long (maximum is 4 fields)")
            acc.fields = [f for f in fields if f[0] or f[1]]
        source = p.dict("source") or {}
        if source.get("privacy") is not None:
            if source["privacy"] not in ("public", "unlisted", "private"):
                raise ApiError(422, "Validation failed: Privacy is not included in the list")
            acc.privacy = source["privacy"]
        if source.get("sensitive") is not None:
            from ..params import to_bool
            acc.sensitive = bool(to_bool(source["sensitive"]))
        if source.get("language") is not None:
            acc.language = str(source["language"]) or None
        for kind in ("avatar", "header"):
            upload = p.files.get(kind)
            if upload is not None:
                data = upload.file.read()
                ctype = (upload.content_type or "").lower()
                if not ctype.startswith("image/") or not data:
                    raise ApiError(422, f"Validation failed: {kind.capitalize()} file has contents that are not "
                                   "what they are reported to be")
                path = f"accounts/{kind}s/{acc.id}/original/{state.new_id()}.{ctype.split('/')[1]}"
                state.files[path] = (ctype, data)
                setattr(acc, kind, path)
    return account_json(state, acc, with_source=True)


@routes.api("GET", "/api/v1/accounts/relationships", scope="read:follows")
def relationships(ctx):
    ids = ctx.params.list("id")
    return [_rel(ctx, i) for i in ids if i in ctx.state.accounts]


@routes.api("GET", "/api/v1/accounts/search", scope="read:accounts")
def search(ctx):
    p = ctx.params
    limit = ctx.limit(40, 80)
    found = ctx.state.search_accounts(ctx.viewer, p.str("q") or "", limit, max(0, p.int("offset", 0)),
                                      following=p.bool("following", False))
    return [account_json(ctx.state, a) for a in found]


@routes.api("GET", "/api/v1/accounts/lookup", auth="optional")
def lookup(ctx):
    acc = ctx.state.account_by_acct(ctx.params.str("acct") or "")
    if acc is None:
        raise ApiError(404, "Record not found")
    return account_json(ctx.state, acc)


@routes.api("GET", "/api/v1/accounts/familiar_followers", scope="read:follows")
def familiar_followers(ctx):
    return [{"id": i, "accounts": []} for i in ctx.params.list("id") if i in ctx.state.accounts]


@routes.api("GET", "/api/v1/accounts", auth="optional")
def many(ctx):
    out = []
    for i in ctx.params.list("id")[:40]:
        acc = ctx.state.accounts.get(i)
        if acc and not acc.suspended:
            out.append(account_json(ctx.state, acc))
    return out


def _suspended(ctx):
    """The account of the path if it exists but is suspended, else None (a missing one is a 404 later).

    Mastodon 2.4 to 3.2 answered 410 Gone for a suspended account's profile, statuses, followers, following and
    lists; since 3.3 the profile is 200 with `suspended: true` and everything blanked, and its collections are
    empty. The instance follows `Settings.version`."""
    acc = ctx.state.accounts.get(ctx.arg("id"))
    if acc is None or not acc.suspended:
        return None
    if not ctx.state.settings.version_at_least(3, 3):
        raise ApiError(410, "Gone")
    return acc


@routes.api("GET", "/api/v1/accounts/{id}", auth="optional")
def show(ctx):
    acc = _suspended(ctx)
    if acc is not None:
        return suspended_account_json(ctx.state, acc)
    return account_json(ctx.state, ctx.state.account(ctx.arg("id")))


@routes.api("GET", "/api/v1/accounts/{id}/statuses", scope="read:statuses", auth="optional")
def statuses(ctx):
    p, state = ctx.params, ctx.state
    if _suspended(ctx):
        return []
    pairs = state.account_statuses(ctx.viewer, ctx.arg("id"), pinned=p.bool("pinned", False),
                                   exclude_replies=p.bool("exclude_replies", False),
                                   exclude_reblogs=p.bool("exclude_reblogs", False),
                                   only_media=p.bool("only_media", False), tagged=p.str("tagged"))
    state.account(ctx.arg("id"))
    return ctx.paged(pairs, lambda st: status_json(state, st, ctx.viewer, "account"), 20, 40)


def _follow_collection(ctx, direction: str):
    if _suspended(ctx):
        return []
    acc = ctx.state.account(ctx.arg("id"))
    if acc.hide_collections and ctx.viewer != acc.id:
        return ctx.json([])
    return ctx.paged(ctx.state.follow_accounts(acc.id, direction), lambda a: account_json(ctx.state, a), 40, 80)


@routes.api("GET", "/api/v1/accounts/{id}/followers", scope="read:accounts", auth="optional")
def followers(ctx):
    return _follow_collection(ctx, "followers")


@routes.api("GET", "/api/v1/accounts/{id}/following", scope="read:accounts", auth="optional")
def following(ctx):
    return _follow_collection(ctx, "following")


@routes.api("GET", "/api/v1/accounts/{id}/lists", scope="read:lists")
def lists_of(ctx):
    if _suspended(ctx):
        return []
    target = ctx.state.account(ctx.arg("id")).id
    return [list_json(l) for l in ctx.state.lists.values() if l.account_id == ctx.viewer and target in l.members]


@routes.api("GET", "/api/v1/accounts/{id}/featured_tags", auth="optional")
def featured_tags(ctx):
    from .extras import featured_tags_of
    return featured_tags_of(ctx.state, ctx.state.account(ctx.arg("id")).id)


@routes.api("POST", "/api/v1/accounts/{id}/follow", scope="write:follows")
def follow(ctx):
    p = ctx.params
    langs = p.list("languages") if "languages" in p else None
    ctx.state.follow(ctx.viewer, ctx.arg("id"), p.bool("reblogs"), p.bool("notify"), langs)
    return _rel(ctx, ctx.arg("id"))


def _simple(method_name, scope, *param_names):
    def handler(ctx):
        getattr(ctx.state, method_name)(ctx.viewer, ctx.arg("id"))
        return _rel(ctx, ctx.arg("id"))
    return handler


for _action, _method, _scope in [("unfollow", "unfollow", "write:follows"), ("block", "block", "write:blocks"),
                                 ("unblock", "unblock", "write:blocks"), ("unmute", "unmute", "write:mutes"),
                                 ("remove_from_followers", "remove_from_followers", "write:follows")]:
    routes.api("POST", f"/api/v1/accounts/{{id}}/{_action}", scope=_scope)(_simple(_method, _scope))


@routes.api("POST", "/api/v1/accounts/{id}/mute", scope="write:mutes")
def mute(ctx):
    p = ctx.params
    ctx.state.mute(ctx.viewer, ctx.arg("id"), p.bool("notifications", True), p.int("duration", 0) or 0)
    return _rel(ctx, ctx.arg("id"))


@routes.api("POST", "/api/v1/accounts/{id}/note", scope="write:accounts")
def note(ctx):
    """Mastodon's AccountNote: an empty or missing comment removes the note; at most 2000 characters."""
    state = ctx.state
    target = state.account(ctx.arg("id")).id
    comment = ctx.params.str("comment") or ""
    if len(comment) > 2000:
        raise ApiError(422, "Validation failed: Comment is too long (maximum is 2000 characters)")
    with state.lock:
        if comment:
            state.account_notes[(ctx.viewer, target)] = comment
        else:
            state.account_notes.pop((ctx.viewer, target), None)
    return _rel(ctx, target)
