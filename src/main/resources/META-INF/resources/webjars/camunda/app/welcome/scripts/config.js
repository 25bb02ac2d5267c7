// Camunda's configuration for this webapp (all defaults), plus Crosspost's single sign-on script.
export default {
  customScripts: ['../cockpit/scripts/crosspost-sso']
};
