"""The `tootty` command line.

Every failure ends as one line on stderr and an exit code, never a traceback (an unexpected error writes its
traceback to a private file in the state directory and names that file: app/crash.py).
"""
from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = f"""\
commands:
  (none)            open the app for the active account (or --account)
  demo              run a local Mastodon-compatible instance with living sample data, log in, open the app
  login [INSTANCE]  log in to a server (mastodon.social, https://host, @you@host); adds an account
  logout [ACCOUNT]  revoke the token at the server and forget the account (default: the active one)
  accounts          list the accounts; --use ACCOUNT makes one active
  config            check the config file; --init creates one with every setting at its default

  `{APP_NAME} COMMAND --help` describes each command's options.

files:
  config.toml and accounts.json (mode 0600) in the config directory, drafts in the data directory:
  run `{APP_NAME} accounts --paths` to see where they are.

environment:
  TOOTTY_CONFIG_DIR, TOOTTY_DATA_DIR, TOOTTY_STATE_DIR   use these directories instead of the standard ones
  NO_COLOR          set (to anything) for a monochrome display, as does --no-color
  BROWSER           the browser for login pages and links (never started over SSH or without a display)

exit codes:
  0 success   1 the operation failed (network, server, login)   2 bad usage or a broken config file
  130 interrupted (Ctrl-C)
"""


class CLIError(Exception):
    """A failure to report in one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


class _Version(argparse.Action):
    """--version, looking the version up only when asked (importlib.metadata costs every start-up ~15 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        import app

        print(f"{APP_NAME} {app.__version__}")  # to stdout, as argparse's own version action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="A full-screen, keyboard-driven Mastodon client for the terminal.")
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE instead of config.toml")
    parser.add_argument("--account", metavar="ACCOUNT",
                        help="open the app as ACCOUNT (user@host) instead of the active account")
    parser.add_argument("--no-color", action="store_true", help="monochrome display (same as NO_COLOR=1)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help="run the local demo instance and open the app on it",
        description="Start a local Mastodon-compatible instance on 127.0.0.1 with seeded, living data, log in "
                    "as the demo user through the instance's OAuth endpoints, and open the app. Nothing leaves "
                    "your machine; the demo account is not added to your accounts.")
    demo.add_argument("--serve-only", action="store_true",
                      help="only run the instance: print its URL and the demo login, serve until Ctrl-C")
    demo.add_argument("--port", type=int, default=0, metavar="N", help="listen on port N (default: any free)")
    demo.add_argument("--db", metavar="FILE", help="keep the instance's data in FILE (SQLite) across runs")

    login = commands.add_parser(
        "login", help="log in to a server and add the account",
        description="Log in with the server's authorization page: the link opens in your browser (or is "
                    "printed when there is no display, e.g. over SSH), you allow access and paste the code the "
                    "server shows. The app is registered once per server and the registration kept.")
    login.add_argument("instance", nargs="?", metavar="INSTANCE",
                       help="the server: mastodon.social, https://host/ or @you@host (asked when missing)")
    login.add_argument("--password", action="store_true",
                       help="log in with username and password instead (only servers older than Mastodon 4.4)")
    login.add_argument("--username", metavar="NAME", help="the username for --password (asked when missing)")
    login.add_argument("--no-browser", action="store_true", help="print the link instead of opening a browser")

    logout = commands.add_parser(
        "logout", help="revoke the token and forget an account",
        description="Revoke the account's token at its server and forget it here. When the server cannot be "
                    "reached the account is still forgotten, and you are told to revoke the token on the web.")
    logout.add_argument("account", nargs="?", metavar="ACCOUNT", help="user@host (default: the active account)")

    accounts = commands.add_parser("accounts", help="list accounts, or choose the active one",
                                   description="List the stored accounts; the active one is marked with *.")
    accounts.add_argument("--use", metavar="ACCOUNT", help="make ACCOUNT (user@host) the active account")
    accounts.add_argument("--paths", action="store_true", help="also show where tootty keeps its files")
    config = commands.add_parser(
        "config", help="check the config file, or create one",
        description="Check the config file (its path is shown) and list what is wrong with it. "
                    "--init writes a commented file with every setting at its default.")
    config.add_argument("--init", action="store_true", help="create the config file with the defaults")
    config.add_argument("--defaults", action="store_true", help="print the default config file")
    return parser


def _say(*lines: str) -> None:
    for line in lines:
        print(line, flush=True)


def _warn(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr, flush=True)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise CLIError("cancelled (no input)") from None


def _load_config(args, for_app: bool):
    from app.config import Config, ConfigError, load_config

    try:
        config = load_config(args.config, must_exist=args.config is not None)
    except ConfigError as e:
        if for_app and _interactive():
            _warn(f"config error: {e}")
            if _ask("Start with the default settings instead? [y/N] ").strip().lower() in ("y", "yes"):
                return Config()
        raise CLIError(f"config error: {e}", EXIT_USAGE) from None
    for warning in config.warnings:
        _warn(f"config {config.path}: {warning}")
    return config


def _store():
    from app.accounts import AccountError, AccountStore

    try:
        store = AccountStore()
    except AccountError as e:
        raise CLIError(str(e)) from None
    if store.problem:
        _warn(store.problem)
    return store


@contextlib.contextmanager
def _naming_an_account():
    """Around a step that looks up the account the user named: an AccountError (no such account, or several)
    is a usage error, exit status 2."""
    from app.accounts import AccountError

    try:
        yield
    except AccountError as e:
        raise CLIError(str(e), EXIT_USAGE) from None


# -- commands ----------------------------------------------------------------------------------------------------

NO_ACCOUNT = (f"no account yet: run `{APP_NAME} login INSTANCE` to log in to your server, "
              f"or `{APP_NAME} demo` to try tootty on a local demo instance")


def run_app(config, store, account, demo=None) -> int:
    """Hand over to the Textual app (app/main.py). Imported here: the other commands never load Textual."""
    from app.main import make_app
    from app.drafts import DraftStore

    if demo is not None:  # demo drafts stay apart from the user's real ones
        from app.paths import data_dir, private_dir

        drafts = DraftStore(private_dir(data_dir() / "demo" / "drafts"))
    else:
        drafts = DraftStore()
    # Without an account the app opens on its login screen (make_app(login=True)).
    app = make_app(config=config, accounts=store, drafts=drafts, account=account, demo=demo,
                   login=account is None)
    app.run()
    if getattr(app, "login_cancelled", False):
        raise CLIError(NO_ACCOUNT)
    return int(getattr(app, "return_code", None) or 0)


def cmd_open(args) -> int:
    config = _load_config(args, for_app=True)
    store = _store()
    if args.account:
        with _naming_an_account():
            account = store.get(args.account)
    else:
        account = store.active
    if account is None and not _interactive():
        raise CLIError(NO_ACCOUNT)  # no terminal to show the login screen on
    return run_app(config, store, account)


def cmd_login(args) -> int:
    from app.browser import open_url
    from app.login import LoginError, LoginFlow

    config = _load_config(args, for_app=False)
    store = _store()
    flow = LoginFlow(store)
    instance = args.instance or _ask("Your server (for example mastodon.social): ").strip()
    try:
        if args.password:
            info, hint = flow.probe(instance)
            flow.require_password_grant(info)  # before asking for a password that cannot work
            username = args.username or hint or _ask("Username or e-mail: ").strip()
            for attempt in range(3):
                password = getpass.getpass("Password: ") if _interactive() else _ask("Password: ")
                try:
                    account = flow.password_login(info, username, password)
                    break
                except LoginError as e:
                    if not e.retry or attempt == 2:
                        raise
                    _warn(str(e))
        else:
            pending = flow.start(instance)
            _say(f"Logging in to {pending.instance.domain} ({pending.instance.title or 'Mastodon'} "
                 f"{pending.instance.version}).",
                 "Open this page, allow access, then paste the code the server shows:", "", f"  {pending.url}", "")
            command = config.open.command("links", pending.url)
            if not args.no_browser and open_url(pending.url, command=command):
                _say("(opened in your browser)")
            while True:
                code = _ask("Code: ")
                try:
                    account = flow.finish(pending, code)
                    break
                except LoginError as e:
                    if not e.retry:
                        raise
                    _warn(str(e))
    except LoginError as e:
        raise CLIError(str(e)) from None
    _say(f"Logged in as {account.acct}; it is now the active account. Run `{APP_NAME}` to start.")
    return EXIT_OK


def cmd_logout(args) -> int:
    from app.login import logout

    store = _store()
    name = args.account or (store.active.key if store.active else None)
    if name is None:
        raise CLIError("no account to log out of", EXIT_USAGE)
    with _naming_an_account():
        result = logout(store, name)
    _say(result.message)
    if store.active:
        _say(f"The active account is now {store.active.acct}.")
    return EXIT_OK if result.revoked else EXIT_FAILED


def cmd_accounts(args) -> int:
    store = _store()
    if args.use:
        with _naming_an_account():
            account = store.set_active(args.use)
        _say(f"Active account: {account.acct}")
        return EXIT_OK
    if args.paths:
        from app.paths import config_file, data_dir, drafts_dir

        _say(f"config:   {config_file()}", f"accounts: {store.path}", f"drafts:   {drafts_dir()}",
             f"data:     {data_dir()}")
    if not store.accounts:
        _say(f"No accounts. Run `{APP_NAME} login INSTANCE` or `{APP_NAME} demo`.")
    active = store.active.key if store.active else None
    for account in store.accounts:
        mark = "*" if account.key == active else " "
        name = f"  {account.display_name}" if account.display_name else ""
        _say(f"{mark} {account.key}{name}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from app.demo_session import run_demo

    config = None if args.serve_only else _load_config(args, for_app=True)
    return run_demo(args, config, say=_say, run_app=run_app)


def cmd_config(args) -> int:
    from app.config import DEFAULT_CONFIG_TEXT, ConfigError, load_config
    from app.paths import atomic_write, config_dir, config_file

    if args.defaults:
        print(DEFAULT_CONFIG_TEXT, end="")
        return EXIT_OK
    path = Path(args.config).expanduser() if args.config else config_file()
    if args.init:
        if path.exists():
            raise CLIError(f"{path} already exists; not overwriting it")
        if not args.config:
            config_dir()  # created 0700
        atomic_write(path, DEFAULT_CONFIG_TEXT.encode("utf-8"), mode=0o644)
        _say(f"Wrote {path}")
        return EXIT_OK
    try:
        config = load_config(path, must_exist=args.config is not None)
    except ConfigError as e:
        raise CLIError(f"config error: {e}", EXIT_USAGE) from None
    if not path.exists():
        _say(f"{path} does not exist: the defaults apply (`{APP_NAME} config --init` creates it).")
        return EXIT_OK
    for warning in config.warnings:
        _say(f"warning: {warning}")
    count = len(config.warnings)
    _say(f"{path}: OK" + (f" ({count} warning{'s' if count != 1 else ''})" if count else ""))
    return EXIT_OK


COMMANDS = {None: cmd_open, "login": cmd_login, "logout": cmd_logout, "accounts": cmd_accounts, "demo": cmd_demo,
            "config": cmd_config}


def _known_secrets() -> list[str]:
    """The stored tokens, masked in a crash report (best effort: the store may be what failed)."""
    try:
        from app.accounts import AccountStore

        return [a.access_token for a in AccountStore().accounts]
    except Exception:  # noqa: BLE001
        return []


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.no_color:
        os.environ["NO_COLOR"] = "1"  # Textual reads NO_COLOR when the App is created
    try:
        return COMMANDS[args.command](args)
    except CLIError as e:
        _warn(f"error: {e}")
        return e.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # the promise: never a traceback on the user's terminal
        from app.crash import crash_message, write_crash_report

        # The sentence starts with "tootty" already: not through _warn, which would say it twice.
        print(crash_message(e, write_crash_report(e, secrets=_known_secrets())), file=sys.stderr, flush=True)
        return EXIT_FAILED
