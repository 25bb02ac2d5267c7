// Helpers shared by Crosspost's Cockpit plugins (crosspost-messages.js, crosspost-dashboard.js).

/** The id of the Messages tab: ?tab=crosspost-messages on a process definition page opens it. */
export const TAB = 'crosspost-messages';

const base = document.querySelector('base');

/** Crosspost's own root (the webapps live under <root>/camunda). */
export const crosspostRoot = base.getAttribute('app-root').replace(/\/camunda\/?$/, '');

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/**
 * Camunda's engine API as the webapp uses it: the logged-in person's session, Camunda's authorizations, and its
 * CSRF token on POST (a POST query here only reads; it takes a JSON body for variable filters).
 */
export function engine(api) {
  const root = (api && api.engineApi) || (base.getAttribute('engine-api') + 'engine/default');
  const token = () => (api && typeof api.CSRFToken === 'string' && api.CSRFToken) || cookie('XSRF-TOKEN');
  async function call(path, options) {
    const response = await fetch(root + path, Object.assign({ credentials: 'same-origin' }, options));
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new Error((body && body.message) || ('HTTP ' + response.status));
    }
    return response.json();
  }
  return {
    get: path => call(path, { headers: { Accept: 'application/json' } }),
    post: (path, body) => call(path, { method: 'POST', body: JSON.stringify(body), headers: {
      Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token() } })
  };
}

export function when(iso) {
  return iso ? new Date(iso.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toLocaleString() : '—';
}

export function duration(ms) {
  if (ms == null) return '—';
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  if (ms < 3600000) return Math.round(ms / 60000) + ' min';
  return (ms / 3600000).toFixed(1) + ' h';
}

/** The queue's send tasks: service tasks delegating to Crosspost's redirect (they record delivery_<task id>). */
export function sendTasks(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'serviceTask')]
    .filter(t => /\$\{\s*redirect\s*\}/.test(t.getAttributeNS('http://camunda.org/schema/1.0/bpmn', 'delegateExpression') || ''))
    .map(t => ({ id: t.getAttribute('id'), name: t.getAttribute('name') || t.getAttribute('id') }));
}

/**
 * What each send task did for each flow: sent / skipped (from the delivery_<task> variable the task wrote), or,
 * while the flow runs, waiting / retrying / failed (from its jobs; a job with no retries left is an incident).
 */
export async function sendOutcomes(api, flows, vars, sends) {
  const result = {};
  const definitions = {};
  for (const flow of flows) {
    const v = vars[flow.id] || {};
    let jobs = [];
    if (!flow.endTime && sends.length) {
      definitions[flow.processDefinitionId] ||= api.get('/job-definition?processDefinitionId=' + encodeURIComponent(flow.processDefinitionId));
      const activityOf = Object.fromEntries((await definitions[flow.processDefinitionId]).map(d => [d.id, d.activityId]));
      jobs = (await api.get('/job?processInstanceId=' + encodeURIComponent(flow.id)))
        .map(j => Object.assign(j, { activityId: j.failedActivityId || activityOf[j.jobDefinitionId] }));
    }
    result[flow.id] = sends.map(task => outcome(task, v['delivery_' + task.id], jobs.find(j => j.activityId === task.id), flow));
  }
  return result;
}

function outcome(task, delivery, job, flow) {
  const o = (kind, short, detail) => ({ activityId: task.id, kind, short, label: task.name + ': ' + detail });
  if (delivery && delivery.value != null) {
    const text = String(delivery.value);
    if (text.startsWith('SENT')) return o('sent', 'sent', text.replace(/^SENT/, 'sent'));
    const skipped = /^SKIPPED \(([^)]*)\): (.*)$/s.exec(text);
    return o('skipped', 'skipped', skipped ? 'skipped (' + skipped[1] + '): ' + skipped[2] : text);
  }
  if (job && job.retries === 0) return o('failed', 'failed', 'failed: ' + (job.exceptionMessage || 'no retries left') + ' (incident: Retry in Cockpit)');
  if (job && job.exceptionMessage) return o('retrying', 'retrying', 'retrying (' + job.retries + ' left): ' + job.exceptionMessage);
  if (job) return o('pending', 'waiting', 'waiting to send since ' + when(job.createTime));
  return o('none', null, flow.endTime ? 'not on this message\'s path' : 'not reached yet');
}
