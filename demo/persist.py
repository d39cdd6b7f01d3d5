"""Optional persistence for a demo that should survive restarts: the whole world is pickled into one row of a
SQLite file (stdlib sqlite3). Simple on purpose: the world is small and saved as a snapshot, atomically."""
from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)"


def save(state, path: str | Path) -> None:
    data = pickle.dumps(state.snapshot(), protocol=pickle.HIGHEST_PROTOCOL)
    with sqlite3.connect(str(path)) as db:
        db.execute(SCHEMA)
        db.execute("INSERT OR REPLACE INTO snapshot (id, data) VALUES (1, ?)", (data,))


def load(state, path: str | Path) -> bool:
    """Restore the world from `path`; False when the file holds no snapshot yet (then seed instead)."""
    if not Path(path).exists():
        return False
    with sqlite3.connect(str(path)) as db:
        db.execute(SCHEMA)
        row = db.execute("SELECT data FROM snapshot WHERE id = 1").fetchone()
    if row is None:
        return False
    state.restore(pickle.loads(row[0]))
    return True
