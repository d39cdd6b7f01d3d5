"""Start-up prefetch: the first page of the start screen (and who we are) are requested on a thread the moment the
App is built, so the network round trips overlap Textual's own start-up (driver, stylesheet, first compose)
instead of following it. The App picks the results up as futures on its loop.

Only used when the App builds its own client (the command line); a client handed in (tests) is left alone.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor


class Prefetch:
    def __init__(self, base_url: str, access_token: str, calls: dict[str, tuple[str, tuple, dict]],
                 verify=True):
        """`calls`: name -> (client method, args, kwargs), each run once on a short-lived thread pool.
        `verify`: the App client's TLS setting (share one SSLContext: loading the CA bundle costs ~75 ms)."""
        from api import Mastodon

        self._client = Mastodon(access_token=access_token, api_base_url=base_url, ratelimit_method="throw",
                                request_timeout=15, network_retries=0, verify=verify)
        self._pool = ThreadPoolExecutor(max_workers=len(calls) or 1, thread_name_prefix="prefetch")
        self.futures: dict[str, Future] = {
            name: self._pool.submit(getattr(self._client, method), *args, **kwargs)
            for name, (method, args, kwargs) in calls.items()}
        self._all = list(self.futures.values())
        for future in self._all:
            future.add_done_callback(self._maybe_close)
        self._pool.shutdown(wait=False)

    def _maybe_close(self, _future) -> None:
        if all(f.done() for f in self._all):
            self.close()

    def take(self, name: str):
        """An awaitable for `name`'s result (or its exception), or None when it was not prefetched."""
        future = self.futures.pop(name, None)
        if future is None:
            return None
        return asyncio.wrap_future(future)

    def close(self) -> None:
        try:
            self._client.close()
        except Exception:  # noqa: BLE001 - closing a finished client must not matter
            pass
