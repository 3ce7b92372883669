// graph.js: the device graph (cytoscape, positions computed by ProbeSim, so the layout is 'preset').

function graphStyle() {
  var s = [
    { selector: 'node', style: {
      'width': 14, 'height': 14, 'background-color': '#cfd8dc', 'border-width': 1, 'border-color': '#37474f',
      'label': 'data(label)', 'font-size': 10, 'color': '#1f2328', 'text-valign': 'center', 'text-halign': 'right',
      'text-margin-x': 4, 'min-zoomed-font-size': 7 } },
    { selector: 'node[kind = "group"]', style: { 'shape': 'diamond', 'width': 16, 'height': 16, 'color': '#0d47a1' } },
    { selector: 'node[kind = "fwnode"]', style: { 'shape': 'round-rectangle', 'width': 18, 'height': 10, 'border-style': 'dashed', 'color': '#59636e' } },
    { selector: 'node[?iommu]', style: { 'shape': 'hexagon', 'width': 22, 'height': 22, 'border-width': 3, 'border-color': '#1565c0', 'font-weight': 'bold' } },
    { selector: 'node[state = "disabled"]', style: { 'border-style': 'dashed', 'color': '#59636e' } },
    { selector: 'node[state = "not-present"]', style: { 'color': '#59636e' } },
    { selector: 'edge', style: {
      'width': 1, 'line-color': '#9aa7b0', 'target-arrow-color': '#9aa7b0', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.6, 'curve-style': 'straight', 'opacity': 0.7 } },
    { selector: 'edge[status = "available"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[status = "dormant"]', style: { 'line-style': 'dotted' } },
    { selector: 'edge[kind = "iommu"], edge[kind = "group"]', style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0' } },
    { selector: 'edge[kind = "supplier"]', style: { 'line-style': 'dashed', 'line-color': '#b39ddb', 'target-arrow-color': '#b39ddb' } },
    { selector: '.faded', style: { 'opacity': 0.12 } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#ff6f00', 'font-weight': 'bold' } },
    { selector: 'edge.near', style: { 'width': 2.5, 'opacity': 1, 'line-color': '#0969da', 'target-arrow-color': '#0969da' } },
    { selector: 'node.near', style: { 'border-width': 2, 'border-color': '#0969da' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111', 'font-weight': 'bold', 'font-size': 12, 'z-index': 10 } }
  ];
  Object.keys(STATE_COLOURS).forEach(function (state) {
    s.splice(1, 0, { selector: 'node[state = "' + state + '"]', style: { 'background-color': STATE_COLOURS[state] } });
  });
  return s;
}

/** Builds the graph in `container`; `onSelect(id)` runs when a node is tapped. */
function createGraph(container, boot, onSelect) {
  var elements = [];
  boot.nodes.forEach(function (n) {
    elements.push({ group: 'nodes', data: { id: n.id, label: n.name, state: n.state, kind: n.kind, iommu: !!n.isIommu },
      position: { x: n.x, y: n.y } });
  });
  boot.edges.forEach(function (e, i) {
    elements.push({ group: 'edges', data: { id: 'e' + i, source: e.s, target: e.t, kind: e.kind, status: e.status || '' } });
  });
  var big = boot.nodes.length > 1500; // only then hide edges and labels while panning
  var cy = cytoscape({
    container: container, elements: elements, layout: { name: 'preset' }, style: graphStyle(),
    minZoom: 0.03, maxZoom: 5, boxSelectionEnabled: false, autoungrabify: true, selectionType: 'single',
    textureOnViewport: big, hideEdgesOnViewport: big
  });
  cy.on('tap', 'node', function (evt) { onSelect(evt.target.id()); });
  var hidden = {};

  function clearMarks() { cy.elements().removeClass('faded match near'); }

  /** Pans (and zooms in if far out) to the node unless it is already in view; nothing while the graph is hidden. */
  function reveal(n) {
    if (n.empty() || !n.visible() || cy.width() === 0) return;
    var p = n.renderedPosition(), margin = 40;
    var inView = p.x > margin && p.y > margin && p.x < cy.width() - margin && p.y < cy.height() - margin;
    if (!inView || cy.zoom() < 0.35) cy.stop(true).animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 0.8) }, { duration: 200 });
  }

  return {
    cy: cy,
    /** Selects a node, marks its direct suppliers and consumers, and brings it into view. */
    select: function (id) {
      var n = cy.getElementById(id);
      if (n.empty()) return;
      cy.batch(function () {
        cy.elements().removeClass('near').unselect();
        n.select();
        n.connectedEdges().addClass('near');
        n.neighborhood('node').addClass('near');
      });
      reveal(n);
    },
    /** Brings the selected node into view (after the graph was hidden while something else selected it). */
    revealSelected: function () { reveal(cy.nodes(':selected')); },
    /** Marks the matching nodes, fades the rest and fits the view to the matches. */
    search: function (ids) {
      cy.batch(function () {
        clearMarks();
        if (ids === null) return;
        var set = {};
        ids.forEach(function (id) { set[id] = true; });
        cy.nodes().forEach(function (n) { n.addClass(set[n.id()] ? 'match' : 'faded'); });
        cy.edges().addClass('faded');
      });
      if (ids && ids.length > 0) cy.fit(cy.nodes('.match'), 60);
    },
    /** Hides or shows the nodes of one state. */
    setStateHidden: function (state, hide) {
      hidden[state] = hide;
      cy.nodes('[state = "' + state + '"]').style('display', hide ? 'none' : 'element');
    },
    fit: function () { cy.stop(true); cy.fit(cy.nodes(':visible'), 30); },
    zoom: function (factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    resize: function () { cy.resize(); }
  };
}
