// The NeuronKit dashboard: plain DOM and SVG, no library, no network but this server.
// Every text from the server goes in through textContent or setAttribute, never as markup.
// Each chart writes the numbers it drew into data-* attributes (data-values: the y values, exactly as
// received, comma-separated; empty for a value the run did not measure), so a test can read them.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1e88e5', '#e53935', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#3949ab', '#c0ca33', '#d81b60'];

function el(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function format(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function panel(parent, title, id) {
  const box = el('section', {class: 'panel', id: id});
  box.appendChild(el('h2', {}, title));
  parent.appendChild(box);
  return box;
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

// A line chart: series = [{key, label, run, xs, ys}]; opts = {id, xLabel, log}.
function lineChart(box, series, opts) {
  const old = box.querySelector('svg');
  if (old) old.remove();
  const rows = Math.ceil(series.length / 2);
  const W = 430, L = 52, R = 10, T = 10, B = 44 + 12 * rows, H = 188 + B;
  const points = [];
  series.forEach(s => s.xs.forEach((x, i) => {
    const y = s.ys[i];
    if (y !== null && y !== undefined && (!opts.log || y > 0)) points.push([x, opts.log ? Math.log10(y) : y]);
  }));
  const chart = svg('svg', {viewBox: `0 0 ${W} ${H}`, 'data-chart': opts.id, 'data-series-count': series.length,
    'data-points': Math.max(0, ...series.map(s => s.xs.length))});
  box.appendChild(chart);
  if (points.length === 0) {
    chart.appendChild(svg('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle'}, 'no data yet'));
  }
  let [x0, x1] = [Math.min(...points.map(p => p[0])), Math.max(...points.map(p => p[0]))];
  let [y0, y1] = [Math.min(...points.map(p => p[1])), Math.max(...points.map(p => p[1]))];
  if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
  if (!(y1 > y0)) { const pad = Math.abs(y0) * 0.1 || 1; y0 -= pad; y1 += pad; }
  const integers = series.every(s => s.xs.every(Number.isInteger));
  const sx = x => L + (x - x0) / (x1 - x0) * (W - L - R);
  const sy = y => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  if (points.length > 0) {
    for (let i = 0; i <= 4; i++) {
      const y = y0 + (y1 - y0) * i / 4;
      chart.appendChild(svg('line', {class: 'gridline', x1: L, x2: W - R, y1: sy(y), y2: sy(y)}));
      chart.appendChild(svg('text', {x: L - 4, y: sy(y) + 3, 'text-anchor': 'end'}, format(opts.log ? Math.pow(10, y) : y)));
      const x = integers ? Math.round(x0 + (x1 - x0) * i / 4) : x0 + (x1 - x0) * i / 4;
      chart.appendChild(svg('text', {x: sx(x), y: H - B + 13, 'text-anchor': 'middle'}, format(x)));
    }
  }
  chart.appendChild(svg('line', {class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B}));
  chart.appendChild(svg('line', {class: 'axis', x1: L, x2: L, y1: T, y2: H - B}));
  chart.appendChild(svg('text', {x: (L + W - R) / 2, y: H - B + 26, 'text-anchor': 'middle'}, opts.xLabel || 'epoch'));
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const coords = [];
    s.xs.forEach((x, i) => {
      const y = s.ys[i];
      if (y !== null && y !== undefined && (!opts.log || y > 0)) coords.push(`${sx(x).toFixed(1)},${sy(opts.log ? Math.log10(y) : y).toFixed(1)}`);
    });
    chart.appendChild(svg('polyline', {fill: 'none', stroke: color, 'stroke-width': 1.6, points: coords.join(' '),
      'data-series': s.key, 'data-run': s.run || '', 'data-x': s.xs.join(','),
      'data-values': s.ys.map(y => (y === null || y === undefined ? '' : String(y))).join(',')}));
    const lx = 8 + (k % 2) * 215, ly = H - B + 42 + Math.floor(k / 2) * 12;
    const label = s.label.length > 36 ? s.label.slice(0, 35) + '…' : s.label;
    chart.appendChild(svg('rect', {x: lx, y: ly - 7, width: 10, height: 3, fill: color}));
    chart.appendChild(svg('text', {x: lx + 14, y: ly - 3}, label));
  });
}

function confusionChart(box, matrix, names) {
  const n = matrix.length, C = Math.min(30, 330 / n), L = 60, T = 30;
  const chart = svg('svg', {viewBox: `0 0 ${L + n * C + 10} ${T + n * C + 10}`, 'data-chart': 'confusion', 'data-classes': n});
  chart.appendChild(svg('text', {x: L, y: 12}, 'predicted →'));
  chart.appendChild(svg('text', {x: 2, y: T - 4}, 'actual ↓'));
  matrix.forEach((row, a) => {
    const total = row.reduce((s, v) => s + v, 0) || 1;
    chart.appendChild(svg('text', {x: L - 4, y: T + a * C + C / 2 + 3, 'text-anchor': 'end'}, names[a] === undefined ? a : names[a]));
    chart.appendChild(svg('text', {x: L + a * C + C / 2, y: T - 4, 'text-anchor': 'middle'}, names[a] === undefined ? a : names[a]));
    const g = svg('g', {'data-row': a, 'data-values': row.join(',')});
    row.forEach((v, p) => {
      const shade = Math.round(255 - 200 * v / total);
      g.appendChild(svg('rect', {x: L + p * C, y: T + a * C, width: C - 1, height: C - 1,
        fill: a === p ? `rgb(${shade},${Math.round(255 - 90 * v / total)},${shade})` : `rgb(255,${shade},${shade})`}));
      if (v > 0) g.appendChild(svg('text', {class: 'cell-label', x: L + p * C + C / 2, y: T + a * C + C / 2 + 3, 'text-anchor': 'middle'}, v));
    });
    chart.appendChild(g);
  });
  box.appendChild(chart);
}

function table(parent, header, rows, attributes) {
  const t = el('table', attributes || {});
  const head = el('tr');
  header.forEach((h, i) => head.appendChild(el('th', i === 0 ? {class: 'text'} : {}, h)));
  t.appendChild(head);
  rows.forEach(r => {
    const tr = el('tr', r.attributes || {});
    r.cells.forEach((c, i) => tr.appendChild(el('td', i === 0 ? {class: 'text'} : {}, typeof c === 'string' ? c : format(c))));
    t.appendChild(tr);
  });
  parent.appendChild(t);
  return t;
}

function flatten(value, prefix, out) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? prefix + '.' + k : k, out);
  } else if (prefix) {
    out[prefix] = Array.isArray(value) ? value.join(' ') : value;
  }
  return out;
}

// ---- one run, live through server-sent events --------------------------------------------------

function runView(name) {
  const main = document.getElementById('main');
  const state = {epochs: [], gradients: [], report: null, settings: null};
  const grid = el('div', {class: 'grid'});
  main.replaceChildren(grid);
  const boxes = {
    loss: panel(grid, 'Loss', 'loss'), accuracy: panel(grid, 'Accuracy', 'accuracy'),
    rate: panel(grid, 'Learning rate', 'learning-rate'), speed: panel(grid, 'Samples per second', 'speed'),
    gradients: panel(grid, 'Gradient norms ‖∂R/∂W‖ per layer (log scale)', 'gradients'),
    confusion: panel(grid, 'Confusion matrix (test set, at the end)', 'confusion'),
  };
  const below = el('div');
  main.appendChild(below);
  const draw = () => {
    const xs = state.epochs.map(e => e.epoch);
    const series = (key, label) => ({key: key, label: label, run: name, xs: xs, ys: state.epochs.map(e => e[key])});
    lineChart(boxes.loss, [series('train_loss', 'training'), series('validation_loss', 'validation')], {id: 'loss'});
    lineChart(boxes.accuracy, [series('train_accuracy', 'training'), series('validation_accuracy', 'validation')], {id: 'accuracy'});
    lineChart(boxes.rate, [series('learning_rate', 'learning rate')], {id: 'learning_rate'});
    lineChart(boxes.speed, [series('samples_per_second', 'samples/s')], {id: 'samples_per_second'});
    const layers = [...new Set(state.gradients.map(g => g.layer))];
    lineChart(boxes.gradients, layers.map(layer => {
      const rows = state.gradients.filter(g => g.layer === layer);
      return {key: 'layer-' + layer, label: 'layer ' + layer + ' ' + (rows[0].description || ''), run: name,
        xs: rows.map(g => g.global_step), ys: rows.map(g => g.weight_gradient_norm)};
    }), {id: 'gradients', log: true, xLabel: 'step'});
    boxes.gradients.querySelector('p')?.remove();
    if (state.gradients.length === 0) {
      boxes.gradients.appendChild(el('p', {class: 'empty'}, 'recorded by train --ui (on the CPU) or --diagnose'));
    }
    below.replaceChildren();
    if (state.report) {
      const r = state.report;
      below.appendChild(el('h3', {}, 'Test set'));
      table(below, ['measure', 'value'], ['test_accuracy', 'test_loss', 'macro_f1', 'test_rmse', 'test_mae', 'test_r2', 'best_epoch']
        .filter(k => r[k] !== undefined).map(k => ({cells: [k, r[k]]})), {id: 'report'});
    }
    below.appendChild(el('h3', {}, 'Epochs'));
    const columns = state.columns || Object.keys(state.epochs[0] || {});
    table(below, columns, state.epochs.map(e => ({cells: columns.map(c => e[c])})), {id: 'epochs', 'data-epochs': state.epochs.length});
    if (state.settings) {
      below.appendChild(el('h3', {}, 'Settings'));
      table(below, ['setting', 'value'], Object.entries(flatten(state.settings, '', {})).map(([k, v]) => ({cells: [k, v === null ? '–' : String(v)]})));
    }
  };
  const events = new EventSource('/api/events?run=' + encodeURIComponent(name));
  events.addEventListener('run', e => {
    const run = JSON.parse(e.data);
    Object.assign(state, {epochs: [], gradients: [], report: null, settings: run.settings, columns: run.columns});
    document.getElementById('title').textContent = run.title;
    document.title = 'NeuronKit: ' + run.title;
    setStatus('training…');
    draw();
  });
  events.addEventListener('settings', e => { state.settings = JSON.parse(e.data); draw(); });
  events.addEventListener('epoch', e => {
    state.epochs.push(JSON.parse(e.data));
    setStatus('training… epoch ' + state.epochs[state.epochs.length - 1].epoch);
    draw();
  });
  events.addEventListener('gradients', e => { state.gradients = JSON.parse(e.data); draw(); });
  events.addEventListener('report', e => {
    state.report = JSON.parse(e.data);
    if (state.report && state.report.confusion_matrix) {
      boxes.confusion.querySelector('svg')?.remove();
      confusionChart(boxes.confusion, state.report.confusion_matrix, state.report.class_names || []);
    }
    draw();
  });
  events.addEventListener('end', () => {
    events.close();
    setStatus('finished: ' + state.epochs.length + ' epochs');
    document.body.setAttribute('data-finished', 'true');
  });
  events.onerror = () => setStatus('waiting for the server…');
}

// ---- the run list, with the selected runs overlaid ----------------------------------------------

function listView() {
  const main = document.getElementById('main');
  const selected = new Set();
  const cache = {};
  let first = true;
  const refresh = async () => {
    const list = await (await fetch('/api/runs')).json();
    if (list.single) { runView('.'); return; }
    document.getElementById('title').textContent = list.root;
    setStatus(list.runs.length + ' runs');
    if (first) { list.runs.slice(0, 8).forEach(r => selected.add(r.name)); first = false; }
    for (const r of list.runs) {
      if (selected.has(r.name) && (!cache[r.name] || cache[r.name].epochs.length !== r.epochs || !cache[r.name].report !== !r.report)) {
        cache[r.name] = await (await fetch('/api/run?run=' + encodeURIComponent(r.name))).json();
      }
    }
    render(list);
    setTimeout(refresh, 3000);
  };
  const render = list => {
    main.replaceChildren();
    const runs = el('table', {id: 'runs', 'data-runs': list.runs.length});
    const head = el('tr');
    ['', 'run', 'epochs', 'best validation accuracy', 'at epoch', 'lowest validation loss', 'test accuracy', 'status']
      .forEach((h, i) => head.appendChild(el('th', i === 1 ? {class: 'text'} : {}, h)));
    runs.appendChild(head);
    list.runs.forEach(r => {
      const tr = el('tr', {'data-run': r.name});
      const box = el('input', {type: 'checkbox'});
      box.checked = selected.has(r.name);
      box.addEventListener('change', () => { if (box.checked) selected.add(r.name); else selected.delete(r.name); refresh(); });
      const pick = el('td');
      pick.appendChild(box);
      tr.appendChild(pick);
      const link = el('a', {href: '#run=' + encodeURIComponent(r.name)}, r.title);
      const name = el('td', {class: 'text'});
      name.appendChild(link);
      tr.appendChild(name);
      [r.epochs, r.best_validation_accuracy, r.best_epoch, r.lowest_validation_loss, r.report ? r.report.test_accuracy : null]
        .forEach(v => tr.appendChild(el('td', {}, format(v))));
      tr.appendChild(el('td', {}, r.report ? 'finished' : 'running or stopped'));
      runs.appendChild(tr);
    });
    main.appendChild(runs);
    const chosen = list.runs.filter(r => selected.has(r.name) && cache[r.name]);
    const grid = el('div', {class: 'grid'});
    main.appendChild(grid);
    const overlay = (key, title) => {
      const box = panel(grid, title, 'overlay-' + key);
      lineChart(box, chosen.map(r => ({key: key, label: r.title, run: r.name, xs: cache[r.name].epochs.map(e => e.epoch),
        ys: cache[r.name].epochs.map(e => e[key])})), {id: 'overlay-' + key});
    };
    overlay('validation_accuracy', 'Validation accuracy, selected runs');
    overlay('validation_loss', 'Validation loss, selected runs');
    overlay('train_loss', 'Training loss, selected runs');
    overlay('learning_rate', 'Learning rate, selected runs');
    main.appendChild(el('h3', {}, 'Settings side by side (rows that differ are marked)'));
    const flat = chosen.map(r => flatten(r.settings, '', {}));
    const keys = [...new Set(flat.flatMap(f => Object.keys(f)))];
    table(main, ['setting', ...chosen.map(r => r.title)], keys.map(k => {
      const values = flat.map(f => (f[k] === undefined || f[k] === null ? '–' : String(f[k])));
      return {cells: [k, ...values], attributes: new Set(values).size > 1 ? {class: 'differs'} : {}};
    }), {id: 'settings'});
  };
  refresh();
}

function route() {
  const match = /^#run=(.*)$/.exec(location.hash);
  if (match) runView(decodeURIComponent(match[1])); else listView();
}
window.addEventListener('hashchange', () => location.reload());
route();
