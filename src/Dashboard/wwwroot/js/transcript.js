// The transcript pane: one row per utterance (speaker, time, words, the emotion with its probability, every
// class's probability, and how much audio and text each weighed in the decision). It scrolls on its own and
// follows new rows only while the reader is at the bottom.

import { element } from './dom.js';
import { emotionColour } from './emotions.js';
import { clock, percent } from './format.js';

export class Transcript {
  #pane;
  #list;
  #classes;

  constructor(pane, classes) {
    this.#pane = pane;
    this.#list = pane.querySelector('.utterances');
    this.#classes = classes;
  }

  add(utterances) {
    if (utterances.length === 0) return;
    const following = this.#pane.scrollHeight - this.#pane.scrollTop - this.#pane.clientHeight < 40;
    this.#pane.classList.add('has-data');
    this.#list.append(...utterances.map(u => this.#row(u)));
    if (following) this.#pane.scrollTop = this.#pane.scrollHeight;
  }

  select(index) {
    for (const row of this.#list.children) row.classList.toggle('selected', Number(row.dataset.index) === index);
    this.#list.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  #row(u) {
    const row = element('li', 'utterance');
    row.dataset.index = u.index;
    row.dataset.emotion = u.emotion;

    const meta = element('div', 'meta');
    meta.append(element('span', 'speaker', u.speaker), element('span', 'time', `${clock(u.start)} – ${clock(u.end)}`));

    const text = element('p', 'text', u.transcript ?? (u.engine ? 'no words recognized' : 'transcription is off'));
    if (u.transcript == null) text.classList.add('missing');

    const scores = element('div', 'scores');
    const chip = element('span', 'chip');
    chip.style.setProperty('--emotion', emotionColour(u.emotion, this.#classes));
    chip.append(element('span', 'emotion', u.emotion), element('span', 'probability', percent(u.probabilities[u.emotion])));
    scores.append(chip, this.#probabilities(u), this.#weights(u));

    row.append(meta, text, scores);
    return row;
  }

  /** Every class's probability as one stacked bar: the decision is a distribution, not a verdict. */
  #probabilities(u) {
    const bar = element('span', 'probabilities');
    const described = this.#classes.map(c => `${c} ${percent(u.probabilities[c] ?? 0)}`).join(', ');
    bar.title = described;
    bar.setAttribute('aria-label', `probabilities: ${described}`);
    bar.setAttribute('role', 'img');
    for (const emotion of this.#classes) {
      const part = element('span');
      part.style.width = `${(u.probabilities[emotion] ?? 0) * 100}%`;
      part.style.background = emotionColour(emotion, this.#classes);
      bar.append(part);
    }
    return bar;
  }

  /** The fusion weights of audio and text for this decision. */
  #weights(u) {
    const audio = u.weights.audio ?? 0;
    const text = u.weights.text ?? 0;
    const box = element('span', 'weights');
    box.title = `weight of each modality in this decision: audio ${percent(audio)}, text ${percent(text)}`;
    const bar = element('span', 'weight-bar');
    const share = element('span', 'weight-audio');
    share.style.width = `${(audio / (audio + text || 1)) * 100}%`;
    bar.append(share);
    box.append(element('span', 'weight-label', `audio ${percent(audio)}`), bar, element('span', 'weight-label', `text ${percent(text)}`));
    return box;
  }
}
