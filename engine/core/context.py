"""What the search knows about one task: all inputs (train then test), train outputs, palette, predicted sizes."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from arcsynth.core.perception import predict_output_shapes
from arcsynth.core.task import Task
from arcsynth.dsl.grid import Grid


@dataclass
class SearchContext:
    """Inputs of every train and test pair (train first), the train outputs, and derived perception."""

    task_id: str
    inputs: tuple[Grid, ...]
    outputs: tuple[Grid, ...]          # train outputs only
    n_train: int
    palette: tuple[int, ...] = ()      # colours seen anywhere in the task, most frequent first
    out_shapes: Optional[tuple[tuple[int, int], ...]] = None  # predicted shape per input (None = unknown)
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_task(cls, task: Task) -> "SearchContext":
        inputs = tuple(p.input for p in task.train) + tuple(p.input for p in task.test)
        outputs = tuple(p.output for p in task.train if p.output is not None)
        cnt: Counter[int] = Counter()
        for g in inputs + outputs:
            cnt.update(g.a.ravel().tolist())
        palette = tuple(c for c, _ in cnt.most_common())
        ctx = cls(task.id, inputs, outputs, len(task.train), palette)
        ctx.out_shapes = predict_output_shapes(inputs, outputs)
        return ctx

    @property
    def n(self) -> int:
        return len(self.inputs)

    def output_colours(self) -> set[int]:
        return {int(c) for o in self.outputs for c in set(o.a.ravel().tolist())}
