"""`tootty demo`: run the local instance (demo/) on loopback, log in as its demo user, open the app.

The demo account lives in a throwaway account store (the instance listens on a new port each run), so the
user's own accounts are never touched. Login goes through the instance's real OAuth endpoints: registration,
the PKCE authorization code flow approved as the demo user, the token exchange, verify_credentials.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path

DEMO_USER, DEMO_PASSWORD = "demo", "demo"


class DemoError(Exception):
    pass


def approve(pending, username: str = DEMO_USER, password: str = DEMO_PASSWORD, timeout: float = 20.0) -> str:
    """Do what the user does in the browser: sign in on the instance's authorization page and allow access.
    Returns the code the page shows. Only meant for the local demo instance."""
    import httpx
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        page = client.get(pending.url)
        page.raise_for_status()
        form = HTMLParser(page.text).css_first("form")
        if form is None:
            raise DemoError("the demo instance's authorization page has no form")
        fields = {i.attributes.get("name"): i.attributes.get("value") or ""
                  for i in form.css("input") if i.attributes.get("name")}
        fields.update(username=username, password=password)
        action = httpx.URL(pending.url).join(form.attributes.get("action") or pending.url)
        answer = client.post(action, data=fields)
        answer.raise_for_status()
        code = HTMLParser(answer.text).css_first("#code, input.oauth-code")
        if code is None:
            raise DemoError("the demo instance did not show an authorization code")
        return (code.attributes.get("value") or code.text()).strip()


def demo_login(store, base_url: str, tokens: dict | None = None):
    """Log in to the demo instance as the demo user and return the stored Account."""
    from app.login import LoginFlow

    flow = LoginFlow(store)
    try:
        pending = flow.start(base_url)
        account = flow.finish(pending, approve(pending))
        return store.add(replace(account, demo=True))
    except Exception as first:  # noqa: BLE001 - any failure of the flow: fall back to the issued token
        if tokens and tokens.get(DEMO_USER):
            account = flow.add_token(base_url, tokens[DEMO_USER], demo=True)
            return account
        raise DemoError(f"could not log in to the demo instance: {first}") from None


def run_demo(args, config, say, run_app) -> int:
    from app.accounts import AccountStore
    from app.cli import CLIError

    if args.db:
        db = Path(args.db).expanduser()
        if db.is_dir() or not db.parent.is_dir() or not os.access(db.parent, os.W_OK):
            raise CLIError(f"--db {args.db}: not a file in a writable directory", 2)
        args.db = str(db)
    from demo import activity, server

    try:
        if args.serve_only:
            # Prints the URL and the demo logins, serves until Ctrl-C, saves --db at exit.
            server.serve_forever(host="127.0.0.1", port=args.port, db=args.db)
            return 0
        with server.running_instance(seed=True, db=args.db, host="127.0.0.1", port=args.port) as instance:
            stop_activity = activity.start(instance.state)  # new posts, replies and notifications now and then
            try:
                with tempfile.TemporaryDirectory(prefix="tootty-demo-") as tmp:
                    store = AccountStore(Path(tmp) / "accounts.json")
                    account = demo_login(store, instance.base_url, instance.tokens)
                    return run_app(config, store, account, demo=instance)
            finally:
                stop_activity()
    except DemoError as e:
        raise CLIError(str(e)) from None
    except OSError as e:  # the port is taken
        raise CLIError(f"could not start the demo instance: {e.strerror or e}") from None
    except sqlite3.Error as e:
        raise CLIError(f"could not use the demo database {args.db}: {e}") from None
