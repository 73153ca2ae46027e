"""`arcsynth memory build|stats|query|cluster|export|crossval`: the memory store from the command line."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from arcsynth.cli.common import DEFAULT_SOLUTIONS, dataset_name, positive
from arcsynth.core.task import find_task, load_dataset
from arcsynth.memory import MemoryStore, RecallConfig, recall
from arcsynth.memory.clusters import recluster
from arcsynth.memory_glue.crossval import crossval
from arcsynth.memory_glue.store import build_from_solutions
from arcsynth.reporting.report import write_json_atomic


def _store(args: argparse.Namespace) -> MemoryStore:
    """The store named by --dir (or the default)."""
    return MemoryStore(args.dir)


def cmd_build(args: argparse.Namespace) -> int:
    """Seed the store from the reference solutions of a dataset's tasks (verified on their train pairs)."""
    store = _store(args)
    tasks = [t for name in args.dataset for t in load_dataset(name)]
    uniq = list({t.id: t for t in tasks}.values())
    info = build_from_solutions(store, uniq, Path(args.solutions), rebuild=args.rebuild)
    for s in info["skipped"]:
        print(f"arcsynth: skipped {s}", file=sys.stderr)
    print(json.dumps({"store": str(store.path), "added": info["added"], "entries": info["entries"],
                      "clusters": info["clusters"], "skipped": len(info["skipped"])}))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Size, sources, index kind, clusters and most used primitives of the store."""
    store = _store(args)
    sd = store.load()
    prim: Counter = Counter()
    for e in sd.entries:
        prim.update(set(e.primitives))
    out = {"store": str(store.path), "exists": store.exists(), "entries": len(sd.entries),
           "tasks": len({e.task_id for e in sd.entries}),
           "sources": dict(Counter(e.source for e in sd.entries)), "dim": int(sd.vectors.shape[1]),
           "index": sd.index_kind if sd.entries else None, "clusters": len(sd.clusters),
           "clustered_entries": sum(e.cluster >= 0 for e in sd.entries),
           "bytes": store.path.stat().st_size if store.exists() else 0,
           "top_primitives": dict(prim.most_common(15))}
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for k, v in out.items():
            print(f"{k:18s} {v}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """The nearest solved tasks of a task, their clusters, the primitive bias and the exemplars."""
    task = find_task(args.task)
    pairs = [(p.input, p.output) for p in task.train if p.output is not None]
    rec = recall(_store(args), pairs, RecallConfig(k=args.k, min_similarity=-1.0),
                 exclude_task=None if args.include_self else task.id)
    freq = sorted(rec.primitive_frequencies().items(), key=lambda kv: -kv[1])[:12]
    out = {"task": task.id, "ms": round(1000 * rec.seconds, 2),
           "neighbours": [{"task": n.task_id, "similarity": round(n.similarity, 4), "cluster": n.cluster,
                           "source": n.source, "program": n.program} for n in rec.neighbours],
           "cluster_members": [{"task": n.task_id, "cluster": n.cluster, "program": n.program}
                               for n in rec.cluster_members],
           "primitive_bias": {p: round(f, 3) for p, f in freq}}
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{task.id}: {len(rec.neighbours)} neighbours ({out['ms']} ms)")
    for n in out["neighbours"]:
        print(f"  {n['similarity']:.3f}  {n['task']}  cluster {n['cluster']:>3}  {n['program']}")
    if out["cluster_members"]:
        print("cluster-mates:")
        for n in out["cluster_members"]:
            print(f"         {n['task']}  cluster {n['cluster']:>3}  {n['program']}")
    print("primitive bias: " + ", ".join(f"{p} {f:.2f}" for p, f in freq))
    return 0


def cmd_cluster(args: argparse.Namespace) -> int:
    """Recompute the HDBSCAN clusters and print their summaries."""
    store = _store(args)
    if not store.exists():
        print(f"arcsynth: error: {store.path}: no memory store yet; run `arcsynth memory build`", file=sys.stderr)
        return 2
    with store.update() as sd:
        clusters = recluster(sd, min_cluster_size=args.min_cluster_size)
        n = len(sd.entries)
        noise = sum(e.cluster < 0 for e in sd.entries)
    if args.json:
        print(json.dumps({"entries": n, "noise": noise, "clusters": clusters}, indent=1))
        return 0
    print(f"{len(clusters)} clusters over {n} entries ({noise} unclustered)")
    for cid, c in clusters.items():
        prims = ", ".join(f"{p} {f:.2f}" for p, f in list(c["primitives"].items())[:6])
        shapes = "; ".join(s for s, _ in c["shapes"][:2])
        print(f"  [{cid}] {c['size']:3d}  {prims}\n         {shapes}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Entries (and clusters) as JSON; vectors with --vectors."""
    sd = _store(args).load()
    rows = [asdict(e) for e in sd.entries]
    if args.vectors:
        for r, v in zip(rows, sd.vectors):
            r["vector"] = [round(float(x), 6) for x in v]
    doc = {"entries": rows, "clusters": sd.clusters}
    text = json.dumps(doc, indent=1)
    if args.out:
        write_json_atomic(Path(args.out), doc)
        print(f"wrote {args.out} ({len(rows)} entries)", file=sys.stderr)
    else:
        print(text)
    return 0


def cmd_crossval(args: argparse.Namespace) -> int:
    """Fold-wise ablation of memory at equal budget (see engine/memory_glue/crossval.py)."""
    tasks = load_dataset(args.dataset)
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr, flush=True))
    res = crossval(tasks, Path(args.solutions), args.budget, folds=args.folds, workers=args.workers,
                   sample=args.sample, limit=args.limit, seed=args.seed, log=log)
    res = {"dataset": args.dataset, **res}
    if args.report:
        write_json_atomic(Path(args.report), res)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    c = res["candidates_before_solution"]
    print(f"{args.dataset}, {res['folds']} folds, {res['tasks']} tasks at {args.budget:g} s:")
    print(f"  solved without memory: {res['solved_without']}")
    print(f"  solved with memory:    {res['solved_with']}  (only with: {len(res['only_with'])}, "
          f"only without: {len(res['only_without'])})")
    print(f"  candidates before the solution, {c['tasks']} tasks solved both ways: median with {c['median_with']}, "
          f"without {c['median_without']}, median ratio with/without {c['median_ratio_with_over_without']} "
          f"(fewer with memory on {c['fewer_with']}, more on {c['more_with']})")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `arcsynth memory ...` on the main parser."""
    mp = sub.add_parser("memory", help="the memory of solved tasks: build, stats, query, cluster, export, crossval")
    msub = mp.add_subparsers(dest="memory_command", metavar="WHAT")

    def common(p: argparse.ArgumentParser) -> None:
        """Options every memory command takes."""
        p.add_argument("--dir", help="store directory (default: $ARCSYNTH_MEMORY_DIR or ~/.cache/arcsynth/memory)")

    b = msub.add_parser("build", help="seed the store from the reference solutions (examples/solutions)")
    common(b)
    b.add_argument("--dataset", type=dataset_name, nargs="+", default=["arc1-training"],
                   help="datasets whose tasks the solutions are for (default arc1-training)")
    b.add_argument("--solutions", default=str(DEFAULT_SOLUTIONS))
    b.add_argument("--rebuild", action="store_true", help="start a fresh store (replaces a corrupt or old one)")
    b.set_defaults(func=cmd_build)

    s = msub.add_parser("stats", help="entries, sources, index, clusters, top primitives")
    common(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    q = msub.add_parser("query", help="nearest solved tasks of a task, with bias and exemplars")
    common(q)
    q.add_argument("task", help="task JSON file or task id")
    q.add_argument("--k", type=positive(int, "--k"), default=8)
    q.add_argument("--include-self", action="store_true", help="also show entries of the task itself")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_query)

    c = msub.add_parser("cluster", help="recompute the HDBSCAN concept clusters")
    common(c)
    c.add_argument("--min-cluster-size", type=positive(int, "--min-cluster-size"), default=3)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_cluster)

    e = msub.add_parser("export", help="entries and clusters as JSON")
    common(e)
    e.add_argument("--out", help="write to this file instead of stdout")
    e.add_argument("--vectors", action="store_true", help="include the embeddings")
    e.set_defaults(func=cmd_export)

    x = msub.add_parser("crossval", help="fold-wise with/without-memory ablation on a dataset")
    x.add_argument("--dataset", type=dataset_name, required=True)
    x.add_argument("--folds", type=positive(int, "--folds"), default=2)
    x.add_argument("--budget", type=positive(float, "--budget"), default=10.0)
    x.add_argument("--workers", type=positive(int, "--workers"), default=1)
    x.add_argument("--sample", type=positive(int, "--sample"),
                   help="solve only a fixed random sample of N tasks (spread over the folds; memory still holds "
                        "every reference solution of the other folds)")
    x.add_argument("--limit", type=positive(int, "--limit"),
                   help="solve only the first N tasks (by id, spread over the folds); memory as with --sample")
    x.add_argument("--seed", type=int, default=0, help="fold split and sample seed")
    x.add_argument("--solutions", default=str(DEFAULT_SOLUTIONS))
    x.add_argument("--report", help="also write the result JSON here")
    x.add_argument("--json", action="store_true")
    x.add_argument("--quiet", action="store_true")
    x.set_defaults(func=cmd_crossval)

    def no_what(args: argparse.Namespace) -> int:
        """Help when no memory command is given."""
        mp.print_help()
        return 2
    mp.set_defaults(func=no_what)


__all__ = ["add_parser"]
