#!/usr/bin/env bash
# The search figures of the issue notes.
#   eval, arc2 : the scoreboard — `arcsynth eval --budget 10 --workers 2` with the default configuration on
#                arc1-evaluation and arc2-evaluation; memory seeded from the arc1-training reference
#                solutions into a fresh store per run (OUT/memory-*), so no run sees another's additions.
#   train      : arc1-training at 10 s per task, 2 workers, memory off (the store holds these tasks' own
#                reference solutions; the prior's fitted weights leave each task's own solution out).
#   curve      : a fixed 100-task arc1-training sample (seed 1) at 2, 10 and 30 s per task, memory off
#                (the store holds the training reference solutions).
#   strategies : the same sample at 2 s with each strategy (enum, beam, mcts), memory off.
# Every report is resumable: rerunning the script continues where it stopped.
# Usage: benchmarks/search_figures.sh [OUT_DIR] [PART ...]   (default: search-figures, all parts)
set -euo pipefail
OUT="${1:-search-figures}"
shift || true
PARTS="${*:-eval arc2 train strategies curve}"
mkdir -p "$OUT"

run() {  # report-name dataset budget [extra flags...]
  local name=$1 ds=$2 budget=$3
  shift 3
  arcsynth eval --dataset "$ds" --budget "$budget" --workers 2 --report "$OUT/$name.json" --resume --quiet "$@"
}

with_memory() {  # report-name dataset budget: a fresh copy of the reference-solution store for this run
  local store="$OUT/memory-$1"
  [ -f "$OUT/memory-base/.built" ] || { arcsynth memory build --dir "$OUT/memory-base" && touch "$OUT/memory-base/.built"; }
  [ -d "$store" ] || cp -r "$OUT/memory-base" "$store"
  (export ARCSYNTH_MEMORY_DIR="$store"; run "$@")
}

for part in $PARTS; do
  case $part in
    eval) with_memory arc1-eval-10s arc1-evaluation 10 ;;
    arc2) with_memory arc2-eval-10s arc2-evaluation 10 ;;
    train) run arc1-train-10s arc1-training 10 --no-memory ;;
    curve)
      for b in 2 10 30; do run "sample100-${b}s" arc1-training "$b" --sample 100 --sample-seed 1 --no-memory; done ;;
    strategies)
      for s in enum beam mcts; do
        run "sample100-2s-$s" arc1-training 2 --sample 100 --sample-seed 1 --no-memory --strategy "$s"
      done ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done

for f in "$OUT"/*.json; do
  printf '%-26s ' "$(basename "$f" .json)"
  python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['score']; print(f\"{s['solved_outputs']}/{s['total_outputs']} = {100*s['per_output']:.1f}% per output, {s['solved_tasks']}/{s['total_tasks']} tasks\")" "$f"
done
