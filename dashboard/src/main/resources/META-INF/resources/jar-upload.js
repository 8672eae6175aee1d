// Sluice dashboard piece: submit a job jar. Self-contained ES module, no dependencies:
//   import { mountJarUpload } from './jar-upload.js';
//   mountJarUpload(document.getElementById('somewhere'));
// It renders a form (jar file, entry class, parallelism, program arguments), uploads the jar to POST /jars/upload
// (multipart field "jarfile"), fills the entry classes the engine found, and runs it with POST /jars/{id}/run.
// Text from the engine or the jar goes into the page with textContent only.

const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child));
  return node;
};

/** The engine's RFC 7807 problem as text: detail, plus what the jar's program printed when it failed. */
async function problem(response) {
  try {
    const body = await response.json();
    return { detail: body.detail || body.title || `HTTP ${response.status}`, output: body.output || '' };
  } catch {
    return { detail: `HTTP ${response.status}`, output: '' };
  }
}

/**
 * Renders the jar submit form into container.
 * @param {HTMLElement} container
 * @param {{restBase?: string, onSubmitted?: (jobId: string) => void}} options
 */
export function mountJarUpload(container, { restBase = '', onSubmitted = () => {} } = {}) {
  const file = el('input', { type: 'file', name: 'jarfile', accept: '.jar', id: 'jar-file', required: '' });
  const entry = el('select', { id: 'jar-entry', disabled: '' });
  const parallelism = el('input', { type: 'number', min: '1', id: 'jar-parallelism', placeholder: 'job default' });
  const args = el('input', { type: 'text', id: 'jar-args', placeholder: 'program arguments, space-separated' });
  const run = el('button', { type: 'submit', id: 'jar-run', disabled: '' }, 'Run');
  const status = el('p', { id: 'jar-status', role: 'status' });
  const output = el('pre', { id: 'jar-output', hidden: '' });
  const form = el('form', { class: 'jar-upload' },
    el('label', {}, 'Jar ', file), el('label', {}, 'Entry class ', entry),
    el('label', {}, 'Parallelism ', parallelism), el('label', {}, 'Arguments ', args), run, status, output);
  container.append(form);
  let jarId = null;

  const show = (text, failure = null) => {
    status.textContent = text;
    output.hidden = !failure || !failure.output;
    output.textContent = failure ? failure.output : '';
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
      const response = await fetch(`${restBase}/jars/upload`, { method: 'POST', body });
      if (!response.ok) return show(`Upload refused: ${(await problem(response)).detail}`);
      jarId = (await response.json()).id;
      const jars = await (await fetch(`${restBase}/jars`)).json();
      const stored = jars.files.find((f) => f.id === jarId);
      (stored ? stored.entry : []).forEach((e) => entry.append(el('option', { value: e.name }, e.name)));
      entry.disabled = false;
      run.disabled = false;
      show(entry.options.length ? `Uploaded ${file.files[0].name}.` : `Uploaded ${file.files[0].name}; no entry class found.`);
    } catch {
      show('Cannot reach the Sluice engine.');
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!jarId) return;
    const request = { programArgs: args.value };
    if (entry.value) request.entryClass = entry.value;
    if (parallelism.value) request.parallelism = Number(parallelism.value);
    run.disabled = true;
    show('Building the job graph…');
    try {
      const response = await fetch(`${restBase}/jars/${encodeURIComponent(jarId)}/run`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
      });
      if (!response.ok) {
        const failure = await problem(response);
        return show(`Not started: ${failure.detail}`, failure);
      }
      const { jobid } = await response.json();
      show(`Submitted job ${jobid}.`);
      onSubmitted(jobid);
    } catch {
      show('Cannot reach the Sluice engine.');
    } finally {
      run.disabled = false;
    }
  });
}
