"""A thread: the ancestors above as one chain leading down to the focused status (highlighted), the replies below
as a tree drawn with guides (who answers whom). `c` collapses or expands the branch under the selected reply."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from app.screens.base import StatusScreen
from app.screens.renderers import thread_renderer
from app.screens.status_list import StatusTimeline
from app.service import describe


def build_tree(ancestors: list, focus: dict, descendants: list) -> tuple[list[dict], dict[str, int],
                                                                        dict[str, list[str]]]:
    """Order a thread for display: ancestors (depth 0), the focus (depth 0), then each reply under its parent,
    depth-first, siblings oldest first. Returns (ordered statuses, depth by id, children by id). Replies whose
    parent is not in the context (deleted, or not visible to us) hang under the focus."""
    ordered = [s for s in ancestors if isinstance(s, dict)]
    depths = {str(s.get("id")): 0 for s in ordered}
    focus_id = str(focus.get("id"))
    depths[focus_id] = 0
    ordered.append(focus)
    known = {focus_id} | {str(s.get("id")) for s in descendants if isinstance(s, dict)}
    children: dict[str, list[dict]] = {}
    for status in descendants:
        if not isinstance(status, dict):
            continue
        parent = str(status.get("in_reply_to_id"))
        children.setdefault(parent if parent in known else focus_id, []).append(status)
    child_ids: dict[str, list[str]] = {k: [str(s.get("id")) for s in v] for k, v in children.items()}

    def walk(parent_id: str, depth: int, seen: set[str]) -> None:
        for child in children.get(parent_id, []):
            cid = str(child.get("id"))
            if cid in seen:  # a malformed context with a cycle must not loop forever
                continue
            seen.add(cid)
            depths[cid] = depth
            ordered.append(child)
            walk(cid, depth + 1, seen)

    walk(focus_id, 1, {focus_id})
    return ordered, depths, child_ids


def thread_guides(ancestor_ids: list[str], focus_id: str,
                  children: dict[str, list[str]]) -> dict[str, tuple[list[str], list[str]]]:
    """The guide columns drawn left of each status: id -> (chunks before its first line, chunks before its
    other lines), each chunk two cells wide. Ancestors form one chain down to the focus (┌ ├ │); replies hang
    under their parent (├ for a reply with later siblings, └ for the last, │ continuing a parent's column), so
    who answers whom can be read off the columns."""
    guides: dict[str, tuple[list[str], list[str]]] = {}
    for n, sid in enumerate(ancestor_ids):
        guides[sid] = (["┌ " if n == 0 else "├ "], ["│ "])
    guides[focus_id] = ([], [])

    def walk(parent_id: str, columns: list[str], seen: set[str]) -> None:
        kids = [k for k in children.get(parent_id, []) if k not in seen]
        for n, kid in enumerate(kids):
            if kid in seen:
                continue
            seen.add(kid)
            last = n == len(kids) - 1
            guides[kid] = (columns + ["└ " if last else "├ "], columns + ["  " if last else "│ "])
            walk(kid, columns + ["  " if last else "│ "], seen)

    walk(focus_id, [], {focus_id, *ancestor_ids})
    return guides


def descendants_of(status_id: str, children: dict[str, list[str]]) -> set[str]:
    out: set[str] = set()
    stack = list(children.get(status_id, []))
    while stack:
        sid = stack.pop()
        if sid not in out:
            out.add(sid)
            stack.extend(children.get(sid, []))
    return out


class ThreadScreen(StatusScreen):
    BINDINGS = [Binding("c", "collapse", "Collapse branch", id="thread.collapse"),
                Binding(".", "reload", "Reload", id="thread.reload")]
    closable = True

    def __init__(self, status: dict) -> None:
        super().__init__(name="thread")
        self.focus_status = status
        self.focus_id = str(status.get("id"))
        self.title_text = "Thread"
        self.ordered: list[dict] = []
        self.depths: dict[str, int] = {}
        self.reply_ids: dict[str, list[str]] = {}
        self.collapsed: set[str] = set()
        self.hidden_counts: dict[str, int] = {}
        self.guides: dict[str, tuple[list[str], list[str]]] = {}
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield StatusTimeline(id="timeline", renderer=thread_renderer(self.guides, self.focus_id, self.collapsed,
                                                                     self.hidden_counts))
        yield from self.compose_bar()

    def on_mount(self) -> None:
        self.timeline.focus()
        self.timeline.set_items([self.focus_status])
        self.load()

    @work(exit_on_error=False, exclusive=True)
    async def load(self) -> None:
        self.set_title("Thread", Text("loading…", style="dim"))
        try:
            context = await self.app.service.call("status_context", self.focus_id)
        except Exception as error:  # noqa: BLE001
            self.set_title("Thread", Text("⚠ " + describe(error), style="red"))
            return
        ancestors = list(context.get("ancestors") or [])
        descendants = list(context.get("descendants") or [])
        self.ordered, depths, children = build_tree(ancestors, self.focus_status, descendants)
        self.depths.clear()
        self.depths.update(depths)
        self.reply_ids = children
        self.guides.clear()
        self.guides.update(thread_guides([str(a.get("id")) for a in ancestors if isinstance(a, dict)],
                                         self.focus_id, children))
        self.loaded = True
        self._show()
        self.timeline.select(self.focus_id)
        self.set_title("Thread", Text(f"{len(ancestors)} above · {len(descendants)} repl"
                                      f"{'y' if len(descendants) == 1 else 'ies'} · c collapses a branch",
                                      style="dim"))

    def _show(self) -> None:
        hidden: set[str] = set()
        self.hidden_counts.clear()
        for sid in self.collapsed:
            below = descendants_of(sid, self.reply_ids)
            self.hidden_counts[sid] = len(below)
            hidden |= below
        selected = self.timeline.selected_key
        self.timeline.set_items([s for s in self.ordered if str(s.get("id")) not in hidden])
        if selected:
            self.timeline.select(selected)

    def action_collapse(self) -> None:
        key = self.timeline.selected_key
        if not key or not self.reply_ids.get(key):
            self.app.bell()
            return
        if key in self.collapsed:
            self.collapsed.discard(key)
        else:
            self.collapsed.add(key)
        self._show()

    def action_reload(self) -> None:
        self.load()

    def status_changed(self, status: dict) -> None:
        sid = str(status.get("id"))
        self.ordered = [status if str(s.get("id")) == sid else s for s in self.ordered]
        if sid == self.focus_id:
            self.focus_status = status
        super().status_changed(status)
