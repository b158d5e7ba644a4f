// Host-page cost of the one script tag (DESIGN §4), measured in Chromium:
//  - time from navigation start until the launcher button is in the DOM, against
//    the same page without the script (budget: within 40 ms of it);
//  - main-thread script time before any interaction (CDP ScriptDuration, with
//    minus without; budget ≤ 15 ms) and long tasks;
//  - what the page fetched before any interaction (only the facade, ≤ 15 kB brotli);
//  - time from a click on the button until the panel is open with focus inside,
//    cold and after a hover preload, and what the click fetched;
//  - one-off checks: saveData stops the hover preload; the app loads under
//    `script-src 'self'` and under nonce + 'strict-dynamic' + enforced Trusted Types.
//
//   npm run build && node bench/host-cost.bench.mjs [--runs 20]
//
// Serves dist/ and test pages from a static server on 127.0.0.1 (ephemeral
// port), each run in a fresh browser context (cold cache). Stops by itself.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { launchOptions } from '../scripts/chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20;
const SETTLE_MS = 1000;
const BUDGET = { launcherMs: 40, scriptMs: 15, facadeBrotli: 15 * 1024 };
const NONCE = 'bench-n0nce-4f2a';
const LAUNCHER_TAGS = ['portico-launcher-facade', 'portico-chat-launcher'];

// Never hang a CI job: the whole run has a ceiling.
const watchdog = setTimeout(() => {
  console.error('host-cost bench: gave up after 8 minutes');
  process.exit(2);
}, 8 * 60_000);
watchdog.unref();

if (!existsSync(join(DIST, 'portico.js')) || !existsSync(join(DIST, 'chunks'))) {
  console.error('dist/portico.js or dist/chunks/ not found — run npm run build first');
  process.exit(1);
}

// ------------------------------------------------------------------ pages

const PAGE_STYLE = `
  body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1b1f24; }
  header, main, footer { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem; }
  header { display: flex; gap: 2rem; align-items: center; border-bottom: 1px solid #dde1e6; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
  .card { border: 1px solid #dde1e6; border-radius: 10px; padding: 1rem; }`;

const paragraphs = Array.from(
  { length: 12 },
  (_, i) => `<section class="card"><h2>Topic ${i + 1}</h2><p>Answers to common questions about orders, invoices,
  accounts and access. Open the support button in the corner to follow your tickets or ask something new.</p></section>`,
).join('\n');

function page({ script = '', styleTag = true } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Support – Bench Corp</title>
${styleTag ? `<link rel="stylesheet" href="/page.css">` : ''}
</head>
<body>
<header><strong>Bench Corp</strong><nav><a href="#">Products</a> · <a href="#">Support</a></nav></header>
<main><h1>How can we help?</h1><div class="cards">${paragraphs}</div></main>
<footer>© Bench Corp</footer>
${script}
</body>
</html>`;
}

const TAG = (attrs = '') => `<script src="/dist/portico.js" data-backend="/portico/v1" async${attrs}></script>`;
const PAGES = {
  '/plain.html': { html: page() },
  '/with.html': { html: page({ script: TAG() }) },
  '/csp-self.html': { html: page({ script: TAG() }), csp: "script-src 'self'; object-src 'none'; base-uri 'self'" },
  '/csp-nonce.html': {
    html: page({ script: TAG(` nonce="${NONCE}"`) }),
    csp: `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
  },
};

// ------------------------------------------------------------------ server

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};
/** Every response of the current phase: path, bytes on the wire (gzip here), brotli size of the same body. */
let served = [];
const brotliCache = new Map();
const brotliSize = (path, body) => {
  if (!brotliCache.has(path))
    brotliCache.set(path, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  return brotliCache.get(path);
};

function send(req, res, status, type, body, headers = {}) {
  const buf = Buffer.from(body);
  // Chromium asks for br only over HTTPS; over loopback HTTP gzip is what a server would send.
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const wire = gzip ? gzipSync(buf, { level: 6 }) : buf;
  const path = req.url.split('?')[0];
  served.push({ path, raw: buf.length, wire: wire.length, brotli: brotliSize(path, buf) });
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': wire.length,
    'Cache-Control': 'no-store',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    ...headers,
  });
  res.end(wire);
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(req.url.split('?')[0]);
  if (PAGES[path]) {
    const { html, csp } = PAGES[path];
    return send(req, res, 200, TYPES['.html'], html, csp ? { 'Content-Security-Policy': csp } : {});
  }
  if (path === '/page.css') return send(req, res, 200, TYPES['.css'], PAGE_STYLE);
  if (path.startsWith('/dist/')) {
    const file = normalize(join(DIST, path.slice('/dist/'.length)));
    if (file.startsWith(DIST) && existsSync(file))
      return send(req, res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  }
  // A gateway with nobody signed in: the panel shows the sign-in.
  if (path === '/portico/v1/session') {
    return send(
      req,
      res,
      401,
      'application/problem+json',
      JSON.stringify({ type: 'about:blank', title: 'Not signed in', status: 401 }),
    );
  }
  send(
    req,
    res,
    404,
    'application/problem+json',
    JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404 }),
  );
});

// ------------------------------------------------------------------ in-page probes

/** Installed before any page script: when a launcher enters the DOM, long tasks, CSP violations, click → open. */
function probe(tags) {
  const p = (window.__bench = { launcherAt: null, longtasks: [], violations: [], clickAt: null, openAt: null });
  new MutationObserver((records, observer) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (tags.includes(n.localName)) {
          p.launcherAt = performance.now();
          observer.disconnect();
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => p.longtasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  } catch {
    // Long-task timing is not in every browser; the figure is then left empty.
  }
  document.addEventListener('securitypolicyviolation', (e) =>
    p.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  addEventListener('click', (e) => (p.clickAt ??= e.timeStamp), true);
  // The panel has focus (or something in it) and the launcher is open.
  document.addEventListener('focusin', () => {
    const host = document.activeElement;
    if (p.openAt !== null || host?.localName !== 'portico-chat-launcher' || !host.open) return;
    const panel = host.shadowRoot?.querySelector('[part="panel"]');
    let active = host.shadowRoot?.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (panel && active && (panel === active || panel.contains(active) || panel.contains(active.getRootNode().host))) {
      p.openAt = performance.now();
    }
  });
}

// ------------------------------------------------------------------ runs

async function openPage(browser, url, { saveData = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(probe, LAUNCHER_TAGS);
  if (saveData) {
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) }),
    );
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  served = [];
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  // Read the script time before evaluating anything ourselves.
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, ...window.__bench };
  });
  return { context, page, scriptMs: metrics.ScriptDuration * 1000, timing, fetched: served };
}

/** Clicks the facade button and waits until the panel is open with focus inside. */
async function clickToOpen(page, { hoverFirst = false } = {}) {
  const box = await page.locator('portico-launcher-facade').boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  if (hoverFirst) {
    await page.mouse.move(x, y);
    await page.waitForTimeout(500);
  }
  served = [];
  await page.mouse.click(x, y);
  await page.waitForFunction(() => window.__bench.openAt !== null, null, { timeout: 10_000 });
  const t = await page.evaluate(() => window.__bench);
  return { ms: t.openAt - t.clickAt, fetched: served, violations: t.violations };
}

const median = (xs) => quantile(xs, 0.5);
const p90 = (xs) => quantile(xs, 0.9);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const ms = (n) => `${n.toFixed(1)} ms`;
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const fetchedList = (list) =>
  list.length ? list.map((f) => `${f.path} ${kB(f.wire)} gzip / ${kB(f.brotli)} br`).join(', ') : 'nothing';

async function main() {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(launchOptions);
  const rows = {
    plainLoad: [],
    withLoad: [],
    withDcl: [],
    plainDcl: [],
    launcher: [],
    launcherAfterPlain: [],
    script: [],
    longtasks: [],
    cold: [],
    warm: [],
  };
  let before = null;
  let onClick = null;
  let warmClick = null;
  const appBeforeInteraction = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order so neither variant always runs on a warmer machine.
      const order = run % 2 ? ['with', 'plain'] : ['plain', 'with'];
      const result = {};
      for (const variant of order) {
        const r = await openPage(browser, `${base}/${variant}.html`);
        result[variant] = r;
        if (variant === 'with') {
          // What Portico added: the page's own document and stylesheet are the same with or without it.
          before = r.fetched.filter((f) => f.path.startsWith('/dist/') || f.path.startsWith('/portico/'));
          if (r.fetched.some((f) => f.path.includes('portico-app'))) appBeforeInteraction.push(run);
          const cold = await clickToOpen(r.page);
          rows.cold.push(cold.ms);
          onClick = cold.fetched;
        }
        await r.context.close();
      }
      const { plain, with: w } = result;
      rows.plainLoad.push(plain.timing.load);
      rows.plainDcl.push(plain.timing.dcl);
      rows.withLoad.push(w.timing.load);
      rows.withDcl.push(w.timing.dcl);
      rows.launcher.push(w.timing.launcherAt ?? NaN);
      rows.launcherAfterPlain.push((w.timing.launcherAt ?? NaN) - plain.timing.load);
      rows.script.push(w.scriptMs - plain.scriptMs);
      rows.longtasks.push(w.timing.longtasks.length);

      // Hover first: the app is preloaded by the time the click lands.
      const warm = await openPage(browser, `${base}/with.html`);
      const click = await clickToOpen(warm.page, { hoverFirst: true });
      rows.warm.push(click.ms);
      warmClick = click.fetched;
      await warm.context.close();
      process.stdout.write(`\rrun ${run + 1}/${RUNS}`);
    }
    process.stdout.write('\n');

    // One-off checks.
    const saveData = await openPage(browser, `${base}/with.html`, { saveData: true });
    const box = await saveData.page.locator('portico-launcher-facade').boundingBox();
    served = [];
    await saveData.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await saveData.page
      .locator('portico-launcher-facade')
      .evaluate((el) => el.shadowRoot.querySelector('button').focus());
    await saveData.page.waitForTimeout(800);
    const saveDataHover = served.filter((f) => f.path.startsWith('/dist/'));
    const saveDataClick = await clickToOpen(saveData.page);
    await saveData.context.close();

    const csp = {};
    for (const name of ['csp-self', 'csp-nonce']) {
      const r = await openPage(browser, `${base}/${name}.html`);
      try {
        const click = await clickToOpen(r.page);
        csp[name] = { ok: true, ms: click.ms, violations: click.violations };
      } catch (err) {
        const violations = await r.page.evaluate(() => window.__bench.violations).catch(() => []);
        csp[name] = { ok: false, error: String(err).split('\n')[0], violations };
      }
      await r.context.close();
    }

    // ---------------------------------------------------------------- report
    const version = browser.version();
    const facadeBrotli = before.filter((f) => f.path === '/dist/portico.js').reduce((t, f) => t + f.brotli, 0);
    const beforeBrotli = before.reduce((t, f) => t + f.brotli, 0);
    const line = (label, xs, budget, unit = ms) => {
      const m = median(xs);
      const verdict =
        budget === undefined
          ? ''
          : m <= budget && p90(xs) <= budget
            ? 'within'
            : m <= budget
              ? 'median within, p90 over'
              : 'OVER';
      console.log(
        `${label.padEnd(50)} ${unit(m).padStart(10)} ${unit(p90(xs)).padStart(10)}  ${budget === undefined ? '' : `≤ ${unit(budget)}  ${verdict}`}`,
      );
    };
    console.log(
      `\nPortico host-page cost — ${RUNS} runs, Chromium ${version} headless, loopback, fresh context per run`,
    );
    console.log(`${''.padEnd(50)} ${'median'.padStart(10)} ${'p90'.padStart(10)}  budget`);
    line('page without Portico: DOMContentLoaded', rows.plainDcl);
    line('page without Portico: load', rows.plainLoad);
    line('page with Portico: DOMContentLoaded', rows.withDcl);
    line('page with Portico: load', rows.withLoad);
    line('page with Portico: launcher button in the DOM', rows.launcher);
    line('launcher in the DOM − load of the page without, per run', rows.launcherAfterPlain, BUDGET.launcherMs);
    // Two page loads on a shared machine differ by more than the script costs; the medians are steadier.
    const medianGap = median(rows.launcher) - median(rows.plainLoad);
    console.log(
      `${'launcher in the DOM (median) − load without (median)'.padEnd(50)} ${ms(medianGap).padStart(10)} ${''.padStart(10)}  ≤ ${ms(BUDGET.launcherMs)}  ${medianGap <= BUDGET.launcherMs ? 'within' : 'OVER'}`,
    );
    line('main-thread script before interaction (with − without)', rows.script, BUDGET.scriptMs);
    line('long tasks before interaction (count)', rows.longtasks, undefined, (n) => String(Math.round(n)));
    line('click → panel open, focus inside (cold)', rows.cold);
    line('click → panel open, focus inside (after hover)', rows.warm);
    console.log('');
    console.log(`fetched before interaction: ${fetchedList(before)}`);
    console.log(
      `  first-load budget ${kB(BUDGET.facadeBrotli)} brotli: ${kB(beforeBrotli)} — ${beforeBrotli <= BUDGET.facadeBrotli ? 'within' : 'OVER'}` +
        `; the app before interaction: ${appBeforeInteraction.length ? `FETCHED in runs ${appBeforeInteraction.join(', ')}` : 'never fetched'}` +
        (facadeBrotli ? '' : ' (facade not seen!)'),
    );
    console.log(`fetched by the first click (cold): ${fetchedList(onClick)}`);
    console.log(`fetched by the click after a hover preload: ${fetchedList(warmClick)}`);
    console.log(
      `saveData on: hover + focus fetched ${fetchedList(saveDataHover)}; click → panel open in ${ms(saveDataClick.ms)}, fetching ${fetchedList(saveDataClick.fetched.filter((f) => f.path.startsWith('/dist/')))}`,
    );
    for (const [name, r] of Object.entries(csp)) {
      console.log(
        `${PAGES[`/${name}.html`].csp}: ${r.ok ? `panel opened in ${ms(r.ms)}` : `FAILED (${r.error})`}, CSP violations: ${r.violations.length ? r.violations.join('; ') : 'none'}`,
      );
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    clearTimeout(watchdog);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
