"""Pictures of tasks and results: `arcsynth render TASK --out file.png` and `arcsynth eval --html report.html`."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Optional, Sequence

from arcsynth.core.task import Task
from arcsynth.dsl.grid import Grid

PALETTE = ["#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00", "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25"]
_RGB = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in PALETTE]


def _grid_image(g: Grid, cell: int):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw  # only for rendering pictures
    img = Image.new("RGB", (g.w * cell + 1, g.h * cell + 1), (60, 60, 60))
    d = ImageDraw.Draw(img)
    for r, row in enumerate(g.tolist()):
        for c, v in enumerate(row):
            d.rectangle([c * cell + 1, r * cell + 1, (c + 1) * cell - 1, (r + 1) * cell - 1], fill=_RGB[v])
    return img


def render_task(task: Task, predictions: Optional[Sequence[Sequence[Grid]]] = None, program: Optional[str] = None,
                cell: int = 12):  # type: ignore[no-untyped-def]
    """A PIL image: one row per train pair (input → output), then test inputs with attempts and expected outputs."""
    from PIL import Image, ImageDraw  # only for rendering pictures
    rows: list[tuple[str, list[tuple[str, Grid]]]] = []
    for i, p in enumerate(task.train):
        rows.append((f"train {i}", [("input", p.input), ("output", p.output)]))  # type: ignore[list-item]
    for i, p in enumerate(task.test):
        items: list[tuple[str, Grid]] = [("test input", p.input)]
        for k, g in enumerate((predictions[i] if predictions and i < len(predictions) else [])[:2]):
            ok = "" if p.output is None else (" (right)" if g == p.output else " (wrong)")
            items.append((f"attempt {k + 1}{ok}", g))
        if p.output is not None:
            items.append(("expected", p.output))
        rows.append((f"test {i}", items))
    pad, label_h = 10, 16
    tiles = [[(lbl, _grid_image(g, cell)) for lbl, g in items] for _, items in rows]
    width = max(sum(im.width + pad for _, im in r) for r in tiles) + pad + 70
    height = sum(max(im.height for _, im in r) + label_h + pad for r in tiles) + pad + (24 if program else 0)
    canvas = Image.new("RGB", (max(width, 300), height), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    y = pad
    if program:
        d.text((pad, y), f"program: {program}"[:200], fill=(0, 0, 0))
        y += 24
    for (name, _), r in zip(rows, tiles):
        d.text((pad, y + label_h), name, fill=(0, 0, 0))
        x = 70
        for lbl, im in r:
            d.text((x, y), lbl, fill=(0, 0, 0))
            canvas.paste(im, (x, y + label_h))
            x += im.width + pad
        y += max(im.height for _, im in r) + label_h + pad
    return canvas


def save_png(img, path: Path) -> None:  # type: ignore[no-untyped-def]
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)


def _thumb(img, max_side: int = 360) -> str:  # type: ignore[no-untyped-def]
    img = img.copy()
    img.thumbnail((max_side * 3, max_side))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def html_report(report: dict, tasks: dict[str, Task], path: Path) -> None:
    """A browsable HTML page: score summary, then every task with a thumbnail, status, time and program."""
    s = report.get("score", {})
    parts = [
        "<!doctype html><meta charset='utf-8'><title>arcsynth report</title>",
        "<style>body{font-family:sans-serif;margin:20px}td{vertical-align:top;padding:6px;border-bottom:1px solid #ddd}"
        ".ok{color:#080}.no{color:#a00}code{font-size:12px;word-break:break-all}</style>",
        f"<h1>arcsynth: {html.escape(str(report.get('dataset')))}</h1>",
        f"<p>budget {report.get('budget')} s/task, {report.get('workers')} workers, config "
        f"{html.escape(str(report.get('config')))}</p>",
        f"<p><b>{s.get('solved_outputs')}/{s.get('total_outputs')} test outputs solved "
        f"({100 * s.get('per_output', 0):.1f}%, pass@2)</b>; {s.get('solved_tasks')}/{s.get('total_tasks')} tasks</p>",
        "<p>Show: <a href='#solved'>solved</a> · <a href='#failed'>failed</a></p>",
    ]
    recs = report.get("tasks", {})
    for section, want in (("solved", True), ("failed", False)):
        ids = [k for k, r in recs.items() if (bool(r["solved"]) and all(bool(x) for x in r["solved"])) == want]
        parts.append(f"<h2 id='{section}'>{section} ({len(ids)})</h2><table>")
        for tid in sorted(ids):
            r = recs[tid]
            t = tasks.get(tid)
            img = ""
            if t is not None:
                preds = [[Grid.from_list(g) for g in att] for att in r.get("attempts", [])]
                img = f"<img src='data:image/png;base64,{_thumb(render_task(t, preds, None, cell=6))}'>"
            cls = "ok" if want else "no"
            err = f"<br><span class='no'>{html.escape(r['error'])}</span>" if r.get("error") else ""
            parts.append(f"<tr><td class='{cls}'><b>{tid}</b><br>{r['seconds']:.1f}s<br>{r.get('source')}</td>"
                         f"<td>{img}<br><code>{html.escape(r.get('program') or '')}</code>{err}</td></tr>")
        parts.append("</table>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts))
