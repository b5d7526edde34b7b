// My files: select rows, then share, create a link, rename, move, copy or delete them (SP-7, SH-1, LK-1).
(() => {
  const bar = document.getElementById('selection-bar');
  if (!bar) return;
  const boxes = [...document.querySelectorAll('[data-select]')];
  const selectAll = document.getElementById('select-all');
  const count = document.getElementById('selection-count');
  const error = document.getElementById('selection-error');
  const renameTo = document.getElementById('rename-to');
  const target = document.getElementById('target-folder');
  const button = act => bar.querySelector(`[data-act="${act}"]`);
  const selected = () => boxes.filter(b => b.checked);

  function refresh() {
    const rows = selected();
    const n = rows.length;
    const editor = n > 0 && rows.every(b => b.dataset.editor === 'true');
    count.textContent = n === 0 ? 'Select items to share, link, rename, move, copy or delete.' : `${n} selected`;
    button('share').disabled = !(n === 1 && editor);
    button('link').disabled = !editor;
    button('rename').disabled = renameTo.disabled = !(n === 1 && editor);
    button('move').disabled = !editor;
    button('copy').disabled = n === 0;
    target.disabled = n === 0;
    button('delete').disabled = !editor;
    if (n === 1 && document.activeElement !== renameTo) renameTo.value = rows[0].dataset.name;
    selectAll.checked = n === boxes.length;
    selectAll.indeterminate = n > 0 && n < boxes.length;
  }

  // Runs one call per selected item, stops at the first refusal and says which item it was.
  async function each(call) {
    error.classList.add('d-none');
    for (const box of selected()) {
      const result = await call(box.dataset.select);
      if (!result.ok) {
        error.textContent = `${box.dataset.name}: ${teamshare.describe(result.data)}`;
        error.classList.remove('d-none');
        return;
      }
    }
    location.reload();
  }

  boxes.forEach(b => b.addEventListener('change', refresh));
  selectAll.addEventListener('change', () => { boxes.forEach(b => { b.checked = selectAll.checked; }); refresh(); });
  button('share').addEventListener('click', () => teamshare.openShare(selected()[0].dataset.select));
  button('link').addEventListener('click', () => {
    location.href = '/links/new?' + selected().map(b => `itemId=${b.dataset.select}`).join('&');
  });
  document.getElementById('rename-selected').addEventListener('submit', e => {
    e.preventDefault();
    each(id => teamshare.api('PATCH', `/api/items/${id}`, { name: renameTo.value }));
  });
  button('move').addEventListener('click', () => each(id => teamshare.api('PATCH', `/api/items/${id}`, { parentId: target.value })));
  button('copy').addEventListener('click', () => each(id => teamshare.api('POST', `/api/items/${id}/copy`, { parentId: target.value })));
  button('delete').addEventListener('click', () => {
    const n = selected().length;
    if (confirm(n === 1 ? `Move “${selected()[0].dataset.name}” to the trash?` : `Move ${n} items to the trash?`)) each(id => teamshare.api('DELETE', `/api/items/${id}`));
  });
  refresh();
})();
