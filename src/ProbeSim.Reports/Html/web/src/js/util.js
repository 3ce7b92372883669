// util.js: element building (text only, never HTML from the payload), state colours and names.

var STATES = ['bound', 'deferred', 'failed', 'no-driver', 'disabled', 'not-present'];
var STATE_LABELS = {
  'bound': 'bound', 'deferred': 'deferred', 'failed': 'failed', 'no-driver': 'no driver',
  'disabled': 'disabled', 'not-present': 'not present', 'group': 'IOMMU group', 'fwnode': 'firmware node'
};
var STATE_COLOURS = {
  'bound': '#2e7d32', 'deferred': '#f9a825', 'failed': '#c62828', 'no-driver': '#7b1fa2',
  'disabled': '#9e9e9e', 'not-present': '#cfd8dc', 'group': '#1565c0', 'fwnode': '#ffffff'
};

/** h('div', {class: 'x', onclick: f}, [child, 'text']) */
function h(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.indexOf('on') === 0 && typeof v === 'function') e.addEventListener(k.substring(2), v);
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    });
  }
  append(e, children);
  return e;
}

function append(e, children) {
  if (children === null || children === undefined) return;
  if (!Array.isArray(children)) children = [children];
  children.forEach(function (c) {
    if (c === null || c === undefined || c === false) return;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  });
}

function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

function badge(state, text) { return h('span', { class: 'badge ' + state, text: text || STATE_LABELS[state] || state }); }

function swatch(state) { return h('span', { class: 'swatch', style: 'background:' + (STATE_COLOURS[state] || '#fff') }); }

/** A <dl> of the [label, value] pairs whose value is not null or empty. */
function fields(pairs) {
  var dl = h('dl', { class: 'fields' });
  pairs.forEach(function (p) {
    var v = p[1];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return;
    if (Array.isArray(v)) v = v.join(', ');
    else if (typeof v === 'boolean') v = v ? 'yes' : 'no';
    dl.appendChild(h('dt', { text: p[0] }));
    dl.appendChild(h('dd', null, typeof v === 'object' ? v : String(v)));
  });
  return dl;
}

function lower(s) { return (s === null || s === undefined) ? '' : String(s).toLowerCase(); }
