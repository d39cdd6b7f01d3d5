"""HTML-to-terminal rendering throughput, over realistic generated statuses.

    python bench/bench_render.py [--count 3000] [--width 80]

Prints statuses/second for: the sanitizer alone, HTML -> blocks (parse + walk), HTML -> wrapped lines, a full
status render (header, content, media, poll, counts) with a cold content cache, and a re-render with a warm one
(what happens when a favourite count changes). `make_statuses()` is reused by bench_timeline.py.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from widgets import content as content_module  # noqa: E402
from widgets.content import render_html  # noqa: E402
from widgets.sanitize import clean  # noqa: E402
from widgets.status import render_status  # noqa: E402

WORDS = (
    "the a of to and in is it you that was for on are with as I his they be at one have this from or had by "
    "hot word but what some we can out other were all there when up use your how said an each she which do "
    "their time if will way about many then them write would like so these her long make thing see him two "
    "mastodon fediverse server toot instance federation terminal python rust keyboard café naïve 日本語 "
    "émoji 🎉 👩‍💻 coffee release update weekend photo garden cat dog bicycle train music"
).split()
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _link(rng: random.Random) -> str:
    path = "/".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
    url = f"https://{rng.choice(['example.com', 'news.example.org', 'blog.example.net'])}/{path}"
    shown = url.removeprefix("https://")
    return (
        f'<a href="{url}" rel="nofollow noopener" translate="no" target="_blank">'
        f'<span class="invisible">https://</span><span class="{"ellipsis" if len(shown) > 30 else ""}">'
        f'{shown[:30]}</span><span class="invisible">{shown[30:]}</span></a>'
    )


def make_status(rng: random.Random, i: int) -> dict:
    account = {
        "id": str(rng.randint(1, 500)),
        "username": f"user{i % 500}",
        "acct": f"user{i % 500}@{rng.choice(['mastodon.social', 'fosstodon.org', 'example.social'])}",
        "display_name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}" + (" :blobcat:" if i % 7 == 0 else ""),
        "emojis": [{"shortcode": "blobcat", "url": "https://x/e.png"}],
        "bot": i % 50 == 0,
    }
    mentions, tags, paragraphs = [], [], []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        bits = [_sentence(rng, rng.randint(5, 25))]
        if rng.random() < 0.35:
            who = f"friend{rng.randint(1, 99)}"
            url = f"https://example.social/@{who}"
            mentions.append({"id": str(rng.randint(1, 10**6)), "username": who, "acct": f"{who}@example.social",
                             "url": url})
            bits.insert(0, f'<span class="h-card" translate="no"><a href="{url}" class="u-url mention">@'
                           f"<span>{who}</span></a></span>")
        if rng.random() < 0.3:
            tag = rng.choice(["Python", "Mastodon", "Photography", "Caturday", "Rust"])
            tags.append({"name": tag.lower(), "url": f"https://example.social/tags/{tag}"})
            bits.append(f'<a href="https://example.social/tags/{tag}" class="mention hashtag" rel="tag">'
                        f"#<span>{tag}</span></a>")
        if rng.random() < 0.25:
            bits.append(_link(rng))
        if rng.random() < 0.15:
            bits.append("<br>" + _sentence(rng, 6) + " :blobcat:")
        paragraphs.append(f"<p>{' '.join(bits)}</p>")
    extra = rng.random()
    if extra < 0.08:
        paragraphs.append("<ul>" + "".join(f"<li>{_sentence(rng, 4)}</li>" for _ in range(3)) + "</ul>")
    elif extra < 0.12:
        paragraphs.append(f"<blockquote><p>{_sentence(rng, 20)}</p></blockquote>")
    elif extra < 0.16:
        paragraphs.append("<pre><code>def f(x):\n    return x * 2\n</code></pre>")
    status = {
        "id": str(10**17 + i),
        "created_at": NOW - timedelta(minutes=i),
        "account": account,
        "content": "".join(paragraphs),
        "visibility": rng.choice(["public", "public", "unlisted", "private"]),
        "spoiler_text": _sentence(rng, 4) if rng.random() < 0.1 else "",
        "sensitive": rng.random() < 0.05,
        "mentions": mentions,
        "tags": tags,
        "emojis": [{"shortcode": "blobcat", "url": "https://x/e.png"}],
        "media_attachments": [
            {"id": str(i * 10 + k), "type": rng.choice(["image", "image", "video", "gifv"]),
             "description": _sentence(rng, 10) if rng.random() < 0.7 else None}
            for k in range(rng.choice([0, 0, 0, 1, 1, 2, 4]))
        ],
        "replies_count": rng.randint(0, 20),
        "reblogs_count": rng.randint(0, 50),
        "favourites_count": rng.randint(0, 200),
        "favourited": rng.random() < 0.1,
        "reblogged": rng.random() < 0.05,
        "bookmarked": rng.random() < 0.02,
        "edited_at": (NOW - timedelta(minutes=i - 1)) if rng.random() < 0.1 else None,
        "in_reply_to_id": str(rng.randint(1, 10**6)) if rng.random() < 0.3 else None,
        "in_reply_to_account_id": mentions[0]["id"] if mentions and rng.random() < 0.5 else None,
        "poll": None,
        "filtered": [],
        "reblog": None,
    }
    if rng.random() < 0.05:
        status["poll"] = {
            "id": str(i), "expired": rng.random() < 0.5, "expires_at": NOW + timedelta(hours=3), "multiple": False,
            "votes_count": 120, "voters_count": 120, "voted": True, "own_votes": [1],
            "options": [{"title": _sentence(rng, 3), "votes_count": v} for v in (70, 30, 20)],
        }
    if rng.random() < 0.02:
        status["filtered"] = [{"filter": {"title": "spoilers", "filter_action": "warn"}, "keyword_matches": ["x"]}]
    if rng.random() < 0.2:  # a boost: the outer status wraps the inner one
        booster = {"id": "b", "username": "booster", "acct": "booster", "display_name": "Booster"}
        return {"id": str(2 * 10**17 + i), "created_at": status["created_at"], "account": booster, "reblog": status,
                "content": "", "visibility": "public"}
    return status


def make_statuses(count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    return [make_status(rng, i) for i in range(count)]


def _rate(fn, items, repeats: int) -> tuple[float, float]:
    """(statuses/second, microseconds per status), best of `repeats`, in CPU time of this process: on a shared
    machine wall time mostly measures the neighbours (the load average is printed alongside)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return len(items) / best, best / len(items) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    statuses = make_statuses(args.count)
    inner = [s.get("reblog") or s for s in statuses]
    html_sizes = [len(s["content"]) for s in inner]
    print(f"{args.count} generated statuses; content HTML {statistics.mean(html_sizes):.0f} chars on average "
          f"(max {max(html_sizes)}); width {args.width}")

    warm = statuses[: content_module._CACHE_SIZE // 2]

    def cold_status(status):
        content_module._CACHE.clear()
        render_status(status, args.width, now=NOW)

    rows = [
        ("sanitizer (clean) on content text", lambda s: clean(s["content"]), inner),
        ("HTML -> blocks (parse + walk)", lambda s: render_html(s["content"], mentions=s["mentions"], tags=s["tags"],
                                                                 emojis=s["emojis"]), inner),
        ("HTML -> wrapped lines", lambda s: render_html(s["content"], mentions=s["mentions"], tags=s["tags"],
                                                         emojis=s["emojis"]).lines(args.width), inner),
        ("full status render, cold content cache", cold_status, statuses),
        # A re-render (counts changed): content parsed and wrapped already. Over as many statuses as the
        # content cache holds, warmed just before.
        ("full status render, warm content cache", lambda s: render_status(s, args.width, now=NOW), warm),
    ]
    print(f"CPU time, best of {args.repeats}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'what':<42} {'statuses/s':>12} {'µs/status':>10}")
    for name, fn, items in rows:
        if items is warm:
            for status in warm:
                render_status(status, args.width, now=NOW)
        rate, micros = _rate(fn, items, args.repeats)
        print(f"{name:<42} {rate:>12,.0f} {micros:>10.1f}")


if __name__ == "__main__":
    main()
