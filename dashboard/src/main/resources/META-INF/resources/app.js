// Sluice dashboard: polls the engine's REST API (same origin, Flink-shaped) and renders the cluster overview,
// the jobs and the task managers. Data is put into the page with textContent only: job names come from users.

const DEFAULT_REFRESH_MS = 3000;
const CANCELLABLE = new Set(['CREATED', 'RUNNING']);
/** A task manager silent for this long is shown in red (the engine drops it at its heartbeat timeout). */
const HEARTBEAT_LATE_MS = 6000;

const byId = (id) => document.getElementById(id);

let refreshMs = DEFAULT_REFRESH_MS;
let timer = null;
let refreshing = false;
/** Jobs whose cancel request was sent; their button stays disabled until the job leaves CREATED/RUNNING. */
const cancelRequested = new Set();

class EngineError extends Error {
  constructor(message, unreachable = false) {
    super(message);
    this.unreachable = unreachable;
  }
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  } catch {
    throw new EngineError('Cannot reach the Sluice engine. Is it running? Start it with ./sluice local.', true);
  }
  if (!response.ok) {
    throw new EngineError(`${options.method || 'GET'} ${path} failed: HTTP ${response.status}${await problemDetail(response)}`);
  }
  return response.json();
}

/** The engine answers errors as RFC 7807 problems; "detail" says what went wrong. */
async function problemDetail(response) {
  try {
    const body = await response.json();
    return body && body.detail ? ` — ${body.detail}` : '';
  } catch {
    return '';
  }
}

// ---- formatting ---------------------------------------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');

function formatTime(millis) {
  if (typeof millis !== 'number' || millis <= 0) return '–';
  const d = new Date(millis);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function formatDuration(millis) {
  if (typeof millis !== 'number' || millis < 0) return '–';
  if (millis < 1000) return `${millis} ms`;
  const s = Math.floor(millis / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}

function formatAge(millis) {
  if (millis < 1000) return 'just now';
  if (millis < 60000) return `${(millis / 1000).toFixed(millis < 10000 ? 1 : 0)} s ago`;
  return `${formatDuration(millis)} ago`;
}

// ---- rendering ----------------------------------------------------------------------------------------------

function cell(content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (content instanceof Node) td.append(content); else td.textContent = content;
  return td;
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderOverview(o) {
  byId('stat-taskmanagers').textContent = o.taskmanagers;
  byId('stat-slots').textContent = `${o['slots-available']} / ${o['slots-total']}`;
  byId('stat-running').textContent = o['jobs-running'];
  byId('stat-finished').textContent = o['jobs-finished'];
  byId('stat-canceled').textContent = o['jobs-cancelled'];
  const failed = byId('stat-failed');
  failed.textContent = o['jobs-failed'];
  failed.classList.toggle('nonzero', o['jobs-failed'] > 0);
  const version = o['sluice-version'] ? `Sluice ${o['sluice-version']}` : 'Sluice';
  byId('version').textContent = o['sluice-commit'] ? `${version} (${o['sluice-commit']})` : version;
}

function renderJobs(jobs) {
  const rows = [...jobs]
    .sort((a, b) => (b['start-time'] ?? 0) - (a['start-time'] ?? 0))
    .map((job) => {
      if (!CANCELLABLE.has(job.state)) cancelRequested.delete(job.jid);
      const tr = document.createElement('tr');
      tr.append(
        cell(job.name, 'name'),
        cell(element('code', null, job.jid), 'id'),
        cell(element('span', `badge ${job.state}`, job.state)),
        cell(formatTime(job['start-time'])),
        cell(formatDuration(job.duration), 'num'),
        cell(CANCELLABLE.has(job.state) ? cancelButton(job) : ''),
      );
      return tr;
    });
  byId('jobs').replaceChildren(...rows);
  byId('jobs-empty').hidden = rows.length > 0;
}

function cancelButton(job) {
  const button = element('button', 'cancel', cancelRequested.has(job.jid) ? 'Cancelling…' : 'Cancel');
  button.type = 'button';
  button.disabled = cancelRequested.has(job.jid);
  button.title = `Cancel job ${job.jid}`;
  button.addEventListener('click', () => cancelJob(job, button));
  return button;
}

function renderTaskManagers(taskManagers) {
  const now = Date.now();
  const rows = [...taskManagers]
    .sort((a, b) => String(a.id).localeCompare(String(b.id), undefined, { numeric: true }))
    .map((tm) => {
      const age = Math.max(0, now - tm.timeSinceLastHeartbeat); // Flink's name; the value is an epoch time
      const tr = document.createElement('tr');
      tr.append(
        cell(tm.id, 'name'),
        cell(element('code', null, tm.path)),
        cell(String(tm.slotsNumber), 'num'),
        cell(String(tm.freeSlots), 'num'),
        cell(formatAge(age), age > HEARTBEAT_LATE_MS ? 'num stale' : 'num'),
      );
      return tr;
    });
  byId('taskmanagers').replaceChildren(...rows);
  byId('taskmanagers-empty').hidden = rows.length > 0;
}

function showConnected() {
  const connection = byId('connection');
  connection.dataset.state = 'ok';
  byId('connection-text').textContent = 'connected';
  byId('updated').textContent = `updated ${formatTime(Date.now()).slice(11)}`;
}

function showError(error) {
  const fromEngine = error instanceof EngineError;
  const message = fromEngine ? error.message : `Unexpected error: ${error && error.message ? error.message : error}`;
  const banner = byId('banner');
  banner.textContent = `${message} (retrying every ${Math.round(refreshMs / 1000)} s)`;
  banner.hidden = false;
  byId('connection').dataset.state = 'error';
  byId('connection-text').textContent =
    !fromEngine ? 'dashboard error' : error.unreachable ? 'engine unreachable' : 'engine error';
}

// ---- behaviour ----------------------------------------------------------------------------------------------

async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    const [overview, jobs, taskManagers] = await Promise.all([
      request('overview'),
      request('jobs/overview'),
      request('taskmanagers'),
    ]);
    renderOverview(overview);
    renderJobs(jobs.jobs ?? []);
    renderTaskManagers(taskManagers.taskmanagers ?? []);
    byId('banner').hidden = true;
    showConnected();
  } catch (error) {
    showError(error);
  } finally {
    refreshing = false;
    schedule(refreshMs);
  }
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(refresh, delay);
}

async function cancelJob(job, button) {
  if (!window.confirm(`Cancel job "${job.name}" (${job.jid})?`)) return;
  cancelRequested.add(job.jid);
  button.disabled = true;
  button.textContent = 'Cancelling…';
  try {
    await request(`jobs/${encodeURIComponent(job.jid)}?mode=cancel`, { method: 'PATCH' });
  } catch (error) {
    cancelRequested.delete(job.jid);
    showError(error);
  }
  schedule(0);
}

async function start() {
  try {
    const config = await request('config');
    if (Number.isFinite(config['refresh-interval']) && config['refresh-interval'] >= 500) {
      refreshMs = config['refresh-interval'];
    }
  } catch {
    // the first refresh reports an unreachable engine
  }
  refresh();
}

// Nothing may escape as an uncaught error: it is shown in the banner instead.
window.addEventListener('error', (event) => {
  event.preventDefault();
  showError(event.error ?? event.message);
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showError(event.reason);
});

start();
