"""One client shared by many callers over real HTTP: threads for the sync client, tasks for the async one."""
from __future__ import annotations

import asyncio
import threading
import uuid

import api


def test_sync_client_shared_by_threads(instance):
    client = api.Mastodon(access_token=instance.make_token("demo"), api_base_url=instance.base_url)
    target = client.timeline_home(limit=1)[0].id
    tag = uuid.uuid4().hex[:8]
    errors, posted = [], []
    lock = threading.Lock()

    def worker(n):
        try:
            for _ in range(10):
                assert client.status(target).id == target
            st = client.toot(f"thread {n} {tag}")
            with lock:
                posted.append(st.id)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    mine = [s for s in client.account_statuses(client.me().id, limit=40) if tag in s.content]
    assert sorted(s.id for s in mine) == sorted(posted) and len(posted) == 8
    assert client.ratelimit_remaining is not None and client.ratelimit_remaining <= 300 - 89
    client.close()


async def test_async_client_shared_by_tasks(instance):
    async with api.AsyncMastodon(access_token=instance.make_token("demo"), api_base_url=instance.base_url) as c:
        target = (await c.timeline_home(limit=1))[0].id
        tag = uuid.uuid4().hex[:8]
        results = await asyncio.gather(*(c.status(target) for _ in range(32)),
                                       *(c.toot(f"task {n} {tag}") for n in range(8)))
        assert all(r.id == target for r in results[:32])
        posted = {r.id for r in results[32:]}
        mine = [s for s in await c.account_statuses((await c.me()).id, limit=40) if tag in s.content]
        assert {s.id for s in mine} == posted and len(posted) == 8
