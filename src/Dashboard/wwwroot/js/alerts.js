// The alert rule (Dashboard:Alerts in appsettings.json, docs/WEB.md): a speaker whose utterances are classified
// as one of the alert emotions N times in a row. The other speakers' turns in between do not break a speaker's
// run; an utterance of that speaker with any other emotion does.

export class AlertTracker {
  #n;
  #emotions;
  #runs = new Map(); // speaker -> the run going on now

  /** Runs that reached N utterances, oldest first; `ongoing` until the speaker says something else. */
  alerts = [];

  constructor({ consecutiveUtterances, emotions }) {
    this.#n = consecutiveUtterances;
    this.#emotions = new Set(emotions);
  }

  /** Adds the next utterance (index order); returns the alert it raised, extended or ended, else null. */
  add(utterance) {
    const run = this.#runs.get(utterance.speaker);
    if (!this.#emotions.has(utterance.emotion)) {
      if (!run) return null;
      this.#runs.delete(utterance.speaker);
      run.ongoing = false;
      return run.length >= this.#n ? run : null;
    }
    const current = run ?? this.#start(utterance);
    current.length++;
    current.end = utterance.end;
    current.toIndex = utterance.index;
    current.counts[utterance.emotion] = (current.counts[utterance.emotion] ?? 0) + 1;
    if (current.length === this.#n) this.alerts.push(current);
    return current.length >= this.#n ? current : null;
  }

  #start(utterance) {
    const run = {
      speaker: utterance.speaker,
      start: utterance.start,
      end: utterance.end,
      fromIndex: utterance.index,
      toIndex: utterance.index,
      length: 0,
      counts: {},
      ongoing: true,
    };
    this.#runs.set(utterance.speaker, run);
    return run;
  }
}
