"""demo: the local Mastodon-compatible instance that ships with tootty (`tootty demo`, `python -m demo`) and that
the tests use as their real server.

Why Starlette + uvicorn: they are the standard, small ASGI stack for Python. Starlette gives routing, request
parsing (forms, multipart, JSON), WebSockets and Server-Sent Events in one dependency without an ORM or a
framework's opinions about auth, which we need to implement exactly as Mastodon does (OAuth, Link paging, error
bodies). uvicorn serves it from a background thread with a port chosen by the OS (port 0), starts in
milliseconds, shuts down cleanly, and speaks both HTTP/1.1 and WebSocket, so the tests talk to a real socket.
Pure-ASGI middlewares (rate limits, fault injection) can reach below the framework to drop or truncate a
response, which a higher-level framework would hide.

Layout: state*.py (the world, by domain), entities*.py and instance_info.py (Mastodon's JSON shapes),
app.py + routes/ (HTTP), ratelimit.py, faults.py, server.py (running_instance, serve_forever), seed.py.
"""
