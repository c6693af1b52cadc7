#!/usr/bin/env bash
# The web page's browser libraries, from npm (nothing from a CDN): the SignalR client's browser bundle and uPlot
# (the probability chart). Fetches pinned tarballs with `npm pack` (no install scripts run), checks their sha256
# and extracts the few files the page loads into .cache/web/lib/; the build copies them to the host's wwwroot/lib/
# (src/Dashboard/EmoStream.Dashboard.csproj). Quick when done; redone when this script changes.
set -euo pipefail
dir=.cache/web
lib=$dir/lib
stamp=$dir/lib.sha256
want=$(sha256sum "$0" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi

# package@version|tarball|sha256|file in the tarball:destination under lib/ ...
packages=(
  "@microsoft/signalr@10.0.0|microsoft-signalr-10.0.0.tgz|99ca5697e6c77e658e5f0a24f3e4fc92a03173be96b68cdff90ea56dd42da2c4|package/dist/browser/signalr.min.js:signalr/signalr.min.js"
  "uplot@1.6.32|uplot-1.6.32.tgz|4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d|package/dist/uPlot.esm.js:uplot/uPlot.esm.js package/dist/uPlot.min.css:uplot/uPlot.min.css package/LICENSE:uplot/LICENSE"
)
command -v npm >/dev/null || { echo "error: npm is needed to fetch the web page's libraries (it comes with Node.js)" >&2; exit 1; }
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${packages[@]}"; do
  IFS='|' read -r package tarball sha256 files <<<"$entry"
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  if ! echo "$sha256  $work/$tarball" | sha256sum -c --status; then
    echo "error: $package: sha256 $(sha256sum "$work/$tarball" | cut -d' ' -f1), expected $sha256" >&2
    exit 1
  fi
  for file in $files; do
    mkdir -p "$work/lib/$(dirname "${file#*:}")"
    tar -xzOf "$work/$tarball" "${file%%:*}" >"$work/lib/${file#*:}"
  done
done
# Swap the whole folder in at once so an interrupted run never leaves half a library behind.
rm -rf "$lib"
mv "$work/lib" "$lib"
echo "$want" >"$stamp"
