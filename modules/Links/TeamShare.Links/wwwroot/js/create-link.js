// Create link: send the options, show field errors inline, then the link with a copy button.
import { api, dateTime, describe, t } from '/js/teamshare.js';

const form = document.getElementById('create-link-form');
const general = document.getElementById('link-error');

function clearErrors() {
  form.querySelectorAll('[data-error-for]').forEach(el => { el.textContent = ''; });
  form.querySelectorAll('.is-invalid').forEach(el => el.classList.remove('is-invalid'));
  general.classList.add('d-none');
}

function showErrors(problem) {
  const errors = problem?.errors ?? {};
  let placed = false;
  for (const [field, messages] of Object.entries(errors)) {
    const slot = form.querySelector(`[data-error-for="${field}"]`);
    if (!slot) continue;
    slot.textContent = messages.join(' ');
    form.querySelector(`[name="${field}"]`)?.classList.add('is-invalid');
    placed = true;
  }
  if (!placed) { general.textContent = describe(problem); general.classList.remove('d-none'); }
}

// The policy's limits show before submitting (issue 12): the longest allowed expiry is filled in, presets set 1/7/30 days,
// and a required password is asked for as soon as the link would reach outside the team.
const expires = form.elements.expiresAt;
const pad = n => String(n).padStart(2, '0');
const inDays = days => {
  const d = new Date(Date.now() + days * 86400000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
if (expires.dataset.maxDays && !expires.value) expires.value = inDays(Number(expires.dataset.maxDays));
form.querySelectorAll('[data-expire-days]').forEach(b => b.addEventListener('click', () => { expires.value = inDays(Number(b.dataset.expireDays)); }));
const password = form.elements.password;
const passwordNeeded = () => password.dataset.requiredOutside === 'true' && form.elements.audience.value === 'anyone';
const markPassword = () => { password.required = passwordNeeded(); };
form.elements.audience.addEventListener('change', markPassword);
markPassword();

form.addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors();
  if (passwordNeeded() && !password.value.trim()) {
    showErrors({ errors: { password: ["Your team's policy requires a password on links outside the team."] } });
    return;
  }
  const value = name => form.elements[name].value.trim();
  // Locked (disabled) controls are left out, so the team's policy decides them.
  const flag = name => form.elements[name] && !form.elements[name].disabled ? form.elements[name].checked : null;
  const body = {
    itemIds: form.dataset.itemIds.split(','),
    name: value('name') || null,
    allowPreview: flag('allowPreview'),
    allowDownload: flag('allowDownload'),
    allowEdit: flag('allowEdit'),
    allowUpload: flag('allowUpload'),
    uploadLimitBytes: form.elements.uploadLimitMegabytes && value('uploadLimitMegabytes')
      ? Number(value('uploadLimitMegabytes')) * 1048576 : null,
    audience: form.elements.audience.disabled ? null : form.elements.audience.value,
    previewLimit: value('previewLimit') ? Number(value('previewLimit')) : null,
    password: value('password') || null,
    expiresAt: value('expiresAt') && !form.elements.expiresAt.disabled ? new Date(value('expiresAt')).toISOString() : null,
    remarks: value('remarks') || null,
  };
  const result = await api('POST', '/api/shares', body);
  if (!result.ok) { showErrors(result.data); return; }
  document.getElementById('link-url').value = result.data.url;
  document.getElementById('link-summary').textContent = result.data.expiresAt
    ? t('Works until {0}.', dateTime(result.data.expiresAt)) : t('Permanent: works until you cancel it.');
  if (result.data.qrCode) {
    document.getElementById('link-qr').src = result.data.qrCode.imageUrl;
    document.getElementById('download-qr').href = result.data.qrCode.imageUrl;
    document.getElementById('link-qr-caption').textContent = t('The QR code works until {0}.', dateTime(result.data.qrCode.expiresAt));
  }
  form.classList.add('d-none');
  document.getElementById('link-result').classList.remove('d-none');
  document.getElementById('link-url').focus();
});

document.getElementById('copy-link').addEventListener('click', async () => {
  const url = document.getElementById('link-url');
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(url.value);
    status.textContent = t('Link copied to the clipboard.');
  } catch {
    url.select();
    status.textContent = t('Press Ctrl+C to copy the selected link.');
  }
});
