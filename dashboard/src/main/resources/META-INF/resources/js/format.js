// Formatting of times, sizes, rates and ratios for display.

const pad = (n) => String(n).padStart(2, '0');

export function time(millis) {
  if (typeof millis !== 'number' || millis <= 0) return '–';
  const d = new Date(millis);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function clock(millis) {
  if (typeof millis !== 'number' || millis <= 0) return '–';
  const d = new Date(millis);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function duration(millis) {
  if (typeof millis !== 'number' || millis < 0 || Number.isNaN(millis)) return '–';
  if (millis < 1000) return `${Math.round(millis)} ms`;
  const s = Math.floor(millis / 1000);
  if (s < 60) return `${(millis / 1000).toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return `${hours}h ${pad(m % 60)}m`;
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

export function age(millis) {
  if (typeof millis !== 'number' || millis < 0) return '–';
  if (millis < 1000) return 'just now';
  return `${duration(millis)} ago`;
}

export function bytes(n) {
  if (typeof n !== 'number' || n < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function count(n) {
  if (typeof n !== 'number') return '–';
  return n.toLocaleString('en-US');
}

export function rate(n) {
  if (typeof n !== 'number') return '–';
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k/s`;
  return `${n.toFixed(n < 10 && n > 0 ? 1 : 0)}/s`;
}

export function percent(ratio) {
  if (typeof ratio !== 'number') return '–';
  return `${Math.round(ratio * 100)}%`;
}

/** Watermarks are epoch millis, null before the first one (Flink: "No Watermark"). */
export function watermark(value) {
  if (typeof value !== 'number') return 'No watermark';
  return `${time(value)}.${String(((value % 1000) + 1000) % 1000).padStart(3, '0')}`;
}
