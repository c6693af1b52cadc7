// The start page: every session with its live status and utterance count (the hub's session list feed), a
// form to upload a recording for replay, and the "use my microphone" button.

import { element, fromTemplate, showError } from './dom.js';
import { dateTime, sourceName } from './format.js';

/** Renders the start page into `main`; returns what to call when the page leaves it. */
export function openHome(main, { api, hub, microphone, navigate }) {
  const view = fromTemplate('home-view');
  main.replaceChildren(view);
  const $ = selector => view.querySelector(selector);
  const sessions = new Map(); // id -> {session, utterances}
  const rows = new Map();     // id -> tr

  /** Updates only grow: a count never drops and an ended session never runs again, so arrival order does not matter. */
  function merge(summary) {
    const known = sessions.get(summary.session.id);
    const kept = known && known.session.status !== 'running' ? known.session : summary.session;
    sessions.set(summary.session.id, { session: kept, utterances: Math.max(summary.utterances, known?.utterances ?? 0) });
  }

  function render() {
    const ordered = [...sessions.values()].sort((a, b) => b.session.createdUtc.localeCompare(a.session.createdUtc));
    $('.empty').hidden = ordered.length > 0;
    $('tbody').replaceChildren(...ordered.map(({ session, utterances }) => {
      const row = rows.get(session.id) ?? newRow(session);
      rows.set(session.id, row);
      const status = row.querySelector('.status');
      status.textContent = session.status;
      status.dataset.status = session.status;
      status.title = session.detail ?? '';
      row.querySelector('.count').textContent = String(utterances);
      return row;
    }));
  }

  function newRow(session) {
    const row = element('tr');
    row.dataset.id = session.id;
    const link = element('a', 'source', sourceName(session));
    link.href = `#/sessions/${encodeURIComponent(session.id)}`;
    link.title = session.source;
    const cells = [
      element('td'), element('td', 'kind', session.kind), element('td'), element('td', 'started', dateTime(session.createdUtc)),
      element('td', 'num count'),
    ];
    cells[0].append(link);
    cells[2].append(element('span', 'status'));
    row.append(...cells);
    // The whole row opens the session; the link inside keeps it reachable by keyboard.
    row.addEventListener('click', e => {
      if (e.target !== link) navigate(link.getAttribute('href'));
    });
    return row;
  }

  async function watch() {
    try {
      for (const summary of await hub.invoke('WatchSessions')) merge(summary);
      $('.empty').textContent = 'No sessions yet: replay a recording or use your microphone.';
      showError($('.sessions-card .error'), null);
      render();
    } catch (e) {
      // While reconnecting the call fails; the reconnect handler watches again.
      if (hub.connected) showError($('.sessions-card .error'), `the session list could not be loaded: ${e.message}`);
    }
  }

  const unsubscribe = hub.subscribe({
    SessionUpdated: summary => {
      merge(summary);
      render();
    },
    SessionDeleted: id => {
      sessions.delete(id);
      rows.delete(id);
      render();
    },
  }, watch);
  watch();

  const upload = $('#upload-form');
  upload.addEventListener('submit', async e => {
    e.preventDefault();
    await busy(upload, 'Uploading…', async () => {
      const created = await api.upload(new FormData(upload));
      navigate(`#/sessions/${encodeURIComponent(created.session.id)}`);
    });
  });

  const mic = $('#mic-form');
  mic.addEventListener('submit', async e => {
    e.preventDefault();
    await busy(mic, 'Starting…', async () => {
      const id = await microphone.start(api, mic.elements.speaker.value.trim());
      navigate(`#/sessions/${encodeURIComponent(id)}`);
    });
  });

  return () => {
    unsubscribe();
    if (hub.connected) hub.invoke('UnwatchSessions').catch(() => {});
  };
}

/** Runs `action` with the form's button disabled and showing `label`; shows its error in the form. */
async function busy(form, label, action) {
  const button = form.querySelector('button[type=submit]');
  const idle = button.textContent;
  button.disabled = true;
  button.textContent = label;
  showError(form.querySelector('.error'), null);
  try {
    await action();
  } catch (e) {
    showError(form.querySelector('.error'), e.message);
  } finally {
    button.disabled = false;
    button.textContent = idle;
  }
}
