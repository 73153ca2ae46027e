"""Figures derived from a report.json: throughput, time to solution, and what solved what."""
from __future__ import annotations

import statistics
from typing import Optional


def _quantiles(xs: list[float]) -> Optional[dict]:
    if not xs:
        return None
    xs = sorted(xs)
    pick = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]  # noqa: E731
    return {"n": len(xs), "min": round(xs[0], 3), "p25": round(pick(0.25), 3), "median": round(statistics.median(xs), 3),
            "p75": round(pick(0.75), 3), "p90": round(pick(0.9), 3), "max": round(xs[-1], 3)}


def summarize(report: dict) -> dict:
    """Candidates evaluated per second (median over tasks), time-to-solution of solved tasks, sources, errors."""
    rates, tts, sources, errors = [], [], {}, {}
    for tid, rec in report.get("tasks", {}).items():
        tr = rec.get("trace") or {}
        s = tr.get("search") or {}
        if s.get("seconds"):
            rates.append(s.get("candidates", 0) / s["seconds"])
        solved = bool(rec["solved"]) and all(bool(x) for x in rec["solved"])
        if solved:
            # the first train-exact program, else the cell rules' grids (their stage's end), else the whole run
            tts.append(tr.get("first_solution_s", (tr.get("cellrule") or {}).get("found_at_s", rec.get("seconds", 0.0))))
            sources[rec.get("source", "?")] = sources.get(rec.get("source", "?"), 0) + 1
        if rec.get("error"):
            kind = rec["error"].split(":")[0][:40]
            errors[kind] = errors.get(kind, 0) + 1
    return {"score": report.get("score"),
            "candidates_per_second_median": round(statistics.median(rates)) if rates else None,
            "time_to_solution_s": _quantiles(tts), "solved_by_source": sources, "errors": errors}


def _outputs(report: dict) -> dict[tuple[str, int], bool]:
    return {(tid, i): bool(s) for tid, rec in report.get("tasks", {}).items()
            for i, s in enumerate(rec.get("solved") or [])}


def compare(base: dict, new: dict) -> dict:
    """Test outputs solved by one report and not the other, over the tasks both ran (an ablation's figures)."""
    a, b = _outputs(base), _outputs(new)
    common = sorted(set(a) & set(b))
    gained = [f"{t}:{i}" for t, i in common if b[(t, i)] and not a[(t, i)]]
    lost = [f"{t}:{i}" for t, i in common if a[(t, i)] and not b[(t, i)]]
    src = {f"{t}:{i}": new["tasks"][t].get("source") for t, i in common if b[(t, i)] and not a[(t, i)]}
    return {"common_outputs": len(common),
            "base_solved": sum(a[k] for k in common), "new_solved": sum(b[k] for k in common),
            "gained": gained, "lost": lost, "gained_sources": src,
            "base_config": base.get("config"), "new_config": new.get("config")}


def differences(base: dict, new: dict) -> dict:
    """Tasks in both reports whose answers differ: program, source or attempts (each a list of task ids), and the
    tasks only one report has. Two runs of one configuration on the work clock differ in none."""
    a, b = base.get("tasks", {}), new.get("tasks", {})
    common = sorted(set(a) & set(b))
    return {"common_tasks": len(common),
            "program": [t for t in common if a[t].get("program") != b[t].get("program")],
            "source": [t for t in common if a[t].get("source") != b[t].get("source")],
            "attempts": [t for t in common if a[t].get("attempts") != b[t].get("attempts")],
            "only_base": sorted(set(a) - set(b)), "only_new": sorted(set(b) - set(a))}
