"""tootty's terminal application: the Textual app, its screens and workers, settings, storage and command line.

The storage, configuration, login and command-line modules here never import textual, so they can be used and
tested without a running app (tests/appcore/).
"""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("tootty")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "tootty"
