"""Media attachments: uploads are stored in memory and served under /media/; a non-tiny upload is "processing"
until `settings.media_delay` seconds have passed on the instance clock (Mastodon's 202 + poll flow)."""
from __future__ import annotations

import struct
from datetime import timedelta

from .models import Media

BLURHASH = "UFHLh[~q9F%M_3xuM{of4nWB-;RjRjxuRjWB"


def media_type(content_type: str) -> str:
    if content_type == "image/gif":
        return "gifv"
    major = content_type.split("/", 1)[0]
    return {"image": "image", "video": "video", "audio": "audio"}.get(major, "unknown")


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG or GIF header (enough for meta; we never decode images)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    return None


SUPPORTED = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/avif",
             "video/webm", "video/mp4", "video/quicktime", "audio/mpeg", "audio/ogg", "audio/wav",
             "audio/flac", "audio/mp4", "audio/webm")


class MediaMixin:
    def upload(self, account_id, data: bytes, content_type: str, filename: str = "", description=None,
               focus=None, instant: bool = False) -> Media:
        from .state import Invalid
        content_type = (content_type or "application/octet-stream").split(";")[0].strip().lower()
        if content_type not in SUPPORTED:
            raise Invalid("Validation failed: File content type is invalid")
        if not data:
            raise Invalid("Validation failed: File can't be blank")
        if description is not None and len(description) > 1500:
            raise Invalid("Validation failed: Description is too long (maximum is 1500 characters)")
        with self.lock:
            at = self.now()
            mid = self.new_id(at)
            ext = content_type.split("/")[1].replace("jpeg", "jpg").replace("quicktime", "mov")
            path = f"media_attachments/{mid}/original.{ext}"
            self.files[path] = (content_type, bytes(data))
            size = image_size(data)
            delay = 0 if instant or len(data) <= self.settings.tiny_media_bytes else self.settings.media_delay
            m = Media(mid, account_id, media_type(content_type), path, content_type, len(data), at,
                      at + timedelta(seconds=delay), description,
                      width=size[0] if size else None, height=size[1] if size else None,
                      blurhash=BLURHASH if content_type.startswith("image/") else None)
            if focus:
                m.focus = focus
            self.media[mid] = m
            return m

    def get_media(self, account_id, media_id) -> Media:
        from .state import NotFound
        m = self.media.get(str(media_id))
        if m is None or m.account_id != account_id:
            raise NotFound("Record not found")
        return m

    def media_ready(self, m: Media) -> bool:
        return m.ready_at <= self.now()

    def update_media(self, account_id, media_id, description=None, focus=None) -> Media:
        from .state import Invalid
        with self.lock:
            m = self.get_media(account_id, media_id)
            if description is not None:
                if len(description) > 1500:
                    raise Invalid("Validation failed: Description is too long (maximum is 1500 characters)")
                m.description = description
            if focus is not None:
                m.focus = focus
            return m

    def delete_media(self, account_id, media_id) -> None:
        from .state import Invalid
        with self.lock:
            m = self.get_media(account_id, media_id)
            if m.status_id:
                raise Invalid("Media attachment is currently used by a status")
            self.media.pop(m.id)
            self.files.pop(m.path, None)
