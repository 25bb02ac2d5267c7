(async () => {
  const list = document.getElementById('list');
  const status = document.getElementById('status');
  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }

  async function load() {
    const subscriptions = await Crosspost.api('/api/subscriptions');
    list.replaceChildren();
    for (const s of subscriptions) {
      const tr = Crosspost.el('tr');
      tr.dataset.id = s.id;
      tr.appendChild(Crosspost.el('td', null, s.channel));
      tr.appendChild(Crosspost.el('td', null, s.method));
      tr.appendChild(Crosspost.el('td', null, s.interval));
      tr.appendChild(Crosspost.el('td', null, new Date(s.created).toLocaleString()));
      const td = Crosspost.el('td');
      const stop = Crosspost.el('button', 'secondary', 'Unsubscribe');
      stop.addEventListener('click', async () => {
        try {
          await Crosspost.api('/api/subscriptions/' + encodeURIComponent(s.id), { method: 'DELETE', body: undefined,
            headers: await csrfHeaders() });
          say('Unsubscribed from ' + s.channel + '.');
          await load();
        } catch (e) { say(e.message, true); }
      });
      td.appendChild(stop);
      tr.appendChild(td);
      list.appendChild(tr);
    }
    document.getElementById('empty').hidden = subscriptions.length > 0;
    document.getElementById('table').hidden = subscriptions.length === 0;
  }

  async function csrfHeaders() {
    const csrf = (await Crosspost.session()).csrf;
    return csrf ? { [csrf.headerName]: csrf.token } : {};
  }

  try {
    const me = await Crosspost.session();
    await Crosspost.header('Subscriptions');
    const options = document.getElementById('channel');
    const channels = me.teams.map(t => ['shoutbox:' + t, 'shoutbox of team ' + t])
      .concat([['event:story', 'stories and comments (event:story)']]);
    for (const [value, label] of channels) {
      const o = Crosspost.el('option', null, label); o.value = value; options.appendChild(o);
    }
    await load();
    const settings = await Crosspost.api('/api/subscriptions/settings');
    document.getElementById('xmppOffline').value = settings.xmppOffline;
  } catch (e) { say(e.message, true); return; }

  document.getElementById('add').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const body = { channel: document.getElementById('channel').value,
        method: document.getElementById('method').value, interval: document.getElementById('interval').value };
      const s = await Crosspost.api('/api/subscriptions', { method: 'POST', body: JSON.stringify(body) });
      await load();
      say('Subscribed to ' + s.channel + ' by ' + s.method + ' (' + s.interval + ').');
    } catch (err) { say(err.message, true); }
  });
  document.getElementById('xmppOffline').addEventListener('change', async e => {
    try {
      await Crosspost.api('/api/subscriptions/settings', { method: 'PUT', body: JSON.stringify({ xmppOffline: e.target.value }) });
      say('Saved.');
    } catch (err) { say(err.message, true); }
  });
})();
