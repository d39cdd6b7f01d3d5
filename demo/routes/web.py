"""The public web side a client links to: profile and status pages (so "open in browser" works in the demo),
tag pages, and WebFinger for `acct:user@host` lookups."""
from __future__ import annotations

import html

from starlette.responses import HTMLResponse

from ..http import ApiError, Routes

routes = Routes()


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                        f"</head><body>{body}</body></html>")


def _account(ctx):
    acc = ctx.state.account_by_username(ctx.arg("username"))
    if acc is None:
        raise ApiError(404, "Not Found")
    return acc


def _status_html(state, st) -> str:
    acc = state.accounts[st.account_id]
    cw = f"<p><strong>CW: {html.escape(st.spoiler_text)}</strong></p>" if st.spoiler_text else ""
    return (f"<article><a href='{state.status_url(st)}'>{html.escape(acc.display_name)} @{acc.username}</a> "
            f"<time>{st.created_at.isoformat()}</time>{cw}{st.content}</article>")


@routes.api("GET", "/@{username}", auth=None)
def profile(ctx):
    acc = _account(ctx)
    posts = [ctx.state.statuses[s] for s in reversed(ctx.state.by_author.get(acc.id, []))]
    posts = [s for s in posts if not s.deleted and not s.reblog_of_id and s.visibility in ("public", "unlisted")]
    return _page(f"{acc.display_name} (@{acc.username})",
                 f"<h1>{html.escape(acc.display_name)}</h1><p>@{acc.username}@{ctx.state.domain}</p>{acc.note}"
                 + "".join(_status_html(ctx.state, s) for s in posts[:20]))


@routes.api("GET", "/users/{username}", auth=None)
def profile_uri(ctx):
    return profile(ctx)


@routes.api("GET", "/@{username}/{id}", auth=None)
def status_page(ctx):
    acc = _account(ctx)
    st = ctx.state.status(ctx.arg("id"), None)
    if st.account_id != acc.id or st.reblog_of_id:
        raise ApiError(404, "Not Found")
    return _page(f"{acc.display_name}: post", _status_html(ctx.state, st))


@routes.api("GET", "/users/{username}/statuses/{id}", auth=None)
def status_uri(ctx):
    return status_page(ctx)


@routes.api("GET", "/tags/{name}", auth=None)
def tag_page(ctx):
    name = ctx.arg("name").lower()
    posts = [st for _c, st in ctx.state.tag_timeline(None, name)][:20]
    return _page(f"#{name}", f"<h1>#{html.escape(name)}</h1>" + "".join(_status_html(ctx.state, s) for s in posts))


@routes.api("GET", "/.well-known/webfinger", auth=None)
def webfinger(ctx):
    resource = ctx.params.str("resource") or ""
    target = resource[5:] if resource.startswith("acct:") else resource
    acc = None
    if target.startswith(("http://", "https://")):
        tail = target.rstrip("/").rsplit("/", 1)[-1].lstrip("@")
        acc = ctx.state.account_by_username(tail) if target.startswith(ctx.state.base_url) else None
    elif target:
        acc = ctx.state.account_by_acct(target)
    if acc is None:
        raise ApiError(404, "Not Found")
    base = ctx.state.base_url
    data = {"subject": f"acct:{acc.username}@{ctx.state.domain}",
            "aliases": [f"{base}/@{acc.username}", f"{base}/users/{acc.username}"],
            "links": [{"rel": "http://webfinger.net/rel/profile-page", "type": "text/html",
                       "href": f"{base}/@{acc.username}"},
                      {"rel": "self", "type": "application/activity+json", "href": f"{base}/users/{acc.username}"}]}
    response = ctx.json(data)
    response.headers["content-type"] = "application/jrd+json; charset=utf-8"
    return response
