// File view: save text as a new version, restore versions, rename, move, copy, delete.
(() => {
  const root = document.getElementById('item-view');
  if (!root) return;
  const id = root.dataset.itemId;
  const error = document.getElementById('item-error');
  const status = document.getElementById('item-status');
  const fail = result => { error.textContent = teamshare.describe(result.data); error.classList.remove('d-none'); };
  const done = (message, then) => {
    status.textContent = message; status.classList.remove('d-none'); error.classList.add('d-none');
    setTimeout(then, 600);
  };
  const on = (selector, event, handler) => document.querySelector(selector)?.addEventListener(event, handler);

  on('#save-text', 'click', async () => {
    const response = await fetch(`/api/items/${id}/content`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Accept': 'application/json', 'RequestVerificationToken': teamshare.token() },
      body: document.getElementById('editor-text').value,
    });
    const data = await response.json();
    if (response.ok) done('Saved as a new version.', () => location.reload()); else fail({ data });
  });

  document.querySelectorAll('[data-restore-version]').forEach(button => button.addEventListener('click', async () => {
    const result = await teamshare.api('POST', `/api/items/${id}/versions/${button.dataset.restoreVersion}/restore`);
    if (result.ok) done(`Version ${button.dataset.restoreVersion} restored as the newest version.`, () => location.reload()); else fail(result);
  }));

  on('#rename-form', 'submit', async e => {
    e.preventDefault();
    const result = await teamshare.api('PATCH', `/api/items/${id}`, { name: document.getElementById('rename-name').value });
    if (result.ok) done('Renamed.', () => location.reload()); else fail(result);
  });

  on('#move-form', 'submit', async e => {
    e.preventDefault();
    const result = await teamshare.api('PATCH', `/api/items/${id}`, { parentId: document.getElementById('target-folder').value });
    if (result.ok) done('Moved.', () => location.reload()); else fail(result);
  });

  on('#copy-item', 'click', async () => {
    const result = await teamshare.api('POST', `/api/items/${id}/copy`, { parentId: document.getElementById('target-folder').value });
    if (result.ok) done(`Copied as ${result.data.name}.`, () => { location.href = `/items/${result.data.id}`; }); else fail(result);
  });

  on('#delete-item', 'click', async () => {
    const result = await teamshare.api('DELETE', `/api/items/${id}`);
    if (result.ok) done('Moved to the trash.', () => { location.href = root.dataset.back; }); else fail(result);
  });
})();
