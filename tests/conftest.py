from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile

import pytest

from arcsynth.core.task import Task, load_dataset

# Tests never touch the user's memory store (~/.cache/arcsynth/memory): every solver (and CLI subprocess)
# in this session reads and writes a fresh temporary one.
_MEMORY_DIR = tempfile.mkdtemp(prefix="arcsynth-test-memory-")
os.environ["ARCSYNTH_MEMORY_DIR"] = _MEMORY_DIR
atexit.register(shutil.rmtree, _MEMORY_DIR, True)


@functools.lru_cache(maxsize=None)
def _dataset(name: str) -> tuple[Task, ...]:
    return tuple(load_dataset(name))


@pytest.fixture(scope="session")
def arc1_training() -> tuple[Task, ...]:
    return _dataset("arc1-training")


@pytest.fixture(scope="session")
def real_inputs(arc1_training):  # type: ignore[no-untyped-def]
    """Train inputs of the first 60 arc1-training tasks."""
    return [p.input for t in arc1_training[:60] for p in t.train]
