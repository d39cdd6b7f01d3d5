"""Seeding the world. `seed(state, size)` is the one entry point:

    size "small" (or "tests"): the small deterministic world below (6 accounts, ~50 statuses), used by the tests;
    size True / "default" / "big": demo/seed_data.py's `seed(state)` when that module exists (the realistic demo
    world), else the small one; False/None: nothing.

Other seeders can be registered in SEEDERS. Passwords of seeded users are their usernames (demo/demo, ...)."""
from __future__ import annotations

import random
import struct
import zlib
from datetime import timedelta

from .models import Account

SEEDERS = {}
USERS = [
    # username, display name, note, locked, bot
    ("demo", "Demo User", "I try out #tootty. Everything here is local.", False, False),
    ("alice", "Alice :blobcat:", "Terminal enthusiast. Writes about #python and #terminal.", False, False),
    ("bob", "Bob", "Photos, mostly. https://example.com/bob", False, False),
    ("carol", "Carol ✨", "Asks questions in polls.", False, False),
    ("dave", "Dave (locked)", "Approve me first.", True, False),
    ("eve", "Eve the bot", "I post the weather every hour.", False, True),
]

SMALL_POSTS = [
    ("alice", "Hello #mastodon from the terminal! #python"),
    ("bob", "Morning light over the river. https://example.com/photos/2026/11/morning-light-over-the-river-long-link"),
    ("carol", "What's your favourite editor?"),
    ("demo", "First post from the demo account. #tootty"),
    ("eve", "Weather: 12°C, light rain."),
    ("alice", "@demo have you tried the keyboard shortcuts yet?"),
    ("bob", "Some <b>markup-looking</b> text & entities &amp; <script>alert(1)</script>"),
    ("carol", "Control characters: \x1b[31mred\x1b[0m and bidi \u202eoverride\u202c end"),
    ("alice", "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreaks"),
    ("eve", "Weather: 13°C, clouds. #weather"),
]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid solid-colour PNG, so avatars are real images served locally."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def add_user(state, username, display_name, note="", locked=False, bot=False, created_at=None, password=None,
             colour=(90, 120, 200)) -> Account:
    at = created_at or state.now() - timedelta(days=400)
    acc = Account(state.new_id(at), username, display_name, at, note_source=note, note=state.render_text(note),
                  password=username if password is None else password, locked=locked, bot=bot,
                  email=f"{username}@localhost")
    acc.avatar = f"accounts/avatars/{acc.id}/original/avatar.png"
    acc.header = f"accounts/headers/{acc.id}/original/header.png"
    state.files[acc.avatar] = ("image/png", png(48, 48, colour))
    state.files[acc.header] = ("image/png", png(150, 50, tuple(c // 2 for c in colour)))
    acc.fields = [("Website", f"https://example.com/{username}"), ("Pronouns", "they/them")]
    acc.emojis = [e for e in ("blobcat",) if f":{e}:" in display_name]
    state.accounts[acc.id] = acc
    return acc


def add_emoji(state, shortcode: str, colour=(250, 200, 0)) -> None:
    path = f"custom_emojis/images/{shortcode}.png"
    state.files[path] = ("image/png", png(16, 16, colour))
    state.emojis[shortcode] = {"path": path, "category": "demo"}


def seed_small(state) -> None:
    rnd = random.Random(467600)
    with state.lock:
        add_emoji(state, "blobcat")
        add_emoji(state, "tootty", (40, 180, 120))
        users = {}
        for i, (name, display, note, locked, bot) in enumerate(USERS):
            users[name] = add_user(state, name, display, note, locked, bot, colour=(40 * i % 255, 120, 200 - 20 * i))
        u = {k: v.id for k, v in users.items()}
        for a, b in [("demo", "alice"), ("demo", "bob"), ("demo", "carol"), ("demo", "eve"), ("alice", "demo"),
                     ("bob", "demo"), ("carol", "demo"), ("alice", "bob"), ("bob", "alice"), ("carol", "alice")]:
            state.follow(u[a], u[b])
        state.follow(u["carol"], u["dave"])  # dave is locked: a pending request
        start = state.now() - timedelta(hours=60)
        posts = []
        for i in range(40):
            name, text = SMALL_POSTS[i % len(SMALL_POSTS)]
            if i >= len(SMALL_POSTS):
                text = f"{text} ({i // len(SMALL_POSTS) + 1})"
            at = start + timedelta(minutes=70 * i + rnd.randint(0, 30))
            posts.append(state.post_status(u[name], text, created_at=at, publish=False))
        # a thread several levels deep
        at = start + timedelta(hours=50)
        root = state.post_status(u["alice"], "A thread about #terminal clients 🧵", created_at=at, publish=False)
        parent = root
        for depth, who in enumerate(["bob", "alice", "carol", "demo"], 1):
            parent = state.post_status(u[who], f"@{users[parent_author(state, parent)].username} reply level {depth}",
                                       in_reply_to_id=parent.id, created_at=at + timedelta(minutes=depth),
                                       publish=False)
        state.post_status(u["carol"], "Spoilers about the finale inside", spoiler_text="TV spoilers",
                          created_at=at + timedelta(minutes=10), publish=False)
        state.post_status(u["carol"], "Which terminal do you use?", created_at=at + timedelta(minutes=11),
                          poll={"options": ["kitty", "foot", "wezterm", "xterm"], "expires_in": 86400},
                          publish=False)
        m = state.upload(u["bob"], png(64, 48, (200, 150, 90)), "image/png", description="An orange rectangle",
                         instant=True)
        state.post_status(u["bob"], "A picture with alt text", media_ids=[m.id],
                          created_at=at + timedelta(minutes=12), publish=False)
        state.post_status(u["alice"], "@demo a private word, just for you", visibility="direct",
                          created_at=at + timedelta(minutes=13), publish=False)
        state.post_status(u["bob"], "Followers only: new photos soon", visibility="private",
                          created_at=at + timedelta(minutes=14), publish=False)
        for st in list(state.statuses.values()):
            if not st.reblog_of_id:
                state.after_post(st)
        state.reblog(u["alice"], posts[1].id)
        state.reblog(u["bob"], posts[3].id)
        state.favourite(u["alice"], posts[3].id)
        state.favourite(u["carol"], posts[3].id)
        state.favourite(u["demo"], posts[0].id)
        state.bookmark(u["demo"], posts[2].id)
        state.add_announcement("<p>Welcome to the tootty demo instance! Everything here is local.</p>")
        lst = state.create_list(u["demo"], "Friends")
        state.add_to_list(u["demo"], lst.id, [u["alice"], u["bob"]])
        state.create_filter(u["demo"], "Spoilers", ["home", "public", "thread"], "warn",
                            keywords=[{"keyword": "finale", "whole_word": True}])


def parent_author(state, st) -> str:
    return next(k for k, v in ((a.username, a.id) for a in state.accounts.values()) if v == st.account_id)


SEEDERS["small"] = seed_small
SEEDERS["tests"] = seed_small


def seed(state, size="small") -> None:
    if size in (False, None, "none", ""):
        return
    if size in (True, "default", "big", "full"):
        try:
            from . import seed_data  # written separately: the realistic demo world
        except ImportError:
            seed_small(state)
            return
        seed_data.seed(state)
        return
    if size not in SEEDERS:
        raise ValueError(f"unknown seed size {size!r}; known: {', '.join(SEEDERS)}")
    SEEDERS[size](state)
