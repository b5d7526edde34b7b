// My files: upload with one progress bar per file (button or drag-and-drop) and new folder.
import { api, describe, dropZone, uploadEach } from '/js/teamshare.js';

const actions = document.getElementById('folder-actions');
if (actions) {
  const { spaceId, folderId } = actions.dataset;
  const list = document.getElementById('upload-progress');
  const error = document.getElementById('folder-error');

  const showError = message => { error.textContent = message; error.classList.remove('d-none'); };
  // Errors of an upload batch outlive the reload that shows the files that did arrive (issue 12).
  const kept = sessionStorage.getItem('teamshare.upload-errors');
  if (kept) { sessionStorage.removeItem('teamshare.upload-errors'); showError(JSON.parse(kept).join(' ')); }

  async function uploadAll(files) {
    error.classList.add('d-none');
    const failed = await uploadEach(list, files, `/api/spaces/${spaceId}/files?parentId=${folderId}`);
    if (failed.length) showError(failed.join(' '));
    if (failed.length < files.length) {
      if (failed.length) sessionStorage.setItem('teamshare.upload-errors', JSON.stringify(failed));
      window.location.reload();
    }
  }

  document.getElementById('upload-input').addEventListener('change', e => uploadAll([...e.target.files]));
  dropZone(document.getElementById('drop-zone'), uploadAll);

  document.getElementById('new-folder-form').addEventListener('submit', async e => {
    e.preventDefault();
    const name = document.getElementById('new-folder-name').value;
    const result = await api('POST', `/api/spaces/${spaceId}/folders`, { name, parentId: folderId });
    if (result.ok) window.location.reload(); else showError(describe(result.data));
  });
}

// List or grid of large thumbnails (issue 25), kept in this browser.
const table = document.getElementById('items-table');
const viewButtons = document.querySelectorAll('button[data-view]');
function showAs(view) {
  table?.classList.toggle('files-grid', view === 'grid');
  viewButtons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
}
viewButtons.forEach(b => b.addEventListener('click', () => { localStorage.setItem('teamshare.files-view', b.dataset.view); showAs(b.dataset.view); }));
showAs(localStorage.getItem('teamshare.files-view') ?? 'list');
