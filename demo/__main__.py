"""python -m demo [--port N] [--db FILE] [--seed small|default|none] [--fake-clock] [--set NAME=VALUE ...]

`--set` takes any demo.settings.Settings field (rate_limit=5, rate_window=10, password_grant=false, sse=false,
grouped_notifications=false, minimal_entities=true, rate_reset_epoch=true, rate_headers=false, media_delay=0.5 ...),
so tests that run the instance in another process get every switch. With --fake-clock the instance's clock
only moves through POST /_demo/clock {"advance": seconds}."""
from __future__ import annotations

import argparse
from dataclasses import fields

from .settings import Settings
from .server import serve_forever

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def parse_setting(text: str) -> tuple[str, object]:
    name, sep, raw = text.partition("=")
    types = {f.name: f.type for f in fields(Settings)}
    if not sep or name not in types or name == "extra":
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE with NAME one of: {', '.join(sorted(types))}")
    kind = str(types[name])
    try:
        if kind == "bool":
            if raw.lower() not in TRUE | FALSE:
                raise ValueError(raw)
            return name, raw.lower() in TRUE
        if kind == "int":
            return name, int(raw)
        if "float" in kind:
            return name, None if raw.lower() == "none" else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad value for {name}: {raw!r}") from None
    return name, raw


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m demo", description="Run tootty's local Mastodon-compatible instance.")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    ap.add_argument("--db", help="SQLite file to keep the world in between runs")
    ap.add_argument("--seed", default="default", help="small, default or none")
    ap.add_argument("--no-password-grant", action="store_true", help="refuse the password grant like Mastodon 4.4+")
    ap.add_argument("--no-streaming", action="store_true")
    ap.add_argument("--no-activity", action="store_true", help="do not generate live activity")
    ap.add_argument("--fake-clock", action="store_true", help="time moves only via POST /_demo/clock")
    ap.add_argument("--set", dest="settings", action="append", type=parse_setting, default=[], metavar="NAME=VALUE",
                    help="any instance setting (repeatable)")
    args = ap.parse_args(argv)
    seed = {"none": False, "default": True}.get(args.seed, args.seed)
    overrides = dict(args.settings)
    overrides.setdefault("password_grant", not args.no_password_grant)
    overrides.setdefault("streaming", not args.no_streaming)
    clock = None
    if args.fake_clock:
        from .clock import FakeClock
        clock = FakeClock()
    serve_forever(port=args.port, db=args.db, seed=seed, activity=not args.no_activity, clock=clock, **overrides)


if __name__ == "__main__":
    main()
