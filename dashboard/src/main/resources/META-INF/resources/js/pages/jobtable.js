// The jobs table shared by the overview and the job list.

import { h, stateBadge, table } from '../dom.js';
import * as fmt from '../format.js';

/** @param empty what to say when there are no jobs (default: how to submit one) */
export function jobsTable(jobs, now, empty = null) {
  if (!jobs.length) {
    if (empty) return h('p', { class: 'empty' }, empty);
    return h('p', { class: 'empty' }, 'No jobs yet. ', h('a', { href: '#/submit' }, 'Submit one'),
      ' or run ', h('code', {}, './sluice run examples/wordcount.json'), '.');
  }
  const rows = [...jobs].reverse().map((job) => h('tr', { dataset: { job: job.jid } },
    h('td', {}, h('a', { href: `#/jobs/${job.jid}` }, job.name)),
    h('td', { class: 'mono' }, job.jid),
    h('td', {}, stateBadge(job.state)),
    h('td', {}, fmt.time(job['start-time'])),
    h('td', { class: 'num' }, fmt.duration(job['end-time'] > 0 ? job.duration : now - job['start-time'])),
    h('td', { class: 'num' }, taskSummary(job.tasks))));
  return table(['Name', 'Job ID', 'State', 'Start time', '#Duration', '#Tasks'], rows, { id: 'jobs-table' });
}

function taskSummary(tasks) {
  if (!tasks) return '–';
  const running = tasks.running || 0;
  return `${running} / ${tasks.total || 0} running`;
}
