// The session's alerts as the server raises them (Dashboard:Alerts in appsettings.json, docs/WEB.md): each stored
// utterance carries the alert it raised, extended or ended, as it stands after it; a later state of an alert
// (same number) replaces the earlier one. The page computes nothing itself, so it shows what exports, `replay`
// and every other client see.

export class AlertList {
  #byNumber = new Map(); // alert number -> its latest state

  /** The alerts, oldest first; `ongoing` until the speaker says something else. */
  get alerts() {
    return [...this.#byNumber.values()].sort((a, b) => a.number - b.number);
  }

  /** Takes the next utterance (index order); returns the alert it changed, else null. */
  add(utterance) {
    const alert = utterance.alert;
    if (!alert) return null;
    this.#byNumber.set(alert.number, alert);
    return alert;
  }
}
