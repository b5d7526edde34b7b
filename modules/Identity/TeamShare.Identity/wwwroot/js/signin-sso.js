// Issue 29: once the typed address is of a team that signs in with its own identity provider, the sign-in page offers it
// (home realm discovery, by the address's domain only). Without this script, signing in with an empty password does the same.
import { api } from '/js/teamshare.js';

const link = document.getElementById('sso-signin');
const email = document.getElementById('email');
let asked = '';

async function discover() {
  const typed = email.value.trim();
  const domain = typed.includes('@') ? typed.slice(typed.lastIndexOf('@') + 1) : '';
  if (domain === asked) return;
  asked = domain;
  const found = domain.includes('.') ? await api('GET', `/api/auth/sso?email=${encodeURIComponent(typed)}`) : null;
  if (!found?.ok || asked !== domain) return void (link.hidden = true);
  const returnUrl = new URLSearchParams(location.search).get('ReturnUrl');
  link.href = found.data.url + (returnUrl ? `&returnUrl=${encodeURIComponent(returnUrl)}` : '');
  link.querySelector('[data-sso-provider]').textContent = `(${found.data.provider})`;
  link.hidden = false;
}

if (link && email) {
  email.addEventListener('change', discover);
  email.addEventListener('blur', discover);
  if (email.value) discover();
}
