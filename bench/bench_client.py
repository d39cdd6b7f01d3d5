"""Per-call overhead of tootty's api clients next to Mastodon.py, against the same local instance, in one run.

    python bench/bench_client.py [--calls 500] [--timeline-calls 200] [--inflight 8,16,32]

The instance (demo/) runs in its own process with rate limits lifted, so the figures measure the clients (and the
shared server cost, which is the same for all). Printed: mean and median ms per call for status() and
timeline_home(limit=40), sequentially, for our sync client, our async client and Mastodon.py (ratios against
Mastodon.py), then the async client's throughput with 8, 16, 32 calls in flight next to Mastodon.py's sequential
throughput. Not a test: it prints figures and exits.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import api  # noqa: E402

SERVER = ("import sys; from demo.server import serve_forever; "
          "serve_forever(seed='small', activity=False, rate_limit=10**9, out=sys.stdout)")


@contextmanager
def instance_process():
    proc = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        if "http://" not in line:
            raise RuntimeError(f"instance did not start: {line!r}")
        yield line.split("running at ", 1)[1].strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def login(base_url: str) -> tuple[str, str, str]:
    client_id, secret = api.Mastodon.create_app("bench", api_base_url=base_url)
    with api.Mastodon(client_id=client_id, client_secret=secret, api_base_url=base_url) as client:
        return client_id, secret, client.log_in("demo", "demo")


def fresh_token(base_url, client_id, secret) -> str:
    with api.Mastodon(client_id=client_id, client_secret=secret, api_base_url=base_url) as client:
        return client.log_in("demo", "demo")


class Samples(list):
    """Wall time of each call; `.cpu` is this process's CPU time per call (the client's own cost: the
    instance runs in another process)."""
    cpu = 0.0


def time_calls(fn, calls: int) -> Samples:
    fn()  # warm up the connection
    out = Samples()
    cpu = time.process_time()
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    out.cpu = (time.process_time() - cpu) / calls
    return out


async def atime_calls(fn, calls: int) -> Samples:
    await fn()
    out = Samples()
    cpu = time.process_time()
    for _ in range(calls):
        start = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - start)
    out.cpu = (time.process_time() - cpu) / calls
    return out


async def throughput(client, make_call, total: int, inflight: int) -> float:
    gate = asyncio.Semaphore(inflight)

    async def one():
        async with gate:
            await make_call(client)
    await make_call(client)
    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(total)))
    return total / (time.perf_counter() - start)


def fmt(samples: Samples) -> tuple[float, float, float]:
    return 1000 * statistics.fmean(samples), 1000 * statistics.median(samples), 1000 * samples.cpu


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=500)
    ap.add_argument("--timeline-calls", type=int, default=200)
    ap.add_argument("--inflight", default="8,16,32")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from mastodon import Mastodon as MastodonPy

    with instance_process() as base:
        client_id, secret, _ = login(base)
        tokens = [fresh_token(base, client_id, secret) for _ in range(3)]
        ours = api.Mastodon(access_token=tokens[0], api_base_url=base)
        peer = MastodonPy(access_token=tokens[1], api_base_url=base, version_check_mode="none")
        status_id = ours.timeline_home(limit=1)[0].id
        rows = []
        for label, calls, ours_fn, peer_fn, a_fn in [
            ("status()", args.calls, lambda: ours.status(status_id), lambda: peer.status(status_id),
             lambda c: c.status(status_id)),
            ("timeline_home(limit=40)", args.timeline_calls, lambda: ours.timeline_home(limit=40),
             lambda: peer.timeline_home(limit=40), lambda c: c.timeline_home(limit=40)),
        ]:
            peer_t = time_calls(peer_fn, calls)
            ours_t = time_calls(ours_fn, calls)

            async def run_async():
                async with api.AsyncMastodon(access_token=tokens[2], api_base_url=base) as client:
                    return await atime_calls(lambda: a_fn(client), calls)
            async_t = asyncio.run(run_async())
            rows.append((label, calls, fmt(peer_t), fmt(ours_t), fmt(async_t)))

        print("\nPer call, sequential, wall ms (mean / median); ratio = Mastodon.py mean / ours (>1: we are faster)")
        print(f"{'call':26} {'n':>4}  {'Mastodon.py':>15}  {'tootty sync':>15} {'ratio':>6}  "
              f"{'tootty async':>15} {'ratio':>6}")
        for label, n, p, s, a in rows:
            print(f"{label:26} {n:>4}  {p[0]:7.3f} /{p[1]:6.3f}  {s[0]:7.3f} /{s[1]:6.3f} {p[0] / s[0]:6.2f}  "
                  f"{a[0]:7.3f} /{a[1]:6.3f} {p[0] / a[0]:6.2f}")
        print("\nClient CPU per call (ms, this process only: the instance runs in another one)")
        print(f"{'call':26} {'Mastodon.py':>12} {'tootty sync':>12} {'ratio':>6} {'tootty async':>13} {'ratio':>6}")
        for label, n, p, s, a in rows:
            print(f"{label:26} {p[2]:12.3f} {s[2]:12.3f} {p[2] / s[2]:6.2f} {a[2]:13.3f} {p[2] / a[2]:6.2f}")

        print("\nThroughput (calls/s): tootty async with N calls in flight vs Mastodon.py sequential")
        print(f"{'call':26} {'Mastodon.py':>12}" + "".join(f" {'async x' + n:>10} {'ratio':>6}"
                                                             for n in args.inflight.split(",")))
        for label, total, peer_fn, a_fn in [
            ("status()", args.calls, lambda: peer.status(status_id), lambda c: c.status(status_id)),
            ("timeline_home(limit=40)", args.timeline_calls, lambda: peer.timeline_home(limit=40),
             lambda c: c.timeline_home(limit=40)),
        ]:
            peer_rate = len(peer_t := time_calls(peer_fn, total)) / sum(peer_t)
            line = f"{label:26} {peer_rate:12.0f}"
            for n in args.inflight.split(","):
                async def run(n=int(n)):
                    async with api.AsyncMastodon(access_token=tokens[2], api_base_url=base) as client:
                        return await throughput(client, a_fn, total, n)
                rate = asyncio.run(run())
                line += f" {rate:10.0f} {rate / peer_rate:6.2f}"
            print(line)
        ours.close()
        peer.session.close() if hasattr(peer, "session") else None


if __name__ == "__main__":
    main()
