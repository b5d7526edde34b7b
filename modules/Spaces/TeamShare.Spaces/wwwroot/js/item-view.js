// File view: save text as a new version, restore versions, rename, move, copy, delete.
import { accessText, api, describe, roleName, t, upload } from '/js/teamshare.js';

const root = document.getElementById('item-view');
if (root) {
  const id = root.dataset.itemId;
  const error = document.getElementById('item-error');
  const status = document.getElementById('item-status');
  const fail = result => { error.textContent = describe(result.data); error.classList.remove('d-none'); };
  const done = (message, then) => {
    status.textContent = message; status.classList.remove('d-none'); error.classList.add('d-none');
    setTimeout(then, 600);
  };
  const on = (selector, event, handler) => document.querySelector(selector)?.addEventListener(event, handler);

  // "People with access" (SH-6), read-only here; the share dialog changes it.
  (async () => {
    const list = document.getElementById('item-people');
    const result = await api('GET', `/api/items/${id}/access`);
    list.removeAttribute('aria-busy');
    if (!result.ok) return;
    list.replaceChildren(...result.data.map(entry => {
      const li = document.createElement('li');
      li.className = 'list-group-item d-flex justify-content-between gap-2';
      const who = document.createElement('span');
      who.textContent = accessText(entry);
      const role = document.createElement('span');
      role.className = entry.isOwner ? 'badge text-bg-dark' : 'text-muted';
      role.textContent = roleName(entry.isOwner ? 'owner' : entry.role);
      li.append(who, role);
      return li;
    }));
  })();

  on('#save-text', 'click', async () => {
    const result = await api('PUT', `/api/items/${id}/content`, document.getElementById('editor-text').value, 'text/plain; charset=utf-8');
    if (result.ok) {
      delete document.getElementById('editor-text').dataset.dirty;
      done(t('Saved as a new version.'), () => location.reload());
    } else fail(result);
  });

  on('#replace-input', 'change', async e => {
    const file = e.target.files[0];
    if (!file) return;
    const bar = document.getElementById('replace-progress');
    bar.classList.remove('d-none');
    const result = await upload(`/api/items/${id}/content`, file, f => { bar.value = Math.round(f * 100); }, 'PUT');
    bar.classList.add('d-none');
    if (result.ok) done(t('Replaced with {0}: saved as a new version.', file.name), () => location.reload()); else fail(result);
  });

  document.querySelectorAll('[data-restore-version]').forEach(button => button.addEventListener('click', async () => {
    const result = await api('POST', `/api/items/${id}/versions/${button.dataset.restoreVersion}/restore`);
    if (result.ok) done(t('Version {0} restored as the newest version.', button.dataset.restoreVersion), () => location.reload()); else fail(result);
  }));

  on('#rename-form', 'submit', async e => {
    e.preventDefault();
    const result = await api('PATCH', `/api/items/${id}`, { name: document.getElementById('rename-name').value });
    if (result.ok) done(t('Renamed.'), () => location.reload()); else fail(result);
  });

  on('#move-form', 'submit', async e => {
    e.preventDefault();
    const result = await api('PATCH', `/api/items/${id}`, { parentId: document.getElementById('target-folder').value });
    if (result.ok) done(t('Moved.'), () => location.reload()); else fail(result);
  });

  on('#copy-item', 'click', async () => {
    const result = await api('POST', `/api/items/${id}/copy`, { parentId: document.getElementById('target-folder').value });
    if (result.ok) done(t('Copied as {0}.', result.data.name), () => { location.href = `/items/${result.data.id}`; }); else fail(result);
  });

  on('#delete-item', 'click', async () => {
    const result = await api('DELETE', `/api/items/${id}`);
    if (result.ok) done(t('Moved to the trash.'), () => { location.href = root.dataset.back; }); else fail(result);
  });
}
