"""Recall: the k nearest solved tasks of a task, their clusters, the primitive bias they imply, and
exemplar programs (for trying first, for adapting, and as examples for the LLM proposer)."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid

from .embed import embed_task
from .store import Hit, MemoryStore, StoreData


@dataclass
class RecallConfig:
    """How much memory is recalled and how strongly it biases the search."""

    k: int = 24                     # nearest solved tasks
    min_similarity: float = 0.5     # neighbours below this cosine are ignored
    temperature: float = 0.05       # softmax temperature over similarities (neighbour weights)
    cluster_share: float = 0.15     # share of the primitive frequencies that comes from the neighbours' clusters
    cluster_exemplars: int = 4      # extra exemplars drawn from the neighbours' clusters


@dataclass
class Neighbour:
    """One recalled solution."""

    task_id: str
    program: str
    primitives: list[str]
    similarity: float
    weight: float
    cluster: int
    source: str


@dataclass
class Recall:
    """What memory says about one task."""

    neighbours: list[Neighbour] = field(default_factory=list)
    cluster_members: list[Neighbour] = field(default_factory=list)   # other members of the neighbours' clusters
    cluster_primitives: dict[str, float] = field(default_factory=dict)
    global_primitives: dict[str, float] = field(default_factory=dict)  # share of all stored solutions using each
    cluster_share: float = 0.15
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.neighbours)

    def primitive_frequencies(self) -> dict[str, float]:
        """Similarity-weighted share of neighbours using each primitive, mixed with their clusters' frequencies."""
        tot = sum(n.weight for n in self.neighbours)
        freq: dict[str, float] = {}
        if tot > 0:
            for n in self.neighbours:
                for p in set(n.primitives):
                    freq[p] = freq.get(p, 0.0) + n.weight / tot
        if not self.cluster_primitives:
            return freq
        s = self.cluster_share
        keys = set(freq) | set(self.cluster_primitives)
        return {p: (1 - s) * freq.get(p, 0.0) + s * self.cluster_primitives.get(p, 0.0) for p in keys}

    def primitive_factors(self, power: float = 2.0, smoothing: float = 0.1) -> dict[str, float]:
        """Smoothed multiplicative boost per primitive the neighbours use more than stored solutions at large:
        ((recalled freq + s) / (freq over the whole store + s)) ** power; every other primitive keeps factor 1
        (so primitives no solution uses gain nothing when others lose)."""
        freq = self.primitive_frequencies()
        out = {}
        for p, f in freq.items():
            r = (f + smoothing) / (self.global_primitives.get(p, 0.0) + smoothing)
            if r > 1.0:
                out[p] = r ** power
        return out

    def exemplars(self, n: Optional[int] = None) -> list[str]:
        """Distinct programs to try: neighbours by similarity, then their cluster-mates."""
        out: list[str] = []
        for nb in self.neighbours + self.cluster_members:
            if nb.program not in out:
                out.append(nb.program)
        return out if n is None else out[:n]

    def examples(self, n: int = 4) -> list[dict]:
        """Exemplars for an LLM prompt: task id, program, similarity and primitives, most similar first."""
        seen: set[str] = set()
        out = []
        for nb in self.neighbours:
            if nb.program in seen:
                continue
            seen.add(nb.program)
            out.append({"task_id": nb.task_id, "program": nb.program, "similarity": round(nb.similarity, 4),
                        "primitives": sorted(set(nb.primitives))})
            if len(out) == n:
                break
        return out

    def summary(self) -> dict:
        """A compact trace of the recall."""
        return {"neighbours": [[n.task_id, round(n.similarity, 3)] for n in self.neighbours],
                "clusters": sorted({n.cluster for n in self.neighbours if n.cluster >= 0}),
                "ms": round(1000 * self.seconds, 2)}


def _neighbour(h: Hit, weight: float) -> Neighbour:
    """A Neighbour from a search hit."""
    e = h.entry
    return Neighbour(e.task_id, e.program, list(e.primitives), h.similarity, weight, e.cluster, e.source)


def _frequencies_without(sd: StoreData, exclude_task: Optional[str]) -> dict[str, float]:
    """Share of stored solutions using each primitive, leaving out the entries of one task."""
    freq = sd.primitive_frequencies()
    own = [e for e in sd.entries if e.task_id == exclude_task] if exclude_task is not None else []
    if not own:
        return freq
    n = len(sd.entries)
    if n == len(own):
        return {}
    counts = {p: f * n for p, f in freq.items()}
    for e in own:
        for p in set(e.primitives):
            counts[p] -= 1
    return {p: c / (n - len(own)) for p, c in counts.items() if c > 0.5}


def recall_vector(sd: StoreData, vec: np.ndarray, cfg: RecallConfig = RecallConfig(),
                  exclude_task: Optional[str] = None) -> Recall:
    """Recall for an embedded task: neighbours (one per task, best similarity), weights and cluster statistics."""
    t0 = time.perf_counter()
    hits = sd.search(vec, 3 * cfg.k, exclude_task=exclude_task)
    best: dict[str, Hit] = {}
    for h in hits:
        if h.similarity < cfg.min_similarity:
            continue
        old = best.get(h.entry.task_id)
        if old is None or h.similarity > old.similarity or (
                h.similarity == old.similarity and (h.entry.posterior or -math.inf) > (old.entry.posterior or -math.inf)):
            best[h.entry.task_id] = h
    top = sorted(best.values(), key=lambda h: (-h.similarity, h.entry.task_id))[: cfg.k]
    rec = Recall(cluster_share=cfg.cluster_share)
    if top:
        rec.global_primitives = _frequencies_without(sd, exclude_task)
        smax = top[0].similarity
        ws = [math.exp((h.similarity - smax) / cfg.temperature) for h in top]
        rec.neighbours = [_neighbour(h, w) for h, w in zip(top, ws)]
        clusters = [str(n.cluster) for n in rec.neighbours if n.cluster >= 0 and str(n.cluster) in sd.clusters]
        if clusters:
            # each cluster's primitive shares, recounted without the excluded task's entries
            members: dict[int, list] = {}
            for e in sd.entries:
                if e.cluster >= 0 and str(e.cluster) in clusters and e.task_id != exclude_task:
                    members.setdefault(e.cluster, []).append(e)
            agg: dict[str, float] = {}
            for c in clusters:
                ents = members.get(int(c), [])
                for e in ents:
                    for p in set(e.primitives):
                        agg[p] = agg.get(p, 0.0) + 1.0 / len(ents) / len(clusters)
            rec.cluster_primitives = agg
            taken = {n.task_id for n in rec.neighbours}
            want = {int(c) for c in clusters}
            rows = [r for r, e in enumerate(sd.entries)
                    if e.cluster in want and e.task_id not in taken and e.task_id != exclude_task]
            if rows:
                sims = sd.vectors[rows] @ np.asarray(vec, dtype=np.float32)
                for i in np.argsort(-sims, kind="stable"):
                    e = sd.entries[rows[int(i)]]
                    if e.task_id in taken:
                        continue
                    taken.add(e.task_id)
                    rec.cluster_members.append(Neighbour(e.task_id, e.program, list(e.primitives), float(sims[i]),
                                                         0.0, e.cluster, e.source))
                    if len(rec.cluster_members) >= cfg.cluster_exemplars:
                        break
    rec.seconds = time.perf_counter() - t0
    return rec


def recall(store: MemoryStore, pairs: Sequence[tuple[Grid, Grid]], cfg: RecallConfig = RecallConfig(),
           exclude_task: Optional[str] = None) -> Recall:
    """Embed a task's train pairs and recall from a store (never the entries of `exclude_task`)."""
    t0 = time.perf_counter()
    sd = store.load()
    if not sd.entries:
        return Recall(seconds=time.perf_counter() - t0)
    rec = recall_vector(sd, embed_task(pairs), cfg, exclude_task)
    rec.seconds = time.perf_counter() - t0
    return rec
