// The share dialog (seed 002): recipient chips with suggestions, batch role, audience notice, external options,
// Send (N), people with access with role changes and revoke, ownership transfer. It runs on its own page (/share/{id})
// and inside the files page's modal, which loads the same markup and calls shareDialog(root).
import { accessText, api, describe, plural, roleName, t } from '/js/teamshare.js';

export function shareDialog(root) {
  const itemId = root.dataset.itemId;
  const input = document.getElementById('recipient-input');
  const suggestions = document.getElementById('suggestions');
  const chips = document.getElementById('chips');
  const send = document.getElementById('send-invitations');
  const error = document.getElementById('share-error');
  const status = document.getElementById('share-status');
  const recipients = [];
  let options = [];
  let active = -1;
  let timer = null;

  const key = r => `${r.kind}:${r.id ?? r.email ?? ''}`;
  // Tells a surrounding page (the files page's modal) that who has access changed.
  const changed = () => root.dispatchEvent(new CustomEvent('access-changed', { bubbles: true }));
  const showError = text => { error.textContent = text; error.classList.toggle('d-none', !text); };

  function render() {
    chips.replaceChildren(...recipients.map(r => {
      const li = document.createElement('li');
      li.className = 'list-inline-item badge rounded-pill text-bg-light border p-2';
      li.textContent = r.kind === 'external' ? t('{0} (outside)', r.displayName) : r.displayName;
      const x = document.createElement('button');
      x.type = 'button';
      x.className = 'btn-close btn-sm ms-1';
      x.setAttribute('aria-label', t('Remove {0}', r.displayName));
      x.addEventListener('click', () => { recipients.splice(recipients.indexOf(r), 1); render(); input.focus(); });
      li.append(x);
      return li;
    }));
    send.textContent = t('Send ({0})', recipients.length);
    send.disabled = recipients.length === 0;
    const hasExternal = recipients.some(r => r.kind === 'external');
    document.getElementById('external-options').classList.toggle('d-none', !hasExternal);
    const org = recipients.find(r => r.kind === 'organisation');
    const groupCount = org ? org.memberCount : recipients.filter(r => r.kind === 'department').reduce((n, r) => n + (r.memberCount ?? 0), 0);
    const notice = document.getElementById('audience-notice');
    notice.textContent = groupCount ? plural(groupCount, '{0} person in the groups you added will get access.', '{0} people in the groups you added will get access.') : '';
    notice.classList.toggle('d-none', !groupCount);
  }

  function closeSuggestions() { suggestions.classList.add('d-none'); input.setAttribute('aria-expanded', 'false'); active = -1; }

  function showSuggestions() {
    suggestions.replaceChildren(...options.map((o, i) => {
      const li = document.createElement('li');
      li.className = `list-group-item list-group-item-action${i === active ? ' active' : ''}${o.refused ? ' text-muted' : ''}`;
      li.id = `suggestion-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      if (o.refused) li.setAttribute('aria-disabled', 'true');
      // People and groups look different (issue 12): a group says how many it reaches, a person shows their address.
      const people = () => plural(o.memberCount, '{0} person', '{0} people');
      const detail = o.kind === 'department' ? ` · ${t('department')} (${people()})`
        : o.kind === 'organisation' ? ` · ${t('everyone')} (${people()})`
        : o.kind === 'external' ? (o.refused ? ` · ${t('not allowed: {0}', o.refused)}` : ` ${t('(outside your organisation)')}`) : ` <${o.email}>`;
      li.textContent = o.displayName + detail;
      li.addEventListener('mousedown', e => { e.preventDefault(); add(o); });
      return li;
    }));
    // Said, not just an empty list (issue 12): a search that found nobody shows one line that cannot be chosen.
    if (options.length === 0 && input.value.trim()) {
      const none = document.createElement('li');
      none.className = 'list-group-item text-muted';
      none.textContent = t('No matches in your organisation. Type a full e-mail address to invite someone outside it.');
      suggestions.replaceChildren(none);
    }
    suggestions.classList.toggle('d-none', options.length === 0 && !input.value.trim());
    input.setAttribute('aria-expanded', options.length ? 'true' : 'false');
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`); else input.removeAttribute('aria-activedescendant');
  }

  function add(option) {
    // An address the team's policy refuses is refused here, when it is added, not at Send (issue 12).
    if (option.refused) { showError(option.refused); return; }
    showError('');
    if (!recipients.some(r => key(r) === key(option))) recipients.push(option);
    input.value = '';
    options = [];
    closeSuggestions();
    render();
    input.focus();
  }

  input?.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { options = []; closeSuggestions(); return; }
    timer = setTimeout(async () => {
      const result = await api('GET', `/api/directory/search?q=${encodeURIComponent(q)}`);
      if (!result.ok || input.value.trim() !== q) return;
      options = result.data;
      // Nothing is pre-selected (issue 12): Enter picks only what the arrow keys chose, or the address typed in full.
      active = -1;
      showSuggestions();
    }, 200);
  });

  input?.addEventListener('keydown', e => {
    if (e.key === 'Backspace' && input.value === '' && recipients.length) { recipients.pop(); render(); return; }
    if (suggestions.classList.contains('d-none')) return;
    if (e.key === 'ArrowDown') { active = Math.min(active + 1, options.length - 1); showSuggestions(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { active = Math.max(active - 1, 0); showSuggestions(); e.preventDefault(); }
    if (e.key === 'Enter') {
      const typed = options.find(o => o.email && o.email.toLowerCase() === input.value.trim().toLowerCase());
      const chosen = active >= 0 ? options[active] : typed;
      if (chosen) add(chosen);
      e.preventDefault();
    }
    // Escape closes the suggestions first; only an Escape with none open closes a surrounding modal.
    if (e.key === 'Escape') { closeSuggestions(); e.preventDefault(); }
  });
  input?.addEventListener('blur', () => setTimeout(closeSuggestions, 100));

  send?.addEventListener('click', async () => {
    showError('');
    const body = {
      recipients: recipients.map(r => ({ kind: r.kind, id: r.id ?? null, email: r.email ?? null })),
      role: document.getElementById('batch-role').value,
      externalExpiryDays: Number(document.getElementById('external-expiry').value),
      acknowledgeExternal: document.getElementById('acknowledge-external').checked,
      message: document.getElementById('share-message').value || null,
    };
    const result = await api('POST', `/api/items/${itemId}/invitations`, body);
    if (!result.ok) {
      // A policy change since the address was added: that one comes off, the rest of the batch stays ready to send.
      const refused = result.status === 403 && result.data?.email ? recipients.findIndex(r => r.email === result.data.email) : -1;
      if (refused >= 0) {
        recipients.splice(refused, 1);
        render();
        showError(`${describe(result.data)} ${t(recipients.length ? 'It was taken off the list; press Send to share with the others.' : 'It was taken off the list.')}`);
      } else showError(describe(result.data));
      return;
    }
    let text = plural(recipients.length, 'Sent {0} invitation.', 'Sent {0} invitations.');
    const link = result.data.externalLinks?.[0]?.url;
    if (link) {
      try { await navigator.clipboard.writeText(link); text += ' ' + t('The outside link is on your clipboard.'); }
      catch { text += ' ' + t('Outside link: {0}', link); }
    }
    status.textContent = text;
    recipients.length = 0;
    // Issue 28: a sent share leaves nothing behind for the next one: not its message, nor an address refused on the way.
    document.getElementById('share-message').value = '';
    input.value = '';
    showError('');
    render();
    changed();
    // Focus goes back where the next recipient is typed (issue 12), not to the body; the status line announces what happened.
    input.focus();
    await loadPeople();
  });

  // SH-9: the sender sees a mail that is delayed (tried, retried for up to 5 days) and one that is undeliverable, with why.
  async function showMailFailures() {
    const mail = await api('GET', `/api/items/${itemId}/mail`);
    const list = mail.ok ? mail.data : [];
    const failed = list.filter(m => m.status === 'failed').map(m => t('Mail to {0} could not be delivered: {1}', m.to, m.lastError));
    const delayed = list.filter(m => m.status === 'delayed').map(m => t('Mail to {0} is delayed; TeamShare keeps trying for 5 days ({1}).', m.to, m.lastError));
    if (failed.length || delayed.length) showError(failed.concat(delayed).join(' '));
  }

  async function loadPeople() {
    showMailFailures();
    const result = await api('GET', `/api/items/${itemId}/access`);
    if (!result.ok) return;
    const canShare = root.dataset.canShare === 'true';
    document.getElementById('people-with-access').replaceChildren(...result.data.map(entry => {
      const li = document.createElement('li');
      li.className = 'list-group-item d-flex justify-content-between align-items-center gap-2';
      const who = document.createElement('span');
      who.textContent = accessText(entry, { addedBy: true });
      li.append(who);
      const controls = document.createElement('span');
      controls.className = 'd-flex gap-2 align-items-center';
      if (entry.isOwner) {
        const badge = document.createElement('span');
        badge.className = 'badge text-bg-dark';
        badge.textContent = roleName('owner');
        controls.append(badge);
      } else if (canShare && entry.principal.kind !== 'external' && !entry.inheritedFrom) {
        const select = document.createElement('select');
        select.className = 'form-select form-select-sm w-auto';
        select.setAttribute('aria-label', t('Role of {0}', entry.principal.displayName));
        for (const role of ['viewer', 'editor']) select.add(new Option(roleName(role), role, false, role === entry.role));
        select.addEventListener('change', async () => {
          const r = await api('PATCH', `/api/items/${itemId}/access/${entry.grantId}`, { role: select.value });
          if (!r.ok) showError(describe(r.data));
        });
        controls.append(select);
      } else {
        const role = document.createElement('span');
        role.textContent = roleName(entry.role);
        controls.append(role);
      }
      if (!entry.isOwner && canShare && !entry.inheritedFrom) {
        const x = document.createElement('button');
        x.type = 'button';
        x.className = 'btn btn-sm btn-outline-danger';
        x.textContent = '✕';
        x.setAttribute('aria-label', t('Remove access of {0}', entry.principal.displayName));
        x.addEventListener('click', async () => {
          if (!confirm(t('Remove the access of {0}?', entry.principal.displayName))) return;
          const r = await api('DELETE', `/api/items/${itemId}/access/${entry.grantId}`);
          if (r.ok) { changed(); await loadPeople(); } else showError(describe(r.data));
        });
        controls.append(x);
      }
      li.append(controls);
      return li;
    }));
  }

  document.getElementById('transfer-form')?.addEventListener('submit', async e => {
    e.preventDefault();
    // Nobody is pre-selected and the new owner is named before anything happens (issue 12: it acted on one click).
    const to = document.getElementById('transfer-to');
    if (!to.value) { showError(t('Choose the member who will own it.')); return; }
    if (!confirm(t('Make {0} the owner? They decide about it from then on; you keep Editor.', to.selectedOptions[0].textContent))) return;
    const r = await api('POST', `/api/items/${itemId}/transfer`, { userId: to.value });
    if (r.ok) location.reload(); else showError(describe(r.data));
  });

  document.getElementById('link-restricted')?.addEventListener('change', async e => {
    const r = await api('PATCH', `/api/items/${itemId}`, { linkRestricted: e.target.checked });
    if (r.ok) status.textContent = t(e.target.checked ? 'Links now open this folder only for people with access.' : 'Links open this folder for anyone they reach.');
    else showError(describe(r.data));
  });

  loadPeople();
  linkSection(itemId);
}

// Issue 28: the caller's newest live link of this item, or a button that makes one with the team's defaults; who it reaches
// changes in place, everything else on the link's own page. The same API as everywhere: GET, POST and PATCH /api/shares.
async function linkSection(itemId) {
  const none = document.getElementById('link-none');
  const made = document.getElementById('link-made');
  if (!none || !made) return;
  const url = document.getElementById('link-url');
  const copy = document.getElementById('copy-link');
  const audience = document.getElementById('link-audience');
  const error = document.getElementById('share-error');
  const say = text => { error.textContent = text; error.classList.toggle('d-none', !text); };
  let link = null;

  function show() {
    none.hidden = link !== null;
    made.hidden = link === null;
    if (!link) return;
    url.value = link.url ?? '';
    copy.dataset.copy = link.url ?? '';
    audience.value = link.audience;
    document.getElementById('link-more').href = `/shares/${link.id}`;
  }

  const found = await api('GET', `/api/shares?itemId=${itemId}&status=active&pageSize=1`);
  link = found.ok ? found.data.items[0] ?? null : null;
  show();

  document.getElementById('create-link').addEventListener('click', async () => {
    const r = await api('POST', '/api/shares', { itemIds: [itemId] });
    if (!r.ok) { say(describe(r.data)); return; }
    say('');
    link = r.data;
    show();
    url.focus();
    url.select();
  });
  audience.addEventListener('change', async () => {
    const r = await api('PATCH', `/api/shares/${link.id}`, { audience: audience.value });
    if (r.ok) { say(''); link = { ...r.data, url: link.url }; } else say(describe(r.data));
    show();
  });
}

// On its own page the dialog starts itself; in the modal, share-modal.js starts it on the markup it loaded.
const page = document.getElementById('share-dialog');
if (page) shareDialog(page);
