// Small DOM helpers. Text always goes in through textContent: job names and errors come from users.

export const byId = (id) => document.getElementById(id);

/** h('td', {class: 'num'}, 'text', childNode, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table in a box that scrolls sideways when the page is narrower than the table. */
export function table(headers, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid', ...attrs },
    h('thead', {}, h('tr', {}, headers.map((label) => {
      const numeric = label.startsWith('#');
      return h('th', { class: numeric ? 'num' : null }, numeric ? label.slice(1) : label);
    }))),
    h('tbody', {}, rows)));
}

export function stateBadge(state) {
  return h('span', { class: `state state-${String(state).toLowerCase()}` }, state);
}

export function stat(value, label, attrs = {}) {
  return h('div', { class: 'stat', ...attrs }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
}

/** An error a page reports at the top; an empty message hides it. */
export function showBanner(message) {
  const banner = byId('banner');
  banner.textContent = message || '';
  banner.hidden = !message;
}
