#!/usr/bin/env bash
# One-time, idempotent set-up on a fresh Debian 12 machine: Debian packages, npm artifacts and native
# builds (scripts/setup.d/*.sh, in order), then NuGet restore and a Release build. Quick when already done.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' scripts/apt-packages.txt)
missing=()
for pkg in "${wanted[@]}"; do
  pkg=$(echo "$pkg" | xargs)
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  log "$(basename "$step")"
  bash "$step"
done

log "restoring and building (Release)"
dotnet build Streaming.sln -c Release -nologo -v quiet -clp:ErrorsOnly
log "ready"
