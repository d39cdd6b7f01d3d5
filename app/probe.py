"""Finding out what a server is before logging in: what the user typed -> a base URL, and whether a
Mastodon-compatible server answers there. Each way this can fail has its own LoginError kind and sentence."""
from __future__ import annotations

import re
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from api.urls import is_loopback
from app import APP_NAME
from app.accounts import canonical_base_url


class LoginError(Exception):
    """kind: bad_instance, insecure, unknown_host, refused, tls, timeout, network, not_mastodon, server_error,
    registration_refused, wrong_code, state_mismatch, password_unsupported, wrong_password, revoked,
    scope_denied. `retry` says whether trying the same step again (e.g. pasting the code again) can work."""

    def __init__(self, kind: str, message: str, retry: bool = False):
        super().__init__(message)
        self.kind, self.retry = kind, retry


_HOST = re.compile(r"^[a-z0-9._~-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$", re.I)


def normalise_instance(text: str) -> tuple[str, str | None]:
    """What the user typed -> (base URL, username if they gave one). Accepts "mastodon.social",
    "https://mastodon.social/", "@alice@mastodon.social", "alice@mastodon.social" and profile URLs
    ("https://mastodon.social/@alice"). Without a scheme, https is assumed."""
    raw = text.strip()
    username = None
    if not raw:
        raise LoginError("bad_instance", "Type the address of your server, such as mastodon.social.")
    if "://" not in raw and "@" in raw:
        user, _, host = raw.lstrip("@").rpartition("@")
        if not user or not host or "/" in host:
            raise LoginError("bad_instance", f"{raw!r} is not an account address like @alice@mastodon.social.")
        username, raw = user, host
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https"):
        raise LoginError("bad_instance", f"{text.strip()!r}: only https:// (or http:// for a local server) works.")
    netloc = parts.netloc.rpartition("@")[2]
    try:
        host = netloc.encode("idna").decode("ascii") if not netloc.startswith("[") else netloc
    except UnicodeError:
        host = netloc
    if not host or not _HOST.match(host):
        raise LoginError("bad_instance", f"{text.strip()!r} is not a server address.")
    bare = host.split("]")[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
    if parts.scheme == "http" and not is_loopback(bare):
        raise LoginError("insecure", f"tootty will not log in to {bare} over plain http://: your token would "
                                     "cross the network unencrypted. Use https://.")
    profile = re.match(r"^/@([A-Za-z0-9_.-]+)/?$", parts.path)
    if profile and username is None:
        username = profile.group(1)
    try:
        base = canonical_base_url(f"{parts.scheme}://{host}")
    except ValueError:
        raise LoginError("bad_instance", f"{text.strip()!r} is not a server address.") from None
    return base, username


@dataclass
class InstanceInfo:
    base_url: str
    domain: str
    title: str
    version: str
    max_characters: int | None = None
    grant_types: list[str] | None = None  # from /.well-known/oauth-authorization-server; None: not published
    pkce_methods: list[str] | None = None

    @property
    def password_grant(self) -> bool | None:
        """True/False when the server says; None when it does not publish its grants (older than 4.3)."""
        return None if self.grant_types is None else "password" in self.grant_types


def _network_error(exc: Exception, base_url: str) -> LoginError:
    parts = urlsplit(base_url)
    host = parts.hostname or base_url
    if parts.hostname and parts.port:  # "127.0.0.1 refused" hid which port was tried
        host = f"{parts.hostname}:{parts.port}"
    causes, cause = [], exc
    while cause is not None and len(causes) < 10:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.TimeoutException):
        return LoginError("timeout", f"{host} did not answer in time. Check the address, or try again later.",
                          retry=True)
    for c in causes:
        if isinstance(c, socket.gaierror):
            return LoginError("unknown_host", f"Unknown host {host}: no server has that name. Check the spelling.")
        if isinstance(c, ConnectionRefusedError):
            return LoginError("refused", f"{host} refused the connection: nothing is listening there.", retry=True)
        if isinstance(c, ssl.SSLCertVerificationError):
            reason = getattr(c, "verify_message", "") or "it could not be verified"
            return LoginError("tls", f"The TLS certificate of {host} is not valid ({reason}). "
                                     "Someone may be intercepting the connection; tootty will not log in there.")
        if isinstance(c, ssl.SSLError):
            return LoginError("tls", f"The secure (TLS) connection to {host} failed ({c.reason or c}). "
                                     "If it is a local server without TLS, use http://.")
    return LoginError("network", f"Could not reach {host}: {exc or type(exc).__name__}.", retry=True)


def _get_json(client: httpx.Client, url: str, base_url: str):
    try:
        response = client.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise _network_error(exc, base_url) from None
    try:
        data = response.json() if response.status_code == 200 else None
    except ValueError:
        data = None
    return response, data


def probe_instance(base_url: str, *, timeout: float = 20.0, verify: bool | str = True,
                   client: httpx.Client | None = None) -> InstanceInfo:
    """Check that `base_url` is a Mastodon-compatible server (GET /api/v2/instance, else v1) and read what
    the login needs. Raises LoginError with the specific reason."""
    own = client is None
    client = client or httpx.Client(timeout=timeout, verify=verify, follow_redirects=True,
                                    headers={"User-Agent": f"{APP_NAME}"})
    host = urlsplit(base_url).netloc
    try:
        data = None
        for path in ("/api/v2/instance", "/api/v1/instance"):
            response, data = _get_json(client, base_url + path, base_url)
            if response.status_code >= 500:
                raise LoginError("server_error", f"{host} has a problem right now (HTTP {response.status_code}). "
                                                 "Try again later.", retry=True)
            if isinstance(data, dict) and ("domain" in data or "uri" in data) and "version" in data:
                break
            data = None
        if data is None:
            raise LoginError("not_mastodon", f"{host} is not a Mastodon-compatible server: it does not answer "
                                             "/api/v1/instance. Check the address of your server.")
        # A redirect (example.com -> social.example.com) means the API lives at the final host.
        final = response.url
        base_url = canonical_base_url(f"{final.scheme}://{final.netloc.decode('ascii')}")
        info = InstanceInfo(base_url=base_url, domain=str(data.get("domain") or data.get("uri") or host),
                            title=str(data.get("title") or ""), version=str(data.get("version") or ""))
        try:
            info.max_characters = int(data["configuration"]["statuses"]["max_characters"])
        except (KeyError, TypeError, ValueError):
            pass
        response, meta = _get_json(client, base_url + "/.well-known/oauth-authorization-server", base_url)
        if isinstance(meta, dict):
            grants = meta.get("grant_types_supported")
            info.grant_types = [str(g) for g in grants] if isinstance(grants, list) else None
            methods = meta.get("code_challenge_methods_supported")
            info.pkce_methods = [str(m) for m in methods] if isinstance(methods, list) else None
        return info
    finally:
        if own:
            client.close()
