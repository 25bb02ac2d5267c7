(async () => {
  const params = new URLSearchParams(location.search);
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const size = 20;
  const list = document.getElementById('stories');
  const status = document.getElementById('status');
  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }
  function excerpt(text) { return text.length > 280 ? text.slice(0, 280) + '…' : text; }

  function render(story) {
    const li = Crosspost.el('li');
    li.dataset.id = story.id;
    const a = Crosspost.el('a', 'title', story.title);
    a.href = '/stories/' + encodeURIComponent(story.id);
    li.appendChild(a);
    const meta = Crosspost.el('div', 'meta');
    meta.appendChild(Crosspost.el('span', 'author', story.authorName || story.author));
    const time = Crosspost.el('time', null, new Date(story.createdAt).toLocaleString());
    time.dateTime = story.createdAt;
    meta.appendChild(time);
    if (story.team) meta.appendChild(Crosspost.el('span', 'via', 'readers: members of ' + story.team));
    if (story.origin) meta.appendChild(Crosspost.el('span', 'via', 'saved from ' + story.origin));
    li.appendChild(meta);
    li.appendChild(Crosspost.el('div', 'text', excerpt(story.body)));
    return li;
  }

  try {
    await Crosspost.header('Stories');
    const me = await Crosspost.session();
    const select = document.getElementById('team');
    for (const team of me.teams) { const o = Crosspost.el('option', null, 'members of ' + team); o.value = team; select.appendChild(o); }
    const result = await Crosspost.api('/api/stories?page=' + page + '&size=' + size);
    for (const s of result.items) list.appendChild(render(s));
    if (result.items.length === 0) say(page === 0 ? 'No stories yet: write the first one.' : 'No more stories.');
    const newer = document.getElementById('newer'), older = document.getElementById('older');
    if (page > 0) { newer.hidden = false; newer.href = '/stories?page=' + (page - 1); }
    if ((page + 1) * size < result.total) { older.hidden = false; older.href = '/stories?page=' + (page + 1); }
  } catch (e) {
    say(e.message, true);
    return;
  }

  const form = document.getElementById('write');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const publish = document.getElementById('publish');
    publish.disabled = true;
    try {
      const story = await Crosspost.api('/api/stories', { method: 'POST', body: JSON.stringify({
        title: document.getElementById('title').value, body: document.getElementById('body').value,
        team: document.getElementById('team').value || null }) });
      location.href = '/stories/' + encodeURIComponent(story.id);
    } catch (err) {
      say(err.message, true);
      publish.disabled = false;
    }
  });
})();
