"""Every hand-written reference solution solves its ARC-AGI-1 training task exactly (train and test)."""
from __future__ import annotations

from arcsynth.cli.common import DEFAULT_SOLUTIONS
from arcsynth.cli.main import main
from arcsynth.core.verify import verify
from arcsynth.dsl.library import list_solutions, read_program


def test_every_reference_solution_verifies(arc1_training) -> None:  # type: ignore[no-untyped-def]
    tasks = {t.id: t for t in arc1_training}
    files = list_solutions(DEFAULT_SOLUTIONS)
    failures = []
    for tid, path in files.items():
        assert tid in tasks, f"{path}: not an arc1-training task id"
        v = verify(read_program(path), tasks[tid])
        if not v.solves:
            failures.append(f"{tid}: train {v.train_ok} test {v.test_ok} {v.error or ''}")
    assert not failures, "\n".join(failures)
    assert len(files) >= 120, f"only {len(files)} reference solutions"


def test_check_command_reports_and_exit_code(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "3c9b0459.arc").write_text("# rotate\nrot180(I)\n")
    assert main(["check", str(tmp_path), "--dataset", "arc1-training"]) == 0
    assert "1/1 solutions" in capsys.readouterr().out
    (tmp_path / "6150a2bd.arc").write_text("rot90(I)\n")  # wrong: that task is a 180° turn too
    assert main(["check", str(tmp_path), "--dataset", "arc1-training"]) == 1
