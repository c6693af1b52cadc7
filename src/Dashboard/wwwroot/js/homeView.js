// The start page: the sessions, filtered and paged by the server (GET /api/sessions/search), kept current by the
// hub's session list feed (rows on the page update in place; a new or deleted session reloads the page), a form to
// upload a recording for replay, and the "use my microphone" button.

import { element, fromTemplate, showError } from './dom.js';
import { dateTime, sourceName } from './format.js';

/** Renders the start page into `main`; returns what to call when the page leaves it. */
export function openHome(main, { api, hub, microphone, navigate, settings }) {
  const view = fromTemplate('home-view');
  main.replaceChildren(view);
  const $ = selector => view.querySelector(selector);
  const sessions = new Map(); // id -> {session, utterances}: the page shown
  const rows = new Map();     // id -> tr
  const filters = $('.filters');
  const emotion = filters.elements.emotion;
  for (const c of settings.classes) emotion.append(new Option(c, c));
  let offset = 0;
  let total = 0;
  let reloading = null;

  /** Updates only grow: a count never drops and an ended session never runs again, so arrival order does not matter. */
  function merge(summary) {
    const known = sessions.get(summary.session.id);
    const kept = known && known.session.status !== 'running' ? known.session : summary.session;
    sessions.set(summary.session.id, { session: kept, utterances: Math.max(summary.utterances, known?.utterances ?? 0) });
  }

  function render() {
    const ordered = [...sessions.values()].sort((a, b) => b.session.createdUtc.localeCompare(a.session.createdUtc));
    $('.empty').hidden = ordered.length > 0;
    const limit = Number($('.pager select').value);
    $('.range').textContent = total === 0 ? '0 sessions' : `${offset + 1}–${offset + ordered.length} of ${total}`;
    $('.prev').disabled = offset === 0;
    $('.next').disabled = offset + limit >= total;
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

  /** The filters as the API takes them; a date is a whole day on this browser's clock (the "to" day included). */
  function query() {
    const f = filters.elements;
    const day = (value, plus) => {
      const d = new Date(`${value}T00:00`);
      d.setDate(d.getDate() + plus);
      return d.toISOString();
    };
    const params = { offset, limit: $('.pager select').value };
    if (f.status.value) params.status = f.status.value;
    if (f.from.value) params.from = day(f.from.value, 0);
    if (f.to.value) params.to = day(f.to.value, 1);
    if (f.speaker.value.trim()) params.speaker = f.speaker.value.trim();
    if (f.emotion.value) params.emotion = f.emotion.value;
    if (f.alert.value) params.alert = f.alert.value;
    return params;
  }

  function filtered() {
    return Object.keys(query()).some(k => k !== 'offset' && k !== 'limit');
  }

  async function load() {
    try {
      const page = await api.search(query());
      // An update heard while the page loaded may be newer than the page: merged, it is kept (updates only grow).
      const known = new Map(sessions);
      sessions.clear();
      for (const summary of page.sessions) {
        if (known.has(summary.session.id)) sessions.set(summary.session.id, known.get(summary.session.id));
        merge(summary);
      }
      for (const id of rows.keys()) if (!sessions.has(id)) rows.delete(id);
      total = page.total;
      $('.empty').textContent = filtered() ? 'No sessions match these filters.' : 'No sessions yet: replay a recording or use your microphone.';
      showError($('.sessions-card .error'), null);
      render();
    } catch (e) {
      showError($('.sessions-card .error'), `the session list could not be loaded: ${e.message}`);
    }
  }

  /** Many changes at once (a burst of new sessions) reload the page once. */
  function reload() {
    clearTimeout(reloading);
    reloading = setTimeout(load, 250);
  }

  async function watch() {
    try {
      await hub.invoke('WatchSessions'); // joins the feed; the page itself comes from the search API
      await load();
    } catch (e) {
      // While reconnecting the call fails; the reconnect handler watches again.
      if (hub.connected) showError($('.sessions-card .error'), `the session list could not be loaded: ${e.message}`);
    }
  }

  const unsubscribe = hub.subscribe({
    SessionUpdated: summary => {
      if (sessions.has(summary.session.id)) {
        merge(summary);
        render();
      } else if (summary.utterances === 0 && summary.session.status === 'running') reload(); // a new session
    },
    SessionDeleted: id => {
      if (sessions.has(id)) reload();
    },
  }, watch);
  watch();

  filters.addEventListener('input', e => {
    offset = 0;
    if (e.target.name === 'speaker') reload();
    else load();
  });
  filters.addEventListener('submit', e => e.preventDefault());
  $('.pager select').addEventListener('change', () => {
    offset = 0;
    load();
  });
  $('.prev').addEventListener('click', () => {
    offset = Math.max(0, offset - Number($('.pager select').value));
    load();
  });
  $('.next').addEventListener('click', () => {
    offset += Number($('.pager select').value);
    load();
  });

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
    clearTimeout(reloading);
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
