"""Figures for the local instance's serialisation: N x GET /api/v1/timelines/home?limit=40 over real HTTP against
the default (big) seed, plus the in-process render time of one 40-status page without HTTP. Wall times move
with the machine's load; the CPU figures are the ones to compare. Prints; asserts nothing. The rate limit is lifted so the loop measures rendering, not 429s.

    python3 bench/bench_demo_home.py [N]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from demo.entities import status_json  # noqa: E402
from demo.server import running_instance  # noqa: E402


def main(n: int = 200) -> None:
    with running_instance(seed="default", rate_limit=10**9) as inst:
        state = inst.state
        demo = state.account_by_username("demo").id
        with httpx.Client(base_url=inst.base_url, headers={"Authorization": f"Bearer {inst.tokens['demo']}"}) as c:
            c.get("/api/v1/timelines/home", params={"limit": 40}).raise_for_status()  # warm up
            times = []
            c0 = time.process_time()
            t0 = time.perf_counter()
            for _ in range(n):
                t = time.perf_counter()
                r = c.get("/api/v1/timelines/home", params={"limit": 40})
                r.raise_for_status()
                times.append(time.perf_counter() - t)
            total = time.perf_counter() - t0
            cpu = time.process_time() - c0
        page = [st for _c, st in zip(range(40), (st for _i, st in state.home_timeline(demo)))]
        renders = []
        for _ in range(20):
            t = time.process_time()
            with state.lock:
                [status_json(state, st, demo, "home") for st in page]
            renders.append(time.process_time() - t)
    print(f"world: {len(state.accounts)} accounts, {len(state.statuses)} statuses, {len(state.follows)} follows")
    print(f"{n} x GET /api/v1/timelines/home?limit=40: total {total:.2f} s, median {statistics.median(times)*1000:.1f} ms,"
          f" p95 {sorted(times)[int(n*0.95)-1]*1000:.1f} ms; CPU (server and client, one process) {cpu:.2f} s")
    print(f"render of one 40-status page in process: median {statistics.median(renders)*1000:.2f} ms CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
