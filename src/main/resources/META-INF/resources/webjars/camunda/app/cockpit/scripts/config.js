// Cockpit's configuration, as shipped by Camunda 7.24 (all defaults), plus Crosspost's plugins:
// the Messages tab with a message's trace, the channel dashboard, and single sign-on with Crosspost's login.
// Each entry is an ES module under /camunda/app/cockpit/ (".js" is added by Cockpit).
export default {
  customScripts: [
    'scripts/crosspost-sso',
    'scripts/crosspost-messages',
    'scripts/crosspost-dashboard'
  ]
};
