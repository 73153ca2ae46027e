"""Concept clusters: HDBSCAN over solution embeddings (task and program joined), each cluster summarised by
primitive frequencies and typical program shapes.

`recluster(sd)` recomputes every label (`arcsynth memory cluster`); entries added later join the cluster of
their nearest clustered neighbour when it is similar enough (`StoreData.nearest_cluster`), until the next recompute.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import numpy as np

from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse

from .embed import embed_program, joint, shape_of
from .store import Entry, StoreData


def solution_vectors(sd: StoreData) -> np.ndarray:
    """Joined task + program embedding of every entry (rows as in the store)."""
    rows = []
    for vec, e in zip(sd.vectors, sd.entries):
        try:
            pv: Optional[np.ndarray] = embed_program(parse(e.program))
        except DSLError:
            pv = None
        rows.append(joint(vec, pv))
    return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def summarise(entries: list[Entry], top: int = 12) -> dict:
    """Primitive frequencies (share of members using each) and the most common program shapes."""
    prim: Counter = Counter()
    shapes: Counter = Counter()
    for e in entries:
        prim.update(set(e.primitives))
        try:
            shapes[shape_of(parse(e.program))] += 1
        except DSLError:
            continue
    n = max(1, len(entries))
    return {"size": len(entries),
            "primitives": {p: round(c / n, 4) for p, c in prim.most_common(top)},
            "shapes": [[s, c] for s, c in shapes.most_common(5)],
            "members": sorted({e.task_id for e in entries})[:50]}


def recluster(sd: StoreData, min_cluster_size: int = 3, min_samples: Optional[int] = 1) -> dict:
    """Recompute HDBSCAN clusters in place (labels on the entries, summaries in sd.clusters); returns the summaries."""
    import hdbscan  # heavy (numba): only when clustering
    n = len(sd.entries)
    for e in sd.entries:
        e.cluster = -1
    sd.clusters = {}
    if n < max(2, min_cluster_size):
        return sd.clusters
    X = solution_vectors(sd).astype(np.float64)
    labels = hdbscan.HDBSCAN(min_cluster_size=min_cluster_size, min_samples=min_samples,
                             metric="euclidean", core_dist_n_jobs=1).fit_predict(X)
    groups: dict[int, list[Entry]] = {}
    for e, lab in zip(sd.entries, labels):
        e.cluster = int(lab)
        if lab >= 0:
            groups.setdefault(int(lab), []).append(e)
    sd.clusters = {str(k): summarise(v) for k, v in sorted(groups.items())}
    return sd.clusters
