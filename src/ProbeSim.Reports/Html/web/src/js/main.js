// main.js: reads the payload, builds the views its kind has, wires tabs, search and selection, and says when it is ready.

var started = performance.now();
var data = loadPayload();
var timings = { scriptStartMs: Math.round(started) };
var probesim = { ready: false, kind: data.kind, timings: timings };
window.probesim = probesim; // read by the browser test; nothing else is global

var views = [];
var graph = null, table = null, idx = null, check = null;
var panelBody = document.getElementById('panel-body');

function subtitle() {
  var parts = [];
  var b = data.boot;
  if (b) parts.push('profile ' + b.profile, 'drivers ' + b.driverSet, b.cmdline ? 'cmdline "' + b.cmdline + '"' : null, 'ended at ' + b.endTime + ' s');
  if (data.check) parts.push(data.check.schedules + ' schedules explored', (data.check.violations || []).length + ' violations');
  if (data.diff) parts.push((data.diff.changes || []).length + ' changes');
  if (b && b.crash) parts.push('kernel crashed: ' + b.crash);
  document.getElementById('subtitle').textContent = parts.filter(function (p) { return p; }).join(' \u00B7 ');
}

function showView(name) {
  views.forEach(function (v) {
    var on = v === name;
    document.getElementById('view-' + v).hidden = !on;
    document.getElementById('tab-' + v).setAttribute('aria-pressed', on ? 'true' : 'false');
  });
  if (name === 'graph' && graph) {
    graph.resize();
    if (!graph.fitted) { graph.fit(); graph.fitted = true; }
    graph.revealSelected();
  }
}

function addTab(name, title) {
  views.push(name);
  append(document.getElementById('tabs'), h('button', { type: 'button', id: 'tab-' + name, 'aria-pressed': 'false', text: title,
    onclick: function () { showView(name); } }));
}

/** Selects a node by id: panel, graph and table follow. */
function select(id) {
  var n = idx && idx.byId[id];
  if (!n) return;
  showPanel(panelBody, idx, n, select);
  if (graph) graph.select(id);
  if (table) table.select(id);
  probesim.selected = n.name;
}

function selectByName(name) {
  var n = resolveSubject(idx, name);
  if (!n) return;
  if (views.indexOf('graph') >= 0) showView('graph');
  select(n.id);
}

function summaryChips(devices) {
  var bar = document.getElementById('summary');
  STATES.forEach(function (s) {
    var count = devices.filter(function (n) { return n.state === s; }).length;
    if (count === 0) return;
    var chip = h('button', { type: 'button', class: 'chip', 'data-state': s, title: 'Show or hide ' + STATE_LABELS[s] + ' devices' },
      [swatch(s), STATE_LABELS[s] + ' ' + count]);
    chip.addEventListener('click', function () {
      var off = chip.classList.toggle('off');
      graph.setStateHidden(s, off);
      table.setStateHidden(s, off);
    });
    bar.appendChild(chip);
  });
  append(bar, h('span', { class: 'hint', text: ' \u00B7 ' + idx.devices.length + ' devices' }));
}

function wireSearch() {
  var input = document.getElementById('search');
  input.addEventListener('input', function () {
    var q = input.value.trim();
    var matches = q ? matchNodes(data.boot.nodes, q) : null;
    graph.search(matches ? matches.map(function (n) { return n.id; }) : null);
    table.search(q);
    probesim.matches = matches ? matches.length : null;
  });
  input.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    var matches = matchNodes(data.boot.nodes, input.value);
    if (matches.length > 0) select(matches[0].id);
  });
}

function wireAbout() {
  var about = document.getElementById('about');
  document.getElementById('about-button').addEventListener('click', function () { about.hidden = false; });
  document.getElementById('about-close').addEventListener('click', function () { about.hidden = true; });
  about.addEventListener('click', function (e) { if (e.target === about) about.hidden = true; });
}

/** Where a device is drawn, in page coordinates (for the browser test, which clicks it there), or null. */
probesim.graphPoint = function (name) {
  var n = resolveSubject(idx, name);
  if (!n || !graph) return null;
  var p = graph.cy.getElementById(n.id).renderedPosition();
  var r = document.getElementById('cy').getBoundingClientRect();
  return { x: r.left + p.x, y: r.top + p.y };
};

function markReady() {
  timings.readyMs = Math.round(performance.now());
  timings.appMs = Math.round(performance.now() - started);
  probesim.ready = true;
  document.body.setAttribute('data-ready', 'true');
}

subtitle();
wireAbout();
if (data.check) { addTab('check', 'Violations'); check = createCheckView(document.getElementById('view-check'), data.check, data.boot ? selectByName : null); }
if (data.diff) { addTab('diff', 'Changes'); createDiffView(document.getElementById('view-diff'), data.diff); }
if (data.boot) {
  idx = indexBoot(data.boot);
  addTab('graph', 'Graph');
  addTab('table', 'Table');
  var t0 = performance.now();
  graph = createGraph(document.getElementById('cy'), data.boot, select);
  timings.graphMs = Math.round(performance.now() - t0);
  t0 = performance.now();
  table = createTable(document.getElementById('devices'), document.getElementById('table-filter'), document.getElementById('state-filter'),
    document.getElementById('table-count'), idx.devices, select);
  timings.tableMs = Math.round(performance.now() - t0);
  summaryChips(idx.devices);
  wireSearch();
  document.getElementById('fit').addEventListener('click', function () { graph.fit(); });
  document.getElementById('zoom-in').addEventListener('click', function () { graph.zoom(1.4); });
  document.getElementById('zoom-out').addEventListener('click', function () { graph.zoom(1 / 1.4); });
} else {
  document.getElementById('search').hidden = true;
  document.getElementById('panel').hidden = true;
}
document.addEventListener('keydown', function (e) {
  if (check && !document.getElementById('view-check').hidden && e.target.tagName !== 'INPUT') check.key(e);
});
showView(views[0]);
var wanted = /^#device=(.+)$/.exec(location.hash);
if (wanted && idx) selectByName(decodeURIComponent(wanted[1]));
// Ready once the graph has been drawn: cytoscape renders on the next animation frame after it is laid out.
if (graph && views[0] === 'graph') graph.cy.one('render', function () { requestAnimationFrame(markReady); });
else requestAnimationFrame(markReady);
