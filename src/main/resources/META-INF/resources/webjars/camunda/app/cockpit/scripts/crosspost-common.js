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

/** Crosspost's own API (read only), with the logged-in person's session. */
export async function crosspost(path) {
  const response = await fetch(crosspostRoot + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('Crosspost answered ' + response.status);
  return response.json();
}

/**
 * What each send of each flow became. A send task records delivery_<task>: "SENT to …" (a local effect, done at
 * once), "SKIPPED (…): reason", or "QUEUED to … (send <id>)": then the outbox row <id> says sent / waiting /
 * retrying / failed (from Crosspost's /api/cockpit/sends). A task that runs as a job (asyncBefore) and has not run
 * yet is waiting, retrying or an incident of its job. Sends of the message that no task recorded (a notified
 * subscriber's) follow the tasks' ones.
 */
export async function sendOutcomes(api, flows, vars, sends) {
  const ids = flows.map(f => f.businessKey).filter(Boolean);
  const rows = ids.length ? await crosspost('/api/cockpit/sends?messageIds=' + ids.map(encodeURIComponent).join(',')) : [];
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
    const mine = rows.filter(r => r.messageId === flow.businessKey);
    const used = new Set();
    result[flow.id] = sends.map(task => outcome(task, v['delivery_' + task.id], mine, used, jobs.find(j => j.activityId === task.id), flow));
    // Corrections and removals of the message (made after its flow, where its lines went) and sends of no task.
    const change = { correct: 'Correction: ', retract: 'Removal: ' };
    for (const row of mine.filter(r => !used.has(r.id))) {
      result[flow.id].push(Object.assign(fromOutbox(row), { activityId: null, change: row.action !== 'say',
        label: (change[row.action] || 'Other send: ') + fromOutbox(row).detail }));
    }
  }
  return result;
}

function outcome(task, delivery, rows, used, job, flow) {
  const o = (kind, short, detail) => ({ activityId: task.id, kind, short, label: task.name + ': ' + detail });
  if (delivery && delivery.value != null) {
    const text = String(delivery.value);
    if (text.startsWith('SENT')) return o('sent', 'sent', text.replace(/^SENT/, 'sent'));
    const queued = /^QUEUED to (.*) \(send ([^)]*)\)$/s.exec(text);
    if (queued) {
      const row = rows.find(r => r.id === queued[2]);
      if (!row) return o('none', 'queued', 'queued to ' + queued[1] + '; the outbox no longer keeps this send'
        + ' (sent ones are deleted after crosspost.outbox.keep), or you may not read it');
      used.add(row.id);
      const r = fromOutbox(row);
      return Object.assign(o(r.kind, r.short, r.detail), { incidentFlowId: row.incidentFlowId });
    }
    const skipped = /^SKIPPED \(([^)]*)\): (.*)$/s.exec(text);
    return o('skipped', 'skipped', skipped ? 'skipped (' + skipped[1] + '): ' + skipped[2] : text);
  }
  if (job && job.retries === 0) return o('failed', 'failed', 'failed: ' + (job.exceptionMessage || 'no retries left') + ' (incident: Retry in Cockpit)');
  if (job && job.exceptionMessage) return o('retrying', 'retrying', 'retrying (' + job.retries + ' left): ' + job.exceptionMessage);
  if (job) return o('pending', 'waiting', 'waiting to run since ' + when(job.createTime));
  return o('none', null, flow.endTime ? 'not on this message\'s path' : 'not reached yet');
}

/** An outbox row, as a person reads it. */
function fromOutbox(row) {
  const tries = n => n + (n === 1 ? ' failed attempt' : ' failed attempts');
  switch (row.outcome) {
    case 'sent': return { kind: 'sent', short: 'sent', detail: 'sent to ' + row.target + ' at ' + when(row.sentAt) };
    case 'skipped': return { kind: 'skipped', short: 'skipped', detail: 'skipped (' + row.target + '): ' + (row.lastError || '') };
    case 'failed': return { kind: 'failed', short: 'failed', detail: 'failed to ' + row.target + ' after ' + tries(row.attempts)
      + ': ' + (row.lastError || 'refused') + (row.incidentFlowId ? ' (retries ran out: its delivery-failed flow is the incident, Retry in Cockpit)' : ' (refused: not retried)') };
    case 'retrying': return { kind: 'retrying', short: 'retrying', detail: 'retrying to ' + row.target + ' (' + tries(row.attempts)
      + ', next ' + when(row.nextAttemptAt) + '): ' + (row.lastError || '') };
    default: return { kind: 'pending', short: 'waiting', detail: 'waiting to be sent to ' + row.target + ' since ' + when(row.createdAt) };
  }
}
