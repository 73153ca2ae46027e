"""Memory: embeddings, the FAISS store (persistence, corruption, versions, concurrent and interrupted writes),
clusters, recall in the solver, and the memory CLI."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import signal
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from arcsynth.cli.main import main
from arcsynth.config import MemoryConfig, SearchConfig
from arcsynth.core.task import Pair, Task
from arcsynth.dsl import Grid, parse, run_program
from arcsynth.memory import (
    Entry,
    MemoryCorruptError,
    MemoryStore,
    MemoryVersionError,
    RecallConfig,
    embed_program,
    embed_task,
    recall,
    task_dim,
)
from arcsynth.memory import store as store_mod
from arcsynth.memory.clusters import recluster
from arcsynth.memory_glue.store import recall_for, remember
from arcsynth.search.trials import colour_variants
from arcsynth.solver import Solver, SolverConfig

GRIDS = [[[1, 2, 0], [0, 3, 0], [0, 0, 4]], [[5, 0], [6, 7], [0, 8]], [[1, 1, 2, 2], [0, 3, 0, 0]],
         [[9, 0, 0], [0, 1, 2]], [[2, 4], [4, 2]]]


def make_task(tid: str, program: str, grids: list = GRIDS, n_test: int = 1) -> Task:
    gs = [Grid(np.array(g)) for g in grids]
    pairs = [Pair(g, run_program(program, g)) for g in gs]
    return Task(tid, tuple(pairs[:-n_test]), tuple(pairs[-n_test:]))


def pairs_of(task: Task) -> list[tuple[Grid, Grid]]:
    return [(p.input, p.output) for p in task.train]  # type: ignore[misc]


def entry(tid: str, program: str = "rot90(I)", source: str = "solved") -> Entry:
    node = parse(program)
    from arcsynth.dsl.program import primitives_used
    return Entry(tid, program, sorted(set(primitives_used(node))), -3.0, source)


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


# ------------------------------------------------------------------------------------ embeddings
def test_task_embedding_shape_norm_and_determinism(arc1_training) -> None:  # type: ignore[no-untyped-def]
    a, b = arc1_training[0], arc1_training[1]
    va, va2, vb = embed_task(pairs_of(a)), embed_task(pairs_of(a)), embed_task(pairs_of(b))
    assert va.dtype == np.float32 and va.shape == (task_dim(),)
    assert abs(float(np.linalg.norm(va)) - 1.0) < 1e-5
    assert np.array_equal(va, va2)
    assert not np.allclose(va, vb)
    # tasks made by the same program are closer than tasks made by unrelated ones
    rot1, rot2 = make_task("a", "rot90(I)"), make_task("b", "rot90(I)", GRIDS[1:] + GRIDS[:1])
    other = make_task("c", "hconcat(I, I)")
    e1, e2, e3 = (embed_task(pairs_of(t)) for t in (rot1, rot2, other))
    assert float(e1 @ e2) > float(e1 @ e3)
    with pytest.raises(ValueError):
        embed_task([])


def test_program_embedding_is_unit_and_separates_programs() -> None:
    a, b, c = (embed_program(parse(p)) for p in ("rot90(I)", "rot90(rot90(I))", "replace(hconcat(I, I), 1, 2)"))
    for v in (a, b, c):
        assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-5
    assert float(a @ b) > float(a @ c)


# ----------------------------------------------------------------------------------------- store
def test_store_add_query_persist_and_exclude(tmp_path: Path) -> None:
    st = MemoryStore(tmp_path)
    rng = np.random.default_rng(0)
    vecs = [unit(rng.normal(size=task_dim())) for _ in range(5)]
    assert st.add([(v, entry(f"t{i}", "rot90(I)" if i % 2 else "vmirror(I)")) for i, v in enumerate(vecs)]) == 5
    assert st.add([(vecs[0], entry("t0", "vmirror(I)"))]) == 0  # same task and program: not duplicated
    fresh = MemoryStore(tmp_path).load()  # another reader sees everything
    assert [e.task_id for e in fresh.entries] == [f"t{i}" for i in range(5)]
    hits = fresh.search(vecs[3], 2)
    assert hits[0].entry.task_id == "t3" and hits[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert all(h.entry.task_id != "t3" for h in fresh.search(vecs[3], 4, exclude_task="t3"))
    assert fresh.index_kind == "flat"


def test_large_store_switches_to_ivf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_mod, "IVF_THRESHOLD", 100)
    rng = np.random.default_rng(1)
    vecs = np.stack([unit(rng.normal(size=task_dim())) for _ in range(300)])
    st = MemoryStore(tmp_path)
    with st.update() as sd:
        sd.add(vecs, [entry(f"t{i}") for i in range(300)])
    sd = MemoryStore(tmp_path).load()
    assert sd.index_kind == "ivf"
    assert sd.search(vecs[123], 1)[0].entry.task_id == "t123"


def _good_store(tmp_path: Path) -> MemoryStore:
    st = MemoryStore(tmp_path)
    st.add([(embed_task(pairs_of(make_task("a", "rot90(I)"))), entry("a"))])
    return st


def test_corrupt_store_is_detected_and_never_used(tmp_path: Path) -> None:
    st = _good_store(tmp_path)
    data = bytearray(st.path.read_bytes())
    data[-10] ^= 0xFF  # a flipped byte in the payload
    st.path.write_bytes(bytes(data))
    with pytest.raises(MemoryCorruptError, match="checksum"):
        MemoryStore(tmp_path).load()
    st.path.write_bytes(bytes(data[:40]))  # truncated
    with pytest.raises(MemoryCorruptError):
        MemoryStore(tmp_path).load()
    st.path.write_bytes(b"not a store at all")
    with pytest.raises(MemoryCorruptError, match="magic"):
        MemoryStore(tmp_path).load()
    # the solver refuses it too (rather than solving without saying so), and writes are refused
    opts = MemoryConfig(dir=str(tmp_path))
    task = make_task("b", "rot90(I)")
    with pytest.raises(MemoryCorruptError):
        recall_for(task, opts)
    with pytest.raises(MemoryCorruptError):
        remember(task, "rot90(I)", -1.0, opts)
    assert st.path.read_bytes() == b"not a store at all"


def test_version_mismatch_is_detected(tmp_path: Path) -> None:
    st = _good_store(tmp_path)
    raw = st.path.read_bytes()
    off = len(store_mod.MAGIC)
    (hl,) = struct.unpack("<Q", raw[off: off + 8])
    header = json.loads(raw[off + 8: off + 8 + hl])
    header["embed_version"] = "task-v0"
    hb = json.dumps(header).encode()
    st.path.write_bytes(store_mod.MAGIC + struct.pack("<Q", len(hb)) + hb + raw[off + 8 + hl:])
    with pytest.raises(MemoryVersionError, match="task-v0"):
        MemoryStore(tmp_path).load()


def test_cli_reports_a_corrupt_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    st = _good_store(tmp_path)
    st.path.write_bytes(b"garbage")
    assert main(["memory", "stats", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "not an arcsynth memory store" in err and len(err.strip().splitlines()) == 1


def _writer(directory: str, who: int, n: int) -> None:
    rng = np.random.default_rng(who)
    st = MemoryStore(directory)
    for i in range(n):
        st.add([(unit(rng.normal(size=task_dim())), entry(f"w{who}-{i}"))])


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 15)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    ids = {e.task_id for e in MemoryStore(tmp_path).load().entries}
    assert ids == {f"w{w}-{i}" for w in range(2) for i in range(15)}


def test_failed_write_leaves_previous_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = _good_store(tmp_path)
    before = st.path.read_bytes()

    def boom(*a: object) -> None:
        raise OSError("disk full")
    monkeypatch.setattr(store_mod.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        st.add([(embed_task(pairs_of(make_task("b", "vmirror(I)"))), entry("b", "vmirror(I)"))])
    monkeypatch.undo()
    assert st.path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp.*"))
    assert [e.task_id for e in MemoryStore(tmp_path).load().entries] == ["a"]


def _slow_writer(directory: str, ready: "mp.synchronize.Event") -> None:  # type: ignore[name-defined]
    real_fsync = os.fsync

    def stall(fd: int) -> None:  # the temporary file is written but not yet in place: wait to be killed
        real_fsync(fd)
        ready.set()
        time.sleep(60)
    os.fsync = stall  # type: ignore[assignment]
    MemoryStore(directory).add([(embed_task(pairs_of(make_task("b", "vmirror(I)"))), entry("b", "vmirror(I)"))])


def test_killed_writer_leaves_previous_store(tmp_path: Path) -> None:
    st = _good_store(tmp_path)
    before = st.path.read_bytes()
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    p = ctx.Process(target=_slow_writer, args=(str(tmp_path), ready))
    p.start()
    assert ready.wait(30)
    os.kill(p.pid, signal.SIGKILL)  # type: ignore[arg-type]
    p.join(10)
    assert st.path.read_bytes() == before
    assert [e.task_id for e in MemoryStore(tmp_path).load().entries] == ["a"]
    # the lock died with the writer; the next write proceeds and clears the stale temporary file
    assert MemoryStore(tmp_path).add([(embed_task(pairs_of(make_task("c", "rot180(I)"))), entry("c", "rot180(I)"))]) == 1
    assert not list(tmp_path.glob("*.tmp.*"))
    assert [e.task_id for e in MemoryStore(tmp_path).load().entries] == ["a", "c"]


# -------------------------------------------------------------------------------------- clusters
def test_clusters_group_similar_solutions(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    groups = {"rot90(I)": rng.normal(size=task_dim()), "vconcat(I, hmirror(I))": rng.normal(size=task_dim()),
              "replace(I, 1, 2)": rng.normal(size=task_dim())}
    vecs, ents = [], []
    for g, (prog, centre) in enumerate(groups.items()):
        for i in range(6):
            vecs.append(unit(centre + 0.05 * rng.normal(size=task_dim())))
            ents.append(entry(f"g{g}-{i}", prog))
    st = MemoryStore(tmp_path)
    with st.update() as sd:
        sd.add(np.stack(vecs), ents)
        clusters = recluster(sd)
    assert len(clusters) == 3
    sd = MemoryStore(tmp_path).load()
    for g in range(3):
        labels = {e.cluster for e in sd.entries if e.task_id.startswith(f"g{g}-")}
        assert len(labels) == 1 and labels != {-1}
    by_label = {c["members"][0][:2]: c for c in sd.clusters.values()}
    assert by_label["g1"]["primitives"] == {"hmirror": 1.0, "vconcat": 1.0}
    assert by_label["g1"]["shapes"][0][0] == "vconcat(I, hmirror(I))"
    # a new entry near group 0 joins its cluster without a recompute
    new_vec = unit(groups["rot90(I)"] + 0.05 * rng.normal(size=task_dim()))
    st.add([(new_vec, entry("g0-new", "rot90(I)"))])
    sd = MemoryStore(tmp_path).load()
    assert sd.entries[-1].cluster == sd.entries[0].cluster


# ---------------------------------------------------------------------------------------- recall
def test_recall_never_returns_the_task_itself(tmp_path: Path) -> None:
    t = make_task("self", "rot90(I)")
    st = MemoryStore(tmp_path)
    st.add([(embed_task(pairs_of(t)), entry("self")), (embed_task(pairs_of(make_task("o", "rot270(I)"))), entry("o", "rot270(I)"))])
    rec = recall(st, pairs_of(t), RecallConfig(min_similarity=-1.0), exclude_task="self")
    assert [n.task_id for n in rec.neighbours] == ["o"]
    assert rec.examples(2)[0]["program"] == "rot270(I)"


def test_bias_boosts_what_neighbours_use_and_keeps_the_rest() -> None:
    from arcsynth.memory import Neighbour, Recall
    from arcsynth.memory_glue.store import biased_weights
    rec = Recall([Neighbour("a", "rot90(I)", ["rot90"], 0.95, 1.0, -1, "reference"),
                  Neighbour("b", "vconcat(I, hmirror(I))", ["hmirror", "vconcat"], 0.90, 0.5, -1, "reference")],
                 global_primitives={"rot90": 0.05, "hmirror": 0.05, "vconcat": 0.05, "fill": 0.4})
    base = {"rot90": 1.0, "hmirror": 1.0, "vconcat": 1.0, "fill": 1.0, "kron": 1.0}
    w = biased_weights(base, rec, 0.7, 0.1)
    assert w["rot90"] > w["hmirror"] > 1.0 and w["fill"] == w["kron"] == 1.0
    assert biased_weights(base, rec, 0.0) == base


def test_enumerator_takes_seeded_values_and_bodies() -> None:
    from arcsynth.core.context import SearchContext
    from arcsynth.core.score import Prior
    from arcsynth.dsl.program import HOLE, Call, Lit
    from arcsynth.dsl.types import COLOUR, GRID, OBJ, FnType
    from arcsynth.search.enumerate import Enumerator
    ctx = SearchContext.from_task(make_task("s", HARD, SQUARES))
    value, body = parse("hconcat(vmirror(I), dmirror(rot90(I)))"), Call("recolor", (HOLE, Lit(3, COLOUR)))
    plain = Enumerator(ctx, Prior())
    en = Enumerator(ctx, Prior(), seeds=[(value, GRID), (body, FnType(OBJ, OBJ))], seed_discount=0.5, seed_floor=2)
    assert en.seeded == 2 and en.stats.candidates == 0  # the value waits for its level; the body is in place
    assert any(e.node == body for lst in en.lambdas[FnType(OBJ, OBJ)].values() for e in lst)
    seen: list = []
    en.run(time.monotonic() + 5, lambda e: seen.append(e) or e.node == value)
    hit = [e for e in seen if e.node == value]
    assert hit and hit[0].cost < en._expr_cost(value, GRID) and en.stats.max_level == hit[0].cost
    assert not any(e.node == value for e in plain.entries(GRID))


def test_recall_statistics_leave_the_task_out(tmp_path: Path) -> None:
    # the task's own entry shares a cluster with its neighbours: its primitives must not reach the bias
    rng = np.random.default_rng(3)
    centre, far = rng.normal(size=task_dim()), rng.normal(size=task_dim())
    st = MemoryStore(tmp_path)
    with st.update() as sd:
        sd.add(np.stack([unit(c + 0.05 * rng.normal(size=task_dim())) for c in [centre] * 5 + [far] * 4]),
               [entry("self", "kron(I, I)")] + [entry(f"n{i}", "rot90(I)") for i in range(4)]
               + [entry(f"f{i}", "vmirror(I)") for i in range(4)])
        recluster(sd, min_cluster_size=2)
    sd = MemoryStore(tmp_path).load()
    assert len({e.cluster for e in sd.entries[:5]}) == 1 and sd.entries[0].cluster >= 0
    from arcsynth.memory import recall_vector
    rec = recall_vector(sd, sd.vectors[0], RecallConfig(k=4, min_similarity=0.5), exclude_task="self")
    assert {n.task_id for n in rec.neighbours} == {"n0", "n1", "n2", "n3"}
    assert "kron" not in rec.primitive_frequencies() and "kron" not in rec.global_primitives
    assert rec.primitive_frequencies()["rot90"] == pytest.approx(1.0)


def test_colour_variants_substitute_task_colours() -> None:
    vs = {str(v) for v in colour_variants(parse("replace(vmirror(I), 3, 4)"), [0, 5, 6], 50)}
    assert "replace(vmirror(I), 5, 4)" in vs and "replace(vmirror(I), 5, 6)" in vs
    assert "replace(vmirror(I), 4, 3)" in vs  # a swap of the constants
    assert colour_variants(parse("rot90(I)"), [1, 2], 10) == []


HARD = "replace(replace(hconcat(vmirror(I), dmirror(rot90(I))), 1, 2), 3, 4)"
HARD_ADAPTED = "replace(replace(hconcat(vmirror(I), dmirror(rot90(I))), 5, 2), 3, 4)"
SQUARES = [[[1, 2, 3], [3, 1, 0], [0, 0, 1]], [[3, 1], [1, 4]], [[0, 3, 1, 1], [1, 0, 3, 0], [3, 3, 0, 1], [1, 0, 0, 0]],
           [[1, 3], [0, 1]]]


def test_solver_solves_from_an_adapted_exemplar(tmp_path: Path) -> None:
    solved = make_task("seen", HARD, SQUARES)
    opts = MemoryConfig(dir=str(tmp_path))
    assert remember(solved, HARD, -20.0, opts) == 1
    grids = [[[5 if c == 1 else c for c in row] for row in g] for g in SQUARES]  # same task with colour 5 for 1
    new = make_task("new", HARD_ADAPTED, grids)
    res = Solver(SolverConfig(budget=1, memory=opts, search=SearchConfig(augment=()))).solve(new)
    assert res.attempts[0][0] == new.test[0].output
    assert res.trace["memory"]["neighbours"][0][0] == "seen" and res.trace["memory"]["hits"] >= 1
    assert res.trace["candidates_before_solution"] <= 2  # the first exemplar (up to a colour map) or its variant
    blind = Solver(SolverConfig(budget=1, search=SearchConfig(augment=())).disable("memory")).solve(new)
    assert not blind.candidates or blind.trace["candidates_before_solution"] > 100
    assert Solver(SolverConfig(memory=opts)).memory_examples(new)[0]["program"] == HARD
    # it was remembered, so the store now holds both tasks
    assert {e.task_id for e in MemoryStore(tmp_path).load().entries} == {"seen", "new"}


def test_memory_off_reads_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / store_mod.STORE_FILE).write_bytes(b"garbage")  # would raise if it were read
    res = Solver(SolverConfig(budget=2, memory=MemoryConfig(enabled=False, dir=str(tmp_path)))).solve(
        make_task("t", "rot90(I)"))
    assert res.candidates and "memory" not in res.trace and "memory_added" not in res.trace
    assert sorted(p.name for p in tmp_path.iterdir()) == [store_mod.STORE_FILE]


# ------------------------------------------------------------------------------------------- CLI
def test_memory_cli_build_stats_query_cluster_export(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    sols = tmp_path / "sols"
    sols.mkdir()
    src = Path(__file__).resolve().parent.parent / "examples" / "solutions"
    for tid in ("3c9b0459", "6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "a416b8f3", "c8f0f002", "d511f180"):
        shutil.copy(src / f"{tid}.arc", sols / f"{tid}.arc")
    d = str(tmp_path / "store")
    assert main(["memory", "build", "--dir", d, "--solutions", str(sols)]) == 0
    built = json.loads(capsys.readouterr().out)
    assert built["added"] == built["entries"] == 8
    assert main(["memory", "build", "--dir", d, "--solutions", str(sols)]) == 0  # idempotent
    assert json.loads(capsys.readouterr().out)["added"] == 0
    assert main(["memory", "stats", "--dir", d, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entries"] == 8 and stats["sources"] == {"reference": 8} and stats["index"] == "flat"
    assert main(["memory", "query", "6150a2bd", "--dir", d, "--k", "3", "--json"]) == 0
    q = json.loads(capsys.readouterr().out)
    assert len(q["neighbours"]) == 3 and all(n["task"] != "6150a2bd" for n in q["neighbours"])
    assert main(["memory", "cluster", "--dir", d, "--min-cluster-size", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == 8
    out = tmp_path / "export.json"
    assert main(["memory", "export", "--dir", d, "--out", str(out)]) == 0
    assert {e["task_id"] for e in json.loads(out.read_text())["entries"]} == {p.stem for p in sols.glob("*.arc")}
