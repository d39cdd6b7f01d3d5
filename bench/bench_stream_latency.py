"""Stream-to-screen latency: from the local instance publishing an `update` to the status being on screen in the
app (the frame after the App added it to the home timeline: the status itself, or its "N new" marker).

    python bench/bench_stream_latency.py [--steady 300] [--rate 40] [--burst 200]

Two phases against one running instance and one app (headless, same process, so both clocks are the same
perf_counter): a steady stream (`--steady` statuses at `--rate` per second), then a burst (`--burst` statuses
within one second) during which keys are pressed and their response time measured. Prints p50/p95/max.
Target (issue 4): p95 under 100 ms, and the UI keeps answering keys during the burst.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time

from textual import events

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from api import AsyncMastodon  # noqa: E402
from app.main import make_app  # noqa: E402
from app.messages import TimelineEvents  # noqa: E402
from demo.server import running_instance  # noqa: E402


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def figures(label: str, ms: list[float]) -> str:
    return (f"{label:<28} n={len(ms):<4} p50={pct(ms, 50):6.1f} ms  p95={pct(ms, 95):6.1f} ms  "
            f"max={max(ms) if ms else float('nan'):6.1f} ms")


def poster(state, author_id: str, count: int, per_second: float, done: threading.Event, prefix: str) -> None:
    """Post `count` statuses at `per_second` from a thread (the instance publishes each to the streams)."""
    interval = 1.0 / per_second
    start = time.perf_counter()
    for i in range(count):
        target = start + i * interval
        delay = target - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        state.post_status(author_id, f"{prefix} status {i} for the latency benchmark")
    done.set()


async def run(args) -> int:
    published: dict[str, float] = {}
    painted: dict[str, float] = {}
    received: dict[str, float] = {}
    from api.streaming import events as ev
    from app.streaming import StreamWorker

    original_handle = StreamWorker.handle

    def timed_handle(self, event):  # where the time goes: network+session vs. batching+UI
        if isinstance(event, ev.Update):
            received.setdefault(str(event.status.get("id")), time.perf_counter())
        return original_handle(self, event)
    StreamWorker.handle = timed_handle
    with running_instance(seed="small") as inst:
        state = inst.state
        hub = state.hub
        original_publish = hub.publish

        def timed_publish(stream, event, payload):
            if event == "update" and payload and payload.startswith("{"):
                sid = json.loads(payload).get("id")
                published.setdefault(sid, time.perf_counter())
            return original_publish(stream, event, payload)
        hub.publish = timed_publish

        client = AsyncMastodon(access_token=inst.tokens["demo"], api_base_url=inst.base_url)
        app = make_app(client=client, markers=False)

        def hook(message):
            # Called as the App takes the batch; the callback runs after the frame that shows its result.
            if isinstance(message, TimelineEvents):
                ids = [s.get("id") for statuses in message.statuses.values() for s in statuses]
                if ids:
                    app.call_after_refresh(lambda: [painted.setdefault(i, time.perf_counter()) for i in ids])
        alice = state.account_by_username("alice").id

        async with app.run_test(size=(120, 50), message_hook=hook) as pilot:
            for _ in range(500):
                await pilot.pause(0.01)
                if getattr(app.screen, "loaded", False) and app.connection.state == "live":
                    break
            else:
                print("the app did not get live", file=sys.stderr)
                return 1
            await pilot.pause(0.3)

            # Phase 1: a steady stream.
            done = threading.Event()
            threading.Thread(target=poster, args=(state, alice, args.steady, args.rate, done, "steady"),
                             daemon=True).start()
            while not done.is_set():
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            steady = [1000 * (painted[i] - published[i]) for i in published if i in painted]
            steady_missing = len(published) - len(steady)

            # Phase 2: a burst, with keys pressed while it pours in.
            before = set(published)
            done = threading.Event()
            threading.Thread(target=poster, args=(state, alice, args.burst, args.burst / 1.0, done, "burst"),
                             daemon=True).start()
            keys: list[float] = []
            timeline = app.screen.timeline
            while not done.is_set():
                # A key as the terminal would deliver it; answered when the cursor has moved.
                before_key = timeline.selected_key
                char = "j" if len(keys) % 4 < 2 else "k"
                started = time.perf_counter()
                app.post_message(events.Key(char, char))
                while timeline.selected_key == before_key and time.perf_counter() - started < 5:
                    await asyncio.sleep(0.001)
                keys.append(1000 * (time.perf_counter() - started))
                await asyncio.sleep(0.02)
            await pilot.pause(0.5)
            burst_ids = [i for i in published if i not in before]
            burst = [1000 * (painted[i] - published[i]) for i in burst_ids if i in painted]
            timeline = app.screen.timeline
            missing = [i for i in burst_ids if i not in timeline]

    print(f"stream-to-screen latency against the local instance ({app.stream_worker.transport}, "
          f"flush every {app.flush_interval * 1000:.0f} ms)")
    print(figures(f"steady {args.steady} @ {args.rate}/s", steady) + f"  missing={steady_missing}")
    print(figures(f"burst {args.burst} in 1 s", burst) + f"  missing={len(missing)}")
    print(figures("key response during burst", keys))
    wire = [1000 * (received[i] - published[i]) for i in published if i in received]
    ui = [1000 * (painted[i] - received[i]) for i in received if i in painted]
    print(figures("  of which server->worker", wire))
    print(figures("  of which worker->painted", ui))
    print(f"UI messages for the whole run: {app.stream_worker.batches_posted} batches for "
          f"{app.stream_worker.events_seen} events")
    ok = pct(steady, 95) < 100 and pct(burst, 95) < 100 and not missing
    print("target p95 < 100 ms:", "met" if ok else "NOT met")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steady", type=int, default=300)
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--burst", type=int, default=200)
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
