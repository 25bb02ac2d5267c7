// Shared helpers of Crosspost's pages. Text from users is only ever set with textContent, never as HTML.
const Crosspost = (() => {
  let me = null;

  async function api(path, options = {}) {
    const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.method && options.method !== 'GET') {
      const csrf = (await session()).csrf;
      if (csrf) headers[csrf.headerName] = csrf.token;
    }
    const response = await fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
    if (response.status === 401) { location.href = '/login'; throw new Error('log in first'); }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.message) || ('HTTP ' + response.status));
    return body;
  }

  async function session() {
    if (!me) me = await fetch('/api/me', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); });
    return me;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function header(title) {
    const who = await session();
    document.querySelector('header .who').textContent = who.name + ' (' + who.id + ')';
    const nav = document.querySelector('header nav');
    for (const team of who.teams) {
      const a = el('a', null, 'shoutbox:' + team);
      a.href = '/shoutbox/' + encodeURIComponent(team);
      nav.appendChild(a);
    }
    const extra = [['Stories', '/stories'], ['Subscriptions', '/subscriptions'], ['Profile', '/profile']];
    if (who.admin) extra.push(['Channels', '/channels'], ['Webhooks', '/hooks'], ['Removals', '/removals'], ['Cockpit', '/camunda/app/cockpit/'], ['Admin', '/camunda/app/admin/']);
    extra.push(['API', '/swagger-ui.html']);
    for (const [label, href] of extra) { const a = el('a', null, label); a.href = href; nav.appendChild(a); }
    const out = el('a', null, 'Log out'); out.href = '#';
    out.addEventListener('click', async e => {
      e.preventDefault();
      const f = document.createElement('form'); f.method = 'post'; f.action = '/logout';
      const i = document.createElement('input'); i.type = 'hidden'; i.name = who.csrf.parameterName; i.value = who.csrf.token;
      f.appendChild(i); document.body.appendChild(f); f.submit();
    });
    nav.appendChild(out);
    document.title = title + ' · Crosspost';
  }

  /** Whether the logged-in member may delete what {@code author} wrote (the server decides; this hides buttons). */
  function mayRemove(who, author) {
    return who.admin || who.id === author || who.teams.includes('moderator');
  }

  /** A small "Delete" button that asks once more before it calls {@code action}. */
  function removeButton(label, action) {
    const b = el('button', 'remove', label || 'Delete');
    b.type = 'button';
    b.addEventListener('click', async () => {
      if (b.dataset.confirm !== 'yes') { b.dataset.confirm = 'yes'; b.textContent = 'Really delete?'; return; }
      b.disabled = true;
      try { await action(); } catch (e) { b.disabled = false; b.textContent = e.message; }
    });
    return b;
  }

  return { api, session, el, header, mayRemove, removeButton };
})();
