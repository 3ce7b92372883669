// check.js: `probesim check` results: the violations, and each one's trace step by step.

/** Renders the check payload into `view`; `go(name)` shows a device when the report also has the boot graph. */
function createCheckView(view, check, go) {
  var violations = check.violations || [];
  var list = h('ul', { class: 'violations', 'aria-label': 'Violations' });
  var detail = h('div', { class: 'violation' });
  append(view, h('div', { class: 'check-layout' }, [list, detail]));
  var items = [];
  var current = { violation: -1, step: 0 };

  violations.forEach(function (v, i) {
    var li = h('li', { 'data-index': i, onclick: function () { show(i, 0); } }, [
      h('span', { class: 'sev ' + v.severity, text: v.severity }), ' ', h('strong', { text: v.invariant }),
      v.device ? h('div', { class: 'mono', text: v.device }) : null
    ]);
    items.push(li);
    list.appendChild(li);
  });
  if (violations.length === 0)
    append(detail, h('p', { text: 'No invariant was violated in ' + check.schedules + ' explored schedules.' }));

  function show(i, step) {
    var v = violations[i];
    var trace = v.trace || [];
    step = Math.max(0, Math.min(step, trace.length - 1));
    current = { violation: i, step: step };
    items.forEach(function (li, j) { li.classList.toggle('selected', j === i); });
    clear(detail);
    append(detail, [
      h('h2', null, [h('span', { class: 'sev ' + v.severity, text: v.severity + ' ' }), v.invariant]),
      h('p', { text: v.description }),
      v.device ? h('p', null, ['Device: ', go ? h('a', { class: 'link mono', text: v.device, onclick: function () { go(v.device); } }) : h('span', { class: 'mono', text: v.device })]) : null
    ]);
    if (trace.length === 0) return;
    append(detail, h('div', { class: 'stepper' }, [
      h('button', { type: 'button', id: 'step-prev', disabled: step === 0, onclick: function () { show(i, step - 1); }, text: '\u25C0 Previous' }),
      h('span', { id: 'step-label', text: 'Step ' + (step + 1) + ' of ' + trace.length }),
      h('button', { type: 'button', id: 'step-next', disabled: step === trace.length - 1, onclick: function () { show(i, step + 1); }, text: 'Next \u25B6' })
    ]));
    var ol = h('ol', { class: 'trace', 'aria-label': 'Trace' });
    trace.forEach(function (s, j) {
      var li = h('li', { class: j < step ? 'done' : (j === step ? 'current' : 'future'), onclick: function () { show(i, j); } }, [
        h('span', { class: 'step-no', text: String(s.step) }), s.event
      ]);
      if (j === step && s.log && s.log.length) li.appendChild(h('pre', { class: 'log', text: s.log.join('\n') }));
      ol.appendChild(li);
    });
    append(detail, ol);
  }

  if (violations.length > 0) show(0, 0);
  return {
    /** Left and right arrow keys move through the trace of the shown violation. */
    key: function (e) {
      if (current.violation < 0) return;
      if (e.key === 'ArrowRight') show(current.violation, current.step + 1);
      else if (e.key === 'ArrowLeft') show(current.violation, current.step - 1);
    }
  };
}
