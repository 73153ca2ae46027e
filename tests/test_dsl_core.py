"""Grid values, registry invariants, type checking and the interpreter's bounds."""
from __future__ import annotations

import inspect
import typing

import numpy as np
import pytest

import arcsynth.dsl as dsl
from arcsynth.dsl import DSLError, DSLLimitError, DSLTypeError, Grid, Limits, check, parse, run_program
from arcsynth.dsl.interpreter import evaluate
from arcsynth.dsl.registry import FAMILIES, REGISTRY


def test_grid_is_immutable_and_hashable() -> None:
    g = Grid([[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        g.a[0, 0] = 5
    with pytest.raises(AttributeError):
        g.a = np.zeros((2, 2))  # type: ignore[misc]
    assert hash(g) == hash(Grid(np.array([[1, 2], [3, 4]])))
    assert {g: 1}[Grid([[1, 2], [3, 4]])] == 1
    assert g != Grid([[1, 2, 3]])


@pytest.mark.parametrize("rows, problem", [
    ([], "non-empty"), ([[1, 2], [3]], "ragged"), ([[1, 10]], "0..9"), ([[1, -1]], "0..9"),
    ([[1.5]], "0..9"), ([[True]], "0..9"), ([[0] * 31], "exceeds"), ([[]], "non-empty"), ("12", "non-empty"),
])
def test_grid_from_list_names_the_problem(rows: object, problem: str) -> None:
    with pytest.raises(DSLError, match=problem):
        Grid.from_list(rows)


def test_registry_has_at_least_150_documented_typed_primitives() -> None:
    assert len(REGISTRY) >= 150, len(REGISTRY)
    for p in REGISTRY.values():
        assert p.family in FAMILIES
        assert p.doc and "\n" not in p.doc, p.name
        hints = typing.get_type_hints(p.fn)
        assert set(inspect.signature(p.fn).parameters) | {"return"} == set(hints), p.name
    assert all(any(p.family == f for p in REGISTRY.values()) for f in FAMILIES)


def test_type_errors_are_clear() -> None:
    with pytest.raises(DSLTypeError, match="must be Grid"):
        check(dsl.Call("rot90", (dsl.Lit(3, dsl.types.INT),)))
    with pytest.raises(DSLTypeError, match="outside a function"):
        check(dsl.Call("rot90", (dsl.Hole(),)))
    with pytest.raises(DSLTypeError, match="produces Int"):
        check(parse("rot90(I)").__class__("height", (dsl.Input(),)))
    with pytest.raises(DSLError, match="unknown primitive"):
        check(dsl.Call("rot91", (dsl.Input(),)))


def test_cell_bound_inside_and_result_bound() -> None:
    g = Grid(np.ones((20, 20), dtype=np.int8))
    with pytest.raises(DSLLimitError):
        run_program("upscale(upscale(I, 10), 10)", g)  # 2000x2000 refused before allocation
    with pytest.raises(DSLLimitError, match="30x30"):
        run_program("upscale(I, 2)", g)  # 40x40 fine inside a program, not as a result
    assert run_program("downscale(upscale(I, 2), 2)", g) == g


def test_step_and_time_limits() -> None:
    g = Grid(np.arange(100).reshape(10, 10) % 10)
    deep: dsl.Node = dsl.Input()  # a tree: program text nests at most dsl.grammar.MAX_NESTING deep
    for _ in range(200):
        deep = dsl.Call("rot90", (deep,))
    with pytest.raises(DSLLimitError, match="primitive calls"):
        run_program(deep, g, Limits(max_steps=100))
    with pytest.raises(DSLLimitError, match="exceeded"):
        run_program(deep, g, Limits(max_steps=10**9, max_seconds=0.0))
    assert run_program(deep, g, Limits(max_steps=1000)) == g  # 200 quarter turns is the identity


def test_primitive_failures_become_dsl_errors() -> None:
    g = Grid([[1, 2], [3, 4]])
    for bad in ["crop(I, (5, 5), (1, 1))", "trim(I)", "downscale(I, 3)", "tile(I, 0, 1)"]:
        with pytest.raises(DSLError):
            run_program(bad, g)


def test_deeply_nested_text_is_a_dsl_error_not_a_crash() -> None:
    text = "rot90(" * 5000 + "I" + ")" * 5000
    with pytest.raises(DSLError):
        run_program(text, Grid([[1]]))


def test_program_value_is_cached_within_one_run() -> None:
    g = Grid(np.arange(9).reshape(3, 3))
    node = parse("hconcat(rot90(I), rot90(I))")
    assert evaluate(node, g) == Grid(np.hstack([np.rot90(g.a, -1)] * 2))


def test_grids_and_objects_survive_pickling_and_keep_their_colour() -> None:
    import pickle

    from arcsynth.dsl.grid import Indices
    from arcsynth.dsl.primitives.objects import obj_colour, objects
    g = Grid(np.array([[1, 1, 0], [0, 2, 2], [3, 0, 2]], dtype=np.int8))
    assert pickle.loads(pickle.dumps(g)) == g
    objs = objects(g, True, False, True)
    assert [obj_colour(o) for o in objs] == [1, 2, 3]          # set by extraction
    mixed = objects(g, False, True, True)
    assert [obj_colour(o) for o in mixed] == [2]                # computed on demand: most common colour
    for o in objs + mixed:
        back = pickle.loads(pickle.dumps(o))
        assert back == o and obj_colour(back) == obj_colour(o)
    idx = Indices(1, 2, np.array([[True, False], [True, True]]))
    assert pickle.loads(pickle.dumps(idx)) == idx
