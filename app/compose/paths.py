"""What people type or drop into the "attach a file" field: a path as a terminal pastes it when a file is dragged
onto it ('/a/b c.png', "/a/b c.png", /a/b\\ c.png, file:///a/b%20c.png), or ~/pictures/x.png."""
from __future__ import annotations

import os
import re
import shlex
from urllib.parse import unquote, urlsplit


def typed_path(typed: str) -> str:
    text = typed.strip()
    if not text:
        return ""
    if text.lower().startswith("file://"):
        parts = urlsplit(text)
        text = unquote(parts.path)
    elif text[0] in "'\"" or re.search(r"\\ ", text):
        try:
            words = shlex.split(text)
        except ValueError:
            words = [text.strip("'\"")]
        text = words[0] if len(words) == 1 else text
    return os.path.abspath(os.path.expanduser(text))
