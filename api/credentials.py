"""Credentials: the files `create_app(to_file=...)` and `log_in(to_file=...)` write and the constructor reads, and
`bearer_header`, the one place a token becomes an Authorization header (REST, WebSocket and SSE alike).

Read: the seed's 1.0.7 forms (client file: id, secret; user file: token) and the current 4-line forms
(client: id, secret, base_url, client_name; user: token, base_url, client_id, client_secret).
Write: the 4-line forms, atomically (api.files.atomic_write) with mode 0600, so a crash never leaves half a
file and no other user can read it. Errors never quote the file's content.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import MastodonFileNotFoundError, MastodonIllegalArgumentError
from .files import atomic_write


@dataclass
class ClientCredentials:
    client_id: str
    client_secret: str | None = None
    api_base_url: str | None = None
    client_name: str | None = None

    def __repr__(self) -> str:  # never show the secret
        return f"ClientCredentials(client_id={self.client_id!r}, client_secret='***', api_base_url={self.api_base_url!r})"


@dataclass
class UserCredentials:
    access_token: str
    api_base_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    def __repr__(self) -> str:  # never show a token
        return f"UserCredentials(access_token='***', api_base_url={self.api_base_url!r})"


def _lines(path: str | os.PathLike) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MastodonFileNotFoundError(f"credential file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MastodonFileNotFoundError(f"cannot read credential file {path}: {type(exc).__name__}") from None
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if not lines or not lines[0] or any(" " in line for line in lines[:2]):
        raise MastodonIllegalArgumentError(f"credential file {path} is not in a format this library writes")
    return lines


def _url(value: str | None, path) -> str | None:
    if not value:
        return None
    if not value.startswith(("http://", "https://")):
        raise MastodonIllegalArgumentError(f"credential file {path} holds an API base URL that is not http(s)")
    return value.rstrip("/")


def read_client_file(path: str | os.PathLike) -> ClientCredentials:
    lines = _lines(path)
    if len(lines) < 2:
        raise MastodonIllegalArgumentError(f"client credential file {path} needs at least an id and a secret")
    return ClientCredentials(lines[0], lines[1] or None, _url(lines[2] if len(lines) > 2 else None, path),
                             lines[3] if len(lines) > 3 else None)


def read_user_file(path: str | os.PathLike) -> UserCredentials:
    lines = _lines(path)
    return UserCredentials(lines[0], _url(lines[1] if len(lines) > 1 else None, path),
                           lines[2] if len(lines) > 2 and lines[2] else None,
                           lines[3] if len(lines) > 3 and lines[3] else None)


def write_secret_file(path: str | os.PathLike, lines: list[str | None]) -> None:
    atomic_write(Path(path), "".join(f"{line or ''}\n" for line in lines).encode("utf-8"), mode=0o600)


def write_client_file(path, creds: ClientCredentials) -> None:
    write_secret_file(path, [creds.client_id, creds.client_secret, creds.api_base_url, creds.client_name])


def write_user_file(path, creds: UserCredentials) -> None:
    write_secret_file(path, [creds.access_token, creds.api_base_url, creds.client_id, creds.client_secret])


def looks_like_file(value: str | None) -> bool:
    """A constructor argument that names a file rather than holding a secret: an existing file, a name ending
    in .secret, or a path into an existing folder. (Some servers' tokens contain '/', so a slash alone is not
    enough: 'abc/def' is a token unless the folder 'abc' exists.)"""
    if not value:
        return False
    if os.path.isfile(value) or value.endswith(".secret"):
        return True
    return os.sep in value and os.path.isdir(os.path.dirname(value) or ".")


def bearer_header(token: str | None) -> dict:
    """{"Authorization": "Bearer <token>"}, or {} without a token. A token no header can carry (a line break,
    a control or non-ASCII character: a paste gone wrong) is refused here with a message that does not quote it;
    left to them, httpx, h11 and websockets quote the whole header, token included, in their errors."""
    if not token:
        return {}
    if not (token.isascii() and token.isprintable()):
        raise MastodonIllegalArgumentError(
            "the access token contains characters an HTTP header cannot carry (a stray line break?)")
    return {"Authorization": f"Bearer {token}"}
