"""python -m demo [--port N] [--db FILE] [--seed small|default|none] [--no-password-grant] ..."""
from __future__ import annotations

import argparse

from .server import serve_forever


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m demo", description="Run tootty's local Mastodon-compatible instance.")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    ap.add_argument("--db", help="SQLite file to keep the world in between runs")
    ap.add_argument("--seed", default="default", help="small, default or none")
    ap.add_argument("--no-password-grant", action="store_true", help="refuse the password grant like Mastodon 4.4+")
    ap.add_argument("--no-streaming", action="store_true")
    ap.add_argument("--no-activity", action="store_true", help="do not generate live activity")
    args = ap.parse_args(argv)
    seed = {"none": False, "default": True}.get(args.seed, args.seed)
    serve_forever(port=args.port, db=args.db, seed=seed, activity=not args.no_activity,
                  password_grant=not args.no_password_grant, streaming=not args.no_streaming)


if __name__ == "__main__":
    main()
