"""Pictures of tasks and results: `arcsynth render TASK --out file.png` and `arcsynth eval --html report.html`.

`layout_task` places every grid and every text line of a picture (boxes in canvas pixels, measured with the font
that draws them); `render_task` draws that layout, so tests can check the boxes (no two overlap) without reading
pixels. Columns are as wide as the wider of their grid and their label, so a long label ("attempt 1 (wrong)") over a
1x1 grid pushes the next grid right instead of running into its label.

`html_report` writes the pictures as PNG files in a folder beside the page (`report_files/` for `report.html`),
linked relatively, so the page stays small and opens fast, and still works when page and folder move together.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence
from urllib.parse import quote

import numpy as np

from arcsynth.core.task import Task
from arcsynth.dsl.grid import Grid

PALETTE = ["#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00", "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25"]
#: PALETTE as (r, g, b) triples.
RGB = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in PALETTE]
RGB_ARRAY = np.array(RGB, dtype=np.uint8)
_LINE = (60, 60, 60)  # grid lines
_BLACK, _RIGHT, _WRONG, _WHITE = (0, 0, 0), (0, 128, 0), (190, 0, 0), (255, 255, 255)

PAD = 10          # space between grids, rows and the canvas edge
MIN_WIDTH = 300   # narrowest canvas
PROGRAM_WRAP = 600  # a program line is wrapped at the canvas width, or at this many pixels if the canvas is narrower
PROGRAM_MAX_LINES = 30
TEXT_LEVELS = 16  # shades of anti-aliased text

Box = tuple[int, int, int, int]  # (x0, y0, x1, y1), x1 and y1 exclusive


def boxes_overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share a pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@functools.lru_cache(maxsize=1)
def _font():  # type: ignore[no-untyped-def]
    from PIL import ImageFont  # only for rendering pictures
    return ImageFont.load_default()


@functools.lru_cache(maxsize=1)
def _line_height() -> int:
    return max(_font().getbbox("Agjpqy|()[]{},_")[3], 1) + 2


@functools.lru_cache(maxsize=4096)
def _text_dx(text: str) -> int:
    """How far right of its slot's left edge a text is drawn, so that glyphs reaching left of the pen ('s', ')')
    stay inside the slot."""
    return max(-_font().getbbox(text)[0], 0) if text else 0


@functools.lru_cache(maxsize=4096)
def _text_box(text: str) -> tuple[int, int]:
    """(width, height) of the slot that holds a line of text drawn `_text_dx(text)` right of the slot's corner."""
    x0, y0, x1, y1 = _font().getbbox(text) if text else (0, 0, 0, 0)
    return max(x1, 0) + _text_dx(text) + 1, max(y1, _line_height())


def _tile_size(g: Grid, cell: int) -> tuple[int, int]:
    return g.w * cell + 1, g.h * cell + 1


def _grid_image(g: Grid, cell: int):  # type: ignore[no-untyped-def]
    """A grid as picture: `cell` pixels a cell, one-pixel grey lines between cells and around the grid."""
    from PIL import Image  # only for rendering pictures
    w, h = _tile_size(g, cell)
    a = np.empty((h, w, 3), dtype=np.uint8)
    a[1:, 1:] = np.repeat(np.repeat(RGB_ARRAY[np.asarray(g.a, dtype=np.intp)], cell, axis=0), cell, axis=1)
    a[::cell, :] = _LINE
    a[:, ::cell] = _LINE
    return Image.fromarray(a, "RGB")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` pixels: break after a space or comma where possible, else inside a word."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for tok in re.findall(r"[^ ,]*[ ,]*", para):
            if not tok:
                continue
            if _text_box(cur + tok.rstrip())[0] <= width:
                cur += tok
                continue
            if cur.strip():
                lines.append(cur.rstrip())
            cur = ""
            for ch in tok:  # a token wider than a line is cut where it has to be
                if cur and _text_box(cur + ch)[0] > width:
                    lines.append(cur)
                    cur = ""
                cur += ch
        lines.append(cur.rstrip())
    return lines


@dataclass
class TaskLayout:
    """Where `render_task` draws everything. Boxes are in canvas pixels and never overlap one another."""
    size: tuple[int, int]
    cell: int
    texts: list[tuple[Box, str, tuple[int, int, int]]] = field(default_factory=list)  # slot, text, colour
    tiles: list[tuple[Box, Grid]] = field(default_factory=list)

    @property
    def label_boxes(self) -> list[Box]:
        return [b for b, _, _ in self.texts]

    def all_boxes(self) -> list[Box]:
        return self.label_boxes + [b for b, _ in self.tiles]


def _rows(task: Task, predictions: Optional[Sequence[Sequence[Grid]]]
          ) -> list[tuple[str, list[tuple[str, tuple[int, int, int], Grid]]]]:
    rows: list[tuple[str, list[tuple[str, tuple[int, int, int], Grid]]]] = []
    for i, p in enumerate(task.train):
        assert p.output is not None  # train pairs always have outputs
        rows.append((f"train {i}", [("input", _BLACK, p.input), ("output", _BLACK, p.output)]))
    for i, p in enumerate(task.test):
        items: list[tuple[str, tuple[int, int, int], Grid]] = [("test input", _BLACK, p.input)]
        for k, g in enumerate((predictions[i] if predictions and i < len(predictions) else [])[:2]):
            if p.output is None:
                items.append((f"attempt {k + 1}", _BLACK, g))
            elif g == p.output:
                items.append((f"attempt {k + 1} (right)", _RIGHT, g))
            else:
                items.append((f"attempt {k + 1} (wrong)", _WRONG, g))
        if p.output is not None:
            items.append(("expected", _BLACK, p.output))
        rows.append((f"test {i}", items))
    return rows


def layout_task(task: Task, predictions: Optional[Sequence[Sequence[Grid]]] = None, program: Optional[str] = None,
                cell: int = 12) -> TaskLayout:
    """Place the picture of `render_task`: the program (wrapped) on top, then one row per train pair
    (input, output) and per test input (input, up to two attempts, expected output), each row named on the left
    and each grid labelled above it."""
    if cell < 2:
        raise ValueError(f"cell must be at least 2 pixels, got {cell}")
    rows = _rows(task, predictions)
    name_w = max((_text_box(name)[0] for name, _ in rows), default=0)
    x_grids = PAD + name_w + PAD
    # Grid rows first: their width decides where the program wraps.
    placed_rows: list[tuple[str, list[tuple[int, int, str, tuple[int, int, int], Grid]], int]] = []
    content_w = 0
    for name, items in rows:
        x, cols, row_h = x_grids, [], 0
        for lbl, colour, g in items:
            tw, th = _tile_size(g, cell)
            cols.append((x, tw, lbl, colour, g))
            row_h = max(row_h, th)
            x += max(tw, _text_box(lbl)[0]) + PAD
        content_w = max(content_w, x)
        placed_rows.append((name, cols, row_h))  # type: ignore[arg-type]
    width = max(content_w, MIN_WIDTH)
    lay = TaskLayout(size=(0, 0), cell=cell)
    y = PAD
    if program:
        lines = _wrap(f"program: {program}", max(width, PROGRAM_WRAP) - 2 * PAD)
        if len(lines) > PROGRAM_MAX_LINES:
            lines = lines[:PROGRAM_MAX_LINES - 1] + ["..."]
        for ln in lines:
            w, h = _text_box(ln)
            lay.texts.append(((PAD, y, PAD + w, y + h), ln, _BLACK))
            width = max(width, PAD + w + PAD)
            y += h
        y += PAD
    for name, cols, row_h in placed_rows:
        label_h = max((_text_box(lbl)[1] for _, _, lbl, _, _ in cols), default=_line_height())
        grid_y = y + label_h
        w, h = _text_box(name)
        lay.texts.append(((PAD, grid_y, PAD + w, grid_y + h), name, _BLACK))
        for x, tw, lbl, colour, g in cols:
            lw, lh = _text_box(lbl)
            lay.texts.append(((x, y, x + lw, y + lh), lbl, colour))
            th = _tile_size(g, cell)[1]
            lay.tiles.append(((x, grid_y, x + tw, grid_y + th), g))
        y = grid_y + max(row_h, h) + PAD
    lay.size = (width, y)
    return lay


def render_task(task: Task, predictions: Optional[Sequence[Sequence[Grid]]] = None, program: Optional[str] = None,
                cell: int = 12, layout: Optional[TaskLayout] = None):  # type: ignore[no-untyped-def]
    """A PIL image: one row per train pair (input → output), then test inputs with attempts and expected outputs.
    Drawn from `layout_task` (pass `layout` to reuse one already computed for the same arguments)."""
    from PIL import Image, ImageDraw  # only for rendering pictures
    lay = layout if layout is not None else layout_task(task, predictions, program, cell)
    canvas = Image.new("RGB", lay.size, _WHITE)
    # Text is drawn anti-aliased into one coverage mask per colour, the coverage rounded to TEXT_LEVELS steps: it
    # looks the same, but a picture then has few enough colours (< 256) to be stored as a small palette PNG.
    masks: dict[tuple[int, int, int], Image.Image] = {}
    for (x0, y0, _, _), text, colour in lay.texts:
        if colour not in masks:
            masks[colour] = Image.new("L", lay.size, 0)
        ImageDraw.Draw(masks[colour]).text((x0 + _text_dx(text), y0), text, fill=255, font=_font())
    step = 255 / (TEXT_LEVELS - 1)
    for colour, mask in masks.items():
        canvas.paste(colour, (0, 0, *lay.size), mask.point(lambda v: int(round(v / step) * step)))
    for (x0, y0, _, _), g in lay.tiles:
        canvas.paste(_grid_image(g, lay.cell), (x0, y0))
    return canvas


def save_png(img, path: Path) -> None:  # type: ignore[no-untyped-def]
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)


def _save_small_png(img, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save losslessly, as a palette PNG when the picture has at most 256 colours (task pictures do: 12 colours of
    grids and lines, and TEXT_LEVELS shades of each text colour)."""
    from PIL import Image  # only for rendering pictures
    colours = img.getcolors(256)
    if colours is not None:  # a palette of exactly the picture's colours: every pixel keeps its colour
        pal = Image.new("P", (1, 1))
        pal.putpalette([c for _, rgb in colours for c in rgb])
        img = img.quantize(palette=pal, dither=Image.Dither.NONE)
    img.save(path, format="PNG", optimize=True)


# Thumbnails in the HTML report: drawn with the first cell size (pixels) of THUMB_CELLS whose picture fits in
# THUMB_MAX_W x THUMB_MAX_H (the last one if none does), not scaled down, so labels stay sharp and colours exact.
THUMB_MAX_W, THUMB_MAX_H = 900, 480
THUMB_CELLS = (6, 5, 4, 3)


def _thumb_layout(task: Task, predictions: Sequence[Sequence[Grid]]) -> TaskLayout:
    lay = None
    for cell in THUMB_CELLS:
        lay = layout_task(task, predictions, None, cell)
        if lay.size[0] <= THUMB_MAX_W and lay.size[1] <= THUMB_MAX_H:
            break
    assert lay is not None
    return lay


def files_dir(path: Path) -> Path:
    """The folder of pictures beside an HTML report: report.html → report_files/."""
    return path.with_name(f"{path.stem}_files")


def _file_name(tid: str, taken: set[str]) -> str:
    """A file name for a task's picture: its id, made safe for any file system, unique (ignoring case)."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", tid).lstrip(".") or "task"
    name, n = f"{base}.png", 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}.png"
    taken.add(name.lower())
    return name


def html_report(report: dict, tasks: dict[str, Task], path: Path) -> None:
    """A browsable HTML page: score summary, then every task with a thumbnail, status, time and program.
    Thumbnails go to `files_dir(path)` (one PNG per task, named by task id) and are linked relatively; pictures
    left there by an earlier report that this one does not show are removed."""
    path = Path(path)
    pics = files_dir(path)
    pics.mkdir(parents=True, exist_ok=True)
    s = report.get("score", {})
    parts = [
        "<!doctype html><meta charset='utf-8'><title>arcsynth report</title>",
        "<style>body{font-family:sans-serif;margin:20px}td{vertical-align:top;padding:6px;border-bottom:1px solid #ddd}"
        ".ok{color:#080}.no{color:#a00}code{font-size:12px;word-break:break-all}"
        "img{max-width:100%;height:auto}</style>",
        f"<h1>arcsynth: {html.escape(str(report.get('dataset')))}</h1>",
        f"<p>budget {report.get('budget')} s/task, {report.get('workers')} workers, config "
        f"{html.escape(str(report.get('config')))}</p>",
        f"<p><b>{s.get('solved_outputs')}/{s.get('total_outputs')} test outputs solved "
        f"({100 * s.get('per_output', 0):.1f}%, pass@2)</b>; {s.get('solved_tasks')}/{s.get('total_tasks')} tasks</p>",
        "<p>Show: <a href='#solved'>solved</a> · <a href='#failed'>failed</a></p>",
    ]
    recs = report.get("tasks", {})
    taken: set[str] = set()
    written: set[str] = set()
    for section, want in (("solved", True), ("failed", False)):
        ids = [k for k, r in recs.items() if (bool(r["solved"]) and all(bool(x) for x in r["solved"])) == want]
        parts.append(f"<h2 id='{section}'>{section} ({len(ids)})</h2><table>")
        for tid in sorted(ids):
            r = recs[tid]
            t = tasks.get(tid)
            img = ""
            if t is not None:
                preds = [[Grid.from_list(g) for g in att] for att in r.get("attempts", [])]
                lay = _thumb_layout(t, preds)
                name = _file_name(tid, taken)
                _save_small_png(render_task(t, preds, layout=lay), pics / name)
                written.add(name)
                src = html.escape(quote(f"{pics.name}/{name}"), quote=True)
                img = (f"<img src='{src}' width='{lay.size[0]}' height='{lay.size[1]}' loading='lazy' "
                       f"alt='{html.escape(tid, quote=True)}'>")
            cls = "ok" if want else "no"
            err = f"<br><span class='no'>{html.escape(r['error'])}</span>" if r.get("error") else ""
            parts.append(f"<tr><td class='{cls}'><b>{html.escape(tid)}</b><br>{r['seconds']:.1f}s<br>"
                         f"{html.escape(str(r.get('source')))}</td>"
                         f"<td>{img}<br><code>{html.escape(r.get('program') or '')}</code>{err}</td></tr>")
        parts.append("</table>")
    for old in pics.glob("*.png"):  # pictures of tasks an earlier report showed and this one does not
        if old.name not in written:
            old.unlink()
    path.write_text("\n".join(parts), encoding="utf-8")
