// Crosspost's channels on Cockpit's dashboard: per channel, messages in and sends out in the last hour and day,
// failed sends (open incidents), sends being retried, unrouted messages and the oldest flow still waiting.
// The numbers come from Crosspost (/api/cockpit/channels), which shows only queues whose history Camunda lets
// the logged-in person read.
import { el, crosspostRoot, when, TAB } from './crosspost-common.js';

const COLUMNS = [
  ['Channel', null], ['Queue', null], ['In 1 h', 'inLastHour'], ['In 24 h', 'inLastDay'], ['Sent 1 h', 'sentLastHour'],
  ['Sent 24 h', 'sentLastDay'], ['Skipped 24 h', 'skippedLastDay'], ['Failed', 'failures'], ['Retrying', 'retrying'],
  ['Unrouted 24 h', 'unroutedLastDay'], ['Oldest waiting since', null]];

async function render(node) {
  node.replaceChildren(el('h3', 'section-title', 'Crosspost channels'));
  const box = el('div', 'crosspost-dashboard');
  node.appendChild(box);
  try {
    const response = await fetch(crosspostRoot + '/api/cockpit/channels',
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error('Crosspost answered ' + response.status);
    const channels = await response.json();
    if (!channels.length) {
      box.appendChild(el('p', 'text-muted', 'No channel whose queue you may read.'));
      return;
    }
    const table = el('table', 'table table-bordered cam-table crosspost-channels');
    const head = table.createTHead().insertRow();
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
        queue.appendChild(el('span', 'text-warning', 'none (unrouted)'));
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
