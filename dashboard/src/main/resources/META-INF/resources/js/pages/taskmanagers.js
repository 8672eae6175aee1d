// Task managers (workers): slots and heartbeats.

import { get } from '../api.js';
import { fill, h, showBanner, table } from '../dom.js';
import { onUpdate } from '../events.js';
import * as fmt from '../format.js';

export function render(view) {
  fill(view, h('h1', {}, 'Task managers'));
  let busy = false;
  let active = true;
  const unsubscribe = onUpdate(async (update) => {
    if (busy) return;
    busy = true;
    try {
      const { taskmanagers } = await get('taskmanagers');
      if (!active) return; // the user left the page while the request ran
      showBanner('');
      const rows = taskmanagers.map((tm) => h('tr', { dataset: { taskmanager: tm.id } },
        h('td', {}, h('a', { href: `#/taskmanagers/${encodeURIComponent(tm.id)}` }, tm.id)),
        h('td', { class: 'mono' }, tm.path),
        h('td', { class: 'num' }, tm.slotsNumber),
        h('td', { class: 'num' }, tm.freeSlots),
        h('td', { class: 'num' }, fmt.age(update.now - tm.timeSinceLastHeartbeat))));
      fill(view, h('h1', {}, 'Task managers'), taskmanagers.length
        ? table(['ID', 'Address', '#Slots', '#Free slots', '#Last heartbeat'], rows, { id: 'taskmanagers-table' })
        : h('p', { class: 'empty' }, 'No task managers registered. Start workers with ./sluice local.'));
    } catch (e) {
      showBanner(e.message);
    } finally {
      busy = false;
    }
  });
  return () => {
    active = false;
    unsubscribe();
  };
}
