// The transcript pane: one row per utterance (speaker, time, words, the emotion with its probability, every
// class's probability, and how much audio and text each weighed in the decision, then the correction a person
// made, if any, beside the model's answer). It scrolls on its own and follows new rows only while the reader is at
// the bottom. Where the token allows it, each row has a small form to set the utterance's emotion.

import { element } from './dom.js';
import { emotionColour } from './emotions.js';
import { clock, dateTime, percent } from './format.js';

/** The select's value for "none of these" (a correction with a null emotion); no class is named so. */
const noneOfThese = '';

export class Transcript {
  #pane;
  #list;
  #classes;
  #correct;
  #corrections = new Map(); // index -> the newest correction known, also for rows not shown yet

  /** @param correct `(index, emotion) => Promise<correction>` when the viewer may correct, else null. */
  constructor(pane, classes, correct) {
    this.#pane = pane;
    this.#list = pane.querySelector('.utterances');
    this.#classes = classes;
    this.#correct = correct;
  }

  /** Shows `correction` ({emotion, author, createdUtc}) as utterance `index`'s, unless a newer one is shown already. */
  correct(index, correction) {
    const known = this.#corrections.get(index);
    if (known && Date.parse(known.createdUtc) > Date.parse(correction.createdUtc)) return;
    this.#corrections.set(index, correction);
    const row = this.#list.querySelector(`[data-index="${index}"]`);
    if (row) this.#showCorrection(row, correction);
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
    chip.title = "the model's answer";
    scores.append(chip, this.#probabilities(u), this.#weights(u));

    const review = element('div', 'review');
    review.append(element('span', 'correction'));
    if (this.#correct) review.append(this.#form(u));
    row.append(meta, text, scores, review);
    if (u.correction) this.correct(u.index, u.correction);
    const correction = this.#corrections.get(u.index);
    if (correction) this.#showCorrection(row, correction);
    return row;
  }

  /** The correction in force, in its own chip: the model's answer stays as it was. */
  #showCorrection(row, c) {
    row.classList.add('corrected');
    const label = c.emotion ?? 'none of these';
    const badge = row.querySelector('.correction');
    badge.style.setProperty('--emotion', c.emotion ? emotionColour(c.emotion, this.#classes) : 'var(--faint)');
    badge.dataset.emotion = c.emotion ?? '';
    badge.title = `corrected by ${c.author}, ${dateTime(c.createdUtc)}`;
    badge.replaceChildren(element('span', 'correction-label', 'corrected:'), element('span', 'emotion', label),
      element('span', 'author', `by ${c.author}`));
    const select = row.querySelector('.correct select');
    if (select) select.value = c.emotion ?? noneOfThese;
  }

  /** A select of the model's classes and "none of these", and a button that stores the choice. */
  #form(u) {
    const form = element('form', 'correct');
    const select = element('select');
    select.name = 'emotion';
    select.setAttribute('aria-label', `emotion of utterance ${u.index + 1} (${u.speaker}, ${clock(u.start)})`);
    for (const emotion of this.#classes) select.append(new Option(emotion, emotion));
    select.append(new Option('none of these', noneOfThese));
    select.value = u.emotion;
    const button = element('button', undefined, 'Correct');
    button.type = 'submit';
    const error = element('span', 'correct-error');
    error.setAttribute('role', 'alert');
    form.append(select, button, error);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      button.disabled = true;
      error.textContent = '';
      try {
        this.correct(u.index, await this.#correct(u.index, select.value === noneOfThese ? null : select.value));
      } catch (e) {
        error.textContent = e.message;
      } finally {
        button.disabled = false;
      }
    });
    return form;
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
