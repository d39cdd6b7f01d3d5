"""The smaller account features: featured hashtags, domain blocks, follow suggestions, endorsements (featured
accounts), announcements with reactions, and translation (switched off, as on an instance without a
translation service)."""
from __future__ import annotations

from ..entities import account_json, tag_json
from ..entities_misc import announcement_json, relationship_json
from ..http import ApiError, Routes
from ..ids import id_key

routes = Routes()


# ----- featured tags -----
def _featured_json(state, account_id, name, fid):
    uses = [sid for sid, a in state.tag_uses.get(name, ()) if a == account_id
            and sid in state.statuses and not state.statuses[sid].deleted]
    last = max((state.statuses[s].created_at for s in uses), default=None)
    return {"id": fid, "name": name, "url": f"{state.account_url(state.accounts[account_id])}/tagged/{name}",
            "statuses_count": str(len(uses)), "last_status_at": last.strftime("%Y-%m-%d") if last else None}


def featured_tags_of(state, account_id) -> list:
    """Oldest first, as Mastodon lists them; also GET /api/v1/accounts/:id/featured_tags (public)."""
    rows = sorted(((fid, t) for (a, t), fid in state.featured_tags.items() if a == account_id),
                  key=lambda r: id_key(r[0]))
    return [_featured_json(state, account_id, t, fid) for fid, t in rows]


@routes.api("GET", "/api/v1/featured_tags", scope="read:accounts")
def featured_tags(ctx):
    return featured_tags_of(ctx.state, ctx.viewer)


@routes.api("POST", "/api/v1/featured_tags", scope="write:accounts")
def feature_tag(ctx):
    name = (ctx.params.str("name") or "").lstrip("#").lower()
    if not name or not all(c.isalnum() or c == "_" for c in name):
        raise ApiError(422, "Validation failed: Tag is invalid")
    with ctx.state.lock:
        if sum(1 for (a, _t) in ctx.state.featured_tags if a == ctx.viewer) >= 10:
            raise ApiError(422, "Validation failed: You have reached the limit of featured hashtags")
        fid = ctx.state.featured_tags.setdefault((ctx.viewer, name), ctx.state.new_id())
    return _featured_json(ctx.state, ctx.viewer, name, fid)


@routes.api("DELETE", "/api/v1/featured_tags/{id}", scope="write:accounts")
def unfeature_tag(ctx):
    with ctx.state.lock:
        key = next((k for k, fid in ctx.state.featured_tags.items() if k[0] == ctx.viewer and fid == ctx.arg("id")),
                   None)
        if key is None:
            raise ApiError(404, "Record not found")
        del ctx.state.featured_tags[key]
    return {}


@routes.api("GET", "/api/v1/featured_tags/suggestions", scope="read:accounts")
def featured_suggestions(ctx):
    used = {}
    featured = {t for (a, t) in ctx.state.featured_tags if a == ctx.viewer}
    for tag, uses in ctx.state.tag_uses.items():
        if tag in featured:  # Mastodon suggests the viewer's recent tags that are not featured yet
            continue
        n = sum(1 for _s, a in uses if a == ctx.viewer)
        if n:
            used[tag] = n
    names = sorted(used, key=lambda t: (-used[t], t))[:10]
    return [tag_json(ctx.state, t, ctx.viewer) for t in names]


# ----- domain blocks -----
@routes.api("POST", "/api/v1/domain_blocks", scope="write:blocks")
def block_domain(ctx):
    domain = (ctx.params.str("domain") or "").strip().lower().rstrip(".")
    if not domain:
        raise ApiError(422, "Validation failed: Domain can't be blank")
    labels = domain.split(".")
    # Mastodon's DomainValidator: at most 253 characters of dot-separated labels (letters, digits, hyphens)
    if len(domain) > 253 or not all(0 < len(l) <= 63 and all(c.isalnum() or c == "-" for c in l) and l.isascii()
                                    for l in labels):
        raise ApiError(422, "Validation failed: Domain is invalid")
    if domain in ctx.state.local_domains():
        raise ApiError(422, "Validation failed: Domain cannot be your own domain")
    ctx.state.domain_blocks.setdefault((ctx.viewer, domain), ctx.state.new_id())
    return {}


@routes.api("DELETE", "/api/v1/domain_blocks", scope="write:blocks")
def unblock_domain(ctx):
    ctx.state.domain_blocks.pop((ctx.viewer, (ctx.params.str("domain") or "").strip().lower()), None)
    return {}


@routes.api("GET", "/api/v1/domain_blocks", scope="read:blocks")
def domain_blocks(ctx):
    rows = sorted(((bid, d) for (a, d), bid in ctx.state.domain_blocks.items() if a == ctx.viewer),
                  key=lambda r: id_key(r[0]), reverse=True)
    return ctx.paged(rows, lambda d: d, 100, 200)


# ----- suggestions -----
def _suggested(ctx):
    state = ctx.state
    out = []
    for acc in sorted(state.accounts.values(), key=lambda a: a.username):
        if acc.id == ctx.viewer or acc.suspended or (ctx.viewer, acc.id) in state.follows \
                or (ctx.viewer, acc.id) in state.dismissed_suggestions or state.hides_author(ctx.viewer, acc.id):
            continue
        out.append(acc)
    return out[:ctx.limit(40, 80)]


@routes.api("GET", "/api/v1/suggestions", scope="read")
def suggestions_v1(ctx):
    return [account_json(ctx.state, a) for a in _suggested(ctx)]


@routes.api("GET", "/api/v2/suggestions", scope="read")
def suggestions_v2(ctx):
    return [{"source": "global", "sources": ["featured"], "account": account_json(ctx.state, a)}
            for a in _suggested(ctx)]


@routes.api("DELETE", "/api/v1/suggestions/{id}", scope="read")
def dismiss_suggestion(ctx):
    ctx.state.account(ctx.arg("id"))
    ctx.state.dismissed_suggestions.add((ctx.viewer, ctx.arg("id")))
    return {}


# ----- endorsements (featured accounts) -----
def _endorse(ctx, on: bool):
    state = ctx.state
    target = state.account(ctx.arg("id")).id
    with state.lock:
        if on:
            if (ctx.viewer, target) not in state.follows:
                raise ApiError(422, "Validation failed: You must be already following the person you want to "
                                    "endorse")
            state.endorsements.setdefault((ctx.viewer, target), state.new_id())
        else:
            state.endorsements.pop((ctx.viewer, target), None)
    return relationship_json(state, ctx.viewer, target)


for _path, _on in [("pin", True), ("endorse", True), ("unpin", False), ("unendorse", False)]:
    routes.api("POST", f"/api/v1/accounts/{{id}}/{_path}", scope="write:accounts")(
        lambda ctx, _on=_on: _endorse(ctx, _on))


def _endorsed_by(ctx, account_id):
    rows = sorted(((eid, t) for (a, t), eid in ctx.state.endorsements.items() if a == account_id),
                  key=lambda r: id_key(r[0]), reverse=True)
    pairs = ((eid, ctx.state.accounts[t]) for eid, t in rows if t in ctx.state.accounts)
    return ctx.paged(pairs, lambda a: account_json(ctx.state, a), 40, 80)


@routes.api("GET", "/api/v1/endorsements", scope="read:accounts")
def endorsements(ctx):
    return _endorsed_by(ctx, ctx.viewer)


@routes.api("GET", "/api/v1/accounts/{id}/endorsements", scope="read:accounts", auth="optional")
def account_endorsements(ctx):
    return _endorsed_by(ctx, ctx.state.account(ctx.arg("id")).id)


# ----- announcements -----
def _is_emoji(state, name: str) -> bool:
    """Mastodon's AnnouncementReaction: a custom emoji of this server by shortcode, or a Unicode emoji. Without
    the full emoji table, 'Unicode emoji' here is: short, no letters, digits or spaces, and at least one
    pictographic code point (U+2190 and up, outside the CJK and private-use ranges)."""
    if name in state.emojis:
        return True
    if not name or len(name) > 16 or any(ch.isalnum() or ch.isspace() for ch in name):
        return False
    return any(0x2190 <= ord(ch) <= 0x2BFF or 0x1F000 <= ord(ch) <= 0x1FAFF for ch in name)


def _announcement(ctx):
    a = ctx.state.announcements.get(ctx.arg("id"))
    if a is None:
        raise ApiError(404, "Record not found")
    return a


@routes.api("GET", "/api/v1/announcements", scope="read", auth="optional")
def announcements(ctx):
    items = sorted(ctx.state.announcements.items(), key=lambda kv: id_key(kv[0]), reverse=True)
    return [announcement_json(ctx.state, aid, a, ctx.viewer) for aid, a in items]


@routes.api("POST", "/api/v1/announcements/{id}/dismiss", scope="write:accounts")
def dismiss_announcement(ctx):
    _announcement(ctx)["read_by"].add(ctx.viewer)
    return {}


@routes.api("PUT", "/api/v1/announcements/{id}/reactions/{name}", scope="write:favourites")
def react(ctx):
    name = ctx.arg("name")
    a = _announcement(ctx)
    if not _is_emoji(ctx.state, name):
        raise ApiError(422, "Validation failed: Name is not a recognized emoji")
    a["reactions"].setdefault(name, set()).add(ctx.viewer)
    ctx.state.announcement_reaction(ctx.arg("id"), name)
    return {}


@routes.api("DELETE", "/api/v1/announcements/{id}/reactions/{name}", scope="write:favourites")
def unreact(ctx):
    _announcement(ctx)["reactions"].get(ctx.arg("name"), set()).discard(ctx.viewer)
    ctx.state.announcement_reaction(ctx.arg("id"), ctx.arg("name"))
    return {}


# ----- translation -----
@routes.api("POST", "/api/v1/statuses/{id}/translate", scope="read:statuses")
def translate(ctx):
    ctx.state.status(ctx.arg("id"), ctx.viewer)
    # configuration.translation.enabled is false: Mastodon refuses when no translation service is configured
    raise ApiError(403, "This action is not allowed")
