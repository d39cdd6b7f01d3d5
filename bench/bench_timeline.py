"""A 10,000-status timeline in a headless Textual app: keypress-to-repaint, streamed append, memory.

    python bench/bench_timeline.py [--count 10000] [--keys 300] [--size 120x40]

Keypress-to-repaint is measured from the moment the key event is handed to the app (as the terminal driver
would) until the compositor has produced the frame and it has been encoded to terminal output (the headless
driver skips only the final write). Textual repaints on a frame timer (TEXTUAL_FPS, 60 by default), so part of
each latency is waiting for the next frame tick; the "work" column is the time spent in our code plus the
compositor for that frame, without the wait.

Python's cyclic garbage collector is the main source of outliers: with 10,000 statuses (about a million
objects) a full (generation 2) collection pauses the process for 100-300 ms. The GC pauses seen during the key
measurements are printed. By default the collector is tuned as the app tunes it (widgets/gcpolicy.py: collect and
freeze once loaded, as the app does after its first paint and every 2,000 statuses loaded; full collections 10
times rarer); `--gc python` keeps Python's defaults, to compare.

Keys are pressed at a key-repeat pace (`--interval`, 30 per second by default; 0 sends them back to back).

Appending one streamed status is measured as the `prepend()` call itself (render + index update + anchoring)
and as the time until the resulting frame is on screen.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402

from bench_render import NOW, make_status, make_statuses  # noqa: E402
from widgets import gcpolicy  # noqa: E402
from widgets.timeline import Timeline  # noqa: E402


class GcPauses:
    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._start) * 1000))

    def summary(self) -> str:
        parts = []
        for generation in (0, 1, 2):
            times = [t for g, t in self.pauses if g == generation]
            if times:
                parts.append(f"gen{generation}: {len(times)} × (max {max(times):.1f} ms)")
        return ", ".join(parts) or "none"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


class BenchApp(App):
    def __init__(self, statuses):
        super().__init__()
        self.statuses = statuses

    def compose(self) -> ComposeResult:
        yield Timeline(self.statuses, clock=lambda: NOW)


class FrameClock:
    """Wraps the app's display hook: records when each frame is finished and how long compositing took."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.event = asyncio.Event()
        self.last_frame = 0.0
        self.frames = 0
        screen = app.screen
        original_refresh = screen._compositor_refresh
        original_display = app._display

        def compositor_refresh():
            start = time.perf_counter()
            original_refresh()
            self.last_work = time.perf_counter() - start

        def display(screen, renderable):
            if renderable is not None:
                # The headless driver skips encoding the frame; do it here so the cost is counted.
                render_segments = getattr(renderable, "render_segments", None)
                if render_segments is not None:
                    render_segments(app.console)
                self.frames += 1
                self.last_frame = time.perf_counter()
                self.last_frame_cpu = time.process_time()
                self.event.set()
            original_display(screen, renderable)

        screen._compositor_refresh = compositor_refresh
        app._display = display
        self.last_work = 0.0
        self.last_frame_cpu = 0.0
        self.interval = 0.0

    async def press(self, key: str) -> tuple[float, float, float]:
        """Send `key` and wait for the next frame: (latency, compositor work, process CPU time) in seconds."""
        if self.interval:
            await asyncio.sleep(self.interval)  # the gap between two key repeats, when the app may work ahead
        self.event.clear()
        start_cpu = time.process_time()
        start = time.perf_counter()
        self.app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        try:
            await asyncio.wait_for(self.event.wait(), timeout=2.0)
        except asyncio.TimeoutError:
            return float("nan"), float("nan"), float("nan")
        return self.last_frame - start, self.last_work, self.last_frame_cpu - start_cpu


async def run(args) -> None:
    width, height = (int(v) for v in args.size.split("x"))
    process = psutil.Process(os.getpid())
    rss_start = process.memory_info().rss
    t0 = time.perf_counter()
    statuses = make_statuses(args.count)
    t_generate = time.perf_counter() - t0
    rss_data = process.memory_info().rss
    app = BenchApp(statuses)
    async with app.run_test(size=(width, height)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        t0 = time.perf_counter()
        while timeline.measuring:
            await asyncio.sleep(0.05)
        t_measure = time.perf_counter() - t0
        gc.collect()
        if args.gc == "app":
            gcpolicy.enable()
        if args.gc_gen2_threshold:
            threshold0, threshold1, _ = gc.get_threshold()
            gc.set_threshold(threshold0, threshold1, args.gc_gen2_threshold)
        rss_loaded = process.memory_info().rss
        clock = FrameClock(app)
        clock.interval = args.interval
        await pilot.pause()
        gc_pauses = GcPauses()
        cpu_start = time.process_time()
        wall_start = time.perf_counter()

        results: dict[str, list[tuple[float, float, float]]] = {"j": [], "k": [], "pagedown": [], "pageup": []}
        for _ in range(args.keys):
            results["j"].append(await clock.press("j"))
        for _ in range(args.keys // 3):
            results["k"].append(await clock.press("k"))
        for _ in range(args.keys):
            if timeline.scroll_y >= timeline.max_scroll_y:
                await clock.press("g")
            results["pagedown"].append(await clock.press("pagedown"))
        for _ in range(args.keys // 3):
            results["pageup"].append(await clock.press("pageup"))
        g_end = await clock.press("G")
        cpu_share = (time.process_time() - cpu_start) / (time.perf_counter() - wall_start)
        gc_summary = gc_pauses.summary()

        # Streamed statuses: one at a time, while the reader sits in the middle of the list.
        await clock.press("g")
        for _ in range(20):
            await clock.press("pagedown")
        rng_statuses = [make_status(__import__("random").Random(9), 10**6 + i) for i in range(args.appends)]
        call_times, call_cpu, frame_times = [], [], []
        for status in rng_statuses:
            clock.event.clear()
            start_cpu = time.process_time()
            start = time.perf_counter()
            timeline.prepend([status])
            call_times.append(time.perf_counter() - start)
            call_cpu.append(time.process_time() - start_cpu)
            await asyncio.wait_for(clock.event.wait(), timeout=2.0)
            frame_times.append(clock.last_frame - start)
        older = make_statuses(40, seed=7)
        for s in older:
            s["id"] = "older" + s["id"]
        start = time.perf_counter()
        timeline.append(older)
        page_append = time.perf_counter() - start
        gc.collect()
        rss_end = process.memory_info().rss

    mb = 1024 * 1024
    print(f"timeline of {args.count:,} statuses at {width}x{height}, TEXTUAL_FPS={os.environ.get('TEXTUAL_FPS', '60')}, "
          f"gc policy {args.gc} (frozen {gc.get_freeze_count():,} objects), thresholds {gc.get_threshold()}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    print(f"  generating the statuses: {t_generate:.2f} s; background measuring of all heights: {t_measure:.2f} s")
    print(f"  keys pressed every {args.interval * 1000:.0f} ms")
    print("  keypress -> frame, wall clock (includes waiting for a CPU on a loaded machine), and the CPU time the")
    print("  process spent on it (what the latency is on an otherwise idle core):")
    print(f"  {'key':<10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'cpu p50':>8} {'cpu p95':>8} {'cpu max':>8}")
    for key, samples in results.items():
        lat = [s[0] * 1000 for s in samples if s[0] == s[0]]
        cpu = [s[2] * 1000 for s in samples if s[2] == s[2]]
        print(f"  {key:<10} {len(lat):>5} {percentile(lat, 50):>8.2f} {percentile(lat, 95):>8.2f} {max(lat):>8.2f}"
              f"   {percentile(cpu, 50):>8.2f} {percentile(cpu, 95):>8.2f} {max(cpu):>8.2f}")
    print(f"  G (jump to oldest): {g_end[0] * 1000:.2f} ms; process CPU while pressing keys: {cpu_share:.0%} of wall time")
    print(f"  GC collections while pressing keys: {gc_summary}")
    calls = [t * 1000 for t in call_times]
    frames = [t * 1000 for t in frame_times]
    cpus = [t * 1000 for t in call_cpu]
    print(f"  append one streamed status: call p50 {percentile(calls, 50):.2f} ms, p95 {percentile(calls, 95):.2f} ms,"
          f" max {max(calls):.2f} ms (cpu p50 {percentile(cpus, 50):.2f}, p95 {percentile(cpus, 95):.2f} ms); "
          f"to the next frame (only the scrollbar moves: it follows within 100 ms) p50 {percentile(frames, 50):.2f} ms, p95 {percentile(frames, 95):.2f} ms")
    print(f"  append an older page of 40: {page_append * 1000:.2f} ms")
    print(f"  RSS: start {rss_start / mb:.0f} MB, with statuses {rss_data / mb:.0f} MB, app loaded and measured "
          f"{rss_loaded / mb:.0f} MB, after scrolling everything {rss_end / mb:.0f} MB")
    print(f"  targets: scroll p95 < 16 ms, append < 5 ms, RSS < 250 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--appends", type=int, default=100)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--interval", type=float, default=1 / 30,
                        help="seconds between key presses (default: a 30 Hz key repeat; 0: back to back)")
    parser.add_argument("--gc", choices=("app", "python"), default="app",
                        help="app: the collector tuned as the app does (widgets/gcpolicy.py); python: defaults")
    parser.add_argument("--gc-gen2-threshold", type=int, default=0,
                        help="gc.set_threshold(..., ..., N): full collections N times rarer than Python's 10")
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
