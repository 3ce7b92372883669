// diff.js: `probesim diff` results: the changed devices of each board, filterable.

function createDiffView(view, diff) {
  var filter = h('input', { type: 'search', placeholder: 'Filter changes', 'aria-label': 'Filter changes', autocomplete: 'off' });
  var count = h('span');
  var boards = [], byBoard = {};
  (diff.changes || []).forEach(function (c) {
    if (!(c.board in byBoard)) { byBoard[c.board] = []; boards.push(c.board); }
    byBoard[c.board].push(c);
  });
  var wrap = h('div', { class: 'diff-view' }, [
    h('p', null, [h('strong', { text: 'A: ' }), diff.a, h('br'), h('strong', { text: 'B: ' }), diff.b]),
    h('div', { class: 'table-tools' }, [filter, count])
  ]);
  var rows = [];
  var sections = boards.map(function (board) {
    var changes = byBoard[board];
    var devices = {};
    changes.forEach(function (c) { devices[c.device] = true; });
    var tbody = h('tbody');
    changes.forEach(function (c) {
      var tr = h('tr', null, [
        h('td', { class: 'mono', text: c.device }), h('td', { text: c.field }),
        h('td', { class: 'before mono', text: c.before === null ? '' : String(c.before) }),
        h('td', { class: 'after mono', text: c.after === null ? '' : String(c.after) }),
        h('td', { class: 'wrap', text: c.cause || '' })
      ]);
      rows.push({ tr: tr, text: lower([c.board, c.device, c.field, c.before, c.after, c.cause].join(' ')) });
      tbody.appendChild(tr);
    });
    var table = h('table', null, [h('thead', null, h('tr', null, ['Device', 'Field', 'Before (A)', 'After (B)', 'Cause'].map(function (t) {
      return h('th', { scope: 'col', text: t });
    }))), tbody]);
    return h('details', { open: true, 'data-board': board }, [
      h('summary', { text: board + ' \u2014 ' + Object.keys(devices).length + ' devices changed, ' + changes.length + ' changes' }), table
    ]);
  });
  if (boards.length === 0) append(wrap, h('p', { text: 'No device changed.' }));
  append(wrap, sections);
  append(view, wrap);

  function apply() {
    var words = lower(filter.value).split(/\s+/).filter(function (w) { return w; });
    var shown = 0;
    rows.forEach(function (r) {
      r.tr.hidden = !words.every(function (w) { return r.text.indexOf(w) >= 0; });
      if (!r.tr.hidden) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' changes in ' + boards.length + ' boards';
  }
  filter.addEventListener('input', apply);
  apply();
}
