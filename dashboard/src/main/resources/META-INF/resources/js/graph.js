// The job graph: dagre lays the DAG out left to right, Cytoscape draws it. Nodes are coloured by back-pressure
// (Flink's ok / low / high), edges are labelled with their ship strategy and the records per second on them.
// A new layout is computed only when the graph's shape changes; metric updates just restyle it.

import * as fmt from './format.js';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 78;

const STYLE = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': NODE_WIDTH - 16,
      'text-valign': 'center',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2733',
      'background-color': '#e7f4ec',
      'border-width': 2,
      'border-color': '#3c9a64',
    },
  },
  { selector: 'node[bp = "low"]', style: { 'background-color': '#fff4d6', 'border-color': '#d49a00' } },
  { selector: 'node[bp = "high"]', style: { 'background-color': '#fbe0e0', 'border-color': '#c43c3c' } },
  { selector: 'node[bp = "none"]', style: { 'background-color': '#eef1f5', 'border-color': '#8c99a8' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#2563eb' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'line-color': '#8c99a8',
      'target-arrow-color': '#8c99a8',
      'target-arrow-shape': 'triangle',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
      color: '#3b4754',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': 2,
    },
  },
];

export class JobGraphView {
  constructor(container, onSelect) {
    this.container = container;
    this.onSelect = onSelect;
    this.cy = null;
    this.shape = '';
  }

  update(nodes) {
    const shape = JSON.stringify(nodes.map((n) => [n.id, n.inputs.map((i) => i.id)]));
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(nodes);
    }
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const node of nodes) {
      const el = this.cy.getElementById(node.id);
      el.data({ label: nodeLabel(node), bp: node.metrics.reported ? node.metrics['backpressure-level'] : 'none' });
      for (const input of node.inputs) {
        const upstream = byId.get(input.id);
        this.cy.getElementById(edgeId(input.id, node.id)).data({ label: edgeLabel(input, upstream) });
      }
    }
    this.container.dataset.nodes = String(this.cy.nodes().length);
    this.container.dataset.edges = String(this.cy.edges().length);
  }

  select(id) {
    if (!this.cy) return;
    this.cy.nodes().unselect();
    if (id) this.cy.getElementById(id).select();
  }

  build(nodes) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 110, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    nodes.forEach((n) => g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT }));
    nodes.forEach((n) => n.inputs.forEach((i) => g.setEdge(i.id, n.id)));
    dagre.layout(g);
    const elements = [
      ...nodes.map((n) => ({ group: 'nodes', data: { id: n.id, label: '', bp: 'none' }, position: { x: g.node(n.id).x, y: g.node(n.id).y } })),
      ...nodes.flatMap((n) => n.inputs.map((i) => ({ group: 'edges', data: { id: edgeId(i.id, n.id), source: i.id, target: n.id, label: '' } }))),
    ];
    if (this.cy) this.cy.destroy();
    this.cy = cytoscape({
      container: this.container,
      elements,
      style: STYLE,
      layout: { name: 'preset', fit: true, padding: 24 },
      autoungrabify: true,
      boxSelectionEnabled: false,
      minZoom: 0.3,
      maxZoom: 2,
    });
    this.cy.on('tap', 'node', (event) => this.onSelect(event.target.id()));
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
  }
}

const edgeId = (source, target) => `${source}->${target}`;

function nodeLabel(node) {
  const m = node.metrics;
  const lines = [node.description, `${node.operator} · parallelism ${node.parallelism}`];
  if (m.reported) {
    lines.push(`in ${fmt.rate(m['read-records-per-second'])} · out ${fmt.rate(m['write-records-per-second'])}`);
    lines.push(`busy ${fmt.percent(m['busy-ratio'])} · backpressure ${fmt.percent(m['backpressure-ratio'])}`);
  } else {
    lines.push('no metrics yet');
  }
  return lines.join('\n');
}

function edgeLabel(input, upstream) {
  const rate = upstream && upstream.metrics.reported ? `\n${fmt.rate(upstream.metrics['write-records-per-second'])}` : '';
  return `${input.ship_strategy}${rate}`;
}
