// A share in My Shares: modify, make a new QR code, cancel.
import { api, dateTime, describe, t } from '/js/teamshare.js';

  const root = document.getElementById('share-detail');
  if (root) {
  const id = root.dataset.shareId;
  const error = document.getElementById('share-error');
  const status = document.getElementById('share-status');
  const show = (el, text) => { el.textContent = text; el.classList.remove('d-none'); };

  // The expiry is kept in UTC; the field shows and takes the viewer's local time, and is sent only when changed, so saving
  // other options never moves it (issue 12: it shifted by the time-zone offset on every save).
  const expires = document.getElementById('m-expires');
  const pad = n => String(n).padStart(2, '0');
  const local = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (expires?.dataset.utc) expires.value = local(new Date(expires.dataset.utc));
  if (expires) expires.dataset.original = expires.value;

  document.getElementById('modify-form')?.addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.target.elements;
    const body = {
      remarks: f.remarks.value, allowPreview: f.allowPreview.checked, allowDownload: f.allowDownload.checked,
      allowEdit: f.allowEdit.checked, allowUpload: f.allowUpload.checked,
      // Sent only when changed, so a team policy on audiences judges only what this change sets.
      audience: f.audience.value !== f.audience.dataset.original ? f.audience.value : null,
      previewLimit: f.previewLimit.value ? Number(f.previewLimit.value) : null, removePreviewLimit: !f.previewLimit.value,
      password: f.password.value || null, removePassword: f.removePassword.checked || null,
      expiresAt: f.expiresAt.value && !f.permanent.checked && f.expiresAt.value !== f.expiresAt.dataset.original
        ? new Date(f.expiresAt.value).toISOString() : null,
      permanent: f.permanent.checked || null,
      notify: f.notify.checked,
    };
    const result = await api('PATCH', `/api/shares/${id}`, body);
    if (result.ok) {
      f.audience.dataset.original = f.audience.value;
      f.expiresAt.dataset.original = f.expiresAt.value;
      error.classList.add('d-none');
      show(status, t('Saved. The link is unchanged.'));
    }
    else show(error, describe(result.data));
  });

  document.getElementById('new-qr')?.addEventListener('click', async () => {
    const result = await api('POST', `/api/shares/${id}/qr`);
    if (!result.ok) { show(error, describe(result.data)); return; }
    document.getElementById('qr-image').src = result.data.imageUrl;
    document.getElementById('qr-caption').textContent = t('Works until {0}.', dateTime(result.data.expiresAt));
    document.getElementById('qr-figure').classList.remove('d-none');
    const download = document.getElementById('qr-download');
    download.href = result.data.imageUrl;
    download.classList.remove('d-none');
  });

  document.getElementById('cancel-share')?.addEventListener('click', async () => {
    const result = await api('DELETE', `/api/shares/${id}`);
    if (result.ok) location.reload(); else show(error, describe(result.data));
  });
}
