// Single sign-on with Crosspost: Crosspost's login form is the only login. Camunda's webapps take the login of
// Crosspost's session (container-based authentication, see dev.crosspost.cockpit), and signing out here ends
// that session too. When a webapp would show its own login form, this sends the person to Crosspost's, or, when
// they are logged in but Camunda gives their account no access to this webapp, says so.
const appRoot = document.querySelector('base').getAttribute('app-root');
const site = appRoot.replace(/\/camunda\/?$/, '');

function showNoAccess(who) {
  if (document.getElementById('crosspost-no-access')) return;
  const box = document.createElement('div');
  box.id = 'crosspost-no-access';
  box.className = 'alert alert-warning';
  box.style.cssText = 'position:fixed;top:60px;left:20%;right:20%;z-index:2000;padding:1em;';
  const app = document.querySelector('base').getAttribute('app-name') || 'this webapp';
  box.appendChild(document.createTextNode('You are logged in to Crosspost as ' + who.id + ', but your account may not use '
    + app + '. A Camunda administrator can grant it in Admin → Authorizations → Application. '));
  const back = document.createElement('a');
  back.href = site + '/';
  back.textContent = 'Back to Crosspost';
  box.appendChild(back);
  document.body.appendChild(box);
}

async function onLoginPage() {
  if (!/^#\/login/.test(location.hash)) return;
  const me = await fetch(site + '/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (me.status === 401) {
    location.replace(site + '/login');
  } else if (me.ok) {
    showNoAccess(await me.json());
  }
}

window.addEventListener('hashchange', onLoginPage);
onLoginPage();
