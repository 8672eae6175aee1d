// One task manager: its slots, memory, Chronicle Map state, GC and the tasks it runs.

import { get } from '../api.js';
import { fill, h, showBanner, stat, table } from '../dom.js';
import { onUpdate } from '../events.js';
import * as fmt from '../format.js';

export function render(view, id) {
  fill(view, h('h1', {}, `Task manager ${id}`));
  let busy = false;
  let active = true;
  const unsubscribe = onUpdate(async (update) => {
    if (busy) return;
    busy = true;
    try {
      const tm = await get(`taskmanagers/${encodeURIComponent(id)}`);
      if (!active) return; // the user left the page while the request ran
      showBanner('');
      const m = tm.metrics;
      const tasks = tm.tasks.map((t) => h('tr', {},
        h('td', {}, h('a', { href: `#/jobs/${t.jobId}` }, t.jobName)),
        h('td', {}, t.operators.join(' → ')),
        h('td', { class: 'num' }, t.subtask),
        h('td', {}, t.status)));
      fill(view,
        h('div', { class: 'title-row' }, h('h1', {}, `Task manager ${tm.id}`),
          h('span', { class: 'muted mono' }, tm.path)),
        h('section', { class: 'stats', id: 'tm-stats' },
          stat(`${tm.freeSlots} / ${tm.slotsNumber}`, 'slots free / total'),
          stat(m ? `${fmt.bytes(m.heapUsed)} / ${fmt.bytes(m.heapMax)}` : '–', 'heap used / max'),
          stat(m ? fmt.bytes(m.offHeapUsed) : '–', 'off-heap (non-heap + buffers)'),
          stat(m ? fmt.bytes(m.chronicleMapBytes) : '–', 'Chronicle Map files'),
          stat(m ? fmt.duration(m.garbageCollectionTime) : '–', m ? `GC time (${m.garbageCollectionCount} collections)` : 'GC time'),
          stat(fmt.age(update.now - tm.timeSinceLastHeartbeat), 'last heartbeat')),
        h('section', {}, h('h2', {}, 'Tasks'), tasks.length
          ? table(['Job', 'Operators (chain)', '#Subtask', 'Status'], tasks)
          : h('p', { class: 'empty' }, 'No tasks run here.')),
        h('p', { class: 'muted' }, 'Prometheus metrics of this worker: ',
          h('code', {}, `http://${tm.path}/actuator/prometheus`)));
    } catch (e) {
      showBanner(e.status === 404 ? `Task manager ${id} is not registered (any more).` : e.message);
    } finally {
      busy = false;
    }
  });
  return () => {
    active = false;
    unsubscribe();
  };
}
