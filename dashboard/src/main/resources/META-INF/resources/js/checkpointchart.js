// Checkpoint duration and size over time (Chart.js). Points accumulate while the page is open, so the chart
// reaches further back than the engine's history of the last 10 checkpoints.

import * as fmt from './format.js';

const MAX_POINTS = 200;

export class CheckpointChart {
  constructor(canvas) {
    this.points = new Map();
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: [],
        datasets: [
          { label: 'End-to-end duration', data: [], yAxisID: 'duration', borderColor: '#2563eb', backgroundColor: '#2563eb', tension: 0.2 },
          { label: 'State size', data: [], yAxisID: 'size', borderColor: '#d97706', backgroundColor: '#d97706', tension: 0.2 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          duration: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'duration' }, ticks: { callback: (v) => fmt.duration(v) } },
          size: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'state size' }, ticks: { callback: (v) => fmt.bytes(v) } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx) => (ctx.dataset.yAxisID === 'size' ? `State size: ${fmt.bytes(ctx.parsed.y)}` : `Duration: ${fmt.duration(ctx.parsed.y)}`),
            },
          },
        },
      },
    });
  }

  /** Adds completed checkpoints (any order, repeats ignored) and redraws. */
  add(checkpoints) {
    let changed = false;
    for (const cp of checkpoints) {
      if (!this.points.has(cp.id)) {
        this.points.set(cp.id, cp);
        changed = true;
      }
    }
    if (!changed) return;
    const sorted = [...this.points.values()].sort((a, b) => a.id - b.id).slice(-MAX_POINTS);
    this.chart.data.labels = sorted.map((cp) => `#${cp.id} ${fmt.clock(cp.latest_ack_timestamp)}`);
    this.chart.data.datasets[0].data = sorted.map((cp) => cp.end_to_end_duration);
    this.chart.data.datasets[1].data = sorted.map((cp) => cp.state_size);
    this.chart.update();
  }

  destroy() {
    this.chart.destroy();
  }
}
