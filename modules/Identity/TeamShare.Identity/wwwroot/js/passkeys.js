// Issue 29: passkeys. The account page makes one (the browser's authenticator keeps the key; the server the public half) and
// the sign-in page signs in with one, no password typed. WebAuthn's JSON helpers carry the options and answers as they are.
import { api, t } from '/js/teamshare.js';

const supported = typeof PublicKeyCredential !== 'undefined' && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';

function say(element, text) {
  element.textContent = text;
  element.hidden = false;
}

// The account page: name the passkey, make it, keep it.
const enrol = document.getElementById('passkey-add');
if (enrol) {
  const status = document.getElementById('passkey-status');
  if (!supported) say(status, t('This browser cannot make passkeys.'));
  enrol.addEventListener('submit', async e => {
    e.preventDefault();
    if (!supported) return;
    const options = await api('POST', '/api/me/passkeys/options');
    if (!options.ok) return say(status, options.data?.detail ?? t('Something went wrong. Try again.'));
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.data) });
    } catch {
      return say(status, t('No passkey was made.'));
    }
    const kept = await api('POST', '/api/me/passkeys', { name: enrol.elements.name.value, password: enrol.elements.password.value, credential: credential.toJSON() });
    if (!kept.ok) return say(status, kept.data?.errors ? Object.values(kept.data.errors).flat().join(' ') : kept.data?.detail ?? t('Something went wrong. Try again.'));
    location.reload();
  });
}

// The sign-in page: any passkey of this site the browser holds.
const signIn = document.getElementById('passkey-signin');
if (signIn && supported) {
  const status = document.getElementById('passkey-signin-status');
  signIn.hidden = false;
  signIn.addEventListener('click', async () => {
    const options = await api('POST', '/api/auth/passkey/options');
    if (!options.ok) return say(status, t('Something went wrong. Try again.'));
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.data) });
    } catch {
      return say(status, t('No passkey was used.'));
    }
    const signedIn = await api('POST', '/api/auth/passkey', {
      credential: credential.toJSON(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
      returnUrl: new URLSearchParams(location.search).get('ReturnUrl'),
    });
    if (!signedIn.ok) return say(status, signedIn.data?.detail ?? t('Something went wrong. Try again.'));
    location.assign(signedIn.data.redirect);
  });
}
