// The wallboard (#/wallboard): a tile per live call (speakers, each one's current emotion and recent trend, time in
// call, alert badge), calls in alert first. One hub subscription feeds every tile (WatchWallboard: a snapshot, then
// WallboardStarted / WallboardUtterance / WallboardEnded for all sessions): no per-call joins, no polling. Tiles have
// a fixed size and are updated in place, at most once per animation frame; an ended call stays greyed for a while.

import { element, fromTemplate, showError } from './dom.js';
import { emotionColour } from './emotions.js';
import { percent, sourceName } from './format.js';

const trendLength = 8;          // utterances per speaker in a trend (the server's WallboardFeed.TrendLength)
const endedLingerMs = 15000;    // how long an ended call stays on the board

/** Renders the wallboard into `main`; returns what to call when the page leaves it. */
export function openWallboard(main, { hub, settings }) {
  const view = fromTemplate('wallboard-view');
  main.replaceChildren(view);
  const $ = selector => view.querySelector(selector);
  const grid = $('.tiles');
  const calls = new Map();   // id -> call state
  const ended = new Map();   // id -> ended session record (an end may arrive before the snapshot that still lists it)
  const dirty = new Set();
  let frame = 0;
  let order = '';

  function call(session) {
    let c = calls.get(session.id);
    if (!c) {
      c = { session, speakers: new Map(), alerts: new Map(), tile: newTile(session) };
      for (const speaker of session.speakers) c.speakers.set(speaker, []);
      calls.set(session.id, c);
    }
    return c;
  }

  function addUtterance(c, u) {
    const trend = c.speakers.get(u.speaker) ?? [];
    c.speakers.set(u.speaker, trend);
    if (trend.some(t => t.index === u.index)) return;
    trend.push(u);
    trend.sort((a, b) => a.index - b.index);
    if (trend.length > trendLength) trend.splice(0, trend.length - trendLength);
    if (u.alert) {
      const known = c.alerts.get(u.alert.number);
      // A later state of an alert (further utterance) replaces an earlier one, whatever order they arrive in.
      if (!known || known.toIndex < u.alert.toIndex || (known.toIndex === u.alert.toIndex && known.ongoing && !u.alert.ongoing)) c.alerts.set(u.alert.number, u.alert);
    }
    touch(c.session.id);
  }

  function end(session) {
    ended.set(session.id, session);
    const c = calls.get(session.id);
    if (!c) return;
    c.session = session;
    touch(session.id);
    setTimeout(() => {
      calls.get(session.id)?.tile.remove();
      calls.delete(session.id);
      touch(null);
    }, endedLingerMs);
  }

  function touch(id) {
    if (id) dirty.add(id);
    frame ||= requestAnimationFrame(render);
  }

  function render() {
    frame = 0;
    for (const id of dirty) if (calls.has(id)) draw(calls.get(id));
    dirty.clear();
    // Calls in alert first, then the longest-running; the tiles move only when this order changes.
    const ordered = [...calls.values()].sort((a, b) =>
      Number(ongoing(b).length > 0) - Number(ongoing(a).length > 0) || a.session.createdUtc.localeCompare(b.session.createdUtc) || a.session.id.localeCompare(b.session.id));
    const next = ordered.map(c => c.session.id).join('\n');
    if (next !== order) {
      grid.append(...ordered.map(c => c.tile));
      order = next;
    }
    const live = ordered.filter(c => c.session.status === 'running');
    $('.live-count').textContent = `${live.length} live call${live.length === 1 ? '' : 's'}`;
    const alerting = live.filter(c => ongoing(c).length > 0).length;
    $('.alert-count').textContent = alerting ? `${alerting} in alert` : 'none in alert';
    $('.alert-count').dataset.alerting = String(alerting > 0);
    $('.empty').hidden = ordered.length > 0;
    elapsed();
  }

  function ongoing(c) {
    return c.session.status === 'running' ? [...c.alerts.values()].filter(a => a.ongoing) : [];
  }

  function newTile(session) {
    const tile = element('a', 'tile');
    tile.href = `#/sessions/${encodeURIComponent(session.id)}`;
    tile.dataset.id = session.id;
    const head = element('div', 'tile-head');
    head.append(element('span', 'tile-source', sourceName(session)), element('span', 'tile-elapsed', '0:00'));
    tile.title = session.source;
    tile.append(head, element('div', 'tile-alert'), element('ul', 'tile-speakers'));
    return tile;
  }

  function draw(c) {
    const { tile, session } = c;
    tile.dataset.status = session.status;
    const alerts = ongoing(c);
    tile.dataset.alert = String(alerts.length > 0);
    const badge = tile.querySelector('.tile-alert');
    badge.textContent = alerts.length > 0
      ? alerts.map(a => `${a.speaker}: ${Object.keys(a.counts).join(' or ')} ×${a.length}`).join(' · ')
      : session.status === 'running' ? '' : `call ${session.status}`;
    const rows = [...c.speakers.entries()].map(([speaker, trend]) => {
      const row = element('li', 'tile-speaker');
      row.dataset.speaker = speaker;
      const last = trend.at(-1);
      const now = element('span', 'tile-emotion', last ? `${last.emotion} ${percent(last.probability)}` : '–');
      if (last) {
        now.dataset.emotion = last.emotion;
        now.style.setProperty('--emotion', emotionColour(last.emotion, settings.classes));
      }
      const bar = element('span', 'tile-trend');
      bar.append(...trend.map(t => {
        const cell = element('span');
        cell.dataset.emotion = t.emotion;
        cell.style.background = emotionColour(t.emotion, settings.classes);
        cell.title = `${t.emotion} ${percent(t.probability)}`;
        return cell;
      }));
      row.append(element('span', 'tile-name', speaker), now, bar);
      return row;
    });
    tile.querySelector('.tile-speakers').replaceChildren(...rows);
  }

  /** Time in call, from each session's start on this browser's clock; one timer for the whole board. */
  function elapsed() {
    const now = Date.now();
    for (const c of calls.values()) {
      const until = c.session.endedUtc ? Date.parse(c.session.endedUtc) : now;
      const s = Math.max(0, Math.floor((until - Date.parse(c.session.createdUtc)) / 1000));
      const text = s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
        : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
      const cell = c.tile.querySelector('.tile-elapsed');
      if (cell.textContent !== text) cell.textContent = text;
    }
  }
  const clock = setInterval(elapsed, 1000);

  async function watch() {
    try {
      for (const tile of await hub.invoke('WatchWallboard')) {
        if (ended.has(tile.session.id)) continue;
        const c = call(tile.session);
        for (const alert of tile.alerts) if (!c.alerts.has(alert.number)) c.alerts.set(alert.number, alert);
        for (const u of tile.recent) addUtterance(c, u);
        touch(tile.session.id);
      }
      showError($('.error'), null);
      $('.empty').textContent = 'No live calls. Calls appear here as they start.';
      touch(null);
    } catch (e) {
      // While reconnecting the call fails; the reconnect handler watches again.
      if (hub.connected) showError($('.error'), `the wallboard could not be loaded: ${e.message}`);
    }
  }

  const unsubscribe = hub.subscribe({
    WallboardStarted: session => touch(call(session).session.id),
    WallboardUtterance: u => {
      if (!ended.has(u.sessionId) || calls.has(u.sessionId)) {
        const c = calls.get(u.sessionId);
        if (c) addUtterance(c, u);
      }
    },
    WallboardEnded: end,
  }, watch);
  watch();

  return () => {
    unsubscribe();
    clearInterval(clock);
    cancelAnimationFrame(frame);
    if (hub.connected) hub.invoke('UnwatchWallboard').catch(() => {});
  };
}
