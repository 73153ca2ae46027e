#!/usr/bin/env bash
# The search figures of the issue notes: the scoreboard runs at 10 s per task with 2 workers, the budget
# curve (2 / 10 / 30 s) and the strategy comparison on a fixed 100-task arc1-training sample (seed 1).
# Memory is off in every run here (it is ablated by benchmarks/ablations.sh), so the figures are the
# search's own. Each report is resumable: rerunning the script continues where it stopped.
# Usage: benchmarks/search_figures.sh [OUT_DIR] [PART ...]   parts: eval arc2 curve strategies (default: all)
set -euo pipefail
OUT="${1:-search-figures}"
shift || true
PARTS="${*:-eval arc2 curve strategies}"
mkdir -p "$OUT"

run() {  # report-name dataset budget [extra flags...]
  local name=$1 ds=$2 budget=$3
  shift 3
  arcsynth eval --dataset "$ds" --budget "$budget" --workers 2 --no-memory --report "$OUT/$name.json" --resume --quiet "$@"
}

for part in $PARTS; do
  case $part in
    eval) run arc1-eval-10s arc1-evaluation 10 ;;
    arc2) run arc2-eval-10s arc2-evaluation 10 ;;
    curve)
      for b in 2 10 30; do run "sample100-${b}s" arc1-training "$b" --sample 100 --sample-seed 1; done ;;
    strategies)
      for s in enum beam mcts; do run "sample100-2s-$s" arc1-training 2 --sample 100 --sample-seed 1 --strategy "$s"; done ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done

for f in "$OUT"/*.json; do
  printf '%-28s ' "$(basename "$f" .json)"
  python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['score']; print(f\"{s['solved_outputs']}/{s['total_outputs']} = {100*s['per_output']:.1f}% per output, {s['solved_tasks']}/{s['total_tasks']} tasks\")" "$f"
done
