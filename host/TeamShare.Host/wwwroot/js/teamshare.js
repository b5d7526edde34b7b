// The one shared ES module (issue 13): the API client, uploads with progress, and what more than one page renders (an
// upload's progress row, a line of "People with access"). Pages import what they use; nothing is global.

/** The page's language (issue 11): the server chose it and wrote it on <html lang>. */
export const lang = document.documentElement.lang || 'en';
const words = JSON.parse(document.getElementById('script-words')?.textContent || '{}');

/**
 * A script's sentence in the page's language ({0}, {1} take the values); keys are the English text, as on the server, with
 * "|context" after it where one English word needs two translations ("viewer|role").
 */
export const t = (english, ...values) => (words[english] ?? english.split('|')[0]).replace(/\{(\d)\}/g, (_, i) => values[i]);

/** "{0} file" / "{0} files" with the language's plural form: Polish has three, its other two keyed "…|few" and "…|many". */
export function plural(n, one, other) {
  const form = new Intl.PluralRules(lang).select(n);
  return form === 'one' ? t(one, n) : lang === 'en' ? t(other, n) : t(`${other}|${form === 'few' ? 'few' : 'many'}`, n);
}

/** A role as the pages name it ("owner", "editor", "viewer" → Owner, Editor, Viewer), in the page's language. */
export const roleName = role => t(role === 'owner' ? 'Owner' : role === 'editor' ? 'Editor' : 'Viewer');

/** A date, or a date and time, as the page's language writes them. */
export const date = value => new Date(value).toLocaleDateString(lang, { dateStyle: 'medium' });
export const dateTime = value => new Date(value).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

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
    xhr.addEventListener('error', () => resolve({ ok: false, status: 0, data: { detail: t('The connection failed. Try again.') } }));
    if (method === 'PUT') { xhr.send(file); return; }
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** One sentence from an RFC 7807 problem: the first field error, else the detail. */
export function describe(problem) {
  const fieldErrors = problem?.errors ? Object.values(problem.errors).flat() : [];
  return fieldErrors[0] ?? problem?.detail ?? problem?.title ?? t('Something went wrong.');
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
    label.textContent = t('{0}: uploading…', file.name);
    const bar = document.createElement('progress');
    bar.max = 100; bar.value = 0;
    bar.setAttribute('aria-label', t('Uploading {0}', file.name));
    row.append(label, bar);
    list.append(row);
    const result = await upload(url, file, fraction => { bar.value = Math.round(fraction * 100); });
    if (result.ok) { bar.value = 100; label.textContent = t('{0}: uploaded', file.name); }
    else { failed.push(`${file.name}: ${describe(result.data)}`); label.textContent = failed.at(-1); bar.remove(); }
  }
  return failed;
}

/** Who a line of "People with access" names, and how they have it (SH-6): the same on the share dialog and the file view. */
export function accessText(entry, { addedBy = false } = {}) {
  return entry.principal.displayName + (entry.inheritedFrom ? ' · ' + t('through “{0}”', entry.inheritedFrom) : '') +
    (addedBy && entry.addedBy ? ' · ' + t('added by {0}', entry.addedBy) : '') +
    (entry.expiresAt ? ' · ' + t('until {0}', date(entry.expiresAt)) : '');
}

/** Drop files on `zone` to hand them to `take`, as choosing them would (issue 12). */
export function dropZone(zone, take) {
  zone?.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone?.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone?.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('dragging'); take([...e.dataTransfer.files]); });
}
