"""Soak: the App (headless) against the local instance with the activity generator running, for minutes.

    python bench/soak.py [--minutes 10] [--rate 20] [--every 10] [--drop-every 0]

The instance runs in a child process (so its growing world does not count against the App's memory) with the
activity generator at `--rate` events a second (posts, replies, boosts, favourites, follows, deletes, edits).
The App runs in this process under Textual's headless driver (`App.run_test`), streaming live. Every `--every`
seconds it samples:
    RSS of this process, asyncio tasks, open file descriptors, TCP connections to the instance,
    statuses held by the home timeline, batches received, the time the UI takes to answer a key press
    (switch to notifications and back; each switch waits for the screen to be there), and how many of the
    server's newest home statuses the App lacks (anything but 0: the timeline silently stopped).
`--drop-every S` also cuts every streaming connection each S seconds (through the instance's fault switch), so
reconnects are soaked too.

Prints the samples as a table and a verdict: memory flat or growing (least-squares slope of RSS after the first
fifth of the run, in MB per minute, against the same for the timeline's size), task, descriptor or connection
leak or not, keys answered throughout or not. Run on demand; never part of the test suite.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import httpx  # noqa: E402
import psutil  # noqa: E402

from api import AsyncMastodon  # noqa: E402
from app.main import make_app  # noqa: E402

SERVER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from demo.server import running_instance
with running_instance(seed="small", activity=float(sys.argv[2])) as inst:
    print(json.dumps({"base_url": inst.base_url, "token": inst.tokens["demo"]}), flush=True)
    sys.stdin.readline()  # until the soak is over
    print(json.dumps({"steps": getattr(getattr(inst, "activity", None), "steps", None)}), flush=True)
"""


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs (0 for fewer than two points)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return 0.0 if var == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var


def connections_to(process: psutil.Process, port: int) -> int:
    try:
        conns = process.net_connections(kind="tcp")
    except AttributeError:  # psutil < 6
        conns = process.connections(kind="tcp")
    return sum(1 for c in conns if c.raddr and c.raddr.port == port and c.status == psutil.CONN_ESTABLISHED)


async def key_answer_ms(pilot, limit: float = 10.0) -> float:
    """Post the key 2 (notifications), wait until that screen is current, then 1 (home) likewise: the time the
    UI takes to answer two key presses while the stream keeps coming (inf when it does not within `limit`).
    Keys are posted as the terminal would send them, not through the pilot (which also waits for idleness)."""
    from textual import events

    app = pilot.app
    started = time.perf_counter()
    for key, reached in (("2", lambda: getattr(app.screen, "polls_notifications", False)),
                         ("1", lambda: getattr(getattr(app.screen, "source", None), "key", None) == "home")):
        app.post_message(events.Key(key, key))
        while not reached():
            if time.perf_counter() - started > limit:
                return float("inf")
            await asyncio.sleep(0.002)
    return (time.perf_counter() - started) * 1000


async def soak(args, base_url: str, token: str) -> list[dict]:
    port = int(base_url.rsplit(":", 1)[1])
    me = psutil.Process()
    client = AsyncMastodon(access_token=token, api_base_url=base_url, ratelimit_method="wait", request_timeout=30)
    app = make_app(client=client, markers=False)
    checker = AsyncMastodon(access_token=token, api_base_url=base_url, ratelimit_method="wait", request_timeout=30)
    samples: list[dict] = []
    warm_snapshot = None
    if args.tracemalloc:
        tracemalloc.start()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2000):
            if getattr(app.screen, "loaded", False) and app.connection.state == "live":
                break
            await pilot.pause(0.01)
        start = time.monotonic()
        end = start + args.minutes * 60
        next_drop = start + args.drop_every if args.drop_every else None
        drops = 0
        while True:
            now = time.monotonic()
            home = next((s for s in app.live_screens() if getattr(getattr(s, "source", None), "key", "") == "home"),
                        None)
            held = sum(len(list(screen.timeline.keys())) for screen in app.live_screens()
                       if hasattr(screen, "timeline") and getattr(screen, "loaded", False))
            sample = {
                "held": held,
                "t": now - start,
                "rss_mb": me.memory_info().rss / 2**20,
                "tasks": len(asyncio.all_tasks()),
                "fds": me.num_fds(),
                "conns": connections_to(me, port),
                "home": len(list(home.timeline.keys())) if home is not None else 0,
                "batches": app.events_received,
                "state": app.connection.state,
                "key_ms": await key_answer_ms(pilot),
                "drops": drops,
                "missing": await missing_from_home(checker, home),
            }
            samples.append(sample)
            print(f"{sample['t']:7.0f}s  rss {sample['rss_mb']:7.1f} MB  tasks {sample['tasks']:4d}  "
                  f"fds {sample['fds']:4d}  conns {sample['conns']:3d}  home {sample['home']:6d}  "
                  f"held {sample['held']:6d}  "
                  f"batches {sample['batches']:6d}  {sample['state']:<12} key {sample['key_ms']:6.1f} ms  "
                  f"missing {sample['missing']}",
                  flush=True)
            if args.tracemalloc and len(samples) == 2:
                warm_snapshot = tracemalloc.take_snapshot()
            if now >= end:
                break
            wake = min(end, now + args.every)
            while time.monotonic() < wake:
                if next_drop is not None and time.monotonic() >= next_drop:
                    async with httpx.AsyncClient() as admin:
                        await admin.post(base_url + "/_demo/faults", json={"kind": "drop", "stream": "*"})
                    drops += 1
                    next_drop += args.drop_every
                await pilot.pause(0.25)
        if args.tracemalloc and warm_snapshot is not None:
            growth = tracemalloc.take_snapshot().compare_to(warm_snapshot, "lineno")
            print("\nlargest allocation growth since the second sample (tracemalloc):")
            for stat in growth[:12]:
                print(f"  {stat.size_diff / 1024:8.0f} KB  {stat.count_diff:+7d} blocks  {stat.traceback}")
        await app.shutdown()
    await checker.aclose()
    return samples


async def missing_from_home(checker, home) -> int:
    """How many of the server's 40 newest home statuses (older than 5 s, so not merely in flight) the App's home
    timeline lacks: anything above 0 means the timeline silently stopped or lost posts."""
    from datetime import datetime, timedelta, timezone

    if home is None:
        return -1
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=5)
    newest = await checker.timeline_home(limit=40)
    held = set(home.timeline.keys())
    return sum(1 for status in newest if status["created_at"] < cutoff and status["id"] not in held)


def verdict(samples: list[dict], minutes: float) -> list[str]:
    warm = [s for s in samples if s["t"] >= samples[-1]["t"] / 5] or samples
    minutes_x = [s["t"] / 60 for s in warm]
    rss_slope = slope(minutes_x, [s["rss_mb"] for s in warm])
    home_slope = slope(minutes_x, [s["held"] for s in warm])
    rss = [s["rss_mb"] for s in warm]
    lines = []
    grew = rss[-1] - rss[0]
    # Flat: under 1 MB a minute and under 5 % over the measured span. The home timeline keeps every status it
    # was given (it is the user's scrollback), so its growth is shown beside the memory's.
    flat = rss_slope < 1.0 and grew < 0.05 * rss[0]
    kb_per_status = (rss_slope * 1024 / home_slope) if home_slope > 0 else float("nan")
    # Memory that rises only as fast as the statuses held (a few tens of KB each: the dict and its rendered
    # lines) is scrollback, not a leak; the same rise with a timeline that stopped growing would be one.
    with_timeline = not flat and home_slope > 1 and kb_per_status < 64
    word = "FLAT" if flat else "GROWS WITH THE TIMELINE" if with_timeline else "GROWING"
    lines.append(f"memory: {word}: RSS {rss[0]:.1f} -> {rss[-1]:.1f} MB after warm-up, "
                 f"slope {rss_slope:+.2f} MB/min while the items held by open screens grew {home_slope:+.0f}/min "
                 f"({kb_per_status:.1f} KB per item held)")
    for key, label, allowance in (("tasks", "asyncio tasks", 5), ("fds", "file descriptors", 5),
                                  ("conns", "connections to the instance", 3)):
        values = [s[key] for s in warm]
        leak = values[-1] - min(values) > allowance and slope(minutes_x, values) > 0.5
        lines.append(f"{label}: {'LEAK' if leak else 'no leak'} (min {min(values)}, max {max(values)}, "
                     f"last {values[-1]})")
    lost = [s["missing"] for s in samples[1:]]
    lines.append(f"timeline: {'NOTHING LOST' if not any(lost) else 'POSTS MISSING'} (the server's newest home "
                 f"statuses missing from the App at each sample: {lost})")
    keys = [s["key_ms"] for s in samples]
    answered = sum(1 for k in keys if k != float("inf"))
    live = sum(1 for s in samples if s["state"] == "live")
    lines.append(f"keys: answered at {answered}/{len(keys)} samples, median {sorted(keys)[len(keys) // 2]:.0f} ms, "
                 f"max {max(keys):.0f} ms (two screen switches); live at {live}/{len(samples)} samples")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=20.0, help="activity events per second")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--drop-every", type=float, default=0.0, help="cut the stream every S seconds (0: never)")
    parser.add_argument("--tracemalloc", action="store_true", help="show where memory grew (slows the App)")
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER, ROOT, str(args.rate)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(server.stdout.readline())
        print(f"soak: {args.minutes:g} min, activity {args.rate:g} events/s, sample every {args.every:g} s"
              + (f", stream cut every {args.drop_every:g} s" if args.drop_every else ""), flush=True)
        samples = asyncio.run(soak(args, info["base_url"], info["token"]))
        server.stdin.write("\n")
        server.stdin.flush()
        tail = server.stdout.readline().strip()
        steps = json.loads(tail).get("steps") if tail else None
    finally:
        if server.poll() is None:
            try:
                server.stdin.close()
            except OSError:
                pass
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    print()
    print(f"{'t (s)':>7} {'RSS MB':>8} {'tasks':>6} {'fds':>5} {'conns':>6} {'home':>7} {'held':>7} {'key ms':>7} "
          f"{'missing':>8}")
    for s in samples:
        print(f"{s['t']:7.0f} {s['rss_mb']:8.1f} {s['tasks']:6d} {s['fds']:5d} {s['conns']:6d} {s['home']:7d} "
              f"{s['held']:7d} {s['key_ms']:7.1f} {s['missing']:8d}")
    print()
    if steps is not None:
        print(f"activity steps run by the instance: {steps}")
    for line in verdict(samples, args.minutes):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
