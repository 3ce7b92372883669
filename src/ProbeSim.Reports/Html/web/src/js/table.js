// table.js: every device in a table that sorts by any column and filters by text and state.

var TABLE_COLUMNS = [
  { key: 'name', title: 'Device' },
  { key: 'stateText', title: 'State', sortKey: function (n) { return STATES.indexOf(n.state) + ' ' + n.stateText; } },
  { key: 'basis', title: 'Basis' },
  { key: 'driver', title: 'Driver' },
  { key: 'bus', title: 'Bus' },
  { key: 'reason', title: 'Reason', wrap: true },
  { key: 'dmaOps', title: 'DMA ops' },
  { key: 'iommuGroup', title: 'Group', numeric: true },
  { key: 'domainType', title: 'Domain' },
  { key: 'probeAttempts', title: 'Probes', numeric: true },
  { key: 'ofNode', title: 'DT node' }
];

/** Builds the table over idx.devices; `onSelect(id)` runs when a row is clicked. */
function createTable(table, filterInput, stateSelect, countLabel, devices, onSelect) {
  var thead = table.tHead, tbody = table.tBodies[0];
  var rows = devices.map(function (n) {
    var tr = h('tr', { 'data-id': n.id, onclick: function () { onSelect(n.id); } });
    TABLE_COLUMNS.forEach(function (c, i) {
      var v = n[c.key];
      var td = h('td', { class: c.wrap ? 'wrap' : null });
      if (i === 1) { td.appendChild(swatch(n.state)); td.appendChild(document.createTextNode(' ' + v)); }
      else td.textContent = (v === null || v === undefined) ? '' : String(v);
      // under the reason, one line per user action on the device that the kernel refused
      if (c.key === 'reason') refusedLines(n).forEach(function (t) { td.appendChild(h('div', { class: 'refused', text: t })); });
      tr.appendChild(td);
    });
    return { node: n, tr: tr, text: searchText(n) + ' ' + lower(n.reason) + ' ' + lower(refusedLines(n).join(' ')) };
  });
  var sort = { column: -1, dir: 1 };
  var headRow = h('tr');
  TABLE_COLUMNS.forEach(function (c, i) {
    headRow.appendChild(h('th', { scope: 'col', text: c.title, onclick: function () { sortBy(i); } }));
  });
  thead.appendChild(headRow);
  append(stateSelect, h('option', { value: '', text: 'all states' }));
  STATES.forEach(function (s) {
    var count = devices.filter(function (n) { return n.state === s; }).length;
    if (count > 0) append(stateSelect, h('option', { value: s, text: STATE_LABELS[s] + ' (' + count + ')' }));
  });
  var hiddenStates = {};
  var query = '';

  function sortBy(i) {
    sort.dir = sort.column === i ? -sort.dir : 1;
    sort.column = i;
    var c = TABLE_COLUMNS[i];
    var key = c.sortKey || function (n) { return n[c.key]; };
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a.node), y = key(b.node);
      var nx = x === null || x === undefined || x === '', ny = y === null || y === undefined || y === '';
      if (nx !== ny) return nx ? 1 : -1; // empty cells last either way
      var r = c.numeric ? (x - y) : String(x).localeCompare(String(y), 'en', { numeric: true });
      return r !== 0 ? r * sort.dir : rows.indexOf(a) - rows.indexOf(b);
    });
    Array.prototype.forEach.call(thead.rows[0].cells, function (th, j) {
      th.setAttribute('aria-sort', j === i ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    sorted.forEach(function (r) { tbody.appendChild(r.tr); });
  }

  function apply() {
    var words = lower(query + ' ' + filterInput.value).split(/\s+/).filter(function (w) { return w; });
    var state = stateSelect.value, shown = 0;
    rows.forEach(function (r) {
      var ok = !hiddenStates[r.node.state] && (!state || r.node.state === state) &&
        words.every(function (w) { return r.text.indexOf(w) >= 0; });
      r.tr.hidden = !ok;
      if (ok) shown++;
    });
    countLabel.textContent = shown + ' of ' + rows.length + ' devices';
  }

  filterInput.addEventListener('input', apply);
  stateSelect.addEventListener('change', apply);
  rows.forEach(function (r) { tbody.appendChild(r.tr); });
  apply();

  return {
    /** Marks the row of the selected node and scrolls it into view. */
    select: function (id) {
      rows.forEach(function (r) {
        var on = r.node.id === id;
        r.tr.classList.toggle('selected', on);
        if (on && !r.tr.hidden) r.tr.scrollIntoView({ block: 'nearest' });
      });
    },
    /** The header search also narrows the table. */
    search: function (q) { query = q || ''; apply(); },
    setStateHidden: function (state, hide) { hiddenStates[state] = hide; apply(); },
    sortBy: sortBy
  };
}

/** The table's lines for the refused user actions of device node `n` ("refused: vfio-set-container at ... s: -1 EPERM, ..."). */
function refusedLines(n) {
  return (n.refused || []).map(function (a) { return 'refused: ' + a.text; });
}
