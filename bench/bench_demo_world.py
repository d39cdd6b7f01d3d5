"""Figures for the demo world: how long the seed takes to build, and what one activity step costs (with and
without a streaming subscriber, which is when payloads are actually rendered). Prints; asserts nothing.

    python3 bench/bench_demo_world.py
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo import seed_data  # noqa: E402
from demo.activity import ActivityGenerator  # noqa: E402
from demo.state import State  # noqa: E402


def build_times(n=7):
    times = []
    for _ in range(n):
        state = State()
        t = time.perf_counter()
        seed_data.seed(state)
        times.append(time.perf_counter() - t)
    return state, times


async def steps_with_subscriber(state, gen, n):
    demo = state.account_by_username("demo").id
    sub = state.hub.subscribe(("user", demo), ("user:notification", demo), ("public",))
    t = time.perf_counter()
    for _ in range(n):
        gen.step()
        while not sub.queue.empty():
            sub.queue.get_nowait()
    sub.close()
    return (time.perf_counter() - t) / n


def main():
    state, times = build_times()
    print(f"seed build: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"({len(state.statuses)} statuses, {len(state.accounts)} accounts, {len(state.notifications)} notifications)")
    gen = ActivityGenerator(state, rng_seed=1)
    t = time.perf_counter()
    for _ in range(1000):
        gen.step()
    per = (time.perf_counter() - t) / 1000
    print(f"activity step, no subscriber: {per * 1000:.2f} ms ({1 / per:.0f} steps/s possible)")
    per = asyncio.run(steps_with_subscriber(state, gen, 1000))
    print(f"activity step, one subscriber: {per * 1000:.2f} ms ({1 / per:.0f} steps/s possible)")
    print(f"world after 2000 steps: {len(state.statuses)} statuses ({len(gen.made)} made by the generator, cap "
          f"{gen.max_statuses}), {len(state.notifications)} notifications")


if __name__ == "__main__":
    main()
