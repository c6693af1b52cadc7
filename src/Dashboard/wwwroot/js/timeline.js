// The session's utterances on a time axis: one lane per speaker, one block per utterance from its start to its
// end, coloured by its emotion. The block area's height is fixed when the view opens (one lane per known
// speaker), so arriving results never move the page; the time scale grows in whole steps as the session does.

import { emotionColour } from './emotions.js';
import { clock, percent, tick, tickSteps } from './format.js';

const laneHeightPx = 44;
/** Room one tick label needs, so narrow screens get fewer ticks. */
const tickWidthPx = 90;

export class Timeline {
  #root;
  #lanes = new Map(); // speaker -> track element
  #blocks = [];       // [utterance, element]
  #span = 30;         // seconds the axis shows; grows in steps of 30 s
  #classes;
  #resize;

  /** @param onSelect called with an utterance's index when its block is clicked */
  constructor(root, classes, speakers, onSelect) {
    this.#root = root;
    this.#classes = classes;
    this.onSelect = onSelect;
    root.querySelector('.lanes').style.height = `${Math.max(1, speakers.length) * laneHeightPx}px`;
    for (const speaker of speakers) this.#lane(speaker);
    this.#resize = new ResizeObserver(() => this.#drawAxis());
    this.#resize.observe(root);
  }

  add(utterances) {
    if (utterances.length === 0) return;
    this.#root.classList.add('has-data');
    const end = Math.max(...utterances.map(u => u.end));
    const grown = end > this.#span;
    if (grown) this.#span = Math.ceil(end / 30) * 30;
    for (const utterance of utterances) {
      const block = document.createElement('button');
      block.type = 'button';
      block.className = 'block';
      block.dataset.index = utterance.index;
      block.dataset.emotion = utterance.emotion;
      block.style.background = emotionColour(utterance.emotion, this.#classes);
      const label = `${utterance.speaker}, ${clock(utterance.start)} to ${clock(utterance.end)}: ` +
        `${utterance.emotion} ${percent(utterance.probabilities[utterance.emotion])}`;
      block.title = label;
      block.setAttribute('aria-label', label);
      block.addEventListener('click', () => this.onSelect(utterance.index));
      this.#lane(utterance.speaker).append(block);
      this.#blocks.push([utterance, block]);
      if (!grown) this.#place(utterance, block);
    }
    if (grown) {
      for (const [utterance, block] of this.#blocks) this.#place(utterance, block);
      this.#drawAxis();
    }
  }

  select(index) {
    for (const [utterance, block] of this.#blocks) block.classList.toggle('selected', utterance.index === index);
  }

  dispose() {
    this.#resize.disconnect();
  }

  #place(utterance, block) {
    block.style.left = `${(utterance.start / this.#span) * 100}%`;
    block.style.width = `${((utterance.end - utterance.start) / this.#span) * 100}%`;
  }

  /** A speaker the session did not announce shares the fixed height with the others. */
  #lane(speaker) {
    let track = this.#lanes.get(speaker);
    if (track) return track;
    const lane = document.createElement('div');
    lane.className = 'lane';
    const name = document.createElement('span');
    name.className = 'lane-label';
    name.textContent = speaker;
    name.title = speaker;
    track = document.createElement('div');
    track.className = 'lane-track';
    lane.append(name, track);
    this.#root.querySelector('.lanes').append(lane);
    this.#lanes.set(speaker, track);
    return track;
  }

  #drawAxis() {
    const axis = this.#root.querySelector('.axis');
    const maxTicks = Math.max(2, Math.floor(axis.clientWidth / tickWidthPx));
    const step = tickSteps.find(s => this.#span / s <= maxTicks) ?? tickSteps.at(-1);
    this.#root.style.setProperty('--tick', `${(step / this.#span) * 100}%`);
    const ticks = [];
    for (let t = 0; t <= this.#span + 1e-9; t += step) {
      const mark = document.createElement('span');
      mark.style.left = `${(t / this.#span) * 100}%`;
      mark.textContent = tick(t);
      ticks.push(mark);
    }
    axis.replaceChildren(...ticks);
  }
}
