"""Request parameters as Mastodon (Rails) reads them: query string, form-encoded, multipart or JSON body, with
bracket keys (`media_ids[]`, `poll[options][]`, `fields_attributes[0][name]`, `keywords_attributes[][keyword]`)
turned into lists and dicts. Typed getters raise BadRequest/Invalid with Mastodon-style messages; a malformed
request is a 4xx, never a traceback."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

KEY_RE = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
FALSE_VALUES = {"0", "f", "false", "off", "no", "n"}


class BadRequest(Exception):
    """400: the request itself could not be read."""


class BadParam(Exception):
    """422 with this message: a parameter of the wrong type or value."""


def _assign(container, parts, value):
    head, rest = parts[0], parts[1:]
    if head == "":
        if not isinstance(container, list):
            raise BadRequest("Error occurred while parsing request parameters")
        if not rest:
            container.append(value)
            return
        last = container[-1] if container else None
        if isinstance(last, dict) and rest[0] != "" and rest[0] not in last:
            _assign(last, rest, value)
        else:
            child = [] if rest[0] == "" else {}
            container.append(child)
            _assign(child, rest, value)
        return
    if not isinstance(container, dict):
        raise BadRequest("Error occurred while parsing request parameters")
    if not rest:
        container[head] = value
        return
    child = container.get(head)
    if child is None:
        child = [] if rest[0] == "" else {}
        container[head] = child
    if isinstance(child, list) != (rest[0] == ""):
        raise BadRequest("Error occurred while parsing request parameters")
    _assign(child, rest, value)


def nest(items) -> dict:
    """[(key, value)] with bracket keys -> nested dict."""
    root: dict = {}
    for key, value in items:
        m = KEY_RE.match(key)
        if not m:
            root[key] = value
            continue
        parts = [m.group(1)] + re.findall(r"\[([^\[\]]*)\]", m.group(2))
        try:
            _assign(root, parts, value)
        except RecursionError:
            raise BadRequest("Error occurred while parsing request parameters") from None
    return root


async def read_params(request) -> "Params":
    data = nest(request.query_params.multi_items())
    files = {}
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if ctype == "application/json" or (not ctype and body[:1] in (b"{", b"[")):
            if body.strip():
                try:
                    parsed = json.loads(body)
                except (ValueError, UnicodeDecodeError):
                    raise BadRequest("Error occurred while parsing request parameters") from None
                if not isinstance(parsed, dict):
                    raise BadRequest("Error occurred while parsing request parameters")
                data.update(parsed)
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = await request.form(max_files=10, max_fields=2000)
            except Exception:  # multipart parser errors come in several types; all mean "unreadable"
                raise BadRequest("Error occurred while parsing request parameters") from None
            items = []
            for key, value in form.multi_items():
                if hasattr(value, "read") and hasattr(value, "filename"):
                    files[key] = value
                else:
                    items.append((key, value))
            data.update(nest(items))
    return Params(data, files)


def to_bool(value) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() not in FALSE_VALUES
    raise BadParam("Validation failed: invalid boolean")


class Params:
    def __init__(self, data: dict, files: dict | None = None) -> None:
        self.data = data
        self.files = files or {}

    def __contains__(self, key) -> bool:
        return key in self.data

    def raw(self, key, default=None):
        return self.data.get(key, default)

    def str(self, key, default=None, allow_blank=True):
        v = self.data.get(key)
        if v is None:
            return default
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float, str)):
            v = str(v)
            return v if (allow_blank or v.strip()) else default
        raise BadParam(f"Validation failed: {key} must be a string")

    def bool(self, key, default=None):
        try:
            v = to_bool(self.data.get(key))
        except BadParam:
            raise BadParam(f"Validation failed: {key} must be a boolean") from None
        return default if v is None else v

    def int(self, key, default=None):
        v = self.data.get(key)
        if v is None or v == "":
            return default
        if isinstance(v, bool):
            raise BadParam(f"Validation failed: {key} must be a number")
        try:
            return int(v) if not isinstance(v, float) else int(v)
        except (TypeError, ValueError):
            raise BadParam(f"Validation failed: {key} must be a number") from None

    def float(self, key, default=None):
        v = self.data.get(key)
        if v is None or v == "":
            return default
        try:
            return float(v)
        except (TypeError, ValueError):
            raise BadParam(f"Validation failed: {key} must be a number") from None

    def list(self, key, default=None) -> list:
        """`key[]=a&key[]=b`, `key=a` or a JSON array; items must be scalars."""
        v = self.data.get(key)
        if v is None:
            return [] if default is None else default
        if isinstance(v, dict):  # key[0]=a&key[1]=b
            v = [v[k] for k in sorted(v, key=lambda k: (len(k), k))]
        if not isinstance(v, list):
            v = [v]
        out = []
        for item in v:
            if isinstance(item, (dict, list)):
                raise BadParam(f"Validation failed: {key} must be a list of values")
            out.append(str(item) if not isinstance(item, bool) else ("true" if item else "false"))
        return out

    def dict(self, key) -> dict | None:
        v = self.data.get(key)
        if v is None:
            return None
        if not isinstance(v, dict):
            raise BadParam(f"Validation failed: {key} must be an object")
        return v

    def records(self, key) -> list[dict]:
        """`x[0][a]=..`, `x[][a]=..` or a JSON array of objects."""
        v = self.data.get(key)
        if v is None:
            return []
        if isinstance(v, dict):
            v = [v[k] for k in sorted(v, key=lambda k: (len(k), k))]
        if not isinstance(v, list) or not all(isinstance(i, dict) for i in v):
            raise BadParam(f"Validation failed: {key} must be a list of objects")
        return v

    def time(self, key):
        v = self.str(key)
        if not v:
            return None
        try:
            dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            raise BadParam(f"Validation failed: {key} is not a valid time") from None
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
