// Overview: the cluster at a glance (task managers, slots, jobs by state) and the jobs.

import { fill, h, stat } from '../dom.js';
import { onUpdate } from '../events.js';
import { jobsTable } from './jobtable.js';

export function render(view) {
  fill(view, h('h1', {}, 'Overview'), h('p', { class: 'muted' }, 'Waiting for the engine…'));
  return onUpdate((update) => {
    const o = update.overview;
    const running = update.jobs.filter((j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(j.state));
    const ended = update.jobs.filter((j) => ['FINISHED', 'CANCELED', 'FAILED'].includes(j.state));
    fill(view,
      h('h1', {}, 'Overview'),
      h('section', { class: 'stats', 'aria-label': 'Cluster overview' },
        stat(o.taskmanagers, 'task managers', { id: 'stat-taskmanagers' }),
        stat(`${o['slots-available']} / ${o['slots-total']}`, 'slots free / total', { id: 'stat-slots' }),
        stat(o['jobs-running'], 'jobs running', { id: 'stat-running' }),
        stat(o['jobs-finished'], 'finished', { id: 'stat-finished' }),
        stat(o['jobs-cancelled'], 'canceled', { id: 'stat-canceled' }),
        stat(o['jobs-failed'], 'failed', { class: o['jobs-failed'] > 0 ? 'stat failed' : 'stat', id: 'stat-failed' })),
      h('section', {}, h('h2', {}, 'Running jobs'), jobsTable(running, update.now, update.jobs.length ? 'No job is running.' : null)),
      h('section', {}, h('h2', {}, 'Completed jobs'), jobsTable(ended, update.now, 'No job has ended yet.')));
  });
}
