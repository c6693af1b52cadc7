#!/usr/bin/env bash
# The measurement of docs/RESULTS.md "Adapting to the user's calls": EmoDB conversations as the user's calls.
# Needs the imported corpora of docs/MODEL_CARD.md (data/emodb, data/ravdess, data/conv-ravdess, featurized) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-data/adapt-exp}
mkdir -p "$out/rec"
./emostream assemble --corpus data/emodb --groups emodb-03,emodb-08,emodb-09,emodb-10,emodb-11 --out "$out/emodb-a" \
  --conversations 8 --turns 32 --stereo --text corpus --seed 41
./emostream assemble --corpus data/emodb --groups emodb-12,emodb-13,emodb-14 --out "$out/emodb-t" \
  --conversations 6 --turns 32 --stereo --text corpus --seed 42

# Each conversation's stereo recording is replayed into the experiment's own store as a session, named after its
# dialogue, with its two speakers as channel names (no speech recognition: German speech, no German recogniser).
export EMOSTREAM_Storage__DataDirectory="$PWD/$out/store" EMOSTREAM_Transcription__Engine=none
for corpus in "$out/emodb-a" "$out/emodb-t"; do
  python3 - "$corpus" "$out/rec" > "$corpus.list" <<'PY'
import json, os, sys
corpus, rec = sys.argv[1], sys.argv[2]
calls = {}
for line in open(os.path.join(corpus, "manifest.jsonl")):
    u = json.loads(line)
    name, channel = u["audio"].rsplit(".", 2)[0], u["audio"].rsplit(".", 2)[1]
    calls.setdefault(u["dialogue"], {"file": name + ".wav"})[channel] = u["speaker"]
for dialogue, call in calls.items():
    link = os.path.abspath(os.path.join(rec, dialogue + ".wav"))
    if not os.path.exists(link):
        os.symlink(os.path.abspath(os.path.join(corpus, call["file"])), link)
    print(link, call["ch1"] + "," + call["ch2"])
PY
  while read -r file speakers; do ./emostream replay "$file" --speakers "$speakers" > /dev/null; done < "$corpus.list"
done

common=(--corpus data/ravdess,data/conv-ravdess --adapt-conversations "$out/emodb-a" --test-conversations "$out/emodb-t" --runs 6)
./emostream experiment adapt "${common[@]}" --corrections 0,10,50 --json "$out/result-r6.json"
EMOSTREAM_Training__Lambda=0 ./emostream experiment adapt "${common[@]}" --corrections 0,50 --json "$out/result-l0.json"
