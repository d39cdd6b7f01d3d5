"""Opening URLs: in the user's browser where there is a display, printed where there is none (SSH).

Used by the login flow (the authorization page) and by the screens (links, media). Never launches a console
browser into the terminal tootty is drawing on: without a display nothing is started and the caller shows the URL.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping


def has_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a graphical browser can appear in front of the user. Over SSH the browser would open on the
    remote machine (or nowhere), so an SSH session counts as having no display even with X forwarding."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("SSH_CONNECTION") or env.get("SSH_CLIENT") or env.get("SSH_TTY"):
        return False
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _launch(argv: list[str]) -> bool:
    if not argv or not shutil.which(argv[0]):
        return False
    try:
        # Detached and silent: a browser's chatter must not land on tootty's screen, and closing tootty must
        # not close the browser.
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        return False
    return True


def browser_commands(url: str, env: Mapping[str, str]) -> list[list[str]]:
    """$BROWSER's candidates (separated like PATH; "%s" marks where the URL goes, else it is appended)."""
    commands = []
    for entry in env.get("BROWSER", "").split(os.pathsep):
        try:
            argv = shlex.split(entry)
        except ValueError:
            continue
        if argv:
            commands.append([a.replace("%s", url) for a in argv] if any("%s" in a for a in argv) else argv + [url])
    return commands


def open_url(url: str, command: list[str] | None = None, env: Mapping[str, str] | None = None,
             platform: str | None = None) -> bool:
    """Try to show `url` in a browser; True if one was started. `command` is the user's configured opener
    (config [open]) and is used as given. Otherwise: nothing without a display, else $BROWSER, else the
    platform's default browser. The caller prints or shows the URL whenever this returns False."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if command:
        return _launch(command)
    if not has_display(env, platform):
        return False
    for argv in browser_commands(url, env):
        if _launch(argv):
            return True
    if env.get("BROWSER"):
        return False  # the user chose a browser that is not there: do not surprise them with another one
    if platform.startswith("linux") or "bsd" in platform:
        if _launch(["xdg-open", url]):
            return True
    import webbrowser

    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return False
    # webbrowser falls back to console browsers when it finds no graphical one; they would draw over tootty.
    if getattr(controller, "name", "") in _CONSOLE_BROWSERS:
        return False
    try:
        return bool(controller.open(url, new=2))
    except webbrowser.Error:
        return False


_CONSOLE_BROWSERS = {"www-browser", "links", "elinks", "lynx", "w3m", "links2", "browsh"}
