"""The CLI's DSL commands and its one-line errors for bad input."""
from __future__ import annotations

import json
import subprocess
import sys

from arcsynth.cli.main import main


def test_dsl_list_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["dsl", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = {r["name"] for r in rows}
    assert {"rot90", "replace", "grid_xor"} <= names
    assert all(r["doc"] and r["signature"].startswith(r["name"] + "(") for r in rows)


def test_grammar_check_in_sync(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["dsl", "grammar", "--check"]) == 0


def test_bench_dsl_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["bench", "dsl", "--programs", "50", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["evaluations"] > 0 and r["evals_per_second"] > 0


def test_bad_inputs_give_one_line_and_nonzero_exit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cases = [
        ["check", str(tmp_path / "missing"), "--dataset", "arc1-training"],
        ["check", str(tmp_path), "--dataset", "arc9"],
        ["repl", str(tmp_path / "nope.json")],
        ["repl", "deadbeef"],
    ]
    for argv in cases:
        r = subprocess.run([sys.executable, "-m", "arcsynth.cli", *argv], capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
        assert r.returncode != 0, argv
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert lines and "Traceback" not in r.stderr, (argv, r.stderr)
        assert lines[-1].startswith("arcsynth: error:") or "error:" in lines[-1], (argv, r.stderr)


def test_compare_lists_gained_and_lost(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from arcsynth.cli.main import main
    base = {"config": {"maxsat": False}, "tasks": {"a": {"solved": [True, False]}, "b": {"solved": [True]}, "c": {"solved": [False]}}}
    new = {"config": {"maxsat": True}, "tasks": {"a": {"solved": [True, True], "source": "maxsat"}, "b": {"solved": [False]}}}
    pb, pn = tmp_path / "b.json", tmp_path / "n.json"
    pb.write_text(json.dumps(base))
    pn.write_text(json.dumps(new))
    assert main(["compare", str(pb), str(pn), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["common_outputs"] == 3 and res["gained"] == ["a:1"] and res["lost"] == ["b:0"]
    assert res["gained_sources"] == {"a:1": "maxsat"}
