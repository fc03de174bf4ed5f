// The live page: everything comes from query-api (top content from Redis, time series through its /live API, which
// runs the Grafana dashboard's PromQL on Prometheus). Refreshes every REFRESH_MS without reloading; a part that
// cannot answer leaves its last data on screen, greyed, with the reason, instead of a blank.
'use strict';

const REFRESH_MS = 2000;
const COLORS = ['#3b7dd8', '#e8743b', '#19a979', '#945ecf', '#13a4b4', '#bf399e', '#f4b400', '#6c8893', '#ee6868', '#2f6497'];
const TARGET_COLOR = 'rgb(214, 39, 40)';
const plots = {};
let busy = false;

async function getJson(url) {
  const res = await fetch(url, { cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = new Error(body && body.detail ? `${body.title}: ${body.detail}` : `HTTP ${res.status}`);
    error.status = res.status;
    throw error;
  }
  return body;
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  children.forEach(c => node.append(c));
  return node;
}

function clock(date) {
  return date.toLocaleTimeString([], { hour12: false });
}

function showBanner(node, text) {
  node.hidden = !text;
  node.textContent = text || '';
}

// --- Top 10 -------------------------------------------------------------------------------------------------
function renderTop(top) {
  const rows = top.rows || [];
  const max = Math.max(1e-9, ...rows.map(r => Number(r.engagement_seconds || 0)));
  const tbody = document.querySelector('#top tbody');
  tbody.replaceChildren(...rows.map(r => {
    const seconds = Number(r.engagement_seconds || 0);
    const bar = el('div', { className: 'bar' },
      el('span', { className: 'fill', style: `width: ${Math.max(1, 100 * seconds / max) * 0.8}%` }),
      el('span', { className: 'value', textContent: seconds.toFixed(3) }));
    const tr = el('tr', {},
      el('td', { className: 'num', textContent: r.rank }),
      el('td', { className: 'title', textContent: r.title || r.slug || r.content_id }),
      el('td', { className: 'type', textContent: r.content_type || '' }),
      el('td', { className: 'seconds' }, bar),
      el('td', { className: 'num events', textContent: r.events }));
    tr.dataset.contentId = r.content_id;
    return tr;
  }));
  if (rows.length === 0) {
    tbody.append(el('tr', {}, el('td', { colSpan: 5, className: 'dim', textContent: 'no engagement in the last 10 minutes' })));
  }
}

async function refreshTop() {
  const table = document.getElementById('top');
  try {
    renderTop(await getJson('/top-content?limit=10&window=10m'));
    table.classList.remove('stale');
    showBanner(document.getElementById('top-error'), '');
  } catch (e) {
    table.classList.add('stale');
    showBanner(document.getElementById('top-error'), `Top content unavailable (${e.message}); the rows below are the last received.`);
  }
}

// --- Status -------------------------------------------------------------------------------------------------
function renderStatus(status) {
  document.getElementById('status').replaceChildren(...status.parts.map(p => {
    const li = el('li', { textContent: `${p.name} ${p.state}`, title: `${p.source}: ${p.detail || ''}` });
    li.dataset.part = p.name;
    li.dataset.state = p.state;
    return li;
  }));
  const firing = status.alerts.filter(a => a.state === 'firing');
  document.getElementById('alerts').replaceChildren(...firing.map(a =>
    el('li', { textContent: `⚠ ${a.name} (${a.severity || 'alert'}): ${a.summary || ''}` })));
}

async function refreshStatus() {
  try {
    renderStatus(await getJson('/live/status'));
  } catch (e) {
    // query-api itself did not answer: every part is unknown from here.
    document.querySelectorAll('#status li').forEach(li => { li.dataset.state = 'unknown'; });
    throw e;
  }
}

// --- Charts -------------------------------------------------------------------------------------------------
function formatValue(v, unit) {
  if (v == null) return '';
  if (unit === 's') return v >= 1 ? `${v.toFixed(v >= 10 ? 0 : 1)} s` : `${(v * 1000).toPrecision(2) * 1} ms`;
  if (Math.abs(v) >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return `${+v.toPrecision(3)}`;
}

// Threshold lines of the panel (the latency panel's 5 s target), drawn on the canvas after the series; where
// each was drawn is kept on the figure so a test can look at those pixels.
function drawThresholds(u, figure, thresholds) {
  const drawn = [];
  const [min, max] = [u.scales.y.min, u.scales.y.max];
  const ctx = u.ctx;
  thresholds.filter(t => t >= min && t <= max).forEach(t => {
    const y = Math.round(u.valToPos(t, 'y', true));
    ctx.save();
    ctx.strokeStyle = TARGET_COLOR;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([8 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
    drawn.push({ value: t, y, left: u.bbox.left, width: u.bbox.width });
  });
  figure.dataset.thresholdLines = JSON.stringify(drawn);
}

function plotOptions(chart, figure, width) {
  const log = chart.chart === 'latency';
  const target = Math.max(0, ...chart.thresholds);
  return {
    width, height: 240,
    // Series names only under the chart: the values under the cursor would repeat "--" for every series.
    legend: { live: false },
    series: [{}, ...chart.series.map((s, i) => ({ label: s.name, stroke: COLORS[i % COLORS.length], width: 1.5 }))],
    scales: {
      x: { time: true },
      // Latency on a log scale: milliseconds of actual latency and the 5 s target both stay readable.
      y: log
        ? { distr: 3, log: 10, range: (u, min, max) => [Math.min(min || 0.01, 0.01), Math.max(max || 0, target * 2, 1)] }
        : { range: (u, min, max) => [0, Math.max(max || 0, 1) * 1.1] },
    },
    axes: [{}, { size: 64, values: (u, vals) => vals.map(v => formatValue(v, chart.unit)) }],
    hooks: { draw: [u => drawThresholds(u, figure, chart.thresholds)] },
  };
}

function plotData(chart) {
  const positive = chart.chart === 'latency';
  return [chart.timestamps, ...chart.series.map(s => s.values.map(v => (v == null || (positive && v <= 0) ? null : v)))];
}

function renderChart(chart) {
  const figure = document.querySelector(`[data-chart="${chart.chart}"]`);
  figure.querySelector('figcaption').textContent = chart.title;
  const signature = chart.series.map(s => s.name).join('|');
  const data = plotData(chart);
  let entry = plots[chart.chart];
  if (!entry || entry.signature !== signature) {
    if (entry) entry.plot.destroy();
    const holder = figure.querySelector('.plot');
    holder.replaceChildren();
    entry = { signature, plot: new uPlot(plotOptions(chart, figure, holder.clientWidth || 500), data, holder) };
    plots[chart.chart] = entry;
  } else {
    entry.plot.setData(data);
  }
  const points = data.slice(1).reduce((n, values) => n + values.filter(v => v != null).length, 0);
  figure.dataset.points = points;
  figure.dataset.series = chart.series.length;
  figure.classList.remove('stale');
  figure.querySelector('.note').textContent = chart.series.length === 0
    ? 'no series yet: nothing recorded for this panel'
    : `${chart.series.length} series, ${points} points, last ${Math.round((chart.timestamps.at(-1) - chart.timestamps[0]) / 60)} min`;
}

async function refreshChart(figure, since) {
  try {
    renderChart(await getJson(`/live/charts/${figure.dataset.chart}`));
    return null;
  } catch (e) {
    figure.classList.add('stale');
    figure.dataset.state = 'stale';
    figure.querySelector('.note').textContent = `${e.message}${since ? ` (showing data from ${since})` : ''}`;
    return e;
  }
}

// --- Loop ---------------------------------------------------------------------------------------------------
let lastChartsAt = null;

async function refresh() {
  if (busy) return;
  busy = true;
  try {
    const figures = [...document.querySelectorAll('[data-chart]')];
    const [chartErrors] = await Promise.all([
      Promise.all(figures.map(f => refreshChart(f, lastChartsAt))),
      refreshTop(),
      refreshStatus().catch(() => null),
    ]);
    const failed = chartErrors.filter(Boolean);
    if (failed.length === 0) {
      lastChartsAt = clock(new Date());
      figures.forEach(f => { f.dataset.state = 'live'; });
    }
    showBanner(document.getElementById('banner'), failed.length === 0 ? '' :
      `Time series unavailable — ${failed[0].message}. Charts show the last data received${lastChartsAt ? ` (${lastChartsAt})` : ''}.`);
    document.getElementById('updated').textContent = `updated ${clock(new Date())}, every ${REFRESH_MS / 1000} s`;
  } finally {
    busy = false;
  }
}

window.addEventListener('resize', () => {
  Object.entries(plots).forEach(([name, entry]) => {
    const holder = document.querySelector(`[data-chart="${name}"] .plot`);
    entry.plot.setSize({ width: holder.clientWidth, height: 240 });
  });
});

refresh();
setInterval(refresh, REFRESH_MS);
