"""HTTP routes by domain. Each module exposes `routes` (a demo.http.Routes list of (method, path, endpoint));
demo/app.py mounts them in the order of MODULES (specific paths before `{id}` paths)."""
