// Files page: the share dialog in a modal over the folder. Without JavaScript the Share links open the dialog's own page.
import { shareDialog } from './share-dialog.js';

  const modal = document.getElementById('share-modal');
  if (modal) {
  const body = document.getElementById('share-modal-body');

  async function open(itemId) {
    const response = await fetch(`/share/${itemId}?embed=1`, { credentials: 'same-origin' });
    if (!response.ok) { location.href = `/share/${itemId}`; return; }
    // Our own server-rendered, encoded markup: the same page /share/{id} shows, without the layout.
    body.innerHTML = await response.text();
    shareDialog(body.querySelector('#share-dialog'));
    modal.showModal();
    document.getElementById('recipient-input')?.focus();
  }

  modal.addEventListener('access-changed', () => { modal.dataset.changed = 'true'; });
  modal.addEventListener('close', () => {
    body.replaceChildren();
    if (modal.dataset.changed) location.reload();
  });
  document.addEventListener('click', e => {
    const link = e.target.closest('[data-share-item]');
    if (!link) return;
    e.preventDefault();
    open(link.dataset.shareItem);
  });
  // The selection bar's Share asks for the dialog by event, so the files page's scripts need not know each other.
  document.addEventListener('share-item', e => open(e.detail));
}
