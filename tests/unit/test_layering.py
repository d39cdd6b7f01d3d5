"""The layering rules of HACKING.md: `import api` loads neither textual nor rich; api/ imports nothing of the app,
the widgets or the demo; widgets/ never imports app/."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(folder: str, root: Path = ROOT) -> dict[str, set[str]]:
    """Top-level package of every absolute import in each file of folder (relative imports resolved)."""
    found: dict[str, set[str]] = {}
    for path in (root / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        depth = len(path.relative_to(root).parts) - 1
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
                elif node.level > depth:  # climbs out of the top package: never legitimate, always reported
                    names.add("<outside>")
        found[str(path.relative_to(root))] = names
    return found


def test_import_api_loads_neither_textual_nor_rich():
    code = ("import sys, json, api; api.Mastodon; api.AsyncMastodon; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich', 'app', 'widgets', 'demo'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_api_source_imports_no_ui_and_no_other_layer():
    forbidden = {"textual", "rich", "app", "widgets", "demo", "<outside>"}
    offenders = {f: sorted(n & forbidden) for f, n in _imports("api").items() if n & forbidden}
    assert offenders == {}


def test_widgets_never_import_app():
    assert (ROOT / "widgets").is_dir()
    forbidden = {"app", "demo", "<outside>"}
    offenders = {f: sorted(n & forbidden) for f, n in _imports("widgets").items() if n & forbidden}
    assert offenders == {}


def test_the_scan_sees_imports(tmp_path):
    # The scanner must be able to fail: absolute, relative and plain imports of app are all reported.
    (tmp_path / "widgets" / "sub").mkdir(parents=True)
    (tmp_path / "widgets" / "a.py").write_text("from app import cli\n")
    (tmp_path / "widgets" / "b.py").write_text("from ..app.screens import x\n")
    (tmp_path / "widgets" / "sub" / "c.py").write_text("import app.storage as s\n")
    found = _imports("widgets", tmp_path)
    assert all("app" in found[name] for name in ("widgets/a.py", "widgets/sub/c.py"))
    assert "<outside>" in found["widgets/b.py"]
