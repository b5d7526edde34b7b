// Trash: restore, delete forever, or empty it. The buttons come disabled (they need this script) and are enabled once their
// handlers are attached, so nothing can be clicked in between.
import { api, describe } from '/js/teamshare.js';

const error = document.getElementById('trash-error');
const act = async (method, url) => {
  const result = await api(method, url);
  if (result.ok) location.reload();
  else { error.textContent = describe(result.data); error.classList.remove('d-none'); }
};
document.querySelectorAll('[data-restore]').forEach(b => b.addEventListener('click', () => act('POST', `/api/items/${b.dataset.restore}/restore`)));
document.querySelectorAll('[data-purge]').forEach(b => b.addEventListener('click', () => act('DELETE', `/api/trash/${b.dataset.purge}`)));
document.querySelector('[data-empty-trash]')?.addEventListener('click', () => act('DELETE', '/api/trash'));
document.querySelectorAll('[data-restore], [data-purge], [data-empty-trash]').forEach(b => { b.disabled = false; });
