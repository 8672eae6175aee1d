// The engine's REST API (same origin). Mutating calls carry "Authorization: Bearer <token>" with the token kept in
// localStorage['sluice.token']; on 401/403 the user is asked for a token and the call is retried once.

import { byId } from './dom.js';

const TOKEN_KEY = 'sluice.token';

export class ApiError extends Error {
  /** @param problem the RFC 7807 body, when the engine sent one */
  constructor(message, status = 0, problem = null) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export const get = (path) => call('GET', path);
export const send = (method, path, body, contentType = 'application/json') => call(method, path, body, contentType);

async function call(method, path, body, contentType, retried = false) {
  const headers = { Accept: 'application/json, application/problem+json' };
  // A FormData body (a jar upload) sets its own multipart Content-Type with the boundary.
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = contentType;
  const token = localStorage.getItem(TOKEN_KEY);
  if (method !== 'GET' && token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch {
    throw new ApiError('Cannot reach the Sluice engine. Is it running? Start it with ./sluice local.');
  }
  if ((response.status === 401 || response.status === 403) && !retried) {
    if (await askForToken()) return call(method, path, body, contentType, true);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail = json && (json.detail || json.title);
    throw new ApiError(`${method} ${path}: HTTP ${response.status}${detail ? ` — ${detail}` : ''}`, response.status, json);
  }
  return json;
}

/** Resolves true once the user saved a token, false if they cancelled. */
function askForToken() {
  const dialog = byId('token-dialog');
  const input = byId('token-input');
  input.value = localStorage.getItem(TOKEN_KEY) || '';
  return new Promise((resolve) => {
    const done = (saved) => {
      dialog.removeEventListener('close', onClose);
      byId('token-cancel').removeEventListener('click', onCancel);
      resolve(saved);
    };
    const onClose = () => {
      const token = input.value.trim();
      if (dialog.returnValue === 'save' && token) {
        localStorage.setItem(TOKEN_KEY, token);
        done(true);
      } else {
        done(false);
      }
    };
    const onCancel = () => dialog.close('cancel');
    dialog.addEventListener('close', onClose);
    byId('token-cancel').addEventListener('click', onCancel);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
