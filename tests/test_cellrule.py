"""Local cell rules (engine/cellrules/): learned tables that must pass leave-one-out on the train pairs."""
from __future__ import annotations

import time

import numpy as np

from arcsynth.cellrules.features import RULES, CellView
from arcsynth.cellrules.induce import induce, learn
from arcsynth.config import SearchConfig
from arcsynth.core.task import find_task
from arcsynth.dsl.grid import Grid
from arcsynth.solver import Solver, SolverConfig


def _mark_neighbours(a: np.ndarray) -> np.ndarray:
    """Background cells 4-adjacent to a 1 become 2 (a rule the 'neighbour set' key expresses)."""
    out = a.copy()
    h, w = a.shape
    for r in range(h):
        for c in range(w):
            if a[r, c] == 0 and any(0 <= r + dr < h and 0 <= c + dc < w and a[r + dr, c + dc] == 1
                                    for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0))):
                out[r, c] = 2
    return out


def _random_input(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    a = np.zeros((h, w), dtype=np.int8)
    for _ in range(3):
        a[rng.integers(h), rng.integers(w)] = 1
    return a


def _marked_pairs(rng: np.random.Generator, h: int, w: int, n: int = 3) -> list[tuple[Grid, Grid]]:
    """n train pairs of random h×w inputs and their _mark_neighbours outputs."""
    return [(Grid(a), Grid(_mark_neighbours(a))) for a in (_random_input(rng, h, w) for _ in range(n))]


def test_rule_learned_from_pairs_predicts_a_new_input() -> None:
    rng = np.random.default_rng(0)
    train = _marked_pairs(rng, 7, 8)
    test = _random_input(rng, 9, 6)
    found, stats = induce(train, [Grid(test)], time.monotonic() + 5)
    assert found, stats.as_dict()
    desc, preds = found[0]
    assert desc.startswith("cellrule: ")
    assert preds[0] == Grid(_mark_neighbours(test))


def test_outputs_without_a_local_rule_are_not_memorised() -> None:
    # Outputs are random recolourings: any table fits each pair alone, but none predicts a held-out pair.
    rng = np.random.default_rng(1)
    train = []
    for _ in range(3):
        a = rng.integers(0, 3, size=(5, 5)).astype(np.int8)
        train.append((Grid(a), Grid(rng.integers(0, 10, size=(5, 5)).astype(np.int8))))
    found, stats = induce(train, [Grid(rng.integers(0, 3, size=(5, 5)).astype(np.int8))], time.monotonic() + 5)
    assert found == []
    assert stats.rules_tried == 2 * len(RULES)  # in the task's colours, then in normalised colours


def test_not_applicable_cases_return_nothing() -> None:
    a = Grid([[0, 1], [1, 0]])
    # shape change
    assert induce([(a, Grid([[1]])), (a, Grid([[1]]))], [a], time.monotonic() + 5)[0] == []
    # a single pair: nothing to hold out
    assert induce([(a, Grid([[1, 1], [1, 1]]))], [a], time.monotonic() + 5)[0] == []
    # identity on every pair
    assert induce([(a, a), (a, a)], [a], time.monotonic() + 5)[0] == []
    # past the deadline: no rule is tried
    b = Grid([[0, 1], [1, 1]])
    found, stats = induce([(a, b), (b, b)], [a], time.monotonic() - 1)
    assert found == [] and stats.rules_tried == 0


def test_unseen_key_gives_no_prediction() -> None:
    rng = np.random.default_rng(2)
    train = _marked_pairs(rng, 6, 6)
    # A third colour: no train input has one, in its own colours or in normalised ones, so no table knows it.
    test = _random_input(rng, 6, 6)
    test[0, 0] = 7
    found, _ = induce(train, [Grid(test)], time.monotonic() + 5)
    assert found == []


def _grow(a: np.ndarray) -> np.ndarray:
    """Background cells 4-adjacent to a coloured cell take its colour."""
    out = a.copy()
    h, w = a.shape
    for r in range(h):
        for c in range(w):
            if a[r, c] == 0:
                for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0)):
                    if 0 <= r + dr < h and 0 <= c + dc < w and a[r + dr, c + dc]:
                        out[r, c] = a[r + dr, c + dc]
    return out


def test_rule_in_normalised_colours_carries_to_an_unseen_colour() -> None:
    rng = np.random.default_rng(4)
    train = []
    for colour in (1, 3, 5):
        a = _random_input(rng, 8, 8) * colour
        train.append((Grid(a), Grid(_grow(a))))
    test = _random_input(rng, 7, 9) * 7  # colour 7 is in no train pair
    found, _ = induce(train, [Grid(test)], time.monotonic() + 5)
    assert found and found[0][0].startswith("cellrule: in normal colours, ")
    assert found[0][1][0] == Grid(_grow(test))


def test_ambiguous_keys_fall_through_to_the_next_table() -> None:
    # With the colour alone, colour 0 maps to 0 and to 2 (ambiguous); colour 1 maps to 1 only.
    rng = np.random.default_rng(3)
    pairs = []
    for _ in range(2):
        a = _random_input(rng, 6, 6).astype(np.int64)
        pairs.append((CellView(a, 0), _mark_neighbours(a).astype(np.int64)))
    rule = learn(("colour+neighbour set", "colour"), pairs)
    colour_table = rule.tables[1]
    assert colour_table[(1,)] == 1 and colour_table[(0,)] == -1
    for x, out in pairs:
        assert np.array_equal(rule.apply(x), out)


def test_solver_solves_real_training_tasks_with_cell_rules_and_can_switch_them_off() -> None:
    # bb43febb (fill rectangle interiors) and 2281f1f4 (mark row/column crossings) are ARC-AGI-1 training tasks
    # whose output cells follow from their neighbourhoods and rays.
    for tid in ("bb43febb", "2281f1f4"):
        task = find_task(tid, ["arc1-training"])
        on = Solver(SolverConfig(search=SearchConfig(augment=())).disable("memory", "propose", "maxsat")).solve(task, budget=1.0)
        assert any(c.source == "cellrule" for c in on.candidates)
        assert all(any(g == p.output for g in att) for att, p in zip(on.attempts, task.test))
        assert on.trace["cellrule"]["accepted"]
        off = Solver(SolverConfig(search=SearchConfig(augment=())).disable("memory", "propose", "maxsat").disable("cellrules")).solve(task, budget=0.5)
        assert "cellrule" not in off.trace and all(c.source != "cellrule" for c in off.candidates)


def test_bench_counts_fired_and_correct_tasks() -> None:
    from arcsynth.reporting.bench import bench_cellrules
    tasks = [find_task(t, ["arc1-training"]) for t in ("bb43febb", "007bbfb7")]  # a local rule; a shape change
    r = bench_cellrules(tasks)
    assert (r.tasks, r.fired, r.correct, r.wrong) == (2, 1, 1, [])
    assert r.correct_ids == ["bb43febb"] and r.by_rule == {"colour+neighbour set": 1}


def _gap_filled(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """An input with scattered 1s and two 3s in one row; the output fills the gap between the 3s with 3."""
    a = np.zeros((10, 12), dtype=np.int8)
    for _ in range(4):
        a[rng.integers(0, 7), rng.integers(0, 12)] = 1
    row, c0, c1 = int(rng.integers(7, 10)), int(rng.integers(0, 3)), int(rng.integers(6, 12))
    a[row, [c0, c1]] = 3
    out = a.copy()
    out[row, c0 + 1:c1] = 3
    return a, out


def test_between_feature_gives_a_rule() -> None:
    rng = np.random.default_rng(3)
    made = [_gap_filled(rng) for _ in range(4)]
    train = [(Grid(a), Grid(o)) for a, o in made[:3]]
    found, stats = induce(train, [Grid(made[3][0])], time.monotonic() + 5)
    assert found, stats.as_dict()
    assert found[0][1][0] == Grid(made[3][1])
    assert "between" in found[0][0]

def test_real_task_recolouring_shapes_with_holes() -> None:
    # b2862040 (ARC-AGI-1 training): closed shapes turn 8, open ones keep their colour.
    task = find_task("b2862040", ["arc1-training"])
    found, _ = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test], time.monotonic() + 5)
    assert found and "component has holes" in found[0][0]
    assert found[0][1][0] == task.test[0].output


def test_enlarged_canvas_rule_solves_a_fractal_task() -> None:
    # cce03e0d (ARC-AGI-1 training): the 3×3 input is copied into the blocks of a 9×9 output under its 2-cells,
    # i.e. each output cell is the tiled input where the scaled-up input is 2.
    task = find_task("cce03e0d", ["arc1-training"])
    found, stats = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test],
                          time.monotonic() + 5)
    assert found and found[0][0].startswith("cellrule: on the tiled canvas, ")
    assert "scaled input colour" in found[0][0]
    assert found[0][1][0] == task.test[0].output


def test_canvas_needs_one_integer_factor() -> None:
    rng = np.random.default_rng(4)
    a, b = (Grid(rng.integers(0, 3, size=(3, 3)).astype(np.int8)) for _ in range(2))
    two_factors = [(a, Grid(np.tile(a.a, (2, 2)))), (b, Grid(np.tile(b.a, (3, 3))))]
    found, stats = induce(two_factors, [a], time.monotonic() + 5)
    assert found == [] and stats.rules_tried == 0
    tiled = [(a, Grid(np.tile(a.a, (2, 3)))), (b, Grid(np.tile(b.a, (2, 3))))]
    found, _ = induce(tiled, [Grid(rng.integers(0, 3, size=(4, 2)).astype(np.int8))], time.monotonic() + 5)
    assert found and found[0][1][0].a.shape == (8, 6)


def test_stacked_parts_rule_overlays_the_halves() -> None:
    # Output = the two halves of the input (split by a separator column) combined cell by cell: 2 where
    # exactly one half is set, else 0 (an XOR, as in several ARC-AGI-1 training tasks).
    rng = np.random.default_rng(5)

    def pair() -> tuple[Grid, Grid]:
        left, right = (rng.integers(0, 2, size=(4, 4)).astype(np.int8) for _ in range(2))
        a = np.concatenate([left, np.full((4, 1), 5, dtype=np.int8), right * 3], axis=1)
        return Grid(a), Grid(((left > 0) ^ (right > 0)).astype(np.int8) * 2)
    made = [pair() for _ in range(5)]
    found, _ = induce(made[:4], [made[4][0]], time.monotonic() + 5)
    assert found and found[0][0].startswith("cellrule: on 1×2 parts, ")
    assert found[0][1][0] == made[4][1]
    single_cells = [(Grid(np.array([[1, 2]], dtype=np.int8)), Grid(np.array([[1]], dtype=np.int8)))] * 3
    assert induce(single_cells, [single_cells[0][0]], time.monotonic() + 5)[0] == []


def test_shrunk_canvas_reads_blocks() -> None:
    # 6773b310 (ARC-AGI-1 training): an 11×11 grid of 3×3 blocks between separator lines becomes 3×3; a block
    # with two coloured cells gives 1, others 0.
    task = find_task("6773b310", ["arc1-training"])
    found, _ = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test], time.monotonic() + 5)
    assert found and found[0][0].startswith("cellrule: on 3×3 blocks, ") and "block count" in found[0][0]
    assert found[0][1][0] == task.test[0].output


def test_stacked_parts_overlaid_in_a_learned_order() -> None:
    # 75b8110e (ARC-AGI-1 training): the four quadrants are painted over each other in a fixed order.
    task = find_task("75b8110e", ["arc1-training"])
    found, _ = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test], time.monotonic() + 5)
    assert found and found[0][0].startswith("cellrule: on 2×2 parts, parts overlaid in order ")
    assert found[0][1][0] == task.test[0].output
