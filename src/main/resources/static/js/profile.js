(async () => {
  const status = document.getElementById('status');
  const shown = ['name', 'email', 'xmpp', 'phone'];
  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }
  function show(p) { for (const f of shown) document.getElementById(f).value = p[f] || ''; }

  let path;
  let fields = ['name', 'email', 'xmpp', 'phone'];
  try {
    await Crosspost.header('Profile');
    const me = await Crosspost.session();
    document.getElementById('login').textContent = me.id;
    if (!me.admin) {
      // Only admins change display names: the name is how others know who wrote a shout (the server refuses too).
      const name = document.getElementById('name');
      name.readOnly = true;
      name.required = false;
      const note = document.getElementById('name-note');
      note.textContent = 'Only an admin can change display names, so that nobody can pose as someone else: '
        + 'ask an admin to change yours.';
      note.hidden = false;
      fields = fields.filter(f => f !== 'name');
    }
    path = '/api/members/' + encodeURIComponent(me.id) + '/profile';
    show(await Crosspost.api(path));
  } catch (e) { say(e.message, true); document.getElementById('save').disabled = true; return; }

  document.getElementById('profile').addEventListener('submit', async e => {
    e.preventDefault();
    const body = {};
    for (const f of fields) body[f] = document.getElementById(f).value.trim();
    try {
      show(await Crosspost.api(path, { method: 'PUT', body: JSON.stringify(body) }));
      say('Saved.');
    } catch (err) { say(err.message, true); }
  });
})();
