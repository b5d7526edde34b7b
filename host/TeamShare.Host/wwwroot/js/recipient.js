// Recipient page: unlock with a password, upload into a folder link, edit a document the link allows editing.
(() => {
  // Present when a member is signed in: their cookie then needs it on every change (the server checks it like the API's).
  const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
  const unlock = document.getElementById('unlock-form');
  unlock?.addEventListener('submit', async e => {
    e.preventDefault();
    const response = await fetch(unlock.dataset.unlock, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify({ password: document.getElementById('link-password').value }), credentials: 'same-origin',
    });
    if (response.ok) { location.reload(); return; }
    const problem = await response.json().catch(() => null);
    document.getElementById('unlock-error').textContent = problem?.detail ?? 'That did not work. Try again.';
  });

  const upload = document.getElementById('link-upload');
  async function uploadAll(files) {
    const list = document.getElementById('link-upload-progress');
    for (const file of files) {
      const row = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = `${file.name}: uploading…`;
      const bar = document.createElement('progress');
      bar.max = 100; bar.value = 0;
      bar.setAttribute('aria-label', `Uploading ${file.name}`);
      row.append(label, bar);
      list.append(row);
      const result = await teamshare.upload(upload.dataset.uploadUrl, file, f => { bar.value = Math.round(f * 100); });
      label.textContent = result.ok ? `${file.name}: uploaded` : `${file.name}: ${teamshare.describe(result.data)}`;
      if (!result.ok) bar.remove();
    }
  }
  document.getElementById('link-upload-input')?.addEventListener('change', e => uploadAll([...e.target.files]));
  // Files dragged onto the drop box upload like chosen ones (issue 12).
  const zone = document.getElementById('link-drop-zone');
  zone?.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone?.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone?.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('dragging'); uploadAll([...e.dataTransfer.files]); });

  const editor = document.getElementById('link-editor');
  const editorStatus = document.getElementById('link-editor-status');
  let editUrl = null;
  document.querySelectorAll('[data-edit-url]').forEach(button => button.addEventListener('click', async () => {
    // The editor opens only with the file's current content: saving an empty or stale text would overwrite the owner's file.
    editUrl = null;
    editor.classList.add('d-none');
    const source = await fetch(button.dataset.editUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    if (!source.ok) {
      const problem = await source.json().catch(() => null);
      editorStatus.textContent = `${button.dataset.name} cannot be opened for editing: ${problem?.detail ?? 'try again later.'}`;
      return;
    }
    const text = document.getElementById('link-editor-text');
    text.value = await source.text();
    delete text.dataset.dirty;
    document.getElementById('link-editor-label').textContent = `Content of ${button.dataset.name}`;
    editorStatus.textContent = '';
    editUrl = button.dataset.editUrl;
    editor.classList.remove('d-none');
  }));
  document.getElementById('link-editor-save')?.addEventListener('click', async () => {
    if (!editUrl) return;
    const response = await fetch(editUrl, {
      method: 'PUT', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: document.getElementById('link-editor-text').value, credentials: 'same-origin',
    });
    if (response.ok) delete document.getElementById('link-editor-text').dataset.dirty;
    editorStatus.textContent = response.ok ? 'Saved as a new version.' : 'Saving did not work.';
  });
})();
