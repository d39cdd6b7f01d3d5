"""Composing in $EDITOR: the text goes to a private temporary file, the editor runs (the app suspends around
it), and the file is read back. A failing editor loses nothing: the form keeps its text, and whatever was saved
to the file before the editor failed is kept on disk and named in the error."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from app.paths import data_dir, private_dir

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")


class EditorError(Exception):
    """The editor could not run or failed. `kept` is the file holding what was written, if anything."""

    def __init__(self, message: str, kept: Path | None = None):
        super().__init__(message)
        self.kept = kept


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """$VISUAL, else $EDITOR (either may carry arguments: "code --wait"), else the first editor found."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError as e:
                raise EditorError(f"${name} cannot be split into words ({e}): {value!r}") from None
            if argv:
                return argv
    for candidate in FALLBACK_EDITORS:
        if shutil.which(candidate):
            return [candidate]
    raise EditorError("No editor found: set $EDITOR (for example EDITOR=nano).")


def _scratch_dir(directory: Path | None) -> Path:
    # Inside the private data directory, not /tmp: a draft is private, and a file there survives a reboot.
    return private_dir(Path(directory) if directory else data_dir() / "editing")


def edit_text(text: str, *, env: Mapping[str, str] | None = None, directory: Path | None = None,
              run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> str:
    """Run the editor on `text`; return what the user saved. Raises EditorError (the caller keeps `text`)."""
    argv = editor_command(env)
    folder = _scratch_dir(directory)
    path = folder / f"toot-{os.getpid()}-{os.urandom(3).hex()}.md"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") or not text else text + "\n")
    try:
        result = run([*argv, str(path)], env=dict(env) if env is not None else None)
    except (OSError, subprocess.SubprocessError) as e:
        path.unlink(missing_ok=True)
        raise EditorError(f"Could not start the editor {argv[0]!r}: {getattr(e, 'strerror', None) or e}") from None
    try:
        written = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise EditorError(f"Could not read back what the editor saved ({e}); the file is {path}", path) from None
    if result.returncode != 0:
        changed = written.rstrip("\n") != text.rstrip("\n")
        if not changed:
            path.unlink(missing_ok=True)
        raise EditorError(f"The editor {argv[0]!r} failed (exit status {result.returncode}); the text in the form "
                          "is unchanged" + (f", and what it saved is kept in {path}" if changed else "") + ".",
                          path if changed else None)
    path.unlink(missing_ok=True)
    # Editors end the file with a newline the user did not mean as part of the status.
    return written[:-1] if written.endswith("\n") else written
