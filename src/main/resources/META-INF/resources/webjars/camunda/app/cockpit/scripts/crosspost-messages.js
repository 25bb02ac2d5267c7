// Crosspost's "Messages" tab on a queue's process definition page, and a message's trace.
//
// Community Edition Cockpit lists running process instances only; a message's flow usually ends within a second.
// This tab reads Camunda's history through the webapp's own engine API (/camunda/api/engine/...), so it shows
// finished and running flows alike, and Camunda's authorizations apply exactly as in Cockpit (READ_HISTORY on the
// process definition). What became of each send (sent, waiting, retrying, failed) is the outbox's word, read from
// Crosspost's /api/cockpit/sends, which applies the same READ_HISTORY rule. The trace draws the path a message took
// on the diagram Cockpit shows above the tabs (Cockpit's own bpmn-js viewer, handed to us through the diagram
// plugin point).
//
// Text that came from people (a shout, a sender's name) is only ever set with textContent, never as HTML.
import { el, engine, when, duration, sendTasks, sendOutcomes, crosspost, TAB } from './crosspost-common.js';

const PAGE_SIZE = 20;
let viewer = null;
let drawWhenViewerReady = null;

const tab = {
  id: TAB,
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 20,
  properties: { label: 'Messages' },
  render: (node, { processDefinitionId, api }) => {
    new MessagesTab(node, processDefinitionId, engine(api)).start();
  },
  unmount: () => { drawWhenViewerReady = null; }
};

const diagram = {
  id: 'crosspost-trace-diagram',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 20,
  render: v => {
    viewer = v;
    if (drawWhenViewerReady) drawWhenViewerReady();
  },
  unmount: () => { viewer = null; }
};

// #/crosspost/trace/<message id>: finds the message's flow (business key = message id) and opens its trace.
const traceRoute = {
  id: 'crosspost-trace-route',
  pluginPoint: 'cockpit.route',
  priority: 0,
  properties: { path: '/crosspost/trace/:messageId' },
  render: async (node, { api } = {}) => {
    const messageId = decodeURIComponent(location.hash.split('?')[0].split('/').pop());
    node.appendChild(el('p', 'crosspost-status', 'Looking for the flow of message ' + messageId + ' …'));
    try {
      // Notification deliveries carry the same business key; the message's own queue started first.
      const found = await engine(api).post('/history/process-instance?firstResult=0&maxResults=1',
        { processInstanceBusinessKey: messageId, sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }] });
      if (!found.length) {
        node.replaceChildren(el('p', 'alert alert-warning', 'No flow of message ' + messageId
          + ' that you may read: it went to a channel without a queue, its history was cleaned up, or your account may not read it.'));
        return;
      }
      location.replace('#/process-definition/' + encodeURIComponent(found[0].processDefinitionId)
        + '/runtime?tab=' + TAB + '&trace=' + encodeURIComponent(found[0].id));
    } catch (e) {
      node.replaceChildren(el('p', 'alert alert-danger', e.message));
    }
  }
};

class MessagesTab {
  constructor(node, processDefinitionId, api) {
    this.node = node;
    this.definitionId = processDefinitionId;
    this.api = api;
    this.page = 0;
    this.filter = {};
  }

  async start() {
    this.node.classList.add('crosspost-messages');
    ensureStyles();
    try {
      const definition = await this.api.get('/process-definition/' + encodeURIComponent(this.definitionId));
      this.key = definition.key;
      const xml = await this.api.get('/process-definition/' + encodeURIComponent(this.definitionId) + '/xml');
      this.sends = sendTasks(xml.bpmn20Xml);
    } catch (e) {
      this.node.replaceChildren(el('p', 'alert alert-warning', 'Cannot read this queue: ' + e.message));
      return;
    }
    this.node.replaceChildren(this.filterForm(), this.list = el('div'), this.trace = el('div', 'crosspost-trace'));
    await this.load();
    const wanted = new URLSearchParams(location.hash.split('?')[1] || '').get('trace');
    if (wanted) await this.showTrace(wanted);
  }

  filterForm() {
    const form = el('form', 'form-inline crosspost-filter');
    const field = (label, input) => { const l = el('label', null, label + ' '); l.appendChild(input); form.appendChild(l); return input; };
    this.from = field('From', Object.assign(el('input', 'form-control input-sm'), { type: 'datetime-local', name: 'from' }));
    this.to = field('to', Object.assign(el('input', 'form-control input-sm'), { type: 'datetime-local', name: 'to' }));
    this.sender = field('Sender', Object.assign(el('input', 'form-control input-sm'), { name: 'sender', placeholder: 'member id or address' }));
    this.outcome = field('Outcome', Object.assign(el('select', 'form-control input-sm'), { name: 'outcome' }));
    const options = [['', 'any'], ['running', 'still running'], ['finished', 'finished'],
      ['waiting', 'a send not sent yet'], ['retrying', 'a send being retried'], ['failed', 'a send failed']];
    for (const task of this.sends) options.push(['skipped:' + task.id, task.name + ': skipped']);
    for (const [value, label] of options) this.outcome.appendChild(Object.assign(el('option', null, label), { value }));
    const apply = Object.assign(el('button', 'btn btn-default btn-sm', 'Apply'), { type: 'submit' });
    form.appendChild(apply);
    form.addEventListener('submit', e => { e.preventDefault(); this.page = 0; this.load(); });
    return form;
  }

  async query() {
    const q = { processDefinitionKey: this.key, sorting: [{ sortBy: 'startTime', sortOrder: 'desc' }] };
    const date = input => input.value ? new Date(input.value).toISOString().replace('Z', '+0000') : null;
    if (date(this.from)) q.startedAfter = date(this.from);
    if (date(this.to)) q.startedBefore = date(this.to);
    const vars = [];
    if (this.sender.value.trim()) vars.push({ name: 'sender', operator: 'like', value: '%' + this.sender.value.trim() + '%' });
    const [outcome, task] = this.outcome.value.split(':');
    if (outcome === 'running') q.unfinished = true;
    if (outcome === 'finished') q.finished = true;
    if (['waiting', 'retrying', 'failed'].includes(outcome)) {
      // The outbox knows which messages have such a send (Crosspost answers for queues the person may read).
      const keys = await crosspost('/api/cockpit/sends/messages?processDefinitionKey=' + encodeURIComponent(this.key)
        + '&outcome=' + outcome);
      if (outcome === 'failed') keys.push(...await this.incidentKeys());
      q.processInstanceBusinessKeyIn = keys.length ? [...new Set(keys)] : ['none'];
    }
    if (outcome === 'skipped') vars.push({ name: 'delivery_' + task, operator: 'like', value: 'SKIPPED%' });
    if (vars.length) q.variables = vars;
    return q;
  }

  // A task run as a job (asyncBefore) that failed for good is an incident of the flow itself.
  async incidentKeys() {
    const incidents = await this.api.get('/incident?processDefinitionKeyIn=' + encodeURIComponent(this.key));
    const ids = [...new Set(incidents.map(i => i.processInstanceId))];
    if (!ids.length) return [];
    const flows = await this.api.post('/history/process-instance', { processInstanceIds: ids });
    return flows.map(f => f.businessKey).filter(Boolean);
  }

  async load() {
    try {
      const q = await this.query();
      const [flows, total] = await Promise.all([
        this.api.post('/history/process-instance?firstResult=' + this.page * PAGE_SIZE + '&maxResults=' + PAGE_SIZE, q),
        this.api.post('/history/process-instance/count', q)]);
      const vars = await this.variables(flows.map(f => f.id));
      const outcomes = await sendOutcomes(this.api, flows, vars, this.sends);
      this.list.replaceChildren(this.table(flows, vars, outcomes), this.pager(total.count));
    } catch (e) {
      this.list.replaceChildren(el('p', 'alert alert-danger', e.message));
    }
  }

  async variables(ids) {
    if (!ids.length) return {};
    const all = await this.api.post('/history/variable-instance?deserializeValues=false', { processInstanceIdIn: ids });
    const byInstance = {};
    for (const v of all) (byInstance[v.processInstanceId] ||= {})[v.name] = v;
    return byInstance;
  }

  table(flows, vars, outcomes) {
    if (!flows.length) return el('p', 'crosspost-empty', 'No messages matched.');
    const table = el('table', 'table table-bordered table-hover cam-table crosspost-flows');
    const head = table.createTHead().insertRow();
    for (const h of ['Message', 'Channel', 'Sender', 'Text', 'Accepted', 'Duration', 'Sends']) head.appendChild(el('th', null, h));
    const body = table.createTBody();
    for (const flow of flows) {
      const v = vars[flow.id] || {};
      const value = name => (v[name] && v[name].value != null) ? String(v[name].value) : '';
      const row = body.insertRow();
      row.dataset.instance = flow.id;
      const open = Object.assign(el('a', 'crosspost-open', flow.businessKey || flow.id), { href: '' });
      open.title = 'Show the trace of this message';
      open.addEventListener('click', e => { e.preventDefault(); this.showTrace(flow.id); });
      row.insertCell().appendChild(open);
      row.insertCell().textContent = value('channel');
      row.insertCell().textContent = value('senderName') && value('senderName') !== value('sender')
        ? value('senderName') + ' (' + value('sender') + ')' : value('sender');
      const text = value('text');
      const textCell = row.insertCell();
      textCell.className = 'crosspost-text';
      textCell.textContent = text.length > 80 ? text.slice(0, 80) + '…' : text;
      textCell.title = text;
      row.insertCell().textContent = when(flow.startTime);
      row.insertCell().textContent = flow.endTime ? duration(flow.durationInMillis) : flow.state.toLowerCase();
      const sends = row.insertCell();
      for (const o of outcomes[flow.id] || []) sends.appendChild(el('div', 'crosspost-send crosspost-' + o.kind, o.label));
    }
    return table;
  }

  pager(total) {
    const bar = el('div', 'crosspost-pager');
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const button = (label, page) => {
      const b = Object.assign(el('button', 'btn btn-default btn-xs', label), { type: 'button', disabled: page < 0 || page >= pages });
      b.addEventListener('click', () => { this.page = page; this.load(); });
      return b;
    };
    bar.append(button('« newer', this.page - 1), el('span', null, ' page ' + (this.page + 1) + ' of ' + pages
      + ' (' + total + ' messages, newest first) '), button('older »', this.page + 1));
    return bar;
  }

  async showTrace(instanceId) {
    for (const row of this.list.querySelectorAll('tr[data-instance]')) row.classList.toggle('info', row.dataset.instance === instanceId);
    try {
      const [flow, activities, vars] = await Promise.all([
        this.api.get('/history/process-instance/' + encodeURIComponent(instanceId)),
        this.api.get('/history/activity-instance?processInstanceId=' + encodeURIComponent(instanceId)
          + '&sortBy=startTime&sortOrder=asc'),
        this.variables([instanceId])]);
      const outcomes = (await sendOutcomes(this.api, [flow], vars, this.sends))[flow.id] || [];
      activities.sort(inOrder);
      this.trace.replaceChildren(...traceView(flow, activities, vars[flow.id] || {}, outcomes));
      drawWhenViewerReady = () => drawPath(activities, outcomes);
      if (viewer) drawWhenViewerReady();
      this.trace.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      this.trace.replaceChildren(el('p', 'alert alert-warning', 'Cannot show this trace: ' + e.message));
    }
  }
}

// By start time; within one millisecond a start event comes first and an end event last.
function inOrder(a, b) {
  const rank = x => /StartEvent$/.test(x.activityType) ? 0 : /EndEvent$/.test(x.activityType) ? 2 : 1;
  return (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0) || rank(a) - rank(b);
}

function traceView(flow, activities, vars, outcomes) {
  const title = el('h4', 'crosspost-trace-title', 'Trace of message ' + (flow.businessKey || flow.id));
  const facts = el('p', null, 'Accepted ' + when(flow.startTime) + ' · '
    + (flow.endTime ? 'finished after ' + duration(flow.durationInMillis) : flow.state.toLowerCase()));
  if (!flow.endTime) {
    const running = Object.assign(el('a', null, ' open the running instance'), { href: '#/process-instance/' + encodeURIComponent(flow.id) + '/runtime' });
    facts.appendChild(running);
  }
  const path = el('ol', 'crosspost-path');
  for (const a of activities) {
    const state = a.canceled ? 'canceled' : a.endTime ? 'done' : 'running';
    const item = el('li', 'crosspost-step crosspost-' + state, (a.activityName || a.activityId) + ' (' + a.activityType + ') — ' + state);
    item.dataset.activity = a.activityId;
    if (a.endTime) item.appendChild(el('span', 'text-muted', ' in ' + duration(a.durationInMillis)));
    path.appendChild(item);
  }
  const sends = el('ul', 'crosspost-sends');
  for (const o of outcomes) {
    const item = el('li', 'crosspost-send crosspost-' + o.kind, o.label);
    if (o.incidentFlowId) {
      item.appendChild(document.createTextNode(' '));
      item.appendChild(Object.assign(el('a', null, 'open its delivery-failed flow'),
        { href: '#/process-instance/' + encodeURIComponent(o.incidentFlowId) + '/runtime' }));
    }
    sends.appendChild(item);
  }
  const table = el('table', 'table table-condensed crosspost-variables');
  for (const name of Object.keys(vars).sort()) {
    const row = table.insertRow();
    row.insertCell().textContent = name;
    row.insertCell().textContent = vars[name].type;
    row.insertCell().textContent = vars[name].value == null ? 'null' : String(vars[name].value);
  }
  return [title, facts, el('h5', null, 'Path taken'), path, el('h5', null, 'Sends'),
    outcomes.length ? sends : el('p', 'text-muted', 'This queue has no send tasks.'), el('h5', null, 'Variables'), table];
}

// Marks on the diagram above: the activities done, the flows taken, what each send task did.
function drawPath(activities, outcomes) {
  ensureStyles();
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  for (const element of registry.getAll()) {
    for (const marker of ['crosspost-done', 'crosspost-running', 'crosspost-failed', 'crosspost-taken']) {
      canvas.removeMarker(element.id, marker);
    }
  }
  overlays.remove({ type: 'crosspost' });
  const done = new Set(activities.filter(a => a.endTime && !a.canceled).map(a => a.activityId));
  const reached = new Set(activities.map(a => a.activityId));
  const failed = new Set(outcomes.filter(o => o.kind === 'failed').map(o => o.activityId));
  for (const a of activities) {
    if (registry.get(a.activityId) && !failed.has(a.activityId)) {
      canvas.addMarker(a.activityId, a.endTime ? 'crosspost-done' : 'crosspost-running');
    }
  }
  // A task whose send failed is marked failed, though the task itself ran. A send waiting in its job (asyncBefore)
  // has not started as an activity yet, but the flow is at it.
  for (const o of outcomes.filter(o => o.activityId && registry.get(o.activityId))) {
    if (o.kind === 'failed') {
      reached.add(o.activityId);
      canvas.addMarker(o.activityId, 'crosspost-failed');
    } else if (['pending', 'retrying'].includes(o.kind) && !done.has(o.activityId)) {
      reached.add(o.activityId);
      canvas.addMarker(o.activityId, 'crosspost-running');
    }
  }
  for (const element of registry.filter(e => e.type === 'bpmn:SequenceFlow')) {
    const from = element.businessObject.sourceRef, to = element.businessObject.targetRef;
    if (from && to && done.has(from.id) && reached.has(to.id)) canvas.addMarker(element.id, 'crosspost-taken');
  }
  for (const o of outcomes) {
    if (!o.short || !o.activityId || !registry.get(o.activityId)) continue;
    overlays.add(o.activityId, 'crosspost', { position: { bottom: 8, left: -10 },
      html: el('div', 'crosspost-overlay crosspost-' + o.kind, o.short) });
  }
}

function ensureStyles() {
  if (document.getElementById('crosspost-styles')) return;
  const style = el('style');
  style.id = 'crosspost-styles';
  style.textContent = `
    .crosspost-done:not(.djs-connection) .djs-visual > :first-child { stroke: #2e7d32 !important; stroke-width: 3px !important; fill: #e8f5e9 !important; }
    .crosspost-running:not(.djs-connection) .djs-visual > :first-child { stroke: #ef6c00 !important; stroke-width: 3px !important; fill: #fff3e0 !important; }
    .crosspost-failed:not(.djs-connection) .djs-visual > :first-child { stroke: #c62828 !important; stroke-width: 3px !important; fill: #ffebee !important; }
    .crosspost-taken .djs-visual > path { stroke: #2e7d32 !important; stroke-width: 3px !important; }
    .crosspost-overlay { font-size: 11px; padding: 1px 4px; border-radius: 3px; white-space: nowrap; color: #fff; background: #2e7d32; }
    .crosspost-overlay.crosspost-skipped, .crosspost-overlay.crosspost-retrying, .crosspost-overlay.crosspost-pending { background: #ef6c00; }
    .crosspost-overlay.crosspost-failed { background: #c62828; }
    .crosspost-overlay.crosspost-none { background: #888; }
    .crosspost-filter label { margin-right: 1em; font-weight: normal; }
    .crosspost-flows { font-size: 12px; margin-top: 8px; }
    .crosspost-flows td:first-child { word-break: break-all; min-width: 10em; }
    .crosspost-send.crosspost-skipped, .crosspost-send.crosspost-retrying { color: #b35c00; }
    .crosspost-send.crosspost-failed { color: #c62828; }
    .crosspost-send.crosspost-none { color: #888; }
    .crosspost-trace { margin-top: 1em; }`;
  document.head.appendChild(style);
}

export default [tab, diagram, traceRoute];
