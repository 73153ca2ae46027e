"""Random program text drawn from the generated Lark grammar itself (not from the registry).

Used by the tests (every sampled string must parse, type-check and evaluate or fail with DSLError), by
the DSL benchmark, and as a source of random programs for generated training tasks.
"""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

import lark

from .grammar import grammar_text

_LITERAL_POOL = [str(i) for i in range(31)] + [f"-{i}" for i in range(1, 10)]


@dataclass(frozen=True)
class _Alt:
    symbols: tuple[tuple[bool, str], ...]  # (is_terminal, name)


class GrammarSampler:
    """Samples sentences of a Lark grammar, preferring short expansions as depth grows."""

    def __init__(self, text: str | None = None):
        self.parser = lark.Lark(text or grammar_text(), parser="lalr", start="start")
        self.alts: dict[str, list[_Alt]] = {}
        for r in self.parser.rules:
            syms = tuple((s.is_term, s.name) for s in r.expansion)
            self.alts.setdefault(r.origin.name, []).append(_Alt(syms))
        self.terms = {t.name: t.pattern for t in self.parser.terminals}
        self._term_choices: dict[str, list[str]] = {}
        for name, pat in self.terms.items():
            if pat.type == "str":
                self._term_choices[name] = [pat.value]
            else:
                rx = re.compile(pat.to_regexp())
                self._term_choices[name] = [s for s in _LITERAL_POOL if rx.fullmatch(s)] or []
        self.height = self._min_heights()

    def _min_heights(self) -> dict[str, int]:
        inf = 10**9
        h = {nt: inf for nt in self.alts}
        changed = True
        while changed:
            changed = False
            for nt, alts in self.alts.items():
                for a in alts:
                    sub = [0 if t else h[n] for t, n in a.symbols]
                    v = 1 + max(sub, default=0)
                    if v < h[nt]:
                        h[nt] = v
                        changed = True
        return h

    def _alt_height(self, a: _Alt) -> int:
        return 1 + max((0 if t else self.height[n] for t, n in a.symbols), default=0)

    def sample(self, rng: random.Random, max_depth: int = 6, start: str = "start") -> str:
        """One random sentence; depth-limited so it always terminates."""
        out: list[str] = []
        self._expand(start, rng, max_depth, out)
        text = "".join(out)
        return text

    def _expand(self, nt: str, rng: random.Random, budget: int, out: list[str]) -> None:
        alts = [a for a in self.alts[nt] if self._alt_height(a) <= max(budget, self.height[nt])]
        # Favour terminating alternatives a little as the budget shrinks.
        a = rng.choice(alts)
        for is_term, name in a.symbols:
            if is_term:
                tok = rng.choice(self._term_choices[name])
                out.append(tok + " " if tok == "," else tok)
            else:
                self._expand(name, rng, budget - 1, out)


@functools.lru_cache(maxsize=1)
def default_sampler() -> GrammarSampler:
    """A sampler over the committed grammar (built once per process)."""
    return GrammarSampler()


def sample_programs(n: int, seed: int = 0, max_depth: int = 6) -> list[str]:
    """n random program texts from the committed grammar."""
    rng = random.Random(seed)
    s = default_sampler()
    return [s.sample(rng, max_depth) for _ in range(n)]
