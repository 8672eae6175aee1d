// Sluice dashboard: a hash-routed single page on the engine's REST API and its event stream.

import { byId, fill } from './dom.js';
import { connect } from './events.js';
import { get } from './api.js';
import * as overview from './pages/overview.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as taskmanagers from './pages/taskmanagers.js';
import * as taskmanager from './pages/taskmanager.js';
import * as submit from './pages/submit.js';

const routes = [
  [/^#\/overview$/, overview, 'overview'],
  [/^#\/jobs$/, jobs, 'jobs'],
  [/^#\/jobs\/([0-9a-f]{32})(?:\/([a-z]+))?$/, job, 'jobs'],
  [/^#\/taskmanagers$/, taskmanagers, 'taskmanagers'],
  [/^#\/taskmanagers\/(.+)$/, taskmanager, 'taskmanagers'],
  [/^#\/submit$/, submit, 'submit'],
];

let cleanup = null;

function route() {
  const hash = location.hash || '#/overview';
  if (cleanup) cleanup();
  cleanup = null;
  const view = byId('view');
  for (const [pattern, page, nav] of routes) {
    const match = hash.match(pattern);
    if (match) {
      document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.nav === nav));
      cleanup = page.render(view, ...match.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p))));
      return;
    }
  }
  location.hash = '#/overview';
}

async function showVersion() {
  try {
    const config = await get('config');
    byId('version').textContent = `Sluice ${config['sluice-version']} (${config['sluice-commit']}) · ${config['timezone-name']}`;
  } catch {
    byId('version').textContent = 'Sluice';
  }
}

window.addEventListener('hashchange', route);
connect();
showVersion();
fill(byId('view'));
route();
