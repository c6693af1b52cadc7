#!/usr/bin/env bash
# Makes the build output's copy of libLibTorchSharp.so load on a libstdc++ without GLIBCXX_3.4.32
# (Debian 12). Does nothing where libstdc++ already has that version or the copy is already patched.
set -euo pipefail
out_dir=$1
lib="$out_dir/libLibTorchSharp.so"
[ -f "$lib" ] || exit 0
here=$(cd "$(dirname "$0")" && pwd)
libstdcxx=$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)
[ -f "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then exit 0; fi
command -v patchelf >/dev/null || { echo "error: patchelf is required to load TorchSharp on this libstdc++ (apt-get install patchelf)" >&2; exit 1; }
if patchelf --print-needed "$lib" | grep -qx libstdcxx_compat.so; then exit 0; fi
cache="$here/.bin"
mkdir -p "$cache"
# Parallel project builds share the cache: build the helpers under a lock.
exec 9>"$cache/.lock"
flock 9
if [ ! -x "$cache/weaken_verneed" ] || [ "$here/weaken_verneed.cpp" -nt "$cache/weaken_verneed" ]; then
  g++ -O2 -o "$cache/weaken_verneed" "$here/weaken_verneed.cpp"
fi
if [ ! -f "$cache/libstdcxx_compat.so" ] || [ "$here/ios_base_shim.cpp" -nt "$cache/libstdcxx_compat.so" ]; then
  g++ -shared -fPIC -O2 -o "$cache/libstdcxx_compat.so" "$here/ios_base_shim.cpp"
fi
# Files are replaced (new file, then rename), never rewritten in place: processes running from this folder (tests,
# long runs) map these libraries, and a library truncated or changed under a running process crashes it.
if ! cmp -s "$cache/libstdcxx_compat.so" "$out_dir/libstdcxx_compat.so"; then
  cp "$cache/libstdcxx_compat.so" "$out_dir/libstdcxx_compat.so.tmp"
  mv -f "$out_dir/libstdcxx_compat.so.tmp" "$out_dir/libstdcxx_compat.so"
fi
# Patched as a private copy (the output file must never be a link into the NuGet cache), put in place once complete.
cp "$lib" "$lib.tmp"
"$cache/weaken_verneed" "$lib.tmp" GLIBCXX_3.4.32 >/dev/null
patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$lib.tmp"
patchelf --add-needed libstdcxx_compat.so "$lib.tmp"
patchelf --set-rpath '$ORIGIN' "$lib.tmp"
mv -f "$lib.tmp" "$lib"
echo "torchsharp-compat: patched $lib for $(basename "$libstdcxx") without GLIBCXX_3.4.32"
