// Issue 28: star toggles (a ☆ button, or "Add to Starred" in a ⋮ menu) on every page that lists items; one listener for all.
import { api, describe, t } from '/js/teamshare.js';

document.addEventListener('click', async e => {
  const button = e.target.closest('[data-star]');
  if (!button) return;
  const on = button.dataset.starred !== 'true';
  const result = await api(on ? 'PUT' : 'DELETE', `/api/items/${button.dataset.star}/star`);
  if (!result.ok) { alert(describe(result.data)); return; }
  button.dataset.starred = String(on);
  const glyph = button.querySelector('[data-star-glyph]');
  if (glyph) glyph.textContent = on ? '★' : '☆';
  const text = button.querySelector('[data-star-text]');
  if (text) text.textContent = t(on ? 'Remove from Starred' : 'Add to Starred');
  else button.setAttribute('aria-label', t(on ? 'Remove {0} from Starred' : 'Add {0} to Starred', button.dataset.name));
  button.closest('details')?.removeAttribute('open');
});
