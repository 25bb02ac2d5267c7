// Crosspost's channels on Cockpit's dashboard. Per channel: messages in (and unrouted) in the last hour and day;
// what its queue sent out (sent as the outbox marked them, skipped); and the outbox's figures of the sends *to* the
// channel: waiting, retrying, failed for good, and since when the oldest one waits. The numbers come from
// Crosspost (/api/cockpit/channels), which shows only queues whose history Camunda lets the logged-in person read;
// channels without a queue (unrouted ones, and those that only receive sends: mail, SMS, direct messages) only
// Camunda administrators see.
import { el, crosspost, when, TAB } from './crosspost-common.js';

const GROUPS = [['', 2], ['Messages in', 3], ['Sent out by its queue', 3], ['Sends to this channel (outbox)', 4]];
const COLUMNS = [
  ['Channel', null], ['Queue', null], ['1 h', 'inLastHour'], ['24 h', 'inLastDay'], ['Unrouted 24 h', 'unroutedLastDay'],
  ['Sent 1 h', 'sentLastHour'], ['Sent 24 h', 'sentLastDay'], ['Skipped 24 h', 'skippedLastDay'],
  ['Waiting', 'waiting'], ['Retrying', 'retrying'], ['Failed', 'failures'], ['Oldest waiting since', null]];

async function render(node) {
  node.replaceChildren(el('h3', 'section-title', 'Crosspost channels'));
  const box = el('div', 'crosspost-dashboard');
  node.appendChild(box);
  try {
    const channels = await crosspost('/api/cockpit/channels');
    if (!channels.length) {
      box.appendChild(el('p', 'text-muted', 'No channel whose queue you may read.'));
      return;
    }
    const table = el('table', 'table table-bordered cam-table crosspost-channels');
    const groups = table.createTHead().insertRow();
    for (const [label, span] of GROUPS) groups.appendChild(Object.assign(el('th', null, label), { colSpan: span }));
    const head = table.tHead.insertRow();
    for (const [label] of COLUMNS) head.appendChild(el('th', null, label));
    const body = table.createTBody();
    for (const c of channels) {
      const row = body.insertRow();
      row.dataset.channel = c.channel;
      row.insertCell().textContent = c.channel;
      const queue = row.insertCell();
      if (c.processDefinitionId) {
        const link = el('a', null, c.processName || c.processKey);
        link.href = '#/process-definition/' + encodeURIComponent(c.processDefinitionId) + '/runtime?tab=' + TAB;
        link.title = 'Messages of this queue';
        queue.appendChild(link);
      } else {
        queue.appendChild(c.inLastDay ? el('span', 'text-warning', 'none (unrouted)') : el('span', 'text-muted', 'none (receives sends)'));
      }
      for (const [, field] of COLUMNS.slice(2, -1)) {
        const cell = row.insertCell();
        cell.className = 'crosspost-' + field + (c[field] && /failures|retrying|unrouted/.test(field) ? ' text-danger' : '');
        cell.textContent = c[field];
      }
      const oldest = row.insertCell();
      oldest.className = 'crosspost-oldestPendingSince';
      oldest.textContent = c.oldestPendingSince ? when(c.oldestPendingSince) : '—';
    }
    box.appendChild(table);
  } catch (e) {
    box.appendChild(el('p', 'alert alert-warning', 'Cannot load Crosspost\'s channels: ' + e.message));
  }
}

export default {
  id: 'crosspost-channels',
  pluginPoint: 'cockpit.dashboard',
  priority: 15,
  render
};
