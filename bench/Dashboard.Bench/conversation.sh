#!/usr/bin/env bash
# The server benchmarks' recording: N RAVDESS sentences (actors 05 and 06 taking turns; happy, neutral, angry,
# sad in turn; both statements), each followed by 1 s of silence, 16 kHz mono.
# Usage: bench/Dashboard.Bench/conversation.sh OUT.wav [N=16]   (run from the repository root; needs sox)
set -euo pipefail
out=$1; n=${2:-16}
ravdess=../shared/data/ravdess
emotions=(03 01 05 04)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
parts=()
for ((i = 0; i < n; i++)); do
  actor=$(printf '%02d' $((5 + i % 2)))
  emotion=${emotions[$((i / 2 % 4))]}
  statement=$(printf '%02d' $((1 + i / 8 % 2)))
  sox "$ravdess/Actor_$actor/03-01-$emotion-01-$statement-01-$actor.wav" -r 16000 -c 1 -b 16 "$tmp/$i.wav" pad 0 1
  parts+=("$tmp/$i.wav")
done
sox "${parts[@]}" "$out"
soxi -D "$out"
