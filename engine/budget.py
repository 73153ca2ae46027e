"""The budget policy: how a task's budget is shared between the stages of a solve, and every deadline derived from it.

All times are on the solve's clock (engine/core/clock.py). With B the budget and the default shares of
engine/config.py:

    start ──────────────────────────────────────────────────────────────────────────── end = start + B
    exemplars    the closest recalled exemplars, for at most memory.share·B (0.1)
    propose      LLM proposals sampled and tried, for at most propose.share·B each (0.1)
    cellrules    until `end` (milliseconds in practice); its time counts as stage time
    complete     MaxSAT completion, for at most maxsat.share·B (0.25); stage time; then it reserves
                 min(maxsat.max_reserve, maxsat.reserve_share·B) at the end for the consensus pass
    search       main enumeration until start + (1 - search.augment_share)·B + stage time (so the main search gets
                 the same window with or without the stages before it, whose cost comes out of the augmented
                 searches), but no later than `search_end` = end - reserve; the augmented searches (only when
                 nothing was found) share what is left up to `search_end` equally
    late_exemplars  the remaining exemplar trials, for at most memory.share·B, before `search_end`
    consensus    MaxSAT consensus until `end`

A solve stops early once search.max_solutions distinct answers are in hand, or `attempts` of them once
search.stop_share of the search time (up to `search_end`) is spent.
"""
from __future__ import annotations

from arcsynth.core.clock import Clock


class Budget:
    """The deadlines of one solve of `seconds` on `clock`, starting now."""

    def __init__(self, clock: Clock, seconds: float):
        self.clock = clock
        self.start = clock.now()
        self.end = self.start + seconds
        self.reserve = 0.0          # kept at the end for the consensus pass (set by the completion stage)
        self.stage_seconds = 0.0    # clock time the stages before the search took

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def search_end(self) -> float:
        """When every search (and every stage before the consensus pass) must stop."""
        return self.end - self.reserve

    def span(self, share: float) -> float:
        """Seconds that `share` of the budget is."""
        return share * (self.end - self.start)

    def window(self, share: float, until: float | None = None) -> float:
        """The deadline of a step that may take `share` of the budget from now, but must end by `until` (the
        current `search_end` by default)."""
        return min(self.search_end if until is None else until, self.clock.now() + self.span(share))

    def take_reserve(self, share: float, most: float) -> None:
        """Keep min(most, share of the budget) at the end for the consensus pass."""
        self.reserve = min(most, share * (self.end - self.start))

    def main_search_end(self, augment_share: float) -> float:
        """When the main enumeration stops: after (1 - augment_share) of the budget plus the stage time, but no
        later than `search_end`."""
        return min(self.search_end, self.start + (1 - augment_share) * (self.end - self.start) + self.stage_seconds)

    def may_stop_early(self, share: float) -> bool:
        """Whether `share` of the search time has passed."""
        return self.clock.now() - self.start > share * (self.search_end - self.start)


__all__ = ["Budget"]
