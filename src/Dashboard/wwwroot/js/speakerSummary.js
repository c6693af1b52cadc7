// Per speaker, how their utterances were classified so far: a stacked bar of the share of each emotion, and the
// counts. One row per speaker known when the view opens (others are added as they speak).

import { element } from './dom.js';
import { emotionColour } from './emotions.js';

export class SpeakerSummary {
  #list;
  #classes;
  #counts = new Map(); // speaker -> {emotion: n}
  #rows = new Map();   // speaker -> li

  constructor(list, classes, speakers) {
    this.#list = list;
    this.#classes = classes;
    for (const speaker of speakers) this.#row(speaker);
  }

  add(utterances) {
    const touched = new Set();
    for (const u of utterances) {
      this.#row(u.speaker);
      const counts = this.#counts.get(u.speaker);
      counts[u.emotion] = (counts[u.emotion] ?? 0) + 1;
      touched.add(u.speaker);
    }
    for (const speaker of touched) this.#draw(speaker);
  }

  #row(speaker) {
    if (this.#rows.has(speaker)) return;
    const row = element('li', 'speaker-row');
    row.dataset.speaker = speaker;
    row.append(element('span', 'speaker-name', speaker), element('span', 'shares'), element('span', 'speaker-counts', 'no utterances yet'));
    this.#list.append(row);
    this.#rows.set(speaker, row);
    this.#counts.set(speaker, {});
  }

  #draw(speaker) {
    const counts = this.#counts.get(speaker);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const row = this.#rows.get(speaker);
    const present = this.#classes.filter(c => counts[c]);
    row.querySelector('.shares').replaceChildren(...present.map(emotion => {
      const part = element('span');
      part.style.width = `${(counts[emotion] / total) * 100}%`;
      part.style.background = emotionColour(emotion, this.#classes);
      part.title = `${emotion}: ${counts[emotion]} of ${total}`;
      return part;
    }));
    row.querySelector('.speaker-counts').textContent = present.map(e => `${e} ${counts[e]}`).join(' · ');
  }
}
