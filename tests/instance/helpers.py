"""Small helpers for the instance's own tests: an authenticated httpx client and PKCE values."""
from __future__ import annotations

import base64
import hashlib
import secrets

import httpx


def client(inst, user: str | None = "demo", token: str | None = None, **kw) -> httpx.Client:
    headers = {}
    tok = token or (inst.tokens[user] if user else None)
    if tok:
        headers["Authorization"] = f"Bearer {tok}"
    return httpx.Client(base_url=inst.base_url, headers=headers, timeout=kw.pop("timeout", 10), **kw)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def links(response) -> dict:
    """rel -> URL from a Link header (parsed by httpx)."""
    return {rel: v["url"] for rel, v in response.links.items()}
