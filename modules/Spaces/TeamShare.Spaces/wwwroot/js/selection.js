// My files: act on selected rows, or on one row through its ⋮ menu: share, link, rename, move or copy, delete (SP-7, SH-1,
// LK-1). The selection bar shows only when something is selected and only the actions every selected item allows (issue 12).
import { api, describe, plural, t } from '/js/teamshare.js';

  const bar = document.getElementById('selection-bar');
  if (bar) {
  const boxes = [...document.querySelectorAll('[data-select]')];
  const selectAll = document.getElementById('select-all');
  const count = document.getElementById('selection-count');
  const error = document.getElementById('selection-error');
  const renameDialog = document.getElementById('rename-dialog');
  const moveDialog = document.getElementById('move-dialog');
  const renameTo = document.getElementById('rename-to');
  const target = document.getElementById('target-folder');
  const button = act => bar.querySelector(`[data-act="${act}"]`);
  const selected = () => boxes.filter(b => b.checked);
  // The rows an open dialog acts on: the selection, or the one row whose menu opened it.
  let acting = [];

  function refresh() {
    const rows = selected();
    const n = rows.length;
    const editor = n > 0 && rows.every(b => b.dataset.editor === 'true');
    bar.hidden = n === 0;
    count.textContent = n === 1 ? t('1 selected: {0}', rows[0].dataset.name) : plural(n, '{0} selected', '{0} selected');
    button('share').hidden = !(n === 1 && editor);
    button('link').hidden = !editor;
    button('rename').hidden = !(n === 1 && editor);
    button('move').textContent = t(editor ? 'Move or copy' : 'Copy');
    button('delete').hidden = !editor;
    if (selectAll) {
      selectAll.checked = n > 0 && n === boxes.length;
      selectAll.indeterminate = n > 0 && n < boxes.length;
    }
  }

  // Runs one call per item, stops at the first refusal and says which item it was.
  async function each(rows, call) {
    error.classList.add('d-none');
    for (const box of rows) {
      const result = await call(box.dataset.select);
      if (!result.ok) {
        error.textContent = `${box.dataset.name}: ${describe(result.data)}`;
        error.classList.remove('d-none');
        return false;
      }
    }
    location.reload();
    return true;
  }

  const actions = {
    share: rows => document.dispatchEvent(new CustomEvent('share-item', { detail: rows[0].dataset.select })),
    link: rows => { location.href = '/links/new?' + rows.map(b => `itemId=${b.dataset.select}`).join('&'); },
    rename: rows => {
      acting = rows;
      renameTo.value = rows[0].dataset.name;
      renameDialog.showModal();
      // Select the name without its extension, as file managers do.
      const dot = rows[0].dataset.kind === 'file' ? renameTo.value.lastIndexOf('.') : -1;
      renameTo.setSelectionRange(0, dot > 0 ? dot : renameTo.value.length);
    },
    move: rows => {
      acting = rows;
      const editor = rows.every(b => b.dataset.editor === 'true');
      document.getElementById('move-title').textContent =
        rows.length === 1 ? t(editor ? 'Move or copy “{0}”' : 'Copy “{0}”', rows[0].dataset.name) : plural(rows.length, editor ? 'Move or copy {0} item' : 'Copy {0} item', editor ? 'Move or copy {0} items' : 'Copy {0} items');
      moveDialog.querySelector('[data-dialog-act="move"]').hidden = !editor;
      moveDialog.showModal();
    },
    delete: rows => {
      const question = rows.length === 1 ? t('Move “{0}” to the trash?', rows[0].dataset.name) : plural(rows.length, 'Move {0} item to the trash?', 'Move {0} items to the trash?');
      if (confirm(question)) each(rows, id => api('DELETE', `/api/items/${id}`));
    },
    clear: () => { boxes.forEach(b => { b.checked = false; }); refresh(); },
  };

  boxes.forEach(b => b.addEventListener('change', refresh));
  selectAll?.addEventListener('change', () => { boxes.forEach(b => { b.checked = selectAll.checked; }); refresh(); });
  bar.addEventListener('click', e => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act) actions[act](selected());
  });
  document.getElementById('items-table').addEventListener('click', e => {
    const item = e.target.closest('[data-row-act]');
    if (!item) return;
    const menu = item.closest('details');
    menu.open = false;
    actions[item.dataset.rowAct]([item.closest('tr').querySelector('[data-select]')]);
  });
  // One ⋮ menu open at a time; a click elsewhere closes it.
  document.addEventListener('click', e => {
    document.querySelectorAll('details.row-menu[open]').forEach(d => { if (!d.contains(e.target)) d.open = false; });
  });

  document.querySelectorAll('dialog [data-close]').forEach(b => b.addEventListener('click', () => b.closest('dialog').close()));
  document.getElementById('rename-form').addEventListener('submit', async e => {
    e.preventDefault();
    if (await each(acting, id => api('PATCH', `/api/items/${id}`, { name: renameTo.value }))) return;
    renameDialog.close();
  });
  document.getElementById('move-form').addEventListener('submit', e => e.preventDefault());
  moveDialog.addEventListener('click', async e => {
    const act = e.target.closest('[data-dialog-act]')?.dataset.dialogAct;
    if (!act) return;
    const moved = await each(acting, id => act === 'move'
      ? api('PATCH', `/api/items/${id}`, { parentId: target.value })
      : api('POST', `/api/items/${id}/copy`, { parentId: target.value }));
    if (!moved) moveDialog.close();
  });
  refresh();
}
