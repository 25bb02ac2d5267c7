// The admins' webhooks page. Everything that comes from the API (names, hosts, a receiver's error text) is set
// with textContent only: a receiver's answer or a caller's payload never becomes markup.
(() => {
  const $ = id => document.getElementById(id);
  const when = t => t ? new Date(t).toLocaleString() : '—';

  function status(text, error) {
    $('status').textContent = text || '';
    $('status').classList.toggle('error', !!error);
  }

  function trace(messageId) {
    const a = Crosspost.el('a', null, messageId.slice(0, 8));
    a.href = '/camunda/app/cockpit/default/#/crosspost/trace/' + encodeURIComponent(messageId);
    a.title = 'This message\'s flow in Cockpit';
    return a;
  }

  function history(items, line) {
    const list = Crosspost.el('ol', 'compact calls');
    for (const item of items.slice(0, 5)) list.appendChild(line(item));
    if (!items.length) list.appendChild(Crosspost.el('li', 'hint', 'none yet'));
    return list;
  }

  function showSecret(created) {
    const dl = $('secret-values');
    dl.replaceChildren();
    const pairs = [['Channel / target', created.channel || created.target]];
    if (created.url && created.channel) pairs.push(['Secret URL', created.url]);
    if (created.secret) pairs.push([created.channel ? 'HMAC secret (X-Hub-Signature-256)' : 'Signing secret (X-Crosspost-Signature)', created.secret]);
    for (const [k, v] of pairs) { dl.appendChild(Crosspost.el('dt', null, k)); dl.appendChild(Crosspost.el('dd', 'mono', v)); }
    $('secret').hidden = false;
    $('secret').scrollIntoView({ block: 'nearest' });
  }

  function actions(buttons) {
    const td = Crosspost.el('td', 'actions');
    buttons.forEach(b => td.appendChild(b));
    return td;
  }

  async function incoming() {
    const hooks = await Crosspost.api('/api/hooks/incoming');
    const rows = $('in-rows');
    rows.replaceChildren();
    for (const h of hooks) {
      const tr = Crosspost.el('tr');
      tr.appendChild(Crosspost.el('td', 'mono', h.channel));
      tr.appendChild(Crosspost.el('td', null, h.preset));
      tr.appendChild(Crosspost.el('td', null, when(h.createdAt) + (h.rotatedAt ? ' · rotated ' + when(h.rotatedAt) : '')));
      const calls = Crosspost.el('td');
      calls.appendChild(history(h.calls, c => {
        const li = Crosspost.el('li', c.status >= 300 ? 'warn' : null, when(c.at) + ' · ' + c.status + ' ');
        if (c.messageId) li.appendChild(trace(c.messageId));
        if (c.detail) li.appendChild(Crosspost.el('span', 'hint', ' ' + c.detail));
        return li;
      }));
      tr.appendChild(calls);
      const rotate = Crosspost.el('button', 'secondary', 'Rotate');
      rotate.type = 'button';
      rotate.setAttribute('aria-label', 'Rotate the secrets of ' + h.channel);
      rotate.addEventListener('click', async () => {
        try { showSecret(await Crosspost.api('/api/hooks/incoming/' + h.name + '/secret', { method: 'POST' })); status('Rotated: the old URL and secret no longer work.'); }
        catch (e) { status(e.message, true); }
      });
      const remove = Crosspost.removeButton('Delete', async () => {
        await Crosspost.api('/api/hooks/incoming/' + h.name, { method: 'DELETE' });
        await refresh();
      });
      remove.setAttribute('aria-label', 'Delete ' + h.channel);
      tr.appendChild(actions([rotate, remove]));
      rows.appendChild(tr);
    }
    $('in-empty').hidden = hooks.length > 0;
    $('in-table').hidden = hooks.length === 0;
  }

  async function outgoing() {
    const hooks = await Crosspost.api('/api/hooks/outgoing');
    const rows = $('out-rows');
    rows.replaceChildren();
    for (const h of hooks) {
      const tr = Crosspost.el('tr');
      tr.appendChild(Crosspost.el('td', 'mono', h.target));
      tr.appendChild(Crosspost.el('td', null, h.format));
      tr.appendChild(Crosspost.el('td', 'mono', h.host));
      const sends = Crosspost.el('td');
      sends.appendChild(history(h.sends, s => {
        const bad = s.status === 'FAILED' || s.attempts > 0 && s.status !== 'SENT';
        const li = Crosspost.el('li', bad ? 'warn' : null, when(s.at) + ' · ' + s.status.toLowerCase()
          + (s.attempts ? ' after ' + s.attempts + ' failed attempt' + (s.attempts > 1 ? 's' : '') : '') + ' ');
        li.appendChild(trace(s.messageId));
        if (s.lastError && s.status !== 'SENT') li.appendChild(Crosspost.el('span', 'hint', ' ' + s.lastError));
        return li;
      }));
      tr.appendChild(sends);
      const remove = Crosspost.removeButton('Delete', async () => {
        await Crosspost.api('/api/hooks/outgoing/' + h.name, { method: 'DELETE' });
        await refresh();
      });
      remove.setAttribute('aria-label', 'Delete ' + h.target);
      tr.appendChild(actions([remove]));
      rows.appendChild(tr);
    }
    $('out-empty').hidden = hooks.length > 0;
    $('out-table').hidden = hooks.length === 0;
  }

  async function refresh() {
    await Promise.all([incoming(), outgoing()]);
  }

  $('add-in').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const created = await Crosspost.api('/api/hooks/incoming', { method: 'POST',
        body: JSON.stringify({ name: $('in-name').value.trim(), preset: $('in-preset').value }) });
      showSecret(created);
      status('Created ' + created.channel + '.');
      $('add-in').reset();
      await refresh();
    } catch (err) { status(err.message, true); }
  });

  $('add-out').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const created = await Crosspost.api('/api/hooks/outgoing', { method: 'POST',
        body: JSON.stringify({ name: $('out-name').value.trim(), url: $('out-url').value.trim(), format: $('out-format').value }) });
      if (created.secret) showSecret(created); else $('secret').hidden = true;
      status('Created ' + created.target + '.');
      $('add-out').reset();
      await refresh();
    } catch (err) { status(err.message, true); }
  });

  (async () => {
    try {
      await Crosspost.header('Webhooks');
      await refresh();
    } catch (e) { status(e.message, true); }
  })();
})();
