import pytest


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """Point every tootty directory at a fresh temporary directory (the user's real files are never touched)."""
    result = {}
    for kind in ("config", "data", "state"):
        path = tmp_path / kind
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
        result[kind] = path
    return result
