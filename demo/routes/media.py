"""Media: uploads (v2 answers 202 with url null until processed, then GET /api/v1/media/:id turns from 206 to
200; v1 processes at once), alt text and focus edits, deletion, and serving the files under /media/."""
from __future__ import annotations

from starlette.responses import Response

from ..entities import media_json
from ..http import ApiError, Routes
from ..seed import png

routes = Routes()
MAX_UPLOAD = 40 * 1024 * 1024


def _focus(value):
    if value in (None, ""):
        return None
    try:
        x, y = (float(v) for v in str(value).split(","))
    except ValueError:
        raise ApiError(422, "Validation failed: Focus is invalid") from None
    if not (-1 <= x <= 1 and -1 <= y <= 1):
        raise ApiError(422, "Validation failed: Focus is invalid")
    return (x, y)


def _upload(ctx, instant):
    upload = ctx.params.files.get("file")
    if upload is None:
        raise ApiError(422, "Validation failed: File can't be blank")
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ApiError(422, "Validation failed: File file size must be less than 40 MB")
    return ctx.state.upload(ctx.viewer, data, upload.content_type or "", upload.filename or "",
                            ctx.params.str("description"), _focus(ctx.params.str("focus")), instant=instant)


@routes.api("POST", "/api/v2/media", scope="write:media")
def upload_v2(ctx):
    m = _upload(ctx, instant=False)
    return ctx.json(media_json(ctx.state, m), 200 if ctx.state.media_ready(m) else 202)


@routes.api("POST", "/api/v1/media", scope="write:media")
def upload_v1(ctx):
    return media_json(ctx.state, _upload(ctx, instant=True))


@routes.api("GET", "/api/v1/media/{id}", scope="write:media")
def show(ctx):
    m = ctx.state.get_media(ctx.viewer, ctx.arg("id"))
    return ctx.json(media_json(ctx.state, m), 200 if ctx.state.media_ready(m) else 206)


@routes.api("PUT", "/api/v1/media/{id}", scope="write:media")
def update(ctx):
    m = ctx.state.update_media(ctx.viewer, ctx.arg("id"), ctx.params.str("description"),
                               _focus(ctx.params.str("focus")))
    return ctx.json(media_json(ctx.state, m), 200 if ctx.state.media_ready(m) else 206)


@routes.api("DELETE", "/api/v1/media/{id}", scope="write:media")
def delete(ctx):
    ctx.state.delete_media(ctx.viewer, ctx.arg("id"))
    return {}


DEFAULTS = {"avatars/original/missing.png": (48, 48, (128, 128, 128)),
            "headers/original/missing.png": (150, 50, (64, 64, 64)),
            "site_uploads/thumbnail.png": (120, 63, (40, 60, 120))}


@routes.api("GET", "/media/{path:path}", auth=None)
def serve(ctx):
    path = ctx.arg("path")
    entry = ctx.state.files.get(path)
    if entry is None and path in DEFAULTS:
        w, h, colour = DEFAULTS[path]
        entry = ("image/png", png(w, h, colour))
    if entry is None:
        raise ApiError(404, "Not Found")
    ctype, data = entry
    return Response(data, media_type=ctype, headers={"Cache-Control": "public, max-age=3600"})
