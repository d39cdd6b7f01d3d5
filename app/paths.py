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

from api.files import atomic_write, fsync_dir  # noqa: F401 - app's storage writes through the api's primitive
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
