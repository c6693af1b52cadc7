// How times, shares and sources read on the page.

/** Seconds on a session's clock as m:ss.s. */
export function clock(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** Steps between time-axis ticks, in seconds: whole, readable ones. */
export const tickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Seconds as m:ss, for axis ticks. */
export function tick(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}`;
}

export function percent(p) {
  return `${Math.round(p * 100)}%`;
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : '–';
}

/** A replay's source is the uploaded file's path on the server: its name is what a person recognizes. */
export function sourceName(session) {
  return session.kind === 'replay' ? session.source.split(/[\\/]/).pop() : session.source;
}
