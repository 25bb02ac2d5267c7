(async () => {
  const box = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const base = '/api/shoutboxes/' + encodeURIComponent(box);
  const list = document.getElementById('shouts');
  const status = document.getElementById('status');
  const seen = new Set();
  let me = null;
  document.getElementById('title').textContent = 'shoutbox:' + box;

  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }

  function render(shout) {
    if (seen.has(shout.id)) return null;
    seen.add(shout.id);
    const li = Crosspost.el('li');
    li.dataset.id = shout.id;
    const meta = Crosspost.el('div', 'meta');
    meta.appendChild(Crosspost.el('span', 'author', shout.authorName || shout.author));
    const when = new Date(shout.createdAt);
    const time = Crosspost.el('time', null, when.toLocaleString());
    time.dateTime = shout.createdAt;
    meta.appendChild(time);
    if (shout.origin) meta.appendChild(Crosspost.el('span', 'via', 'via ' + shout.origin));
    else if (me && me.admin) {
      // A shout posted here is a message: its id is the business key of its flow (Cockpit plugin's trace route).
      const trace = Crosspost.el('a', 'trace', 'trace');
      trace.href = '/camunda/app/cockpit/default/#/crosspost/trace/' + encodeURIComponent(shout.id);
      trace.title = 'This message\'s flow in Cockpit';
      meta.appendChild(trace);
    }
    if (me && Crosspost.mayRemove(me, shout.author)) {
      meta.appendChild(Crosspost.removeButton('Delete', async () => {
        await Crosspost.api(base + '/shouts/' + encodeURIComponent(shout.id), { method: 'DELETE' });
        drop(shout.id);
      }));
    }
    li.appendChild(meta);
    li.appendChild(Crosspost.el('div', 'text', shout.text));
    return li;
  }

  function drop(id) {
    for (const li of list.querySelectorAll('li')) if (li.dataset.id === id) li.remove();
  }

  function addNewest(shout) { const li = render(shout); if (li) list.insertBefore(li, list.firstChild); }

  try {
    await Crosspost.header('shoutbox:' + box);
    me = await Crosspost.session();
    const shouts = await Crosspost.api(base + '/shouts?limit=100');
    for (const s of shouts) { const li = render(s); if (li) list.appendChild(li); }
  } catch (e) {
    say(e.message, true);
    document.getElementById('send').disabled = true;
    return;
  }

  const stream = new EventSource(base + '/stream');
  stream.addEventListener('shout', e => addNewest(JSON.parse(e.data)));
  stream.addEventListener('shout-deleted', e => drop(JSON.parse(e.data).id));
  stream.onerror = () => say('Live updates interrupted; reconnecting…');
  stream.onopen = () => say('');

  const form = document.getElementById('post');
  const text = document.getElementById('text');
  text.addEventListener('keydown', e => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!text.value.trim()) { say('Write something first.', true); return; }
    const send = document.getElementById('send');
    send.disabled = true;
    try {
      // One key per attempt: a double click or a retried request never posts the shout twice.
      const key = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
      const shout = await Crosspost.api(base + '/shouts', { method: 'POST', body: JSON.stringify({ text: text.value }),
        headers: { 'Idempotency-Key': key } });
      addNewest(shout);
      text.value = '';
      say('');
    } catch (err) {
      say(err.message, true);
    } finally {
      send.disabled = false;
      text.focus();
    }
  });
})();
