// Recipient page: unlock with a password, upload into a folder link, edit a document the link allows editing. The API client
// sends the anti-forgery token when a member is signed in: their cookie then needs it on every change.
import { api, dropZone, readText, t, uploadEach } from '/js/teamshare.js';

const unlock = document.getElementById('unlock-form');
unlock?.addEventListener('submit', async e => {
  e.preventDefault();
  const result = await api('POST', unlock.dataset.unlock, { password: document.getElementById('link-password').value });
  if (result.ok) { location.reload(); return; }
  document.getElementById('unlock-error').textContent = result.data?.detail ?? t('That did not work. Try again.');
});

const upload = document.getElementById('link-upload');
const uploadAll = files => uploadEach(document.getElementById('link-upload-progress'), files, upload.dataset.uploadUrl);
document.getElementById('link-upload-input')?.addEventListener('change', e => uploadAll([...e.target.files]));
// Files dragged onto the drop box upload like chosen ones (issue 12).
dropZone(document.getElementById('link-drop-zone'), uploadAll);

const editor = document.getElementById('link-editor');
const editorStatus = document.getElementById('link-editor-status');
let editUrl = null;
document.querySelectorAll('[data-edit-url]').forEach(button => button.addEventListener('click', async () => {
  // The editor opens only with the file's current content: saving an empty or stale text would overwrite the owner's file.
  editUrl = null;
  editor.classList.add('d-none');
  const source = await readText(button.dataset.editUrl);
  if (!source.ok) {
    editorStatus.textContent = t('{0} cannot be opened for editing: {1}', button.dataset.name, source.data?.detail ?? t('try again later.'));
    return;
  }
  const text = document.getElementById('link-editor-text');
  text.value = source.data;
  delete text.dataset.dirty;
  document.getElementById('link-editor-label').textContent = t('Content of {0}', button.dataset.name);
  editorStatus.textContent = '';
  editUrl = button.dataset.editUrl;
  editor.classList.remove('d-none');
}));
document.getElementById('link-editor-save')?.addEventListener('click', async () => {
  if (!editUrl) return;
  const result = await api('PUT', editUrl, document.getElementById('link-editor-text').value, 'text/plain; charset=utf-8');
  if (result.ok) delete document.getElementById('link-editor-text').dataset.dirty;
  editorStatus.textContent = t(result.ok ? 'Saved as a new version.' : 'Saving did not work.');
});
