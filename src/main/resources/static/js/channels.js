(async () => {
  try {
    await Crosspost.header('Channels');
    const rows = document.getElementById('rows');
    for (const c of await Crosspost.api('/api/channels')) {
      const tr = Crosspost.el('tr');
      const address = Crosspost.el('td', null, c.address);
      if (c.warning) address.appendChild(Crosspost.el('div', 'warn', c.warning));
      tr.appendChild(address);
      const queue = Crosspost.el('td');
      if (c.processKey) {
        const a = Crosspost.el('a', null, c.processName || c.processKey);
        a.href = c.cockpitUrl;
        a.title = 'Its messages in Cockpit: finished and running flows, each one\'s trace';
        queue.appendChild(a);
      } else {
        queue.appendChild(Crosspost.el('span', 'warn', 'none'));
      }
      tr.appendChild(queue);
      tr.appendChild(Crosspost.el('td', 'num', c.accepted));
      tr.appendChild(Crosspost.el('td', 'num' + (c.unrouted ? ' warn' : ''), c.unrouted));
      tr.appendChild(Crosspost.el('td', null, c.lastMessageAt ? new Date(c.lastMessageAt).toLocaleString() : '—'));
      tr.appendChild(Crosspost.el('td', 'num', c.pending));
      tr.appendChild(Crosspost.el('td', 'num' + (c.retrying ? ' warn' : ''), c.retrying));
      tr.appendChild(Crosspost.el('td', 'num' + (c.failed ? ' warn' : ''), c.failed));
      tr.appendChild(Crosspost.el('td', null, c.oldestPending ? new Date(c.oldestPending).toLocaleString() : '—'));
      rows.appendChild(tr);
    }
  } catch (e) {
    document.getElementById('status').textContent = e.message;
  }
})();

// Several nodes on one database: which node holds the chat bot, and what this node is.
(async () => {
  try {
    const n = await Crosspost.api('/api/channels/cluster');
    document.getElementById('node').textContent = 'Chat bot held by node ' + (n.botHolder || 'none right now')
      + ' · this node: ' + n.node + ' (' + n.role + ')' + (n.failovers ? ' · failovers here: ' + n.failovers : '');
  } catch (e) {
    document.getElementById('node').textContent = 'Node status unavailable: ' + e.message;
  }
})();
