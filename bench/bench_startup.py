"""Startup: from starting tootty to a painted home timeline of 40 statuses, against a local instance.

    python bench/bench_startup.py [--runs 7]

Each run starts a fresh Python process in a pseudo-terminal (so the real terminal driver draws, as for a user)
running the app against the local instance (started once, in this process), and measures the wall time from
spawning the process to the terminal output containing "40 loaded" (the title line the home screen paints in
the same frame as its first statuses). Then it presses q and waits for the process to end.
Target (issue 5): under 0.6 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

PYCACHE = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tootty-bench-pycache")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

CHILD = """
import sys
sys.path.insert(0, {root!r})
from app.main import make_app
make_app(base_url={base!r}, access_token={token!r},
         markers=False).run()
"""


def one_run(base_url: str, token: str, timeout: float = 20.0) -> tuple[float, float]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)
    # Measure an installed tootty: bytecode cached (the warm-up run writes it, outside the source tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    code = CHILD.format(root=ROOT, base=base_url, token=token)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True, close_fds=True)
    os.close(slave)
    seen = b""
    painted = None
    cpu = float("nan")
    deadline = started + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            if b"40 loaded" in seen:
                painted = time.perf_counter() - started
                cpu = cpu_seconds(proc.pid)
                break
        if painted is None:
            raise RuntimeError("the home timeline was not painted (output tail: %r)" % seen[-300:])
        os.write(master, b"q")
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
    return painted, cpu


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far: what start-up costs when the machine is not
    shared, independent of other load."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from demo.server import running_instance

    with running_instance(seed="small") as inst:
        token = inst.tokens["demo"]
        one_run(inst.base_url, token)  # warm the file cache (bytecode, fonts of the import system)
        runs = [one_run(inst.base_url, token) for _ in range(args.runs)]
    ms = sorted(1000 * wall for wall, _cpu in runs)
    cpu = sorted(1000 * c for _wall, c in runs)
    print(f"startup to painted home timeline (40 statuses), {args.runs} runs, load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"  wall: median {statistics.median(ms):.0f} ms   min {ms[0]:.0f} ms   max {ms[-1]:.0f} ms")
    print(f"  CPU used by tootty until then: median {statistics.median(cpu):.0f} ms   min {cpu[0]:.0f} ms"
          "   (wall time on an otherwise idle machine is close to this plus one local round trip)")
    print("  target < 600 ms:", "met" if statistics.median(ms) < 600 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
