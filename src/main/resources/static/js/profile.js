(async () => {
  const status = document.getElementById('status');
  const shown = ['name', 'email', 'xmpp', 'phone'];
  function say(message, isError) { status.textContent = message || ''; status.classList.toggle('error', !!isError); }
  let last = {};
  function state(verified, pending, value) {
    if (!value) return '';
    if (verified) return 'verified';
    return pending ? 'code sent: confirm it below' : 'not verified: save it again for a new code';
  }
  function show(p) {
    last = p;
    for (const f of shown) document.getElementById(f).value = p[f] || '';
    document.querySelector('.verification[data-address="xmpp"]').textContent =
      state(p.xmppVerified, p.xmppCodePending, p.xmpp);
    document.querySelector('.verification[data-address="phone"]').textContent =
      state(p.phoneVerified, p.phoneCodePending, p.phone);
  }

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
    for (const f of fields) {
      const value = document.getElementById(f).value.trim();
      // an address sent again gets a new code: send only what changed
      if (value !== (last[f] || '')) body[f] = value;
    }
    try {
      const saved = await Crosspost.api(path, { method: 'PUT', body: JSON.stringify(body) });
      say('Saved.');
      show(saved);
    } catch (err) { say(err.message, true); }
  });

  document.getElementById('verify').addEventListener('submit', async e => {
    e.preventDefault();
    const code = document.getElementById('code').value.trim();
    try {
      show(await Crosspost.api(path.replace(/\/profile$/, '/verify'), { method: 'POST', body: JSON.stringify({ code }) }));
      document.getElementById('code').value = '';
    } catch (err) { say(err.message, true); }
  });
})();
