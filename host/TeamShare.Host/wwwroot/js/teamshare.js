// The one shared ES module (issue 13): the API client, uploads with progress, and what more than one page renders (an
// upload's progress row, a line of "People with access"). Pages import what they use; nothing is global.

/** The anti-forgery token a signed-in page carries; the server checks it on every change made with the session cookie. */
export const token = () => document.querySelector('meta[name="request-verification-token"]')?.content ?? '';

/** One call to the JSON API: { ok, status, data }. A body is sent as JSON, or as it is with `type` (a text saved as a file). */
export async function api(method, url, body, type) {
  const headers = { 'Accept': 'application/json', 'RequestVerificationToken': token() };
  if (body !== undefined) headers['Content-Type'] = type ?? 'application/json';
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : type ? body : JSON.stringify(body),
  });
  return { ok: response.ok, status: response.status, data: await parsed(response) };
}

/** A file's text as it is (whatever its type, even JSON), or the problem that refused it. */
export async function readText(url) {
  const response = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
  return { ok: response.ok, status: response.status, data: response.ok ? await response.text() : await parsed(response) };
}

async function parsed(response) {
  const text = await response.text();
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

/** Uploads one file with XMLHttpRequest, because fetch cannot report upload progress: as a form (POST) or as the body (PUT). */
export function upload(url, file, onProgress, method = 'POST') {
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('RequestVerificationToken', token());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, data });
    });
    xhr.addEventListener('error', () => resolve({ ok: false, status: 0, data: { detail: 'The connection failed. Try again.' } }));
    if (method === 'PUT') { xhr.send(file); return; }
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** One sentence from an RFC 7807 problem: the first field error, else the detail. */
export function describe(problem) {
  const fieldErrors = problem?.errors ? Object.values(problem.errors).flat() : [];
  return fieldErrors[0] ?? problem?.detail ?? problem?.title ?? 'Something went wrong.';
}

/**
 * Uploads files one after another into `list`, each with its own row and progress bar; a refused file keeps its row with
 * the reason. Answers the reasons of the files that did not arrive.
 */
export async function uploadEach(list, files, url) {
  const failed = [];
  for (const file of files) {
    const row = document.createElement('li');
    row.className = 'mb-2';
    const label = document.createElement('span');
    label.className = 'me-2';
    label.textContent = `${file.name}: uploading…`;
    const bar = document.createElement('progress');
    bar.max = 100; bar.value = 0;
    bar.setAttribute('aria-label', `Uploading ${file.name}`);
    row.append(label, bar);
    list.append(row);
    const result = await upload(url, file, fraction => { bar.value = Math.round(fraction * 100); });
    if (result.ok) { bar.value = 100; label.textContent = `${file.name}: uploaded`; }
    else { failed.push(`${file.name}: ${describe(result.data)}`); label.textContent = failed.at(-1); bar.remove(); }
  }
  return failed;
}

/** Who a line of "People with access" names, and how they have it (SH-6): the same on the share dialog and the file view. */
export function accessText(entry, { addedBy = false } = {}) {
  return entry.principal.displayName + (entry.inheritedFrom ? ` · through “${entry.inheritedFrom}”` : '') +
    (addedBy && entry.addedBy ? ` · added by ${entry.addedBy}` : '') +
    (entry.expiresAt ? ` · until ${new Date(entry.expiresAt).toLocaleDateString()}` : '');
}

/** Drop files on `zone` to hand them to `take`, as choosing them would (issue 12). */
export function dropZone(zone, take) {
  zone?.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone?.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone?.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('dragging'); take([...e.dataTransfer.files]); });
}
