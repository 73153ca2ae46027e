"""Task pictures (`arcsynth render`) and the HTML report (`arcsynth eval --html`)."""
from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pytest
from PIL import Image

from arcsynth.core.task import Pair, Task, find_task
from arcsynth.dsl.grid import Grid
from arcsynth.reporting.render import RGB, boxes_overlap, files_dir, html_report, layout_task, render_task


def _grid(h: int, w: int, seed: int = 0) -> Grid:
    return Grid(np.random.default_rng(seed).integers(0, 10, (h, w)).astype(np.int8))


ONE, THREE, BIG = _grid(1, 1, 1), _grid(3, 3, 2), _grid(30, 30, 3)
LONG_PROGRAM = ("x1 = objects(I, True, False, True)\nO = " + "compose(" * 10 + "identity" + ")" * 10
                + "".join(f", fill(I, {i}, ofcolor(I, {i + 1}))" for i in range(9)) + ", " + "x" * 150)


def _task(tid: str, grids: tuple[Grid, ...]) -> Task:
    """Train pairs over the given grids; per grid, three test inputs with known outputs and one without."""
    train = tuple(Pair(a, b) for a, b in zip(grids, grids[1:] + grids[:1]))
    return Task(tid, train, tuple(Pair(g, out) for g in grids for out in (g, g, g, None)))


def _preds(task: Task) -> list[list[Grid]]:
    """0, 1 and 2 attempts per test input, right and wrong ones (long labels next to each other)."""
    out: list[list[Grid]] = []
    for i, p in enumerate(task.test):
        wrong = ONE if p.input != ONE else THREE
        out.append([[], [wrong], [wrong, p.input], [p.input, wrong]][i % 4])
    return out


CASES = {
    "1x1": _task("t1", (ONE, ONE)),
    "3x3": _task("t3", (THREE, ONE)),
    "30x30": _task("t30", (BIG, ONE, THREE)),
}


def _check_layout(lay, size) -> None:  # type: ignore[no-untyped-def]
    boxes = lay.all_boxes()
    for a, b in itertools.combinations(boxes, 2):
        assert not boxes_overlap(a, b), (a, b)
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= size[0] and 0 <= y0 < y1 <= size[1]


@pytest.mark.parametrize("cell", [12, 3])
@pytest.mark.parametrize("program", [None, "replace(I, 3, 4)", LONG_PROGRAM], ids=["none", "short", "long"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_label_boxes_do_not_overlap(case: str, program, cell: int) -> None:  # type: ignore[no-untyped-def]
    task = CASES[case]
    lay = layout_task(task, _preds(task), program, cell)
    _check_layout(lay, lay.size)
    labels = [t for _, t, _ in lay.texts]
    for want in ("attempt 1 (wrong)", "attempt 2 (right)", "attempt 1", "attempt 2", "expected", "test input"):
        assert want in labels


def test_real_task_with_attempt_labels_apart() -> None:
    """The reported case: `render 0d3d703e --program "replace(I, 3, 4)"` drew "attempt 1" over "expected"."""
    task = find_task("0d3d703e")
    wrong = Grid(np.where(task.test[0].input.a == 3, 4, task.test[0].input.a))
    lay = layout_task(task, [[wrong, task.test[0].output]], "replace(I, 3, 4)")
    _check_layout(lay, lay.size)
    test_labels = [(b, t) for b, t, _ in lay.texts if t in ("test input", "attempt 1 (wrong)", "attempt 2 (right)",
                                                             "expected")]
    assert len(test_labels) == 4
    xs = [b for b, _ in sorted(test_labels)]
    assert all(a[2] <= b[0] for a, b in zip(xs, xs[1:]))  # left to right, each ends before the next begins


@pytest.mark.parametrize("case", ["1x1", "30x30"])
def test_drawing_matches_layout(case: str) -> None:
    """Every non-white pixel lies in a box of the layout (so the checked boxes are what is drawn), every text box
    has ink, and grid cells have their colours."""
    task = CASES[case]
    preds = _preds(task)
    lay = layout_task(task, preds, LONG_PROGRAM, 6)
    a = np.asarray(render_task(task, preds, LONG_PROGRAM, cell=6).convert("RGB"))
    assert a.shape[:2] == (lay.size[1], lay.size[0])
    covered = np.zeros(a.shape[:2], bool)
    for x0, y0, x1, y1 in lay.all_boxes():
        covered[y0:y1, x0:x1] = True
    ink = (a != 255).any(axis=2)
    assert not (ink & ~covered).any(), np.argwhere(ink & ~covered)[:5]
    for (x0, y0, x1, y1), text, _ in lay.texts:
        if text.strip():
            assert ink[y0:y1, x0:x1].any(), text
    for (x0, y0, _, _), g in lay.tiles:
        for r, c in [(0, 0), (g.h - 1, g.w - 1), (g.h // 2, g.w // 3)]:
            assert tuple(a[y0 + r * 6 + 3, x0 + c * 6 + 3]) == RGB[int(g.a[r, c])]


def _report(tasks: list[Task], preds: dict[str, list[list[Grid]]]) -> dict:
    recs = {t.id: {"solved": [i % 2 == 0], "seconds": 0.5, "program": "identity(I)", "source": "search",
                   "attempts": [[g.tolist() for g in att] for att in preds[t.id]]} for i, t in enumerate(tasks)}
    return {"dataset": "unit", "budget": 1, "workers": 1, "config": {},
            "score": {"solved_outputs": 1, "total_outputs": 2, "per_output": 0.5}, "tasks": recs}


def _img_links(page: Path) -> list[Path]:
    text = page.read_text()
    return [page.parent / unquote(src) for src in re.findall(r"<img[^>]*\ssrc='([^']+)'", text)]


def _tasks() -> list[Task]:
    # ids that are not plain file names, and two that a file system would confuse
    return [_task("00d62c1b", (THREE, ONE)), _task("big one/../x", (BIG, THREE)), _task("a b", (ONE,)),
            _task("a_b", (THREE,)), _task("A_B", (ONE, THREE))]


def test_html_report_writes_pictures_beside_the_page(tmp_path: Path) -> None:
    tasks = _tasks()
    preds = {t.id: _preds(t) for t in tasks}
    page = tmp_path / "out" / "report.html"
    html_report(_report(tasks, preds), {t.id: t for t in tasks}, page)
    text = page.read_text()
    assert "data:image" not in text and "base64" not in text
    links = _img_links(page)
    assert len(links) == len(tasks)
    pics = tmp_path / "out" / "report_files"
    assert files_dir(page) == pics
    assert sorted(p.resolve() for p in links) == sorted(p.resolve() for p in pics.iterdir())  # one file a task
    assert all(p.resolve().parent == pics.resolve() for p in links)
    assert (pics / "00d62c1b.png").exists()
    for src, (w, h) in zip(links, re.findall(r"width='(\d+)' height='(\d+)'", text)):
        with Image.open(src) as im:
            assert im.format == "PNG" and im.size == (int(w), int(h))
            assert max(im.size) <= 1000
    # thumbnails are lossless: the file holds exactly the picture drawn at the thumbnail's cell size
    with Image.open(pics / "00d62c1b.png") as im:
        got = np.asarray(im.convert("RGB"))
    t0 = tasks[0]
    want = next(np.asarray(render_task(t0, preds[t0.id], cell=c)) for c in (6, 5, 4, 3)
                if render_task(t0, preds[t0.id], cell=c).size == (got.shape[1], got.shape[0]))
    assert np.array_equal(got, want)

    # page and folder moved together: the links still resolve
    moved = tmp_path / "elsewhere"
    shutil.move(str(tmp_path / "out"), str(moved))
    assert all(p.exists() for p in _img_links(moved / "report.html"))


def test_html_report_rewrite_replaces_stale_pictures(tmp_path: Path) -> None:
    tasks = _tasks()
    page = tmp_path / "r.html"
    html_report(_report(tasks, {t.id: [[] for _ in t.test] for t in tasks}), {t.id: t for t in tasks}, page)
    pics = files_dir(page)
    first = {p.name: p.read_bytes() for p in pics.iterdir()}
    (pics / "notes.txt").write_text("mine")
    kept = tasks[:1]
    html_report(_report(kept, {t.id: _preds(t) for t in kept}), {t.id: t for t in kept}, page)
    links = _img_links(page)
    assert len(links) == 1 and links[0].exists()
    assert sorted(p.name for p in pics.glob("*.png")) == [links[0].name]  # pictures of dropped tasks are gone
    assert links[0].read_bytes() != first[links[0].name]  # redrawn with the new attempts
    assert (pics / "notes.txt").read_text() == "mine"  # other files are left alone
