"""The Bayesian score: log P(program) from a probabilistic grammar + log P(train outputs | program).

posterior(h) ∝ P(h) · P(X | h). The prior is a PCFG over the typed primitives whose weights can be set
from outside (memory biases them); the likelihood is maximal for an exact match and ranks near misses
with a cell-level noise model. Ties go to the shorter program.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Call, Hole, Input, Lit, Node, size
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import BOOL, COLOUR, GRID, INT, POINT, BaseType, FnType

#: Probability that a single output cell is wrong under the noise model.
CELL_NOISE = 0.02
#: Log-likelihood of a pair whose output has the wrong shape.
SHAPE_MISMATCH_LL = -1e4

#: Int literals the prior knows, most likely first; others get the tail mass.
_INT_LITERALS = (1, 2, 0, 3, -1, 4, 5)


@dataclass
class Prior:
    """A probabilistic grammar over the registry: P(primitive | result type, hole type) ∝ weight."""

    weights: dict[str, float] = field(default_factory=dict)  # overrides of Primitive.weight
    literal_share: float = 0.5   # probability mass of literals/leaves when a type has them
    _cache: dict = field(default_factory=dict, repr=False)

    def weight(self, name: str) -> float:
        w = self.weights.get(name)
        return REGISTRY[name].weight if w is None else w

    def with_weights(self, weights: Mapping[str, float]) -> "Prior":
        """A copy with some primitive weights replaced (e.g. memory's smoothed bias)."""
        return Prior({**self.weights, **weights}, self.literal_share)

    def _table(self, t: BaseType, hole: Optional[BaseType]) -> tuple[dict[str, float], float]:
        key = (t, hole)
        if key not in self._cache:
            prims = {p.name: self.weight(p.name) for p in REGISTRY.values() if p.ret == t}
            leaves = (t in (INT, COLOUR, BOOL, POINT)) + (t == GRID) + (hole is not None and t == hole)
            total = sum(prims.values())
            leaf_mass = self.literal_share if leaves and total else (1.0 if leaves else 0.0)
            logp = {n: math.log((1 - leaf_mass) * w / total) for n, w in prims.items() if w > 0} if total else {}
            self._cache[key] = (logp, math.log(leaf_mass / max(leaves, 1)) if leaves else -math.inf)
        return self._cache[key]

    def log_prob_call(self, name: str, hole: Optional[BaseType] = None) -> float:
        """log P(choosing primitive `name` for a node of its result type)."""
        p = REGISTRY[name]
        return self._table(p.ret, hole)[0].get(name, -math.inf)

    def log_prob_leaf(self, node: Node, t: BaseType, hole: Optional[BaseType] = None) -> float:
        """log P(a leaf: I, _, or a literal value) at a node of type t."""
        base = self._table(t, hole)[1]
        if isinstance(node, Lit):
            return base + _literal_logp(node.value, t)
        return base

    def log_prior(self, node: Node, t: BaseType = GRID, hole: Optional[BaseType] = None) -> float:
        """log P(program) under the grammar (the sum over its nodes)."""
        if isinstance(node, Call):
            p = REGISTRY[node.prim]
            lp = self.log_prob_call(node.prim, hole)
            for arg, want in zip(node.args, p.params):
                if isinstance(want, FnType):
                    lp += self.log_prior(arg, want.ret, want.arg)
                else:
                    lp += self.log_prior(arg, want, hole)
            return lp
        if isinstance(node, (Input, Hole, Lit)):
            return self.log_prob_leaf(node, t, hole)
        raise TypeError(node)


def _literal_logp(v: object, t: BaseType) -> float:
    if t == COLOUR:
        return math.log(1 / 10)
    if t == BOOL:
        return math.log(1 / 2)
    if t == INT:
        return _int_logp(v)  # type: ignore[arg-type]
    if t == POINT:
        r, c = v  # type: ignore[misc]
        return _int_logp(r) + _int_logp(c)
    return 0.0


def _int_logp(v: int) -> float:
    if v in _INT_LITERALS:
        return math.log(0.8 / len(_INT_LITERALS))
    return math.log(0.2 / 190)  # the remaining literals of -99..99


def log_likelihood(predictions: Sequence[Optional[Grid]], outputs: Sequence[Grid], noise: float = CELL_NOISE) -> float:
    """log P(train outputs | program): per-cell noise model; a missing or wrong-shaped prediction costs a lot."""
    ll = 0.0
    log_ok, log_bad = math.log(1 - noise), math.log(noise / 9)
    for pred, out in zip(predictions, outputs):
        if pred is None or pred.shape != out.shape:
            ll += SHAPE_MISMATCH_LL
            continue
        wrong = int(np.count_nonzero(pred.a != out.a))
        ll += (out.a.size - wrong) * log_ok + wrong * log_bad
    return ll


def exact(predictions: Sequence[Optional[Grid]], outputs: Sequence[Grid]) -> bool:
    """True when every prediction equals its output."""
    return all(p is not None and p == o for p, o in zip(predictions, outputs))


def cell_accuracy(predictions: Sequence[Optional[Grid]], outputs: Sequence[Grid]) -> float:
    """Share of output cells predicted right (0 for a wrong shape): the reward of partial matches."""
    total = right = 0
    for pred, out in zip(predictions, outputs):
        total += out.a.size
        if pred is not None and pred.shape == out.shape:
            right += int(np.count_nonzero(pred.a == out.a))
    return right / total if total else 0.0


@dataclass(frozen=True, order=True)
class Score:
    """Sortable posterior: higher log posterior first, then shorter program."""

    neg_log_posterior: float
    length: int

    @property
    def log_posterior(self) -> float:
        return -self.neg_log_posterior


def score(node: Node, predictions: Sequence[Optional[Grid]], outputs: Sequence[Grid], prior: Prior) -> Score:
    """Score of a program given its train predictions (lower sorts first = better)."""
    lp = prior.log_prior(node) + log_likelihood(predictions, outputs)
    return Score(-lp, size(node))
