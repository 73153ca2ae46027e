"""The REPL, driven through StringIO scripts on a small synthetic task whose answer is rot90(I)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from arcsynth.dsl import REGISTRY, Grid, check, parse, run_program
from arcsynth.dsl.library import read_program
from arcsynth.dsl.repl import PALETTE_HEX, Repl, example_programs, render_grid, side_by_side, visible_len

INPUTS = [
    [[1, 2, 0], [0, 3, 0]],
    [[4, 0], [0, 5], [6, 0]],
    [[7, 7, 8], [0, 0, 9], [1, 0, 0]],
]


def _task() -> tuple[list[tuple[Grid, Grid]], list[tuple[Grid, Grid | None]]]:
    train = [(Grid(a), run_program("rot90(I)", Grid(a))) for a in INPUTS]
    t_in = Grid([[2, 0, 2, 0], [0, 3, 3, 0]])
    test = [(t_in, run_program("rot90(I)", t_in)), (Grid([[5, 6]]), None)]
    return train, test


def drive(script: str, tmp_path: Path, colour: bool = False, width: int | None = None) -> str:
    train, test = _task()
    out = io.StringIO()
    Repl("synth01", train, test, solutions_dir=tmp_path / "solutions", stdin=io.StringIO(script), stdout=out,
         colour=colour, width=width).run()
    return out.getvalue()


def after(text: str, command: str) -> str:
    """The output that follows the echoed prompt line of `command`."""
    marker = f"synth01> {command}\n"
    assert marker in text, f"{command!r} was not read"
    return text.split(marker, 1)[1].split("synth01> ", 1)[0]


def test_intro_shows_task_and_valid_examples(tmp_path: Path) -> None:
    text = drive("", tmp_path)
    assert "Task synth01: 3 train pairs, 2 test inputs" in text
    assert "input 2x3" in text and "output 3x2" in text
    assert "`I` is the input grid" in text and "`_`" in text and ":help" in text
    simple, lam = example_programs()
    assert simple and all(s in text for s in simple)
    for prog in simple + ([lam] if lam else []):
        check(parse(prog))  # every example the intro offers is a real, well-typed program
        assert {name for name in REGISTRY if f"{name}(" in prog}


def test_correct_program_matches_every_pair(tmp_path: Path) -> None:
    out = after(drive("rot90(I)\n", tmp_path), "rot90(I)")
    assert out.count("✓ train") == 3
    assert "3/3 train pairs match, 1/1 test" in out
    assert "solved" in out
    assert "(test output unknown)" in out  # the second test pair has no known output
    assert "prediction 1x2" not in out and "prediction 2x1" in out


def test_wrong_program_shows_mismatch_and_diff(tmp_path: Path) -> None:
    out = after(drive("rot270(I)\n", tmp_path), "rot270(I)")
    assert "✗ train 1" in out
    assert "0/3 train pairs match" in out
    assert "expected 3x2" in out and "produced 3x2" in out and "diff" in out
    assert "X" in out  # differing cells are marked
    out2 = after(drive("vmirror(I)\n", tmp_path), "vmirror(I)")
    assert "size differs: expected 3x2, produced 2x3" in out2


def test_runtime_error_is_reported_per_pair(tmp_path: Path) -> None:
    out = after(drive("downscale(I, 0)\n", tmp_path), "downscale(I, 0)")
    assert "error" in out and "0/3 train pairs match" in out


def test_help_lists_families_and_explains_a_primitive(tmp_path: Path) -> None:
    text = drive(":help\n:help rot90\n:help rot\n:help nosuchthing_at_all\n", tmp_path)
    listing = after(text, ":help")
    assert "geometry" in listing and "rot90(Grid) -> Grid" in listing
    one = after(text, ":help rot90")
    assert REGISTRY["rot90"].doc in one and REGISTRY["rot90"].signature in one
    fuzzy = after(text, ":help rot")
    assert "did you mean" in fuzzy and "rot180" in fuzzy
    assert "no primitive called" in after(text, ":help nosuchthing_at_all")


def test_syntax_error_is_clear_and_loop_continues(tmp_path: Path) -> None:
    text = drive("rot90(I\nrot90(I)\n", tmp_path)
    err = after(text, "rot90(I")
    assert "error" in err and "syntax error" in err and "^" in err
    assert "3/3 train pairs match" in after(text, "rot90(I)")


def test_type_errors_get_a_specific_message(tmp_path: Path) -> None:
    text = drive("height(I)\nrot90\nnosuch(I)\nrot90(I) x\n", tmp_path)
    assert "produces Int" in after(text, "height(I)")
    assert "rot90(I)" in after(text, "rot90")  # a bare primitive name gets a usage hint
    assert "unknown" in after(text, "nosuch(I)")
    assert "after the end of the program" in after(text, "rot90(I) x")


def test_save_writes_the_last_program(tmp_path: Path) -> None:
    text = drive(":save\nrot90( I )\n:save\n", tmp_path)
    assert "nothing to save" in text
    path = tmp_path / "solutions" / "synth01.arc"
    assert path.exists()
    lines = path.read_text().splitlines()
    assert lines[0] == "# synth01: 3/3 train, 1/1 test"
    assert lines[1] == "rot90(I)"  # canonical text
    assert read_program(path) == "rot90(I)"


def test_save_warns_on_partial_and_load_runs_it(tmp_path: Path) -> None:
    text = drive("rot180(I)\n:save\n:save other\n:load\n:last\n", tmp_path)
    assert "warning" in after(text, ":save")
    assert (tmp_path / "solutions" / "other.arc").exists()
    first = (tmp_path / "solutions" / "synth01.arc").read_text().splitlines()[0]
    assert first == "# synth01: 0/3 train, 0/1 test"
    loaded = after(text, ":load")
    assert "rot180(I)" in loaded and "0/3 train pairs match" in loaded
    assert "rot180(I)" in after(text, ":last")


def test_commands_quit_and_unknown(tmp_path: Path) -> None:
    text = drive(":frobnicate\nhelp\n:show\n:q\nrot90(I)\n", tmp_path)
    assert "unknown command :frobnicate" in text
    assert "try :help" in after(text, "help")
    assert "train 3" in after(text, ":show")
    assert "synth01> rot90(I)" not in text  # :q stopped the loop


def test_load_without_saved_program(tmp_path: Path) -> None:
    assert "no saved program" in after(drive(":load\n", tmp_path), ":load")


def test_completions(tmp_path: Path) -> None:
    train, test = _task()
    r = Repl("synth01", train, test, tmp_path, stdin=io.StringIO(""), stdout=io.StringIO(), colour=False)
    assert {"rot90", "rot180", "rot270"} <= set(r._completions("rot", "rot"))
    assert r._completions("rot9", "rot9") == ["rot90("]
    assert ":help" in r._completions(":he", ":he")
    assert "I" in r._completions("replace(", "")
    assert "true" in r._completions("x(t", "t")


def test_render_grid_colour_and_plain() -> None:
    g = Grid([[0, 1], [2, 9]])
    assert render_grid(g, colour=False) == ["0 1", "2 9"]
    coloured = render_grid(g, colour=True, truecolor=True)
    r, gg, b = (int(PALETTE_HEX[1][i:i + 2], 16) for i in (1, 3, 5))
    assert f"48;2;{r};{gg};{b}m" in coloured[0]
    assert all(visible_len(ln) == 4 for ln in coloured)
    c256 = render_grid(g, colour=True, truecolor=False)
    assert "48;5;" in c256[1]


def test_side_by_side_pads_and_wraps() -> None:
    a = render_grid(Grid(np.zeros((2, 3), dtype=np.int8)), colour=False)
    b = render_grid(Grid(np.ones((3, 2), dtype=np.int8)), colour=False)
    lines = side_by_side([a, b], ["A", "B"])
    assert lines[0].startswith("A") and "B" in lines[0]
    assert len(lines) == 4  # title + tallest block
    stacked = side_by_side([a, b], ["A", "B"], max_width=6)
    assert len(stacked) == 1 + 2 + 1 + 1 + 3  # A, its rows, blank, B, its rows


def test_wide_pairs_stack_within_width(tmp_path: Path) -> None:
    big = Grid(np.arange(900).reshape(30, 30) % 10)
    out = io.StringIO()
    Repl("big", [(big, big)], [], tmp_path, stdin=io.StringIO("rot90(I)\n"), stdout=out, colour=True,
         width=100).run()
    assert max(visible_len(ln) for ln in out.getvalue().splitlines()) <= 100
    assert "0/1 train pairs match" in out.getvalue()


def test_diff_command_reshows_a_pair(tmp_path: Path) -> None:
    text = drive(":diff\nrot270(I)\n:diff 2\n:diff 9\n", tmp_path)
    assert "no program has been run yet" in after(text, ":diff")
    two = after(text, ":diff 2")
    assert "train 2" in two and "expected 2x3" in two and "train 1" not in two
    assert "1..3" in after(text, ":diff 9")


def test_no_readline_degrades(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from arcsynth.dsl import repl
    monkeypatch.setitem(sys.modules, "readline", None)  # `import readline` now raises ImportError
    assert repl._setup_readline(lambda line, word: []) is None
