(async () => {
  await Crosspost.header('Home');
  const me = await Crosspost.session();
  const ul = document.getElementById('teams');
  for (const team of me.teams) {
    const li = Crosspost.el('li'); const a = Crosspost.el('a', null, 'shoutbox:' + team);
    a.href = '/shoutbox/' + encodeURIComponent(team); li.appendChild(a); ul.appendChild(li);
  }
  document.getElementById('none').hidden = me.teams.length > 0;
})();
