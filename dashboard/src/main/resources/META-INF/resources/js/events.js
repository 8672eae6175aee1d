// Live updates: one EventSource on GET /events. Each "update" event carries the cluster overview and the jobs
// overview; pages subscribe and refresh what they show. The browser reconnects by itself after an outage.

import { byId } from './dom.js';

const listeners = new Set();
let latest = null;

export function onUpdate(listener) {
  listeners.add(listener);
  if (latest) listener(latest);
  return () => listeners.delete(listener);
}

export function latestUpdate() {
  return latest;
}

export function connect() {
  const source = new EventSource('events');
  source.addEventListener('open', () => setConnection('live', 'live'));
  source.addEventListener('error', () => setConnection('down', 'reconnecting…'));
  source.addEventListener('update', (event) => {
    latest = JSON.parse(event.data);
    setConnection('live', 'live');
    byId('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    for (const listener of [...listeners]) {
      try {
        listener(latest);
      } catch (e) {
        console.warn('update listener failed', e);
      }
    }
  });
}

function setConnection(state, text) {
  byId('connection').dataset.state = state;
  byId('connection-text').textContent = text;
}
