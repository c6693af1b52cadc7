// The call metrics card of a session (docs/API.md#call-metrics): the server computes them; the page shows them in a
// table, the whole call first, then one row per speaker, and asks again now and then while the session runs.

import { element } from './dom.js';
import { percent } from './format.js';

/** How often, at most, a running session's metrics are fetched again as utterances arrive. */
const refreshMs = 5000;

export class MetricsTable {
  #table;
  #load;
  #timer = null;

  /** @param {() => Promise<object>} load fetches the session's metrics */
  constructor(table, load) {
    this.#table = table;
    this.#load = load;
  }

  show(metrics) {
    const rows = [
      { name: 'whole call', scope: 'call', ...metrics, talkShare: null, interrupted: null, utterances: metrics.speakers.reduce((n, s) => n + s.utterances, 0) },
      ...metrics.speakers.map(s => ({ name: s.speaker, scope: 'speaker', ...s })),
    ];
    this.#table.querySelector('tbody').replaceChildren(...rows.map(r => {
      const row = element('tr');
      row.dataset.scope = r.scope;
      if (r.scope === 'speaker') row.dataset.speaker = r.name;
      const run = r.longestNegativeRun;
      const cells = [
        ['name', r.name],
        ['talk', `${seconds(r.talkTime)}${r.talkShare === null ? '' : ` (${percent(r.talkShare)})`}`],
        ['silence', percent(r.silenceShare)],
        ['overlap', r.overlapTime === null ? '–' : seconds(r.overlapTime)],
        ['interruptions', r.interruptions === null ? '–' : String(r.interruptions)],
        ['wpm', r.wordsPerMinute === null ? '–' : String(Math.round(r.wordsPerMinute))],
        ['run', run ? `${run.utterances} (${seconds(run.seconds)})` : '–'],
      ];
      row.append(...cells.map(([name, text]) => element('td', name, text)));
      const shares = Object.entries(r.emotionShare).map(([e, p]) => `${e} ${percent(p)}`).join(' · ');
      row.title = shares ? `share of talk time: ${shares}` : '';
      return row;
    }));
    this.#table.hidden = false;
  }

  /** A new utterance arrived: fetch the metrics again, at most once per `refreshMs`. */
  changed() {
    this.#timer ??= setTimeout(() => this.refresh(), refreshMs);
  }

  async refresh() {
    clearTimeout(this.#timer);
    this.#timer = null;
    try {
      this.show(await this.#load());
    } catch {
      // A failed refresh keeps the last figures; the next utterance or the end asks again.
    }
  }

  dispose() {
    clearTimeout(this.#timer);
  }
}

function seconds(s) {
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}
