// Job list: every job the engine knows, newest first.

import { fill, h } from '../dom.js';
import { onUpdate } from '../events.js';
import { jobsTable } from './jobtable.js';

export function render(view) {
  fill(view, h('h1', {}, 'Jobs'), h('p', { class: 'muted' }, 'Waiting for the engine…'));
  return onUpdate((update) => fill(view,
    h('div', { class: 'title-row' }, h('h1', {}, 'Jobs'), h('a', { class: 'button', href: '#/submit' }, 'Submit job')),
    jobsTable(update.jobs, update.now)));
}
