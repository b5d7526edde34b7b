// My files: upload with one progress bar per file (button or drag-and-drop) and new folder.
(() => {
  const actions = document.getElementById('folder-actions');
  if (!actions) return;
  const { spaceId, folderId } = actions.dataset;
  const list = document.getElementById('upload-progress');
  const error = document.getElementById('folder-error');

  const showError = message => { error.textContent = message; error.classList.remove('d-none'); };
  // Errors of an upload batch outlive the reload that shows the files that did arrive (issue 12).
  const kept = sessionStorage.getItem('teamshare.upload-errors');
  if (kept) { sessionStorage.removeItem('teamshare.upload-errors'); showError(JSON.parse(kept).join(' ')); }

  async function uploadAll(files) {
    error.classList.add('d-none');
    const failed = [];
    for (const file of files) {
      const row = document.createElement('li');
      row.className = 'mb-2';
      const label = document.createElement('label');
      label.textContent = file.name;
      const bar = document.createElement('progress');
      bar.max = 100; bar.value = 0;
      bar.setAttribute('aria-label', `Uploading ${file.name}`);
      row.append(label, bar);
      list.append(row);
      const result = await teamshare.upload(`/api/spaces/${spaceId}/files?parentId=${folderId}`, file,
        fraction => { bar.value = Math.round(fraction * 100); });
      if (result.ok) { bar.value = 100; label.textContent = `${file.name}: uploaded`; }
      else { failed.push(`${file.name}: ${teamshare.describe(result.data)}`); showError(failed.join(' ')); bar.remove(); }
    }
    if (failed.length < files.length) {
      if (failed.length) sessionStorage.setItem('teamshare.upload-errors', JSON.stringify(failed));
      window.location.reload();
    }
  }

  document.getElementById('upload-input').addEventListener('change', e => uploadAll([...e.target.files]));

  const zone = document.getElementById('drop-zone');
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('dragging'); uploadAll([...e.dataTransfer.files]); });

  document.getElementById('new-folder-form').addEventListener('submit', async e => {
    e.preventDefault();
    const name = document.getElementById('new-folder-name').value;
    const result = await teamshare.api('POST', `/api/spaces/${spaceId}/folders`, { name, parentId: folderId });
    if (result.ok) window.location.reload(); else showError(teamshare.describe(result.data));
  });
})();
