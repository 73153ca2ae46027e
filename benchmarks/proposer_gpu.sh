#!/usr/bin/env bash
# Train a larger proposer on a GPU machine (when one is lent) and measure it there, in one short run:
# builds the training data with every core, trains on the GPU for MINUTES, runs `arcsynth proposer eval` and
# benchmarks/proposer_nearness.py on the held-out tasks, and leaves the model and the figures in OUT_DIR.
# Copy the model back and compare it on this machine (`arcsynth proposer eval --model DIR`, then the
# arc1-evaluation A/B with `--model DIR` in both arms' flags) before shipping it: the scoreboard runs on CPU.
# Usage: benchmarks/proposer_gpu.sh OUT_DIR [MINUTES] [HIDDEN] [LAYERS] [HEADS] [INTERMEDIATE]
#        (defaults: 6 minutes, width 512, 8 layers, 8 heads, MLP 1536); DEVICE=cpu LIMIT=15 tries it anywhere.
set -euo pipefail
OUT="${1:?usage: benchmarks/proposer_gpu.sh OUT_DIR [MINUTES] [HIDDEN] [LAYERS] [HEADS] [INTERMEDIATE]}"
MINUTES="${2:-6}" HIDDEN="${3:-512}" LAYERS="${4:-8}" HEADS="${5:-8}" INTER="${6:-1536}"
DEVICE="${DEVICE:-cuda}"
WORKERS="$(nproc)"
mkdir -p "$OUT"
DATA="$OUT/data.jsonl"
LIMIT_FLAG=()
[ -n "${LIMIT:-}" ] && LIMIT_FLAG=(--limit "$LIMIT")
[ -f "$DATA" ] || arcsynth proposer data --data "$DATA" --workers "$WORKERS" --quiet "${LIMIT_FLAG[@]}"
arcsynth proposer train --data "$DATA" --out "$OUT/model" --minutes "$MINUTES" --device "$DEVICE" \
  --hidden "$HIDDEN" --layers "$LAYERS" --heads "$HEADS" --intermediate "$INTER" --workers "$WORKERS" --quiet \
  | tee "$OUT/train.json"
arcsynth proposer eval --model "$OUT/model" --data "$DATA" --tasks 60 --n 24 --out "$OUT/eval.json" | tail -20
python3 "$(dirname "$0")/proposer_nearness.py" --model "$OUT/model" --n 48 --out "$OUT/nearness.json" \
  "${LIMIT_FLAG[@]}" | tail -14
