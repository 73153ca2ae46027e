"""Every bad command-line input gets one error line and a non-zero exit code, never a traceback.

Most cases call `arcsynth.cli.main.main` in this process (an escaping exception fails the test just as a
traceback would); a few run the real `python -m engine.cli` process end to end.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from arcsynth.cli.main import main

GOOD = {"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 4]], "output": [[4, 3]]}]}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Paths for the cases: good and bad task files and directories, reports that are not reports."""
    d = tmp_path_factory.mktemp("cli")
    good_dir = d / "good"
    good_dir.mkdir()
    (good_dir / "t1.json").write_text(json.dumps(GOOD))
    bad_dir = d / "bad"
    bad_dir.mkdir()
    (bad_dir / "broken.json").write_text('{"train": [')
    (bad_dir / "ragged.json").write_text(json.dumps({"train": [{"input": [[1], [2, 3]], "output": [[1]]}],
                                                      "test": [{"input": [[1]]}]}))
    empty_dir = d / "empty"
    empty_dir.mkdir()
    (d / "bad.json").write_text('{"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 4]]}')
    (d / "not_task.json").write_text("[1, 2, 3]")
    (d / "corrupt_report.json").write_text('{"dataset": "x", "tasks": {')
    (d / "list_report.json").write_text("[]")
    (d / "foreign_report.json").write_text(json.dumps({"dataset": "other", "tasks": {}}))
    (d / "bad_tasks_report.json").write_text(json.dumps({"dataset": str(good_dir), "tasks": [1, 2]}))
    (d / "stats_list.json").write_text("[]")
    (d / "stats_weird.json").write_text(json.dumps({"tasks": {"a": {"solved": 3, "trace": "x"}}}))
    return {"dir": str(d), "good_dir": str(good_dir), "good_task": str(good_dir / "t1.json"), "bad_dir": str(bad_dir),
            "empty_dir": str(empty_dir), "missing": str(d / "missing.json"), "missing_dir": str(d / "nope"),
            "bad_task": str(d / "bad.json"), "not_task": str(d / "not_task.json"),
            "corrupt": str(d / "corrupt_report.json"), "list_report": str(d / "list_report.json"),
            "foreign": str(d / "foreign_report.json"), "bad_tasks_report": str(d / "bad_tasks_report.json"),
            "stats_list": str(d / "stats_list.json"), "stats_weird": str(d / "stats_weird.json"),
            "no_parent": str(d / "no" / "such" / "dir" / "out.json")}


# (argv with {placeholders}, a fragment the error line must contain)
CASES: list[tuple[list[str], str]] = [
    # missing / malformed task files and directories
    (["solve", "{missing}"], "No such file"),
    (["solve", "{bad_task}"], "malformed JSON"),
    (["solve", "{not_task}"], "must be a JSON object"),
    (["eval", "--data", "{missing_dir}"], "not a directory"),
    (["eval", "--data", "{good_task}"], "not a directory"),
    (["eval", "--data", "{empty_dir}"], "no *.json task files"),
    (["eval", "--data", "{bad_dir}"], "no valid task"),
    (["render", "{missing}", "--out", "{dir}/x.png"], "no such file"),
    (["repl", "{bad_task}"], "malformed JSON"),
    (["check", "{missing_dir}", "--dataset", "arc1-training"], "no such directory"),
    # unknown dataset, task id, command or choice
    (["eval", "--dataset", "arc9"], "unknown dataset"),
    (["solve", "--dataset", "ARC1-training"], "unknown dataset"),
    (["eval", "--data", "{good_dir}", "--task", "nope"], "unknown task id 'nope'"),
    (["eval", "--dataset", "arc1-training", "--task", "deadbeef"], "unknown task id 'deadbeef'"),
    (["frobnicate"], "invalid choice"),
    (["eval", "--data", "{good_dir}", "--strategy", "magic"], "invalid choice"),
    (["eval", "--data", "{good_dir}", "--bogus-flag"], "unrecognized arguments"),
    # bad budgets
    (["eval", "--data", "{good_dir}", "--budget", "-1"], "--budget"),
    (["eval", "--data", "{good_dir}", "--budget", "0"], "--budget"),
    (["eval", "--data", "{good_dir}", "--budget", "abc"], "--budget"),
    (["eval", "--data", "{good_dir}", "--budget", "nan"], "--budget"),
    (["eval", "--data", "{good_dir}", "--budget", "inf"], "--budget"),
    (["solve", "{good_task}", "--budget", "1e400"], "--budget"),
    (["solve", "{good_task}", "--budget", ""], "--budget"),
    (["eval", "--data", "{good_dir}", "--budget"], "expected one argument"),
    # bad worker counts and other numbers
    (["eval", "--data", "{good_dir}", "--workers", "0"], "--workers"),
    (["eval", "--data", "{good_dir}", "--workers", "-2"], "--workers"),
    (["eval", "--data", "{good_dir}", "--workers", "1.5"], "--workers"),
    (["solve", "{good_task}", "--workers", "two"], "--workers"),
    (["eval", "--data", "{good_dir}", "--limit", "0"], "--limit"),
    (["eval", "--data", "{good_dir}", "--sample", "x"], "--sample"),
    (["dsl", "sample", "--n", "-5"], "--n"),
    # missing or conflicting sources, unusable output paths, reports that cannot be resumed or read
    (["eval"], "give a task file, --dataset NAME or --data DIR"),
    (["eval", "--data", "{good_dir}", "--dataset", "arc1-training"], "only one of"),
    (["solve", "{good_task}", "--data", "{good_dir}"], "only one of"),
    (["eval", "--data", "{good_dir}", "--report", "{no_parent}"], "no such directory"),
    (["eval", "--data", "{good_dir}", "--html", "{no_parent}"], "no such directory"),
    (["solve", "{good_task}", "--out", "{no_parent}"], "no such directory"),
    (["eval", "--data", "{good_dir}", "--resume", "--report", "{corrupt}"], "corrupt report"),
    (["eval", "--data", "{good_dir}", "--resume", "--report", "{list_report}"], "not an eval report"),
    (["eval", "--data", "{good_dir}", "--resume", "--report", "{foreign}"], "is a report for 'other'"),
    (["eval", "--data", "{good_dir}", "--resume", "--report", "{bad_tasks_report}"], "not an eval report"),
    (["stats", "{missing}"], "cannot read report"),
    (["stats", "{stats_list}"], "not an eval report"),
    (["stats", "{stats_weird}"], "not an eval report"),
    (["render", "{good_task}", "--out", "{dir}/x.png", "--program", "rot90(I"], "syntax error"),
    (["render", "{good_task}", "--out", "{dir}/x.png", "--program", "rot90(5)"], "syntax error at line 1, column 7"),
    # proposer training options, refused before any data is built
    (["proposer", "train", "--hidden", "100", "--heads", "6"], "--hidden must be a multiple of --heads"),
    (["proposer", "train", "--device", "nonsense"], "--device nonsense is not usable here"),
    (["proposer", "train", "--layers", "0"], "--layers"),
]


def _fill(argv: list[str], files: dict[str, str]) -> list[str]:
    return [a.format(**files) for a in argv]


def _one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one error line, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("argv, fragment", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_one_line_nonzero_exit(argv: list[str], fragment: str, files: dict[str, str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(_fill(argv, files))
    except SystemExit as e:  # argparse's own errors
        code = e.code if isinstance(e.code, int) else 1
    out = capsys.readouterr()
    assert code != 0
    line = _one_line(out.err)
    assert line.startswith("arcsynth") and "error:" in line, line
    assert fragment in line, line
    assert not out.out.strip(), out.out


@pytest.mark.parametrize("argv, fragment", [
    (["eval", "--data", "{missing_dir}"], "not a directory"),
    (["eval", "--data", "{good_dir}", "--budget", "-3"], "--budget"),
    (["eval", "--data", "{good_dir}", "--workers", "zero"], "--workers"),
    (["solve", "{bad_task}"], "malformed JSON"),
    (["eval", "--dataset", "arc1-evaluation", "--task", "nope"], "unknown task id"),
])
def test_bad_input_real_process(argv: list[str], fragment: str, files: dict[str, str]) -> None:
    """The same through the real process: exit code and stderr as a shell user sees them."""
    r = subprocess.run([sys.executable, "-m", "arcsynth.cli", *_fill(argv, files)], capture_output=True, text=True,
                       timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert fragment in _one_line(r.stderr)
