// data.js: the payload the report was written with, and look-ups over the boot graph.

function loadPayload() {
  return JSON.parse(document.getElementById('probesim-data').textContent);
}

/** Indexes of a boot payload: nodes by id, device name and DT path; suppliers and consumers by node id. */
function indexBoot(boot) {
  var idx = { byId: {}, byName: {}, byPath: {}, suppliers: {}, consumers: {}, devices: [] };
  boot.nodes.forEach(function (n) {
    idx.byId[n.id] = n;
    if (!(n.name in idx.byName)) idx.byName[n.name] = n;
    if (n.ofNode && !(n.ofNode in idx.byPath)) idx.byPath[n.ofNode] = n;
    if (n.kind === 'fwnode' && !(n.name in idx.byPath)) idx.byPath[n.name] = n;
    if (n.kind === 'device') idx.devices.push(n);
    idx.suppliers[n.id] = [];
    idx.consumers[n.id] = [];
  });
  boot.edges.forEach(function (e) {
    idx.suppliers[e.t].push(e);
    idx.consumers[e.s].push(e);
  });
  return idx;
}

/** The node a chain subject, supplier or member names: a device name, a DT path or a label-free path. */
function resolveSubject(idx, subject) {
  if (!idx || subject === null || subject === undefined) return null;
  return idx.byName[subject] || idx.byPath[subject] || null;
}

/** The text a search matches against: name, compatible strings, driver, DT path, state. */
function searchText(n) {
  return lower([n.name, (n.compatible || []).join(' '), n.driver, n.ofNode, n.state, n.isIommu].join(' '));
}

/** Nodes whose search text contains every word of the query. */
function matchNodes(nodes, query) {
  var words = lower(query).split(/\s+/).filter(function (w) { return w.length > 0; });
  if (words.length === 0) return [];
  return nodes.filter(function (n) {
    var t = n._search || (n._search = searchText(n));
    return words.every(function (w) { return t.indexOf(w) >= 0; });
  });
}
