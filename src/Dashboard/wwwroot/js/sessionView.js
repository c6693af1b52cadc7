// One session: its facts and status, the alerts, the timeline, the probability chart and the transcript. It
// shows what is stored, then joins the session on the hub from the next index, so it receives every later
// result once and in order, and every correction as it is made; after a reconnect it joins again from the last
// index it has.

import { withToken } from './auth.js';
import { AlertList } from './alerts.js';
import { ProbabilityChart } from './chart.js';
import { element, fromTemplate, showError } from './dom.js';
import { clock, dateTime, sourceName } from './format.js';
import { MetricsTable } from './metrics.js';
import { SpeakerSummary } from './speakerSummary.js';
import { Timeline } from './timeline.js';
import { Transcript } from './transcript.js';

/** Renders session `id` into `main`; returns what to call when the page leaves it. */
export async function openSession(main, id, { api, hub, settings, microphone, token }) {
  const view = fromTemplate('session-view');
  main.replaceChildren(view);
  const $ = selector => view.querySelector(selector);
  const error = $('.session-head .error');

  let detail;
  try {
    detail = await api.session(id);
  } catch (e) {
    showError(error, e.message);
    $('.status').hidden = true;
    return () => {};
  }
  let session = detail.session;
  let last = -1;

  const timeline = new Timeline($('.timeline'), settings.classes, session.speakers, select);
  const chart = new ProbabilityChart($('.chart'), settings.classes);
  const transcript = new Transcript($('.transcript'), settings.classes,
    settings.canCorrect ? (index, emotion) => api.correct(id, index, emotion) : null);
  const speakers = new SpeakerSummary($('.speaker-list'), settings.classes, session.speakers);
  const alerts = new AlertList();
  const metrics = new MetricsTable($('.metrics'), () => api.metrics(id));

  $('.source').textContent = sourceName(session);
  $('.source').title = session.source;
  $('.kind').textContent = session.kind;
  $('.started').textContent = dateTime(session.createdUtc);
  $('.model').textContent = session.modelId;
  $('.export-json').href = withToken(`/api/sessions/${encodeURIComponent(id)}/export.json`, token);
  $('.export-csv').href = withToken(`/api/sessions/${encodeURIComponent(id)}/export.csv`, token);
  $('.export-metrics').href = withToken(`/api/sessions/${encodeURIComponent(id)}/metrics.csv`, token);
  const rule = settings.alerts;
  $('.no-alerts').textContent = `No alerts. One appears when a speaker is ${rule.emotions.join(' or ')} ` +
    `${rule.consecutiveUtterances} utterance${rule.consecutiveUtterances === 1 ? '' : 's'} in a row.`;
  add(detail.utterances);
  metrics.show(detail.metrics);
  showStatus();

  function select(index) {
    timeline.select(index);
    transcript.select(index);
  }

  function add(utterances) {
    const fresh = utterances.filter(u => u.index > last);
    if (fresh.length === 0) return;
    last = fresh.at(-1).index;
    timeline.add(fresh);
    chart.add(fresh);
    transcript.add(fresh);
    speakers.add(fresh);
    if (fresh.map(u => alerts.add(u)).some(changed => changed)) showAlerts();
    $('.count').textContent = String(last + 1);
    metrics.changed();
  }

  function showStatus() {
    const status = $('.status');
    status.textContent = session.status;
    status.dataset.status = session.status;
    $('.detail').textContent = session.detail ?? '';
    $('.detail').hidden = !session.detail;
    $('.stop').hidden = session.status !== 'running';
    if (session.status !== 'running' && last < 0) {
      for (const placeholder of view.querySelectorAll('.placeholder')) placeholder.textContent = 'No utterances: no speech was detected in this session.';
    }
  }

  function showAlerts() {
    $('.no-alerts').hidden = alerts.alerts.length > 0;
    $('.alert-list').replaceChildren(...alerts.alerts.toReversed().map(run => {
      const item = element('li', run.ongoing ? 'alert ongoing' : 'alert');
      item.dataset.speaker = run.speaker;
      item.dataset.count = run.length;
      const emotions = Object.keys(run.counts);
      const counts = emotions.length > 1 ? ` (${Object.entries(run.counts).map(([emotion, n]) => `${emotion} ${n}`).join(', ')})` : '';
      item.append(
        element('strong', 'alert-speaker', run.speaker),
        element('span', 'alert-text', ` ${emotions.join(' or ')} for ${run.length} utterances in a row${counts}, ${clock(run.start)} – ${clock(run.end)}`),
        element('span', 'alert-state', run.ongoing ? 'ongoing' : 'ended'));
      item.addEventListener('click', () => select(run.toIndex));
      return item;
    }));
  }

  async function join() {
    try {
      await hub.invoke('JoinSession', id, last + 1);
    } catch (e) {
      // While reconnecting the call fails; the reconnect handler joins again.
      if (hub.connected) showError(error, `live results unavailable: ${e.message}`);
    }
  }

  const unsubscribe = hub.subscribe({
    Utterance: u => {
      if (u.sessionId !== id) return;
      // A result missing before this one (a message the backplane lost): join again from it; the server sends it from storage.
      if (u.index > last + 1) join();
      else add([u]);
    },
    // A correction stored by anyone (this page included), on a running or ended session.
    UtteranceCorrected: c => {
      if (c.sessionId === id) transcript.correct(c.index, c);
    },
    SessionEnded: s => {
      if (s.id !== id) return;
      // Marked interrupted by another node (this session's node died): what it stored but never sent is fetched once.
      const catchUp = s.status === 'interrupted' && session.status === 'running';
      session = s;
      showStatus();
      metrics.refresh();
      if (catchUp) join();
    },
  }, joinWithCorrections);
  joinWithCorrections();

  /**
   * Joins, then reads the session's corrections: any made before this page was in the session's group (while it
   * loaded, or was disconnected) are shown too; later ones arrive as UtteranceCorrected.
   */
  async function joinWithCorrections() {
    await join();
    try {
      for (const c of await api.corrections(id)) transcript.correct(c.index, c);
    } catch (e) {
      showError(error, `corrections unavailable: ${e.message}`);
    }
  }

  $('.stop').addEventListener('click', async () => {
    $('.stop').disabled = true;
    try {
      // This page's own microphone ends its stream, so what was said last is still scored.
      if (microphone.sessionId === id) await microphone.stop();
      else await api.stop(id);
      showError(error, null);
    } catch (e) {
      showError(error, e.message);
    } finally {
      $('.stop').disabled = false;
    }
  });

  return () => {
    unsubscribe();
    if (hub.connected) hub.invoke('LeaveSession', id).catch(() => {});
    chart.dispose();
    timeline.dispose();
    metrics.dispose();
  };
}
