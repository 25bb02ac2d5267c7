(async () => {
  const status = document.getElementById('status');
  function when(iso) { return new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }); }
  function item(author, text, iso, href) {
    const li = Crosspost.el('li');
    const meta = Crosspost.el('div', 'meta');
    meta.appendChild(Crosspost.el('span', 'author', author));
    const time = Crosspost.el('time', null, when(iso)); time.dateTime = iso; meta.appendChild(time);
    li.appendChild(meta);
    const body = href ? Crosspost.el('a', 'text', text) : Crosspost.el('div', 'text', text);
    if (href) body.href = href;
    li.appendChild(body);
    return li;
  }
  function excerpt(text, n) { return text.length > n ? text.slice(0, n) + '…' : text; }

  try {
    await Crosspost.header('Home');
    const me = await Crosspost.session();
    document.getElementById('hello').textContent = 'Hello, ' + me.name + '. What is new in your teams:';
    document.getElementById('none').hidden = me.teams.length > 0;
    const teams = document.getElementById('teams');
    // who is in each team's chat room now, as the bot sees it (nothing when XMPP is off)
    const rooms = await Crosspost.api('/api/rooms').catch(() => []);
    for (const team of me.teams) {
      const box = '/shoutbox/' + encodeURIComponent(team);
      const card = Crosspost.el('section', 'card team');
      card.dataset.team = team;
      const h = Crosspost.el('h2'); const a = Crosspost.el('a', null, 'shoutbox:' + team); a.href = box; h.appendChild(a);
      card.appendChild(h);
      for (const room of rooms.filter(r => r.team === team && r.present)) {
        const who = Crosspost.el('p', 'presence');
        who.dataset.room = room.room;
        who.textContent = room.occupants.length
          ? 'In the chat room now: ' + room.occupants.join(', ')
          : 'Nobody is in the chat room ' + room.room + ' right now.';
        card.appendChild(who);
      }
      const list = Crosspost.el('ol', 'compact shouts-latest');
      card.appendChild(list);
      teams.appendChild(card);
      const shouts = await Crosspost.api('/api/shoutboxes/' + encodeURIComponent(team) + '/shouts?limit=5');
      for (const s of shouts) list.appendChild(item(s.authorName || s.author, excerpt(s.text, 200), s.createdAt));
      const more = Crosspost.el('a', 'more', shouts.length ? 'Open the shoutbox →' : 'Nothing said yet: say hello →');
      more.href = box;
      card.appendChild(more);
    }
    const stories = await Crosspost.api('/api/stories?size=5');
    const list = document.getElementById('stories');
    for (const s of stories.items) {
      list.appendChild(item(s.authorName || s.author, s.title, s.createdAt, '/stories/' + encodeURIComponent(s.id)));
    }
    document.getElementById('no-stories').hidden = stories.items.length > 0;
  } catch (e) { status.textContent = e.message; status.classList.add('error'); }
})();
