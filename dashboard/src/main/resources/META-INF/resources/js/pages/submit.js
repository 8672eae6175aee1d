// Submit a job: paste or upload a JSON spec, or run a jar. A 400 lists every problem next to the JSON path (and line) it is at.

import { send } from '../api.js';
import { fill, h, showBanner } from '../dom.js';
import { lineOf, linesOfPaths } from '../jsonlines.js';
import { jarForm } from './jarupload.js';

const EXAMPLE = `{
  "name": "numbers",
  "parallelism": 2,
  "checkpointing": {"interval": "5s"},
  "operators": [
    {"id": "numbers", "type": "generator", "kind": "sequence", "rate": 1000},
    {"id": "evens", "type": "filter", "input": "numbers", "condition": "value % 2 == 0"},
    {"id": "counts", "type": "count", "input": "evens", "key-by": "value % 10"},
    {"id": "out", "type": "print", "input": "counts"}
  ]
}`;

export function render(view) {
  const editor = h('textarea', { id: 'spec-text', spellcheck: 'false', rows: 16, 'aria-label': 'Job spec (JSON)' });
  editor.value = sessionStorage.getItem('sluice.draft') || EXAMPLE;
  editor.addEventListener('input', () => sessionStorage.setItem('sluice.draft', editor.value));
  const errors = h('ul', { id: 'spec-errors', class: 'field-errors', hidden: true });
  const status = h('p', { id: 'submit-status', class: 'muted' });
  const button = h('button', { id: 'submit-button', type: 'submit' }, 'Submit');
  const file = h('input', { id: 'spec-file', type: 'file', accept: '.json,application/json' });
  file.addEventListener('change', async () => {
    if (file.files.length) {
      editor.value = await file.files[0].text();
      sessionStorage.setItem('sluice.draft', editor.value);
      fill(errors);
      errors.hidden = true;
    }
  });

  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = 'Submitting…';
    fill(errors);
    errors.hidden = true;
    try {
      const response = await send('POST', 'jobs', editor.value);
      showBanner('');
      sessionStorage.removeItem('sluice.draft');
      location.hash = `#/jobs/${response.jobid}`;
    } catch (e) {
      status.textContent = '';
      const fieldErrors = e.problem && e.problem['field-errors'];
      if (e.status === 400 && Array.isArray(fieldErrors)) {
        showErrors(errors, editor, fieldErrors);
        status.textContent = e.problem.detail || 'The spec was rejected.';
      } else {
        showBanner(e.message);
      }
    } finally {
      button.disabled = false;
    }
  };

  fill(view,
    h('h1', {}, 'Submit a job'),
    h('p', { class: 'muted' }, 'Paste a JSON job spec or load a file (see examples/ in the repository).'),
    h('form', { id: 'submit-form', class: 'submit-form', onsubmit: submit },
      h('div', { class: 'toolbar' }, h('label', { for: 'spec-file' }, 'Load file '), file),
      editor,
      errors,
      h('div', { class: 'toolbar' }, button, status)),
    h('h2', {}, 'Run a jar'),
    h('p', { class: 'muted' }, 'Upload a job jar built with platform-api (see examples/java-job) and run one of its entry classes.'),
    jarForm());
  return null;
}

function showErrors(list, editor, fieldErrors) {
  const lines = linesOfPaths(editor.value);
  fill(list, fieldErrors.map((error) => {
    const line = lineOf(lines, error.field);
    return h('li', { class: 'field-error', dataset: { field: error.field } },
      h('button', {
        type: 'button', class: 'link', title: 'Show in the editor',
        onclick: () => selectLine(editor, line),
      }, h('code', { class: 'path' }, error.field), ` line ${line}`),
      h('span', { class: 'reason' }, error.reason));
  }));
  list.hidden = false;
  if (fieldErrors.length) selectLine(editor, lineOf(lines, fieldErrors[0].field), false);
}

function selectLine(editor, line, focus = true) {
  const text = editor.value;
  let start = 0;
  for (let l = 1; l < line && start >= 0; l++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  if (focus) editor.focus();
  editor.setSelectionRange(start, end < 0 ? text.length : end);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
  editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
