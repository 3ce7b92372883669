// panel.js: the side panel of the selected node: why it ended as it did (the explain chain), DMA set-up, log lines.

/** Renders node `n` into `body`; `go(id)` selects another node (links on suppliers, chain subjects, members). */
function showPanel(body, idx, n, go) {
  clear(body);
  if (!n) return;
  function link(name) {
    var target = resolveSubject(idx, name);
    if (!target) return h('span', { class: 'mono', text: name });
    return h('a', { class: 'link mono', 'data-id': target.id, text: name, onclick: function () { go(target.id); } });
  }
  append(body, h('h2', { class: 'mono', text: n.name }));
  if (n.kind === 'group') return groupPanel(body, n, link);
  if (n.kind === 'fwnode') return fwnodePanel(body, idx, n, link);
  append(body, h('div', null, [badge(n.state, n.stateText), n.isIommu ? ' ' : null, n.isIommu ? badge('group', 'IOMMU ' + n.isIommu) : null,
    n.driver ? h('span', { class: 'mono', text: '  driver ' + n.driver }) : null]));
  append(body, explainSection(n, link));
  append(body, refusedSection(n, link));
  append(body, dmaSection(n, link));
  append(body, h('h3', { text: 'Device' }));
  append(body, fields([
    ['bus', n.bus], ['DT node', n.ofNode], ['compatible', n.compatible], ['sysfs', n.sysfsPath],
    ['defer reason', n.deferReason], ['note', n.note], ['basis', n.basisText], ['error', n.error], ['probes', n.probeAttempts], ['bound at', n.boundAt === null ? null : n.boundAt + ' s']
  ]));
  append(body, linksSection('Suppliers', idx.suppliers[n.id], 's', idx, go));
  append(body, linksSection('Consumers', idx.consumers[n.id], 't', idx, go));
  append(body, h('h3', { text: 'Log (' + n.log.length + ' lines)' }));
  append(body, n.log.length ? h('pre', { class: 'log', text: n.log.join('\n') }) : h('p', { class: 'hint', text: 'No log lines name this device.' }));
}

function explainSection(n, link) {
  var out = [h('h3', { text: 'Why: explain' })];
  var e = n.explain;
  if (!e) {
    out.push(h('p', { class: 'hint', text: 'This report has no explanation of this device.' }));
    if (n.reason) out.push(h('div', { class: 'summary-line', text: n.reason }));
    return out;
  }
  out.push(h('div', { class: 'summary-line explain-summary', text: e.summary }));
  (e.basisLines || []).forEach(function (t) { out.push(h('div', { class: 'detail basis-line', text: t })); });
  if (e.chain.length > 0) {
    var ol = h('ol', { class: 'chain', 'aria-label': 'Supplier chain' });
    e.chain.forEach(function (s) {
      ol.appendChild(h('li', { class: s.rootCause ? 'root' : null, style: 'padding-left:' + (s.depth * 16) + 'px' }, [
        h('span', { class: 'rel mono', text: s.relation + ' \u2192 ' }), link(s.subject), ' ', badge(s.state),
        s.rootCause ? h('span', { class: 'root-tag', text: 'root cause' }) : null,
        h('div', { class: 'detail', text: s.detail })
      ]));
    });
    out.push(ol);
  }
  if (e.rootCauses.length > 0) {
    out.push(h('h3', { text: 'Root causes' }));
    out.push(h('ul', { class: 'plain' }, e.rootCauses.map(function (r) { return h('li', { text: r }); })));
  }
  return out;
}

/** The user actions on the device that the kernel refused (errno, why, fix, what user space printed), and those it caused. */
function refusedSection(n, link) {
  var out = [];
  var refused = n.refused || [], blocked = n.blocked || [];
  if (refused.length > 0) {
    out.push(h('h3', { text: 'User actions refused (' + refused.length + ')' }));
    refused.forEach(function (a) {
      out.push(h('div', { class: 'summary-line refused-action', text: a.text }));
      if (a.fix) out.push(h('div', { class: 'detail', text: 'fix: ' + a.fix }));
      if (a.userSpace.length) out.push(h('pre', { class: 'log', text: a.userSpace.join('\n') }));
    });
  }
  if (blocked.length > 0) {
    out.push(h('h3', { text: 'User actions refused because of this device' }));
    out.push(h('ul', { class: 'plain' }, blocked.map(function (t) { return h('li', { text: t }); })));
  }
  return out;
}

function dmaSection(n, link) {
  var out = [h('h3', { text: 'DMA set-up' })];
  var d = n.explain && n.explain.iommu;
  if (d) out.push(h('div', { class: 'summary-line', text: 'of_iommu_configure: ' + d.outcome + ' (' + d.rule + ')' }));
  out.push(fields([
    ['DMA', n.dma], ['DMA ops', n.dmaOps], ['coherent', n.coherent], ['IOMMU', n.iommu],
    ['IOMMU group', n.iommuGroup], ['domain', n.domainType], ['DMA owner', n.dmaOwner], ['DMA note', n.dmaNote || (d && d.note)]
  ]));
  if (n.dmaEvents.length) out.push(h('pre', { class: 'log', text: n.dmaEvents.join('\n') }));
  return out;
}

function linksSection(title, edges, end, idx, go) {
  if (!edges || edges.length === 0) return null;
  var items = edges.map(function (e) {
    var other = idx.byId[e[end]];
    return h('li', null, [h('a', { class: 'link mono', text: other.name, onclick: function () { go(other.id); } }), ' ',
      badge(other.state), h('span', { class: 'rel', text: ' ' + e.kind + (e.status ? ' (' + e.status + ')' : '') })]);
  });
  return [h('h3', { text: title + ' (' + edges.length + ')' }), h('ul', { class: 'plain' }, items)];
}

function groupPanel(body, n, link) {
  append(body, h('div', null, badge('group', 'IOMMU group ' + n.group)));
  append(body, h('h3', { text: 'Group' }));
  append(body, fields([['type', n.type], ['domain', n.domain], ['owner', n.owner || 'kernel DMA API' ], ['owner count', n.ownerCount],
    ['reserved regions', n.reservedRegions]]));
  append(body, h('h3', { text: 'IOMMU' }));
  append(body, h('ul', { class: 'plain' }, n.iommus.map(function (d) { return h('li', null, link(d)); })));
  append(body, h('h3', { text: 'Devices (' + n.devices.length + ')' }));
  append(body, h('ul', { class: 'plain' }, n.devices.map(function (d) { return h('li', null, link(d)); })));
}

function fwnodePanel(body, idx, n, link) {
  append(body, h('div', null, badge('fwnode')));
  append(body, h('p', { class: 'hint', text: 'A supplier the kernel knows only as a firmware node: no device was made from it.' }));
  append(body, h('h3', { text: 'Consumers' }));
  append(body, h('ul', { class: 'plain' }, idx.consumers[n.id].map(function (e) { return h('li', null, link(idx.byId[e.t].name)); })));
}
