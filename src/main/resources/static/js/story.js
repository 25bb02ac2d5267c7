(async () => {
  const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const base = '/api/stories/' + encodeURIComponent(id);
  const status = document.getElementById('status');
  const comments = document.getElementById('comments');
  let story = null;
  let me = null;
  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }

  function show(s) {
    story = s;
    document.getElementById('story').hidden = false;
    document.getElementById('story-title').textContent = s.title;
    document.getElementById('story-body').textContent = s.body;
    const meta = document.getElementById('story-meta');
    meta.replaceChildren();
    meta.appendChild(Crosspost.el('span', 'author', s.authorName || s.author));
    const time = Crosspost.el('time', null, new Date(s.createdAt).toLocaleString());
    time.dateTime = s.createdAt;
    meta.appendChild(time);
    if (s.updatedAt !== s.createdAt) meta.appendChild(Crosspost.el('span', null, 'edited ' + new Date(s.updatedAt).toLocaleString()));
    if (s.team) meta.appendChild(Crosspost.el('span', 'via', 'readers: members of ' + s.team));
    if (s.origin) meta.appendChild(Crosspost.el('span', 'via', 'saved from ' + s.origin));
    document.title = s.title + ' · Crosspost';
  }

  function addComment(c) {
    const li = Crosspost.el('li');
    li.id = 'comment-' + c.id;
    const meta = Crosspost.el('div', 'meta');
    meta.appendChild(Crosspost.el('span', 'author', c.authorName || c.author));
    const time = Crosspost.el('time', null, new Date(c.createdAt).toLocaleString());
    time.dateTime = c.createdAt;
    meta.appendChild(time);
    if (me && Crosspost.mayRemove(me, c.author)) {
      meta.appendChild(Crosspost.removeButton('Delete', async () => {
        await Crosspost.api(base + '/comments/' + encodeURIComponent(c.id), { method: 'DELETE' });
        li.remove();
      }));
    }
    li.appendChild(meta);
    li.appendChild(Crosspost.el('div', 'text', c.body));
    comments.appendChild(li);
  }

  try {
    await Crosspost.header('Story');
    me = await Crosspost.session();
    const read = await Crosspost.api(base);
    show(read.story);
    read.comments.forEach(addComment);
    document.getElementById('edit').hidden = !(me.admin || me.id === read.story.author);
    if (Crosspost.mayRemove(me, read.story.author)) {
      document.getElementById('remove-story').appendChild(Crosspost.removeButton('Delete story', async () => {
        await Crosspost.api(base, { method: 'DELETE' });
        location.href = '/stories';
      }));
    }
  } catch (e) {
    say(e.message, true);
    document.getElementById('send').disabled = true;
    return;
  }

  const editor = document.getElementById('editor');
  document.getElementById('edit').addEventListener('click', () => {
    document.getElementById('edit-title').value = story.title;
    document.getElementById('edit-body').value = story.body;
    editor.hidden = false;
  });
  document.getElementById('cancel').addEventListener('click', () => { editor.hidden = true; });
  editor.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      show(await Crosspost.api(base, { method: 'PUT', body: JSON.stringify({ title: document.getElementById('edit-title').value,
        body: document.getElementById('edit-body').value, version: story.version }) }));
      editor.hidden = true;
      say('Saved.');
    } catch (err) { say(err.message, true); }
  });

  const form = document.getElementById('comment-form');
  const text = document.getElementById('comment');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!text.value.trim()) { say('Write something first.', true); return; }
    const send = document.getElementById('send');
    send.disabled = true;
    try {
      addComment(await Crosspost.api(base + '/comments', { method: 'POST', body: JSON.stringify({ body: text.value }) }));
      text.value = '';
      say('');
    } catch (err) {
      say(err.message, true);
    } finally {
      send.disabled = false;
    }
  });
})();
