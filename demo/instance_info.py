"""The Instance entity, v1 and v2, with the limits the posting code enforces and the streaming URL."""
from __future__ import annotations

from .entities import account_json
from .state_media import SUPPORTED
from .state_posting import (MAX_CHARS, MAX_MEDIA, MAX_PIN, POLL_MAX_EXPIRY, POLL_MAX_OPTION_CHARS,
                            POLL_MAX_OPTIONS, POLL_MIN_EXPIRY)

DESCRIPTION = "A local Mastodon-compatible instance that ships with tootty, for the demo and the tests."


def _configuration(state) -> dict:
    return {
        "accounts": {"max_featured_tags": 10, "max_pinned_statuses": MAX_PIN},
        "statuses": {"max_characters": MAX_CHARS, "max_media_attachments": MAX_MEDIA,
                     "characters_reserved_per_url": 23},
        "media_attachments": {"supported_mime_types": list(SUPPORTED), "description_limit": 1500,
                              "image_size_limit": 16777216, "image_matrix_limit": 33177600,
                              "video_size_limit": 103809024, "video_frame_rate_limit": 120,
                              "video_matrix_limit": 8294400},
        "polls": {"max_options": POLL_MAX_OPTIONS, "max_characters_per_option": POLL_MAX_OPTION_CHARS,
                  "min_expiration": POLL_MIN_EXPIRY, "max_expiration": POLL_MAX_EXPIRY},
        "translation": {"enabled": False},
    }


def _streaming_url(state) -> str:
    return state.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)


def _contact(state):
    demo = state.account_by_username("demo") or next(iter(state.accounts.values()), None)
    return account_json(state, demo) if demo else None


def instance_v2(state) -> dict:
    s = state.settings
    config = _configuration(state)
    config["urls"] = {"streaming": _streaming_url(state), "status": None} if s.streaming else {}
    config["vapid"] = {"public_key": "BDemoVapidKeyNotUsedByThisInstance="}
    return {
        "domain": state.domain, "title": s.title, "version": s.version,
        "source_url": "https://github.com/mastodon/mastodon", "description": DESCRIPTION,
        "usage": {"users": {"active_month": len(state.accounts)}},
        "thumbnail": {"url": state.media_url("site_uploads/thumbnail.png"), "blurhash": None, "versions": {}},
        "icon": [], "languages": ["en"], "configuration": config,
        "registrations": {"enabled": s.registrations, "approval_required": False, "message": None, "url": None},
        "api_versions": {"mastodon": s.api_version},
        "contact": {"email": "admin@localhost", "account": _contact(state)},
        "rules": [{"id": "1", "text": "Be kind.", "hint": ""}],
    }


def instance_v1(state) -> dict:
    s = state.settings
    config = _configuration(state)
    return {
        "uri": state.domain, "title": s.title, "short_description": DESCRIPTION, "description": DESCRIPTION,
        "email": "admin@localhost", "version": s.version,
        "urls": {"streaming_api": _streaming_url(state)} if s.streaming else {},
        "stats": {"user_count": len(state.accounts),
                  "status_count": sum(1 for st in state.statuses.values() if not st.deleted), "domain_count": 0},
        "thumbnail": state.media_url("site_uploads/thumbnail.png"), "languages": ["en"],
        "registrations": s.registrations, "approval_required": False, "invites_enabled": False,
        "configuration": config, "contact_account": _contact(state),
        "rules": [{"id": "1", "text": "Be kind.", "hint": ""}],
    }
