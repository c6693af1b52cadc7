// The page's entry point: the token, the API and hub clients, the legend and the microphone bar, and a hash
// router between the start page (#/), the wallboard of live calls (#/wallboard) and a session (#/sessions/ID).

import { Api } from './api.js';
import { takeToken } from './auth.js';
import { showError } from './dom.js';
import { renderLegend } from './emotions.js';
import { openHome } from './homeView.js';
import { Hub } from './hub.js';
import { Microphone } from './microphone.js';
import { openSession } from './sessionView.js';
import { openWallboard } from './wallboard.js';

const token = takeToken();
const api = new Api(token);
const main = document.getElementById('view');
const connection = document.getElementById('connection');

function showConnection(state, detail) {
  connection.dataset.state = state;
  connection.textContent = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' }[state];
  connection.title = detail ?? '';
}

const hub = new Hub(token, showConnection);

const micBar = document.getElementById('mic-bar');
const micLevel = document.getElementById('mic-level');
const microphone = new Microphone(token, (state, detail) => {
  if (state === 'level') {
    // RMS to a meter: -60 dBFS empty, 0 dBFS full.
    micLevel.style.width = `${Math.max(0, Math.min(1, 1 + (20 * Math.log10(detail + 1e-9)) / 60)) * 100}%`;
    return;
  }
  micBar.hidden = state === 'ended';
  micBar.dataset.state = state;
  if (state === 'live') document.getElementById('mic-session').href = `#/sessions/${encodeURIComponent(detail)}`;
  document.getElementById('mic-stop').disabled = state === 'stopping';
});
document.getElementById('mic-stop').addEventListener('click', () => microphone.stop());

let leave = () => {};
let generation = 0;

function navigate(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

async function route() {
  const current = ++generation;
  leave();
  leave = () => {};
  const match = /^#\/sessions\/([^/]+)$/.exec(window.location.hash);
  const context = { api, hub, settings, microphone, token, navigate };
  const undo = match ? await openSession(main, decodeURIComponent(match[1]), context)
    : window.location.hash === '#/wallboard' ? openWallboard(main, context) : openHome(main, context);
  // The address may have changed while the session loaded: then that view is already gone.
  if (current === generation) leave = undo;
  else undo();
}

let settings;
try {
  settings = await api.settings();
} catch (e) {
  const error = document.createElement('p');
  error.className = 'error page-error';
  main.replaceChildren(error);
  const hint = e.status === 401 ? ' Open the link you were given, with ?token=TOKEN at the end of the address.' : '';
  showError(error, `The dashboard cannot start: ${e.message}.${hint}`);
  showConnection('offline', e.message);
  throw e;
}
renderLegend(document.getElementById('legend'), settings.classes);
hub.ready();
window.addEventListener('hashchange', route);
route();
