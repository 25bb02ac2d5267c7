(async () => {
  const box = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const base = '/api/shoutboxes/' + encodeURIComponent(box);
  const list = document.getElementById('shouts');
  const status = document.getElementById('status');
  const seen = new Set();
  const latest = new Map();
  let me = null;
  document.getElementById('title').textContent = 'shoutbox:' + box;

  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }

  function render(shout) {
    if (seen.has(shout.id)) return null;
    seen.add(shout.id);
    return build(shout);
  }

  // The shout's own line: author, time, "edited", its buttons and its text (as text, never markup).
  function build(shout) {
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
    if (shout.editedAt) {
      const edited = Crosspost.el('time', 'edited', 'edited ' + new Date(shout.editedAt).toLocaleTimeString());
      edited.dateTime = shout.editedAt;
      edited.title = 'Edited ' + new Date(shout.editedAt).toLocaleString();
      meta.appendChild(edited);
    }
    if (mayEdit(shout)) meta.appendChild(editButton(li, shout));
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

  // Its author within the edit window; a moderator or an admin at any time; a relayed shout is edited where it was said.
  function mayEdit(shout) {
    if (!me || shout.origin || !shout.editableUntil) return false;
    return me.admin || me.teams.includes('moderator')
      || (me.id === shout.author && Date.now() < Date.parse(shout.editableUntil));
  }

  function editButton(li, shout) {
    const b = Crosspost.el('button', 'edit', 'Edit');
    b.type = 'button';
    b.setAttribute('aria-label', 'Edit this shout');
    b.addEventListener('click', () => startEditing(li, shout));
    // The button goes when the author's window closes (the server would refuse with 409 from then on).
    const left = Date.parse(shout.editableUntil) - Date.now();
    if (!me.admin && !me.teams.includes('moderator') && left > 0 && left < 2147483647) {
      setTimeout(() => { if (!li.classList.contains('editing')) b.remove(); }, left);
    }
    return b;
  }

  function startEditing(li, shout) {
    li.classList.add('editing');
    const form = Crosspost.el('form', 'edit-form');
    const area = Crosspost.el('textarea');
    area.value = shout.text;
    area.maxLength = 4000;
    area.setAttribute('aria-label', 'Edit your shout');
    const save = Crosspost.el('button', null, 'Save');
    save.type = 'submit';
    const cancel = Crosspost.el('button', 'cancel', 'Cancel');
    cancel.type = 'button';
    form.append(area, save, cancel);
    const textDiv = li.querySelector('.text');
    textDiv.replaceWith(form);
    const stop = () => { li.replaceWith(build(latest.get(shout.id) || shout)); focusEdit(shout.id); };
    cancel.addEventListener('click', stop);
    area.addEventListener('keydown', e => {
      if (e.key === 'Escape') { e.preventDefault(); stop(); }
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!area.value.trim()) { say('Write something first.', true); return; }
      save.disabled = true;
      try {
        const edited = await Crosspost.api(base + '/shouts/' + encodeURIComponent(shout.id),
          { method: 'PATCH', body: JSON.stringify({ text: area.value }) });
        latest.set(edited.id, edited);
        say('');
        stop();
      } catch (err) {
        say(err.message, true);
        save.disabled = false;
      }
    });
    area.focus();
  }

  function focusEdit(id) {
    const li = find(id);
    const button = li && li.querySelector('button.edit');
    if (button) button.focus();
  }

  function find(id) {
    for (const li of list.querySelectorAll('li')) if (li.dataset.id === id) return li;
    return null;
  }

  // A shout's new text, live: its line is redrawn in place (unless this page is editing it just now).
  function replace(shout) {
    const known = latest.get(shout.id);
    if (known && known.text === shout.text && known.editedAt === shout.editedAt) return; // this page's own edit
    if (known && known.editedAt && shout.editedAt && Date.parse(known.editedAt) > Date.parse(shout.editedAt)) return;
    latest.set(shout.id, shout);
    const li = find(shout.id);
    if (!li || li.classList.contains('editing')) return;
    const focused = li.contains(document.activeElement);
    li.replaceWith(build(shout));
    if (focused) focusEdit(shout.id);
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
  stream.addEventListener('shout-edited', e => replace(JSON.parse(e.data)));
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
