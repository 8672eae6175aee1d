// Run a job jar: upload it (POST /jars/upload, multipart field "jarfile"), pick one of the entry classes the engine
// found, and run it (POST /jars/{id}/run). Errors of the jar's program come back in the 400 body with its output.

import { get, send } from '../api.js';
import { h } from '../dom.js';

export function jarForm() {
  const file = h('input', { id: 'jar-file', type: 'file', accept: '.jar', 'aria-label': 'Job jar' });
  const entry = h('select', { id: 'jar-entry', disabled: true, 'aria-label': 'Entry class' });
  const parallelism = h('input', { id: 'jar-parallelism', type: 'number', min: '1', placeholder: 'job default' });
  const args = h('input', { id: 'jar-args', type: 'text', placeholder: 'program arguments, space-separated' });
  const run = h('button', { id: 'jar-run', type: 'submit', disabled: true }, 'Run jar');
  const status = h('p', { id: 'jar-status', class: 'muted', role: 'status' });
  const output = h('pre', { id: 'jar-output', hidden: true });
  let jarId = null;

  const show = (text, programOutput = '') => {
    status.textContent = text;
    output.hidden = !programOutput;
    output.textContent = programOutput;
  };

  file.addEventListener('change', async () => {
    jarId = null;
    run.disabled = true;
    entry.disabled = true;
    entry.replaceChildren();
    if (!file.files.length) return;
    show('Uploading…');
    const body = new FormData();
    body.append('jarfile', file.files[0]);
    try {
      jarId = (await send('POST', 'jars/upload', body)).id;
      const stored = (await get('jars')).files.find((f) => f.id === jarId);
      (stored ? stored.entry : []).forEach((e) => entry.append(h('option', { value: e.name }, e.name)));
      entry.disabled = false;
      run.disabled = false;
      show(entry.options.length ? `Uploaded ${file.files[0].name}.` : `Uploaded ${file.files[0].name}; no entry class found.`);
    } catch (e) {
      show(`Upload refused: ${e.message}`);
    }
  });

  const submit = async (event) => {
    event.preventDefault();
    if (!jarId) return;
    const request = { programArgs: args.value };
    if (entry.value) request.entryClass = entry.value;
    if (parallelism.value) request.parallelism = Number(parallelism.value);
    run.disabled = true;
    show('Building the job graph…');
    try {
      const { jobid } = await send('POST', `jars/${encodeURIComponent(jarId)}/run`, JSON.stringify(request));
      location.hash = `#/jobs/${jobid}`;
    } catch (e) {
      show(`Not started: ${e.message}`, (e.problem && e.problem.output) || '');
    } finally {
      run.disabled = false;
    }
  };

  return h('form', { id: 'jar-form', class: 'submit-form', onsubmit: submit },
    h('div', { class: 'toolbar' },
      h('label', { for: 'jar-file' }, 'Jar '), file,
      h('label', { for: 'jar-entry' }, 'Entry class '), entry,
      h('label', { for: 'jar-parallelism' }, 'Parallelism '), parallelism),
    h('div', { class: 'toolbar' }, args, run),
    status, output);
}
