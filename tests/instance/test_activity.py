"""The activity generator (demo/activity.py): its steps reach the hub as streaming events and the demo user as
notifications, start/stop control it on an event loop or a thread, and the world stays bounded at high rates."""
from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime, timezone

import httpx
import pytest

from demo import seed_data
from demo.activity import ActivityGenerator, attach_activity
from demo.clock import FakeClock
from demo.server import running_instance
from demo.state import State

AT = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


def world(seed="default"):
    state = State(clock=FakeClock(AT))
    if seed == "default":
        seed_data.seed(state)
    else:
        from demo.seed import seed as small
        small(state, seed)
    return state, state.account_by_username("demo").id


def drain(sub) -> list:
    out = []
    while not sub.queue.empty():
        out.append(sub.queue.get_nowait())
    return out


async def test_steps_publish_streaming_events_and_notify_the_demo_user():
    state, demo = world()
    sub = state.hub.subscribe(("user", demo), ("user:notification", demo), ("public",), ("direct", demo))
    before = Counter(n.type for n in state.notifications.values() if n.account_id == demo)
    gen = ActivityGenerator(state, rng_seed=7)
    actions = Counter(gen.step() for _ in range(300))
    events = drain(sub)
    kinds = Counter((e.stream[0], e.event) for e in events)
    assert kinds[("user", "update")] > 0 and kinds[("public", "update")] > 0
    assert kinds[("user", "notification")] > 0 and kinds[("user:notification", "notification")] > 0
    assert kinds[("user", "delete")] > 0 and kinds[("user", "status.update")] > 0
    assert kinds[("direct", "conversation")] > 0
    after = Counter(n.type for n in state.notifications.values() if n.account_id == demo)
    for kind in ("mention", "favourite", "reblog", "follow", "status"):
        assert after[kind] > before[kind], kind
    assert {"post", "reply", "mention", "favourite", "boost", "edit", "delete", "direct", "poll"} <= set(actions)
    assert sum(actions.values()) == gen.steps == 300
    sub.close()


def test_generator_works_on_the_small_seed_too():
    state, demo = world("small")
    gen = ActivityGenerator(state, rng_seed=3)
    for _ in range(200):
        gen.step()
    assert gen.steps == 200 and gen.made
    assert any(n.account_id == demo for n in state.notifications.values())


def test_same_seed_same_actions():
    a = ActivityGenerator(world()[0], rng_seed=11)
    b = ActivityGenerator(world()[0], rng_seed=11)
    assert [a.step() for _ in range(100)] == [b.step() for _ in range(100)]
    assert [a.state.statuses[s].text for s in a.made] == [b.state.statuses[s].text for s in b.made]


def test_memory_stays_bounded_over_many_steps():
    state, demo = world()
    seeded = len(state.statuses)
    gen = ActivityGenerator(state, rate=50, rng_seed=5, max_statuses=60, max_notifications=500)
    sizes = []
    for i in range(2000):
        gen.step()
        if i % 250 == 249:
            sizes.append((len(state.statuses), len(state.notifications), len(state.media), len(state.files),
                          len(state.polls), sum(len(v) for v in state.tag_uses.values()),
                          sum(len(v) for v in state.replies.values()), len(state.conversations)))
    assert len(gen.made) <= 60
    assert len(state.statuses) <= seeded + 60
    assert len(state.notifications) <= 500
    assert all(not st.deleted for st in state.statuses.values() if st.id in gen.made)
    # Nothing keeps growing: the last measurement is no larger than the largest of the first half.
    first_half = sizes[: len(sizes) // 2]
    for column in range(len(sizes[0])):
        assert sizes[-1][column] <= max(row[column] for row in first_half) * 1.2 + 5, (column, sizes)
    assert state.account_by_username("demo").id == demo


def test_purge_forgets_a_deleted_status_everywhere():
    state, demo = world()
    alice = state.account_by_username("alice").id
    st = state.post_status(alice, "to be purged #purgeme @demo", poll={"options": ["a", "b"], "expires_in": 600})
    state.favourite(demo, st.id)
    state.bookmark(demo, st.id)
    assert not state.purge_status(st.id)  # live statuses are never purged
    state.delete_status(alice, st.id)
    assert state.purge_status(st.id)
    assert st.id not in state.statuses and st.id not in state.by_author[alice]
    assert (demo, st.id) not in state.favourites and (demo, st.id) not in state.bookmarks
    assert st.poll_id not in state.polls
    assert not any(sid == st.id for sid, _a in state.tag_uses.get("purgeme", ()))
    assert not any(n.status_id == st.id for n in state.notifications.values())


async def test_start_and_stop_on_the_event_loop():
    state, _demo = world()
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)
        await asyncio.sleep(0)

    gen = ActivityGenerator(state, rate=5, rng_seed=1, sleep=fake_sleep)
    gen.start()
    assert gen.running
    for _ in range(1000):
        if gen.steps >= 20:
            break
        await asyncio.sleep(0)
    assert gen.steps >= 20
    assert all(0 <= s <= 2.0 for s in slept)  # exponential around 1/rate, capped at 10/rate
    gen.stop()
    steps = gen.steps
    for _ in range(50):
        await asyncio.sleep(0)
    assert gen.steps == steps and not gen.running


def test_start_without_a_loop_runs_on_a_thread_and_stops():
    state, _demo = world("small")
    gen = ActivityGenerator(state, rate=500, rng_seed=2).start()
    assert gen.running and gen._thread.daemon
    deadline = time.monotonic() + 20
    while gen.steps < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    gen.stop()
    assert gen.steps >= 5 and not gen.running
    steps = gen.steps
    time.sleep(0.05)
    assert gen.steps == steps


def test_rate_must_be_positive():
    with pytest.raises(ValueError):
        ActivityGenerator(world("small")[0], rate=0)


def test_attached_to_a_running_instance_the_demo_user_sees_new_notifications():
    """Over HTTP: the generator runs on its own thread beside the server and the API shows its work."""
    with running_instance(seed=True) as inst:
        headers = {"Authorization": f"Bearer {inst.tokens['demo']}"}
        with httpx.Client(base_url=inst.base_url, headers=headers, timeout=10) as http:
            first = http.get("/api/v1/notifications", params={"limit": 1}).json()[0]["id"]
            gen = attach_activity(inst, rate=200, rng_seed=9)
            try:
                deadline = time.monotonic() + 20
                fresh = []
                while not fresh and time.monotonic() < deadline:
                    fresh = http.get("/api/v1/notifications", params={"since_id": first}).json()
                    time.sleep(0.02)
            finally:
                gen.stop()
            assert fresh and not gen.running


def test_running_instance_with_activity_starts_and_stops_it():
    with running_instance(seed="small", activity=300) as inst:
        gen = inst.activity
        assert gen.rate == 300 and gen.running
        deadline = time.monotonic() + 20
        while gen.steps < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gen.steps >= 3
    assert not gen.running


def test_start_on_another_threads_loop_and_stop_from_here():
    """How a caller outside the server's thread hands the generator to the server's event loop."""
    import threading
    state, _demo = world("small")
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()
    try:
        async def quick_sleep(_seconds):
            await asyncio.sleep(0.001)

        gen = attach_activity(state, loop=loop, rng_seed=4, sleep=quick_sleep)
        assert gen._task is not None and gen._thread is None
        deadline = time.monotonic() + 20
        while gen.steps < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        gen.stop()
        deadline = time.monotonic() + 20
        while gen.running and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gen.steps >= 5 and not gen.running and gen._task.done()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(5)
        loop.close()
