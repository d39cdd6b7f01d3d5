"""Crash reports: what an exception nobody caught leaves behind, for the App and the command line alike.

    path = write_crash_report(error, secrets=[token])   # the traceback, in a 0600 file in the state directory
    print(crash_message(error, path))                  # one line for the user, naming that file

The traceback is written without local variables (Textual's own report shows them, and they may hold a token or
a stranger's text). Exception messages can still quote a secret (a URL with ?access_token=, a header), so every
secret the caller knows and anything shaped like a bearer token or token parameter is masked before writing.
Writing a report must never cause a second error: on any failure the path is None and the user still gets the
sentence.
"""
from __future__ import annotations

import re
import traceback
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

MASK = "***"
# Credentials that can appear in an error text whatever the caller knows: an Authorization header, a token or
# secret passed as a query or form parameter, a JSON field.
_SHAPES = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/\-]+=*"),
    re.compile(r"(?i)((?:\w*token|client_secret|code_verifier|password)"
               r"[\"']?\s*[=:]\s*[\"']?)[^\"'&\s,}]+"),
)


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with every given secret (longest first, so one containing another is masked whole) and every
    credential-shaped run replaced by ***."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    for shape in _SHAPES:
        text = shape.sub(lambda m: m.group(1) + MASK, text)
    return text


def write_crash_report(error: BaseException | None, secrets: Iterable[str | None] = (),
                       directory: Path | None = None) -> Path | None:
    """The traceback of `error` (no locals, secrets masked) in a new 0600 file under the state directory's
    crashes/ (or `directory`); its path, or None when it could not be written."""
    try:
        from app import APP_NAME, __version__
        from app.paths import atomic_write, private_dir, state_dir

        lines = traceback.format_exception(error) if error is not None else ["no exception recorded\n"]
        now = datetime.now(timezone.utc)
        text = f"{APP_NAME} {__version__}, {now.isoformat(timespec='seconds')}\n" + "".join(lines)
        folder = private_dir(directory if directory is not None else state_dir() / "crashes")
        path = folder / f"crash-{now:%Y%m%dT%H%M%S}-{now.microsecond:06d}.txt"
        atomic_write(path, scrub(text, secrets).encode("utf-8", "replace"))
        return path
    except Exception:  # noqa: BLE001 - a crash report must never cause another error
        return None


def crash_message(error: BaseException | None, path: Path | None, note: str = "") -> str:
    """One line for the user: what happened in words, `note` (what was kept), and where the details are."""
    name = type(error).__name__ if error is not None else "error"
    text = f"tootty stopped after an unexpected error ({name})." + (f" {note}" if note else "")
    if path is not None:
        return f"{text} Details for a bug report: {path}"
    return f"{text} (A crash report could not be written.)"
