"""Media: upload through v2 (202 while the server processes, then poll until ready), alt text, v1 fallback."""
from __future__ import annotations

import base64
import binascii
import mimetypes
import os

from ..errors import MastodonAPIError, MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, Sleep, endpoint, params, seg

MEDIA_POLL_INTERVAL = 0.5
MEDIA_POLL_TIMEOUT = 120.0


def _data_uri(text):
    """'data:image/png;base64,....': how the seed passed avatar and header images."""
    head, sep, payload = text.partition(",")
    if not sep or ";base64" not in head:
        raise MastodonIllegalArgumentError("a data: URI must be base64 encoded (data:<mime>;base64,...)")
    try:
        data = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        raise MastodonIllegalArgumentError("the data: URI holds invalid base64") from None
    return data, head[5:].split(";", 1)[0] or None


def _read_media(media_file, mime_type, file_name):
    if isinstance(media_file, str) and media_file.startswith("data:"):
        media_file, uri_mime = _data_uri(media_file)
        mime_type = mime_type or uri_mime
    if isinstance(media_file, (str, os.PathLike)) and os.path.isfile(media_file):
        path = os.fspath(media_file)
        mime_type = mime_type or mimetypes.guess_type(path)[0]
        file_name = file_name or os.path.basename(path)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise MastodonFileNotFoundError(f"cannot read media file {path}: {exc.strerror}") from None
    elif isinstance(media_file, (str, os.PathLike)) and not isinstance(media_file, str):
        raise MastodonFileNotFoundError(f"media file not found: {media_file}")
    elif isinstance(media_file, bytes):
        data = media_file
    elif hasattr(media_file, "read"):
        data = media_file.read()
        file_name = file_name or os.path.basename(getattr(media_file, "name", "") or "") or None
    elif isinstance(media_file, str):
        raise MastodonFileNotFoundError(f"media file not found: {media_file}")
    else:
        raise MastodonIllegalArgumentError("media_file must be a file name, bytes or a file object")
    if not mime_type:
        raise MastodonIllegalArgumentError(
            "could not determine the media's mime type: pass mime_type (e.g. 'image/png')")
    if not file_name:
        file_name = "upload" + (mimetypes.guess_extension(mime_type) or "")
    return data, mime_type, file_name


class Media:
    @endpoint
    def media_post(self, media_file, mime_type=None, description=None, focus=None, file_name=None,
                   thumbnail=None, thumbnail_mime_type=None, synchronous=True):
        """Upload media. With synchronous=True (the default, and the seed's behaviour) wait until the server
        has processed it, so the returned dict has its url and can be attached at once."""
        data, mime_type, file_name = _read_media(media_file, mime_type, file_name)
        files = {"file": (file_name, data, mime_type)}
        if thumbnail is not None:
            tdata, tmime, tname = _read_media(thumbnail, thumbnail_mime_type, None)
            files["thumbnail"] = (tname, tdata, tmime)
        focus_text = f"{focus[0]},{focus[1]}" if focus else None
        body = params(description=description, focus=focus_text)
        try:
            media = yield Call("POST", "/api/v2/media", data=body, files=files, shape=dict, ok_statuses=(202,))
        except MastodonNotFoundError:  # servers without v2 media
            media = yield Call("POST", "/api/v1/media", data=body, files=files, shape=dict)
        if synchronous:
            media = yield from Media._await_processing(self, media)
        return media

    def _await_processing(self, media):
        waited = 0.0
        while media.get("url") is None and waited < MEDIA_POLL_TIMEOUT:
            yield Sleep(MEDIA_POLL_INTERVAL)
            waited += MEDIA_POLL_INTERVAL
            media = yield Call("GET", f"/api/v1/media/{seg(media)}", shape=dict, ok_statuses=(206,))
        if media.get("url") is None:
            raise MastodonAPIError("the server did not finish processing the media in time", 206, "", "")
        return media

    @endpoint
    def media(self, id):
        return (yield Call("GET", f"/api/v1/media/{seg(id)}", shape=dict, ok_statuses=(206,)))

    @endpoint
    def media_update(self, id, description=None, focus=None, thumbnail=None, thumbnail_mime_type=None):
        """Change alt text (description) or focus of media not yet attached to a posted status."""
        body = params(description=description, focus=f"{focus[0]},{focus[1]}" if focus else None)
        files = None
        if thumbnail is not None:
            tdata, tmime, tname = _read_media(thumbnail, thumbnail_mime_type, None)
            files = {"thumbnail": (tname, tdata, tmime)}
        return (yield Call("PUT", f"/api/v1/media/{seg(id)}", data=body, files=files, shape=dict))
