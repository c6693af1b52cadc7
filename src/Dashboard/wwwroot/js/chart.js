// The probability of each emotion over the session (uPlot): one line per class, one point per utterance at its
// middle. Fixed height; the width follows the card.

import uPlot from '/lib/uplot/uPlot.esm.js';
import { emotionColour } from './emotions.js';
import { clock, percent, tick, tickSteps } from './format.js';

const heightPx = 240;

export class ProbabilityChart {
  #root;
  #classes;
  #data;
  #plot;
  #resize;

  constructor(root, classes) {
    this.#root = root;
    this.#classes = classes;
    this.#data = [[], ...classes.map(() => [])];
    this.#plot = new uPlot({
      width: Math.max(root.clientWidth, 200),
      height: heightPx,
      scales: {
        x: { time: false, range: (u, min, max) => [0, Math.max(max ?? 0, 10)] },
        y: { range: [0, 1] },
      },
      axes: [
        { values: (u, values) => values.map(tick), incrs: tickSteps, stroke: '#5b6472', grid: { stroke: '#eef0f3' } },
        { values: (u, values) => values.map(percent), stroke: '#5b6472', grid: { stroke: '#eef0f3' }, size: 48 },
      ],
      series: [
        { label: 'time', value: (u, v) => (v == null ? '–' : clock(v)) },
        ...classes.map(emotion => ({
          label: emotion,
          stroke: emotionColour(emotion, classes),
          width: 2,
          points: { show: true, size: 6, fill: emotionColour(emotion, classes) },
          value: (u, v) => (v == null ? '–' : percent(v)),
        })),
      ],
    }, this.#data, root);
    this.#resize = new ResizeObserver(() => this.#plot.setSize({ width: Math.max(root.clientWidth, 200), height: heightPx }));
    this.#resize.observe(root);
  }

  add(utterances) {
    if (utterances.length === 0) return;
    this.#root.classList.add('has-data');
    for (const utterance of utterances) {
      this.#data[0].push((utterance.start + utterance.end) / 2);
      this.#classes.forEach((emotion, i) => this.#data[i + 1].push(utterance.probabilities[emotion] ?? null));
    }
    this.#plot.setData(this.#data);
  }

  dispose() {
    this.#resize.disconnect();
    this.#plot.destroy();
  }
}
