"""OAuth helpers: PKCE (RFC 7636, S256), state, and the out-of-band redirect used over SSH."""
from __future__ import annotations

import base64
import hashlib
import secrets

OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
DEFAULT_SCOPES = ("read", "write", "follow")


def make_code_verifier() -> str:
    """64 characters from the unreserved set, well inside RFC 7636's 43..128."""
    return secrets.token_urlsafe(48)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_state() -> str:
    return secrets.token_urlsafe(24)


def scope_string(scopes) -> str:
    if isinstance(scopes, str):
        return " ".join(scopes.split())
    return " ".join(scopes)
