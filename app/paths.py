"""Where tootty keeps its files.

config dir: config.toml and accounts.json (credentials). data dir: drafts. state dir: logs and the demo's data.
The platformdirs locations can be overridden with TOOTTY_CONFIG_DIR, TOOTTY_DATA_DIR and TOOTTY_STATE_DIR, which
the tests use to point everything at a temporary directory. Every directory is created mode 0700: credentials
and drafts are private, and a directory others can list would leak account names and draft titles.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from app import APP_NAME

_ENV = {
    "config": "TOOTTY_CONFIG_DIR",
    "data": "TOOTTY_DATA_DIR",
    "state": "TOOTTY_STATE_DIR",
}


def _default(kind: str) -> Path:
    if kind == "config":
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    if kind == "data":
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) with mode 0700, and tighten it to 0700 if it already exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode != 0o700:
            os.chmod(path, 0o700)
    return path


def _dir(kind: str, env: Mapping[str, str] | None, create: bool) -> Path:
    env = os.environ if env is None else env
    override = env.get(_ENV[kind])
    path = Path(override).expanduser() if override else _default(kind)
    return private_dir(path) if create else path


def config_dir(env: Mapping[str, str] | None = None, create: bool = True) -> Path:
    return _dir("config", env, create)


def data_dir(env: Mapping[str, str] | None = None, create: bool = True) -> Path:
    return _dir("data", env, create)


def state_dir(env: Mapping[str, str] | None = None, create: bool = True) -> Path:
    return _dir("state", env, create)


def config_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env, create=False) / "config.toml"


def accounts_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "accounts.json"


def drafts_dir(env: Mapping[str, str] | None = None) -> Path:
    return private_dir(data_dir(env) / "drafts")



def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a reader (or the next start after a crash or kill -9) sees either the
    old file or the new one, never a mix: write a temporary file in the same directory, fsync it, rename it over
    the target, then fsync the directory so the rename itself is durable. The file is created with `mode` from
    the start (not chmod-ed after writing), so a secret is never readable by others even for a moment.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in `directory` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        dfd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def remove_stale_temp_files(directory: Path, min_age: float = 600.0) -> None:
    """Temporary files left by a writer killed between creating and renaming them hold nothing that the target
    file does not (the target is only replaced once the temp file is complete), so they are safe to delete.
    Only old ones are removed: a young one may belong to another tootty process that is writing right now."""
    import time

    now = time.time()
    for tmp in Path(directory).glob(".*.tmp"):
        try:
            if now - tmp.stat().st_mtime >= min_age:
                tmp.unlink()
        except OSError:
            pass
