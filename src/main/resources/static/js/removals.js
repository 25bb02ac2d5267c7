(async () => {
  try {
    await Crosspost.header('Removals');
    const removals = await Crosspost.api('/api/removals?limit=200');
    const rows = document.getElementById('rows');
    for (const r of removals) {
      const tr = Crosspost.el('tr');
      tr.appendChild(Crosspost.el('td', null, new Date(r.removedAt).toLocaleString()));
      tr.appendChild(Crosspost.el('td', null, r.kind + ' ' + r.itemId.slice(0, 8)));
      tr.appendChild(Crosspost.el('td', null, r.place));
      tr.appendChild(Crosspost.el('td', null, r.author || '—'));
      tr.appendChild(Crosspost.el('td', null, r.removedBy));
      rows.appendChild(tr);
    }
    document.getElementById('empty').hidden = removals.length > 0;
    document.getElementById('table').hidden = removals.length === 0;
  } catch (e) {
    const status = document.getElementById('status');
    status.textContent = e.message; status.classList.add('error');
  }
})();
