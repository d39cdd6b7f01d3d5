"""tootty's terminal application: the Textual app, its screens and workers, settings, storage and command line.

The storage, configuration, login and command-line modules here never import textual, so they can be used and
tested without a running app (tests/appcore/).
"""

APP_NAME = "tootty"


def __getattr__(name: str) -> str:
    # The version is looked up only when asked for (--version, crash reports): importlib.metadata costs ~15 ms of
    # every start-up otherwise.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("tootty")
        except PackageNotFoundError:  # running from a source tree that was never installed
            value = "0.1.0"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'app' has no attribute {name!r}")
