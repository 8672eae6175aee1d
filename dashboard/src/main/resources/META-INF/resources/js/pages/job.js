// One job: header with actions, and tabs for the graph and vertices, exceptions, checkpoints and configuration.
// Each live update refetches only what the visible tab shows.

import { get, send } from '../api.js';
import { fill, h, showBanner, stat, stateBadge, table } from '../dom.js';
import { onUpdate } from '../events.js';
import * as fmt from '../format.js';
import { JobGraphView } from '../graph.js';
import { CheckpointChart } from '../checkpointchart.js';

const TABS = [['overview', 'Overview'], ['exceptions', 'Exceptions'], ['checkpoints', 'Checkpoints'], ['configuration', 'Configuration']];
const STOPPABLE = new Set(['CREATED', 'RUNNING', 'RESTARTING']);

export function render(view, jobId, tab = 'overview') {
  const title = h('h1', { id: 'job-name' }, 'Job');
  const state = h('span', { id: 'job-state' });
  const meta = h('div', { class: 'job-meta muted' });
  const cancel = h('button', { id: 'cancel-job', class: 'danger', type: 'button' }, 'Cancel');
  const stop = h('button', { id: 'stop-job', class: 'secondary', type: 'button', title: 'Take a savepoint, then stop the job' }, 'Stop with savepoint');
  const actionStatus = h('span', { id: 'action-status', class: 'muted' });
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Job tabs' }, TABS.map(([key, label]) =>
    h('a', { href: `#/jobs/${jobId}/${key}`, class: key === tab ? 'active' : null, id: `tab-${key}` }, label)));
  const content = h('div', { id: 'tab-content' });
  fill(view,
    h('div', { class: 'title-row' }, h('div', {}, h('div', { class: 'title-line' }, title, state), meta),
      h('div', { class: 'actions' }, actionStatus, stop, cancel)),
    tabs, content);

  let details = null;
  let config = null;
  cancel.addEventListener('click', () => act('Cancelling…', () => send('PATCH', `jobs/${jobId}?mode=cancel`)));
  stop.addEventListener('click', () => act('Taking a savepoint…', () => send('POST', `jobs/${jobId}/stop`, '{}'),
    'Stop with savepoint is not available on this engine'));

  /** @param notFound what a 404 means for this action, if not "no such job" */
  async function act(message, request, notFound) {
    actionStatus.textContent = message;
    cancel.disabled = true;
    stop.disabled = true;
    try {
      await request();
      showBanner('');
    } catch (e) {
      actionStatus.textContent = '';
      cancel.disabled = false;
      stop.disabled = false;
      showBanner(e.status === 404 && notFound ? `${notFound} (${e.message}).` : e.message);
    }
  }

  const tabPages = { overview: overviewTab, exceptions: exceptionsTab, checkpoints: checkpointsTab, configuration: configurationTab };
  const page = (tabPages[tab] || overviewTab)(content, jobId, () => config);

  let busy = false;
  let active = true;
  const refresh = async () => {
    if (busy) return;
    busy = true;
    try {
      if (!config) config = await get(`jobs/${jobId}/config`);
      details = await get(`jobs/${jobId}`);
      if (!active) return; // the user left the page while the request ran
      title.textContent = details.name;
      fill(state, stateBadge(details.state));
      fill(meta, h('span', { class: 'mono' }, details.jid), ` · started ${fmt.time(details['start-time'])} · ${fmt.duration(details.duration)}`,
        details['waiting-reason'] ? ` · ${details['waiting-reason']}` : '',
        details['failure-cause'] ? h('span', { class: 'error-text' }, ` · ${details['failure-cause']}`) : '');
      const stoppable = STOPPABLE.has(details.state);
      cancel.hidden = !stoppable;
      stop.hidden = !stoppable;
      if (!stoppable) actionStatus.textContent = '';
      else if (!actionStatus.textContent) {
        cancel.disabled = false;
        stop.disabled = false;
      }
      await page.refresh(details);
      showBanner('');
    } catch (e) {
      showBanner(e.status === 404 ? `There is no job ${jobId}.` : e.message);
    } finally {
      busy = false;
    }
  };
  const unsubscribe = onUpdate(refresh);
  return () => {
    active = false;
    unsubscribe();
    page.destroy();
  };
}

// ---- overview tab: graph, vertices, selected vertex --------------------------------------------------------

function overviewTab(content, jobId) {
  let selected = null;
  const graphBox = h('div', { id: 'job-graph', class: 'graph', role: 'img', 'aria-label': 'Job graph' });
  const vertices = h('div', { id: 'vertices' });
  const vertexPanel = h('section', { id: 'vertex-details', class: 'panel', hidden: true });
  const graph = new JobGraphView(graphBox, (id) => select(id));
  fill(content, h('div', { class: 'legend muted' }, 'Back-pressure: ',
    h('span', { class: 'swatch ok' }), 'ok ≤ 10% ', h('span', { class: 'swatch low' }), 'low ≤ 50% ',
    h('span', { class: 'swatch high' }), 'high > 50% · click a vertex for its subtasks'),
  graphBox, vertices, vertexPanel);
  let lastPlan = null;

  function select(id) {
    selected = id;
    graph.select(id);
    if (lastPlan) renderVertices(lastPlan);
    refreshVertex();
  }

  function renderVertices(plan) {
    const rows = plan.plan.nodes.map((node) => {
      const m = node.metrics;
      return h('tr', { dataset: { vertex: node.id }, class: node.id === selected ? 'selected clickable' : 'clickable', onclick: () => select(node.id) },
        h('td', {}, node.description),
        h('td', {}, node.operator),
        h('td', { class: 'num' }, node.parallelism),
        h('td', { class: 'num records-in' }, m.reported ? fmt.count(m['read-records']) : '–'),
        h('td', { class: 'num records-out' }, m.reported ? fmt.count(m['write-records']) : '–'),
        h('td', { class: 'num' }, m.reported ? fmt.rate(m['read-records-per-second']) : '–'),
        h('td', { class: 'num' }, m.reported ? fmt.rate(m['write-records-per-second']) : '–'),
        h('td', {}, m.reported ? h('span', { class: `bp bp-${m['backpressure-level']}` }, `${m['backpressure-level']} (${fmt.percent(m['backpressure-ratio'])})`) : '–'),
        h('td', { class: 'num' }, m.reported ? fmt.percent(m['busy-ratio']) : '–'),
        h('td', { class: 'mono' }, fmt.watermark(m['input-watermark'])),
        h('td', { class: 'mono' }, fmt.watermark(m['output-watermark'])));
    });
    fill(vertices, table(['Vertex', 'Operator', '#Parallelism', '#Records in', '#Records out', '#In/s', '#Out/s', 'Back-pressure', '#Busy',
      'Input watermark', 'Output watermark'], rows, { id: 'vertex-table' }));
  }

  async function refreshVertex() {
    if (!selected) {
      vertexPanel.hidden = true;
      return;
    }
    const [vertex, backpressure] = await Promise.all([
      get(`jobs/${jobId}/vertices/${selected}`), get(`jobs/${jobId}/vertices/${selected}/backpressure`)]);
    const rows = vertex.subtasks.map((s) => {
      const m = s.metrics;
      return h('tr', { dataset: { subtask: s.subtask } },
        h('td', { class: 'num' }, s.subtask),
        h('td', {}, stateBadge(s.status)),
        h('td', {}, s['taskmanager-id'] ? h('a', { href: `#/taskmanagers/${encodeURIComponent(s['taskmanager-id'])}` }, s['taskmanager-id']) : '–',
          s.host ? h('div', { class: 'muted mono small' }, s.host) : ''),
        h('td', { class: 'num' }, fmt.count(m['read-records'])),
        h('td', { class: 'num' }, fmt.count(m['write-records'])),
        h('td', { class: 'num' }, fmt.rate(m['read-records-per-second'])),
        h('td', { class: 'num' }, fmt.bytes(m['read-bytes'])),
        h('td', { class: 'num' }, fmt.bytes(m['write-bytes'])),
        h('td', { class: 'num' }, fmt.percent(m['busy-ratio'])),
        h('td', { class: 'num' }, fmt.percent(m['idle-ratio'])),
        h('td', {}, h('span', { class: `bp bp-${m['backpressure-level']}` }, `${m['backpressure-level']} (${fmt.percent(m['backpressure-ratio'])})`)),
        h('td', { class: 'num' }, m['input-lag'] === null ? '–' : fmt.count(m['input-lag'])),
        h('td', { class: 'mono' }, fmt.watermark(m['input-watermark'])),
        h('td', { class: 'mono' }, fmt.watermark(m['output-watermark'])),
        h('td', { class: 'num' }, fmt.duration(s.duration)));
    });
    fill(vertexPanel,
      h('div', { class: 'title-row' }, h('h2', {}, `${vertex.name} `, h('span', { class: 'muted' }, `${vertex.operator} · parallelism ${vertex.parallelism} · max ${vertex.maxParallelism}`)),
        h('button', { type: 'button', class: 'secondary', onclick: () => select(null) }, 'Close')),
      h('section', { class: 'stats' },
        stat(fmt.watermark(vertex.watermarks.input), 'input watermark (min over subtasks)', { id: 'vertex-input-watermark' }),
        stat(fmt.watermark(vertex.watermarks.output), 'output watermark'),
        stat(backpressure['backpressure-level'], `back-pressure (${backpressure.status})`, { class: `stat bp-stat bp-${backpressure['backpressure-level']}` })),
      table(['#Subtask', 'Status', 'Task manager', '#Records in', '#Records out', '#In/s', '#Bytes in', '#Bytes out', '#Busy', '#Idle',
        'Back-pressure', '#Input lag', 'Input watermark', 'Output watermark', '#Duration'], rows, { id: 'subtask-table' }),
      h('p', { class: 'muted small' }, 'Back-pressure is the larger of the share of time a subtask was blocked writing its output and the share of time a downstream subtask had more than one fetch of its output waiting in Kafka.'));
    vertexPanel.hidden = false;
  }

  return {
    async refresh() {
      const plan = await get(`jobs/${jobId}/plan`);
      lastPlan = plan;
      graph.update(plan.plan.nodes);
      graph.select(selected);
      renderVertices(plan);
      await refreshVertex();
    },
    destroy() {
      graph.destroy();
    },
  };
}

// ---- exceptions tab ------------------------------------------------------------------------------------------

function exceptionsTab(content, jobId) {
  return {
    async refresh() {
      const exceptions = await get(`jobs/${jobId}/exceptions`);
      const entries = exceptions.exceptionHistory.entries;
      if (!entries.length) {
        fill(content, h('p', { class: 'empty', id: 'no-exceptions' }, 'No exceptions: the job has not failed.'));
        return;
      }
      fill(content,
        exceptions['root-exception'] ? h('section', { class: 'panel' }, h('h2', {}, 'Root exception'), h('pre', { class: 'trace' }, exceptions['root-exception'])) : '',
        h('h2', {}, 'Exception history'),
        table(['Time', 'Exception', 'Task', 'Location'], entries.map((e) => h('tr', {},
          h('td', {}, fmt.time(e.timestamp)),
          h('td', {}, h('details', {}, h('summary', {}, e.exceptionName), h('pre', { class: 'trace' }, e.stacktrace))),
          h('td', {}, e.taskName || '–'),
          h('td', { class: 'mono' }, e.location || '–'))), { id: 'exceptions-table' }));
    },
    destroy() {},
  };
}

// ---- checkpoints tab -----------------------------------------------------------------------------------------

function checkpointsTab(content, jobId, config) {
  const summary = h('div', { id: 'checkpoint-summary' });
  const canvasBox = h('div', { class: 'chart-box' }, h('canvas', { id: 'checkpoint-chart', 'aria-label': 'Checkpoint duration and size over time' }));
  const history = h('div', { id: 'checkpoint-history' });
  let chart = null;
  let shown = false;
  return {
    async refresh(details) {
      const checkpointing = config() && config()['execution-config'].checkpointing;
      if (!checkpointing) {
        fill(content, h('p', { class: 'empty' }, 'This job does not checkpoint. Add "checkpointing": {"interval": "10s"} to its spec.'));
        return;
      }
      if (!shown) {
        fill(content, summary, h('h2', {}, 'Duration and size'), canvasBox, h('h2', {}, 'History'), history);
        chart = new CheckpointChart(canvasBox.querySelector('canvas'));
        shown = true;
      }
      const stats = await get(`jobs/${jobId}/checkpoints`);
      const c = stats.counts;
      const latest = stats.latest.completed;
      const s = stats.summary;
      fill(summary,
        h('section', { class: 'stats' },
          stat(c.completed, 'completed', { id: 'checkpoints-completed' }),
          stat(c.in_progress, 'in progress'),
          stat(c.failed, 'failed', { class: c.failed > 0 ? 'stat failed' : 'stat' }),
          stat(c.restored, 'restored'),
          stat(latest ? fmt.age(details.now - latest.latest_ack_timestamp) : '–', 'last completed', { id: 'checkpoint-age' }),
          stat(`every ${fmt.duration(checkpointing['interval-ms'])}`, `${checkpointing.mode.toLowerCase().replace('_', '-')} mode`)),
        table(['', '#Minimum', '#Average', '#Maximum', '#p99'], [
          h('tr', {}, h('td', {}, 'End-to-end duration'), ...['min', 'avg', 'max', 'p99'].map((k) => h('td', { class: 'num' }, fmt.duration(s.end_to_end_duration[k])))),
          h('tr', {}, h('td', {}, 'State size'), ...['min', 'avg', 'max', 'p99'].map((k) => h('td', { class: 'num' }, fmt.bytes(s.state_size[k])))),
        ]),
        stats.latest.failed ? h('p', { class: 'error-text' }, `Latest failure: checkpoint ${stats.latest.failed.id}: ${stats.latest.failed.failure_message || 'unknown reason'}`) : '');
      chart.add(stats.history.filter((cp) => cp.status === 'COMPLETED'));
      fill(history, stats.history.length
        ? table(['#ID', 'Status', 'Type', 'Triggered', 'Acknowledged', '#Subtasks', '#Duration', '#State size'], stats.history.map((cp) => h('tr', { dataset: { checkpoint: cp.id, status: cp.status } },
          h('td', { class: 'num' }, cp.id),
          h('td', {}, stateBadge(cp.status)),
          h('td', {}, cp.is_savepoint ? 'savepoint' : cp.checkpoint_type),
          h('td', {}, fmt.time(cp.trigger_timestamp)),
          h('td', {}, fmt.time(cp.latest_ack_timestamp)),
          h('td', { class: 'num' }, `${cp.num_acknowledged_subtasks} / ${cp.num_subtasks}`),
          h('td', { class: 'num' }, fmt.duration(cp.end_to_end_duration)),
          h('td', { class: 'num' }, fmt.bytes(cp.state_size)))), { id: 'checkpoint-table' })
        : h('p', { class: 'empty' }, 'No checkpoint yet.'));
    },
    destroy() {
      if (chart) chart.destroy();
    },
  };
}

// ---- configuration tab ---------------------------------------------------------------------------------------

function configurationTab(content, jobId, config) {
  return {
    async refresh(details) {
      const c = config()['execution-config'];
      const rows = [
        ['Job ID', details.jid], ['Name', details.name], ['Default parallelism', c['job-parallelism']], ['Max parallelism (key groups)', c['max-parallelism']],
        ['Checkpointing', c.checkpointing ? `every ${fmt.duration(c.checkpointing['interval-ms'])}, ${c.checkpointing.mode}, timeout ${fmt.duration(c.checkpointing['timeout-ms'])}` : 'off'],
        ['Restart strategy', `fixed delay: ${c['restart-strategy'].attempts} attempts, ${fmt.duration(c['restart-strategy']['delay-ms'])} apart`],
      ].map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, String(v))));
      const chains = details.plan.chains.map((chain) => h('tr', {},
        h('td', { class: 'mono' }, chain.id.slice(0, 8)),
        h('td', {}, chain.vertices.map((v) => (details.vertices.find((x) => x.id === v) || { name: v }).name).join(' → ')),
        h('td', { class: 'num' }, chain.parallelism)));
      const channels = details.plan.channels.map((ch) => h('tr', {},
        h('td', { class: 'mono' }, ch.topic),
        h('td', {}, ch['ship-strategy']),
        h('td', { class: 'num' }, ch.partitions)));
      fill(content,
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid keyvalue', id: 'config-table' }, h('tbody', {}, rows))),
        h('h2', {}, 'Tasks (operator chains)'), table(['Chain', 'Operators', '#Parallelism'], chains),
        h('h2', {}, 'Kafka channels'), channels.length ? table(['Topic', 'Ship strategy', '#Partitions'], channels) : h('p', { class: 'empty' }, 'No channels: the whole job is one chain.'));
    },
    destroy() {},
  };
}
