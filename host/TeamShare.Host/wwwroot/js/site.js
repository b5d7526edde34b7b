// Behaviours of every page, loaded by the layout as a module (nothing global); pages import /js/teamshare.js for the API.
import { t, dateTime } from '/js/teamshare.js';

// Irreversible actions ask first, naming what will happen (issue 12): a form or a button with data-confirm, or a switch with
// data-confirm-off that was on and is being turned off (issue 28: external sharing). Listening in the capture phase on the
// document runs before the page's own handlers, so a "no" stops them too. A question about a choice made in the form
// (data-confirm-choice names the field) names what was chosen; with nothing chosen the server says what is missing.
document.addEventListener('submit', e => {
  const turnedOff = [...(e.target.querySelectorAll?.('input[type="checkbox"][data-confirm-off]') ?? [])]
    .find(box => box.defaultChecked && !box.checked);
  let question = e.target.dataset?.confirm ?? turnedOff?.dataset.confirmOff;
  const choice = e.target.dataset?.confirmChoice && e.target.elements[e.target.dataset.confirmChoice];
  if (choice) question = choice.value ? question.replace('{choice}', choice.selectedOptions[0].text) : null;
  if (question && !confirm(question)) { e.preventDefault(); e.stopImmediatePropagation(); }
}, true);
document.addEventListener('click', e => {
  const button = e.target.closest?.('button[type="button"][data-confirm]');
  if (button && !confirm(button.dataset.confirm)) { e.preventDefault(); e.stopImmediatePropagation(); }
}, true);

// Times in the viewer's own zone (issue 12): pages write <time datetime> in UTC; the UTC text stays as the tooltip.
document.querySelectorAll('time[datetime]').forEach(time => {
  const at = new Date(time.getAttribute('datetime'));
  if (Number.isNaN(at.getTime())) return;
  time.title = time.textContent.trim();
  time.textContent = dateTime(at);
});

// Issue 28: the browser's time zone for mails: sent along with a sign-in (kept when the member has none) and proposed on the
// account page while none is chosen.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
document.querySelectorAll('input[data-browser-time-zone]').forEach(input => { input.value = browserZone ?? ''; });
document.querySelectorAll('select[data-browser-time-zone="propose"]').forEach(select => {
  if ([...select.options].some(option => option.value === browserZone)) select.value = browserZone;
});

// The phone menu's button folds the main menu open and shut.
document.addEventListener('click', e => {
  const toggle = e.target.closest?.('[data-toggle-menu]');
  if (!toggle) return;
  const menu = document.getElementById(toggle.getAttribute('aria-controls'));
  const open = menu.classList.toggle('show');
  toggle.setAttribute('aria-expanded', String(open));
});

// A button with data-copy puts its text on the clipboard (a share's link, again, from My Shares and the share's page).
document.addEventListener('click', async e => {
  const button = e.target.closest?.('button[data-copy]');
  if (!button) return;
  await navigator.clipboard.writeText(button.dataset.copy);
  const label = button.textContent;
  button.textContent = t('Copied');
  setTimeout(() => { button.textContent = label; }, 2000);
});

// Previews open in a dialog on the page, named, with Download and Close (issue 12), not as a bare tab of raw bytes: any
// button with data-preview-url. The frame is sandboxed on top of the response's own sandboxing CSP, except for PDF, whose
// viewer does not run sandboxed (its response CSP allows nothing else).
function previewDialog() {
  let dialog = document.getElementById('preview-dialog');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = 'preview-dialog';
    dialog.className = 'preview-dialog';
    dialog.setAttribute('aria-labelledby', 'preview-dialog-title');
    dialog.innerHTML = `<div class="d-flex justify-content-between align-items-center gap-2 mb-2">
        <h2 class="h5 mb-0 text-truncate" id="preview-dialog-title"></h2>
        <span class="d-flex gap-2"><a class="btn btn-sm btn-primary" download>${t('Download')}</a>
        <button type="button" class="btn btn-sm btn-outline-secondary" data-close>${t('Close')}</button></span></div><div></div>`;
    dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.lastElementChild.replaceChildren(); dialog.opener?.focus(); });
    document.body.append(dialog);
  }
  return dialog;
}

function openPreview(button, body) {
  const dialog = previewDialog();
  const name = button.dataset.name;
  dialog.opener = button;
  dialog.querySelector('h2').textContent = name;
  dialog.lastElementChild.replaceChildren(body);
  const download = dialog.querySelector('a[download]');
  download.classList.toggle('d-none', !button.dataset.downloadUrl);
  download.href = button.dataset.downloadUrl || '#';
  download.setAttribute('aria-label', t('Download {0}', name));
  dialog.showModal();
}

document.addEventListener('click', e => {
  const button = e.target.closest?.('button[data-preview-url]');
  if (!button) return;
  const frame = document.createElement('iframe');
  frame.className = 'preview-frame';
  frame.title = t('Preview of {0}', button.dataset.name);
  if (button.dataset.pdf !== 'true') frame.setAttribute('sandbox', '');
  frame.src = button.dataset.previewUrl;
  openPreview(button, frame);
});

// Documents, PDF and images as rendered pages (issue 25): the same viewer in the dialog (links) and on the file's page
// (members). Asking for the pages opens (and on a link counts) the preview; page images load as they come into view.
document.addEventListener('click', e => {
  const button = e.target.closest?.('button[data-pages-url]');
  if (!button) return;
  const viewer = document.createElement('div');
  viewer.className = 'pages-viewer in-dialog';
  viewer.dataset.pagesUrl = button.dataset.pagesUrl;
  viewer.dataset.name = button.dataset.name;
  openPreview(button, viewer);
  showPages(viewer);
});
document.querySelectorAll('[data-pages-viewer]').forEach(showPages);

async function showPages(viewer) {
  const url = viewer.dataset.pagesUrl;
  const name = viewer.dataset.name;
  const status = document.createElement('p');
  status.className = 'pages-status text-muted';
  status.setAttribute('role', 'status');
  viewer.replaceChildren(status);
  let info;
  for (let wait = 500; ; wait = Math.min(wait * 2, 4000)) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    info = response.ok ? await response.json() : { status: 'refused', detail: (await response.json().catch(() => ({}))).detail };
    if (info.status !== 'rendering') break;
    status.textContent = t('Rendering the pages…');
    await new Promise(resolve => setTimeout(resolve, wait));
  }
  if (info.status !== 'ready') {
    status.textContent = info.status === 'refused' ? (info.detail ?? t('There is no preview of this file.'))
      : info.reason === 'not_available' ? t('Preview not available on this server.') : t('There is no preview of this file.');
    return;
  }
  status.textContent = info.truncated ? t('The first {0} pages are shown.', info.pages) : '';
  const pages = [];
  for (let n = 1; n <= info.pages; n++) {
    const img = document.createElement('img');
    img.className = 'page';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.alt = t('Page {0} of {1}', n, info.pages);
    img.src = `${url}/${n}`;
    img.tabIndex = -1;
    img.addEventListener('load', () => img.classList.add('loaded'), { once: true });
    pages.push(img);
  }
  viewer.append(...pages);
  viewer.tabIndex = 0;
  // Arrow keys turn pages: the next page below the top of the viewer, or the one above.
  viewer.addEventListener('keydown', e => {
    if (!['ArrowDown', 'ArrowRight', 'PageDown', 'ArrowUp', 'ArrowLeft', 'PageUp'].includes(e.key)) return;
    e.preventDefault();
    const forward = ['ArrowDown', 'ArrowRight', 'PageDown'].includes(e.key);
    const top = viewer.getBoundingClientRect().top;
    const current = pages.findIndex(p => p.getBoundingClientRect().bottom > top + 8);
    const next = pages[Math.max(0, Math.min(pages.length - 1, (current < 0 ? 0 : current) + (forward ? 1 : -1)))];
    next.scrollIntoView({ block: 'start' });
  });
}

// Thumbnails (issue 25) are made in the background: while one is rendered (503) it is asked again, and dropped if there is none.
document.querySelectorAll('img[data-thumb]').forEach(img => {
  let tries = 0;
  const retry = () => {
    if (++tries > 6) { img.hidden = true; return; }
    setTimeout(() => { img.src = img.src.split('?')[0] + '?try=' + tries; }, 1500 * tries);
  };
  img.addEventListener('error', retry);
  if (img.complete && img.naturalWidth === 0) retry();
});

// Unsaved changes (issue 12): an editor marked data-unsaved-guard warns before the page is left while it holds typing that
// was not saved; the page's save clears the mark (data-dirty) once the server took the text.
document.addEventListener('input', e => { if (e.target.matches?.('[data-unsaved-guard]')) e.target.dataset.dirty = '1'; });
window.addEventListener('beforeunload', e => {
  if (document.querySelector('[data-unsaved-guard][data-dirty]')) { e.preventDefault(); e.returnValue = ''; }
});
