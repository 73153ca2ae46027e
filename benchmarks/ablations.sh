#!/usr/bin/env bash
# Ablations at equal budget, as measured for the MaxSAT and memory notes. Each pair runs its two arms at
# the same time with one worker each, so both see the same machine load; `arcsynth compare` lists what
# one arm solves and the other does not.
#   MaxSAT : default vs --no-maxsat on arc1-evaluation and arc1-training (memory off in both arms)
#   memory : default vs --no-memory on arc1-evaluation, memory built from arc1-training's reference
#            solutions; the memory arm works on a fresh copy of the store, so no run sees another's.
#   llm    : default vs --no-llm on arc1-evaluation (the LLM proposer), memory on in both arms, each arm
#            on a fresh copy of the reference-solution store.
# CLOCK=work decides every deadline on the work clock (engine/core/clock.py: 8,000 enumerated candidates a
# second) instead of wall seconds, so each arm's search is the same whatever the machine load and a
# difference between the arms is the ablated part's, not throughput noise.
# EXTRA="..." adds flags to both arms (e.g. EXTRA=--no-llm: the proposer samples against a wall deadline).
# Usage: benchmarks/ablations.sh [BUDGET] [OUT_DIR] [CLOCK] [PART ...]
#        (defaults: 2 s per task, ./ablations, wall, parts maxsat memory)
set -euo pipefail
BUDGET="${1:-2}"
OUT="${2:-ablations}"
CLOCK="${3:-wall}"
shift 3 || shift $#
PARTS="${*:-maxsat memory}"
EXTRA="${EXTRA:-}"
mkdir -p "$OUT"

# With two or more cores and `taskset`, each arm is pinned to a core of its own, so neither takes time
# from the other (leave the machine otherwise idle while it runs).
PIN_A=() PIN_B=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_A=(taskset -c 0) PIN_B=(taskset -c 1); fi

pair() {  # name-a name-b dataset "flags-a" "flags-b"   (MEM_A / MEM_B: a memory store per arm, if set)
  # shellcheck disable=SC2086
  env ${MEM_A:+ARCSYNTH_MEMORY_DIR="$MEM_A"} "${PIN_A[@]}" arcsynth eval --dataset "$3" --budget "$BUDGET" --clock "$CLOCK" --workers 1 --report "$OUT/$1.json" --resume --quiet $4 $EXTRA &
  # shellcheck disable=SC2086
  env ${MEM_B:+ARCSYNTH_MEMORY_DIR="$MEM_B"} "${PIN_B[@]}" arcsynth eval --dataset "$3" --budget "$BUDGET" --clock "$CLOCK" --workers 1 --report "$OUT/$2.json" --resume --quiet $5 $EXTRA &
  wait
}

base_store() {  # the reference-solution store every memory arm starts from a copy of
  [ -f "$OUT/memory-base/.built" ] || { arcsynth memory build --dir "$OUT/memory-base" && touch "$OUT/memory-base/.built"; }
}

for part in $PARTS; do
  case $part in
    maxsat)
      pair eval-default  eval-nomaxsat  arc1-evaluation "--no-memory" "--no-memory --no-maxsat"
      pair train-default train-nomaxsat arc1-training   "--no-memory" "--no-memory --no-maxsat"
      echo "== MaxSAT, arc1-evaluation"; arcsynth compare "$OUT/eval-nomaxsat.json"  "$OUT/eval-default.json"
      echo "== MaxSAT, arc1-training";   arcsynth compare "$OUT/train-nomaxsat.json" "$OUT/train-default.json" ;;
    memory)
      base_store
      rm -rf "$OUT/memory-run" && cp -r "$OUT/memory-base" "$OUT/memory-run"
      ARCSYNTH_MEMORY_DIR="$OUT/memory-run" pair eval-memory eval-nomemory arc1-evaluation "" "--no-memory"
      echo "== memory, arc1-evaluation"; arcsynth compare "$OUT/eval-nomemory.json"  "$OUT/eval-memory.json" ;;
    llm)
      base_store
      for arm in llm nollm; do [ -f "$OUT/eval-$arm.json" ] || { rm -rf "$OUT/memory-$arm" && cp -r "$OUT/memory-base" "$OUT/memory-$arm"; }; done
      MEM_A="$OUT/memory-llm" MEM_B="$OUT/memory-nollm" pair eval-llm eval-nollm arc1-evaluation "" "--no-llm"
      echo "== LLM proposer, arc1-evaluation"; arcsynth compare "$OUT/eval-nollm.json" "$OUT/eval-llm.json" ;;
    *) echo "unknown part: $part (maxsat, memory, llm)" >&2; exit 2 ;;
  esac
done
