// Single sign-on with Crosspost: Crosspost's login form is the only login. Camunda's webapps take the login of
// Crosspost's session (container-based authentication, see dev.crosspost.cockpit), and signing out here ends
// that session too. When a webapp would show its own login form, this sends the person to Crosspost's, or, when
// they are logged in but Camunda gives their account no access to this webapp, says so.
const base = document.querySelector('base');
const appRoot = base.getAttribute('app-root');
const app = base.getAttribute('app-name');
const site = appRoot.replace(/\/camunda\/?$/, '');
let checking = false;
let handled = false; // this visit of the login route is dealt with

function showNoAccess(user) {
  if (document.getElementById('crosspost-no-access')) return;
  const box = document.createElement('div');
  box.id = 'crosspost-no-access';
  box.className = 'alert alert-warning';
  box.style.cssText = 'position:fixed;top:80px;left:20%;right:20%;z-index:2000;padding:1em;';
  box.appendChild(document.createTextNode('You are logged in to Crosspost as ' + user + ', but your account may not use '
    + app + '. A Camunda administrator can grant it in Admin → Authorizations → Application. '));
  const back = document.createElement('a');
  back.href = site + '/';
  back.textContent = 'Back to Crosspost';
  box.appendChild(back);
  document.body.appendChild(box);
}

async function onLoginPage() {
  if (!location.hash.startsWith('#/login')) {
    handled = false;
    return;
  }
  if (checking || handled) return;
  checking = true;
  try {
    // The webapps' view of the session (not /api/me, whose 401 would make the browser ask for a Basic login).
    const auth = await fetch(appRoot + '/api/admin/auth/user/default',
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!auth.ok) {
      location.replace(site + '/login');
      return;
    }
    handled = true;
    const who = await auth.json();
    if (!(who.authorizedApps || []).includes(app)) showNoAccess(who.userId);
  } finally {
    checking = false;
  }
}

// Cockpit changes its route without always firing hashchange: look whenever the page changes.
new MutationObserver(onLoginPage).observe(document, { childList: true, subtree: true });
window.addEventListener('hashchange', onLoginPage);
onLoginPage();
