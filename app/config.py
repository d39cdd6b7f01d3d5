"""The user's configuration: config.toml in the config directory (app.paths), read once at start.

Every setting has a default, so a missing file or a missing key is never an error. A file that is not valid TOML,
or a value of the wrong type, raises ConfigError with a message naming the file, the line and the key; unknown
keys (a typo, or a setting from a newer version) are collected in `Config.warnings` and otherwise ignored.

    theme = "nord"                      # a Textual theme name
    time = "relative"                   # or "absolute" (local clock time)
    default_visibility = "unlisted"     # public, unlisted, private, direct
    default_language = "en"             # ISO 639 code; empty = let the server decide

    [open]
    links = "firefox {url}"             # empty = $BROWSER, or print the URL where there is no display
    media = "mpv {url}"                 # empty = same as links

    [keys]                              # binding id = key or list of keys (Textual key names); an id
                                        # no screen defines is warned about in the App (app/keymap.py)
    "timeline.reply" = ["r", "ctrl+r"]

    [confirm]                           # ask before these actions
    boost = false
    delete = true

    [pace]
    polling_share = 0.5                 # share of the server's rate budget that background polling may use
    min_poll_seconds = 15

    [notifications]
    types = ["mention", "follow"]       # show only these types; empty = all
"""
from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

VISIBILITIES = ("public", "unlisted", "private", "direct")
TIME_STYLES = ("relative", "absolute")
# Notification types Mastodon sends today. Types outside this list are warned about, not rejected: servers add
# types (quote, quoted_update, ...) faster than clients learn them.
NOTIFICATION_TYPES = (
    "mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "admin.sign_up",
    "admin.report", "severed_relationships", "moderation_warning", "annual_report", "quote", "quoted_update",
)
DEFAULT_THEME = "textual-dark"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class ConfigError(Exception):
    """The config file cannot be used. `str(error)` is one line meant for the user."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None, key: str | None = None):
        self.path, self.line, self.key, self.detail = path, line, key, message
        where = str(path) if path else "config"
        if line:
            where += f", line {line}"
        if key:
            where += f", {key}"
        super().__init__(f"{where}: {message}")


@dataclass
class Confirmations:
    """Actions that ask "are you sure?" first. The defaults guard what is hard to undo or visible to others."""

    boost: bool = False
    unboost: bool = False
    favourite: bool = False
    delete: bool = True
    redraft: bool = True
    unfollow: bool = True
    block: bool = True
    mute: bool = True
    logout: bool = True
    discard_draft: bool = True


@dataclass
class Pace:
    """How hard background polling may use the rate budget (the server allows ~300 calls per 5 minutes)."""

    polling_share: float = 0.5
    min_poll_seconds: float = 15.0


@dataclass
class Opener:
    """Commands for opening links and media. `{url}` is replaced by the (quoted) URL; without it the URL is
    appended. Empty means the default: $BROWSER / the desktop browser, or printing the URL over SSH."""

    links: str = ""
    media: str = ""

    def command(self, kind: str, url: str) -> list[str] | None:
        """The argv that opens `url` (kind "links" or "media"), or None for the default opener."""
        template = (self.media if kind == "media" else "") or self.links
        if not template:
            return None
        argv = shlex.split(template)
        if any("{url}" in arg for arg in argv):
            return [arg.replace("{url}", url) for arg in argv]
        return argv + [url]


@dataclass
class NotificationFilter:
    types: list[str] = field(default_factory=list)

    def shows(self, notification_type: str) -> bool:
        return not self.types or notification_type in self.types


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    time: str = "relative"
    default_visibility: str = "public"
    default_language: str = ""
    open: Opener = field(default_factory=Opener)
    keys: dict[str, str] = field(default_factory=dict)
    confirm: Confirmations = field(default_factory=Confirmations)
    pace: Pace = field(default_factory=Pace)
    notifications: NotificationFilter = field(default_factory=NotificationFilter)
    # Where it came from and what was odd about it; not settings.
    path: Path | None = field(default=None, compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def relative_time(self) -> bool:
        return self.time == "relative"

    def confirms(self, action: str) -> bool:
        """Whether `action` (a Confirmations field name) asks first; unknown actions ask, to be safe."""
        return bool(getattr(self.confirm, action, True))


def load_config(path: Path | str | None = None, *, must_exist: bool = False,
                themes: Iterable[str] | None = None) -> Config:
    """Read the config file at `path` (default: config.toml in the config directory).

    A missing file gives the defaults, unless `must_exist` (the user named the file with --config). `themes` are
    the valid theme names (default: Textual's built-in themes); an unknown theme is a warning and the default
    theme is used, since a theme is cosmetic and must not stop the app.
    """
    from app.paths import config_file

    path = Path(path).expanduser() if path is not None else config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if must_exist:
            raise ConfigError("file not found", path) from None
        return Config(path=path)
    except IsADirectoryError:
        raise ConfigError("is a directory, not a file", path) from None
    except OSError as e:
        raise ConfigError(f"cannot read it ({e.strerror})", path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ConfigError("not UTF-8 text", path, line) from None
    return parse_config(text, path, themes=themes)


def parse_config(text: str, path: Path | None = None, *, themes: Iterable[str] | None = None) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        line = int(match.group(1)) if match else None
        detail = message[: match.start()].strip() if match else message
        if match:
            detail += f" (column {match.group(2)})"
        raise ConfigError(f"not valid TOML: {detail}", path, line) from None
    return _Reader(data, text, path).read(themes)


class _Reader:
    """Turns the parsed TOML into a Config, checking each value and remembering what it did not know."""

    def __init__(self, data: dict, text: str, path: Path | None):
        self.data, self.lines, self.path = data, text.splitlines(), path
        self.warnings: list[str] = []

    def read(self, themes: Iterable[str] | None) -> Config:
        data = dict(self.data)
        config = Config(path=self.path)
        config.theme = self.string(data, "", "theme", config.theme)
        config.time = self.choice(data, "", "time", config.time, TIME_STYLES)
        config.default_visibility = self.choice(data, "", "default_visibility", config.default_visibility,
                                                VISIBILITIES)
        config.default_language = self.string(data, "", "default_language", "").strip().lower()
        if config.default_language and not _LANGUAGE.match(config.default_language):
            self.fail("", "default_language", "expected an ISO 639 language code such as \"en\" or \"de\"")
        config.open = self.opener(self.table(data, "open"))
        config.keys = self.keys(self.table(data, "keys"))
        config.confirm = self.flags(self.table(data, "confirm"), "confirm", Confirmations())
        config.pace = self.pace(self.table(data, "pace"))
        config.notifications = self.notifications(self.table(data, "notifications"))
        for key in data:
            self.unknown("", key)
        config.theme = self.theme(config.theme, themes)
        config.warnings = self.warnings
        return config

    # -- helpers -------------------------------------------------------------------------------------------------

    def line_of(self, table: str, key: str) -> int | None:
        """The line where `key` is set inside `[table]` ("" = top level). tomllib does not report positions of
        values, so find it in the text; good enough for a message, and None when it cannot tell."""
        current = ""
        key_pattern = re.compile(r'^\s*(?:"%s"|\'%s\'|%s)\s*=' % ((re.escape(key),) * 3))
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
            if header:
                current = header.group(1).strip().strip('"')
                continue
            if current == table and key_pattern.match(line):
                return number
        return None

    def name(self, table: str, key: str) -> str:
        return f"[{table}] {key}" if table else key

    def fail(self, table: str, key: str, message: str):
        raise ConfigError(message, self.path, self.line_of(table, key), self.name(table, key))

    def warn(self, table: str, key: str, message: str) -> None:
        """A warning prefixed with the line of `key` when it can be found."""
        line = self.line_of(table, key)
        self.warnings.append(f"line {line}: {message}" if line else message)

    def unknown(self, table: str, key: str) -> None:
        self.warn(table, key, f"unknown setting {self.name(table, key)} ignored")

    def table(self, data: dict, name: str) -> dict:
        value = data.pop(name, {})
        if not isinstance(value, dict):
            self.fail("", name, f"expected a table [{name}], got {_kind(value)}")
        return dict(value)

    def string(self, data: dict, table: str, key: str, default: str) -> str:
        if key not in data:
            return default
        value = data.pop(key)
        if not isinstance(value, str):
            self.fail(table, key, f"expected a string, got {_kind(value)}")
        return value

    def choice(self, data: dict, table: str, key: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.string(data, table, key, default)
        if value not in choices:
            self.fail(table, key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def number(self, data: dict, table: str, key: str, default: float, low: float, high: float) -> float:
        if key not in data:
            return default
        value = data.pop(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(table, key, f"expected a number, got {_kind(value)}")
        if not low <= value <= high:
            self.fail(table, key, f"expected a number from {low:g} to {high:g}, got {value:g}")
        return float(value)

    def flags(self, data: dict, table: str, target: Any) -> Any:
        known = {f.name for f in fields(target)}
        for key, value in data.items():
            if key not in known:
                self.unknown(table, key)
            elif not isinstance(value, bool):
                self.fail(table, key, f"expected true or false, got {_kind(value)}")
            else:
                setattr(target, key, value)
        return target

    def opener(self, data: dict) -> Opener:
        opener = Opener(links=self.string(data, "open", "links", ""), media=self.string(data, "open", "media", ""))
        for key, command in (("links", opener.links), ("media", opener.media)):
            try:
                shlex.split(command)
            except ValueError as e:
                self.fail("open", key, f"cannot split the command into words: {e}")
        for key in data:
            self.unknown("open", key)
        return opener

    def keys(self, data: dict) -> dict[str, str]:
        # Which action ids exist is known only to the screens; they warn about ids they do not define.
        keys: dict[str, str] = {}
        for action, value in data.items():
            if isinstance(value, str):
                value = [value]
            if (not isinstance(value, list) or not value
                    or not all(isinstance(k, str) and k.strip() and "," not in k for k in value)):
                self.fail("keys", action, 'expected a key name or a list of key names, such as "r" or ["r", "ctrl+r"]')
            keys[action] = ",".join(k.strip() for k in value)
        return keys

    def pace(self, data: dict) -> Pace:
        pace = Pace()
        pace.polling_share = self.number(data, "pace", "polling_share", pace.polling_share, 0.05, 1.0)
        pace.min_poll_seconds = self.number(data, "pace", "min_poll_seconds", pace.min_poll_seconds, 1, 3600)
        for key in data:
            self.unknown("pace", key)
        return pace

    def notifications(self, data: dict) -> NotificationFilter:
        result = NotificationFilter()
        if "types" in data:
            types = data.pop("types")
            if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
                self.fail("notifications", "types", "expected a list of notification types, such as [\"mention\"]")
            for t in types:
                if t not in NOTIFICATION_TYPES:
                    self.warnings.append(f"[notifications] types: {t!r} is not a notification type tootty knows")
            result.types = list(types)
        for key in data:
            self.unknown("notifications", key)
        return result

    def theme(self, theme: str, themes: Iterable[str] | None) -> str:
        if themes is None:
            from textual.theme import BUILTIN_THEMES

            themes = BUILTIN_THEMES
        themes = list(themes)
        if theme not in themes:
            self.warn("", "theme", f"unknown theme {theme!r}, using {DEFAULT_THEME} "
                                   f"(themes: {', '.join(sorted(themes))})")
            return DEFAULT_THEME
        return theme


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list",
             dict: "a table"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return f"{name} ({value!r})" if kind is not dict and kind is not list else name
    return type(value).__name__


DEFAULT_CONFIG_TEXT = """\
# tootty settings. Every line is optional: delete what you do not change.
# `tootty config` checks this file; a mistake is reported with its line.

theme = "textual-dark"          # a Textual theme: nord, gruvbox, dracula, tokyo-night, textual-light, ...
time = "relative"               # "relative" (5m) or "absolute" (14:05 today, Jan 31 14:05, 2025-01-31 14:05)
default_visibility = "public"   # public, unlisted, private (followers only) or direct
default_language = ""           # ISO 639 code of what you write ("en", "de"); empty: the server decides

[open]
links = ""                      # command for links, e.g. "firefox {url}"; empty: $BROWSER, or show the URL (SSH)
media = ""                      # command for images and video, e.g. "mpv {url}"; empty: as links

[keys]
# action id = key or list of keys, e.g. "timeline.reply" = ["r", "ctrl+r"]. The help screen (?) lists the ids.

[confirm]                       # ask "are you sure?" before these
boost = false
unboost = false
favourite = false
delete = true
redraft = true
unfollow = true
block = true
mute = true
logout = true
discard_draft = true

[pace]
polling_share = 0.5             # share (0.05 to 1) of the server's rate limit that background refreshes may use
min_poll_seconds = 15           # never poll a timeline more often than this

[notifications]
types = []                      # show only these types, e.g. ["mention", "follow"]; empty: all
"""


def key_overrides(config: Config, known_actions: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Split the [keys] table into overrides for actions that exist and warnings for ids that do not, given the
    binding ids the screens define (app/keymap.py collects them; Textual would silently ignore an unknown id)."""
    good = {k: v for k, v in config.keys.items() if k in known_actions}
    bad = [f"[keys] {k}: no such action (see the help screen for action ids)" for k in config.keys
           if k not in known_actions]
    return good, bad
