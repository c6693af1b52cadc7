#!/usr/bin/env bash
# The demo conversation `make run` replays into the dashboard: made here with espeak-ng and sox (nothing to
# download or license). Two voices alternate, one per channel (agent left, customer right), with emotional
# sentences and pauses between turns, and its transcript (WebVTT, what a telephony platform's recogniser would give:
# `make run` replays the call with it, so the words are the call's own). Quick when already made; remade when this
# script changes.
set -euo pipefail
dest=.cache/demo/conversation.wav
transcript=.cache/demo/conversation.vtt
stamp=.cache/demo/conversation.sha256
want=$(sha256sum "$0" | cut -d' ' -f1)
if [ -f "$dest" ] && [ -f "$transcript" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi

mkdir -p .cache/demo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# speaker|voice|words-per-minute|pitch|sentence
turns=(
  "agent|en-us+m3|165|45|Good morning, thank you for calling. How can I help you today?"
  "customer|en-gb+f3|190|70|This is the third time I am calling! My order still has not arrived and nobody tells me anything!"
  "agent|en-us+m3|160|45|I am very sorry to hear that. Let me look at your order right away."
  "customer|en-gb+f3|200|75|I have waited two weeks. Two weeks! This is completely unacceptable."
  "agent|en-us+m3|165|50|I see it now. The parcel was held at the depot. I will send it today by express, free of charge."
  "customer|en-gb+f3|140|40|Oh. Well, I suppose that is something. I was really upset, I needed it for my daughter's birthday."
  "agent|en-us+m3|150|40|I understand, and I am sorry it made things so hard for you."
  "customer|en-gb+f3|175|80|Really? It will arrive tomorrow? That is wonderful, thank you so much!"
  "agent|en-us+m3|175|55|You are welcome! Have a lovely day and a happy birthday to your daughter."
  "customer|en-gb+f3|170|75|Thank you, you too. Goodbye!"
)
left=()
right=()
i=0
at=0
vtt="WEBVTT"$'\n'
stamp_of() { awk -v t="$1" 'BEGIN { h = int(t / 3600); m = int((t - 3600 * h) / 60); s = t - 3600 * h - 60 * m; printf "%02d:%02d:%06.3f", h, m, s }'; }
for turn in "${turns[@]}"; do
  IFS='|' read -r speaker voice speed pitch text <<<"$turn"
  espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$work/raw$i.wav" "$text"
  # 16 kHz mono with 0.8 s of silence after each turn; the other channel gets as much silence.
  sox "$work/raw$i.wav" -r 16000 -c 1 -b 16 "$work/turn$i.wav" pad 0 0.8
  sox -n -r 16000 -c 1 -b 16 "$work/quiet$i.wav" trim 0 "$(soxi -D "$work/turn$i.wav")"
  spoken=$(soxi -D "$work/raw$i.wav")
  vtt+=$'\n'"$(stamp_of "$at") --> $(stamp_of "$(awk -v a="$at" -v d="$spoken" 'BEGIN { print a + d }')")"$'\n'"<v $speaker>$text"$'\n'
  at=$(awk -v a="$at" -v d="$(soxi -D "$work/turn$i.wav")" 'BEGIN { print a + d }')
  if [ "$speaker" = agent ]; then left+=("$work/turn$i.wav"); right+=("$work/quiet$i.wav")
  else left+=("$work/quiet$i.wav"); right+=("$work/turn$i.wav"); fi
  i=$((i + 1))
done
sox "${left[@]}" "$work/left.wav"
sox "${right[@]}" "$work/right.wav"
sox -M "$work/left.wav" "$work/right.wav" "$work/conversation.wav"
printf '%s' "$vtt" >"$work/conversation.vtt"
mv "$work/conversation.wav" "$dest"
mv "$work/conversation.vtt" "$transcript"
echo "$want" >"$stamp"
