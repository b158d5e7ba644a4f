/**
 * `npm run bench:list`: the ticket list at 1,000 and 10,000 tickets in
 * Chromium (DESIGN §4, issue 15 item 2), against a plain 10,000-row <table>
 * of the same tickets measured in the same run:
 *
 *  - cost of each further page (main-thread task time, CDP TaskDuration, from
 *    the scroll that asks for it until it is drawn) around 1,000 rows and
 *    around 10,000 rows: the bar is the same cost (ratio ≤ 1.5);
 *  - the longest frame while scrolling through all 10,000 (bar: ≤ 50 ms), and
 *    the plain table's;
 *  - JS heap after a GC and DOM nodes with 10,000 loaded, against the plain
 *    table (bar: heap ≤ 3×).
 *
 * The built bundle (npm run build) runs against a stand-in gateway on
 * 127.0.0.1 (ephemeral port) that answers /portal, /session and /tickets from
 * generated tickets, 100 a page, with no delay: what is measured is the browser.
 *
 *   npm run build && npm run bench:list
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { PORTAL } from '../test/reference/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const TOTAL = 10_000;
const PAGE_SIZE = 100;
const BAR = { frameMs: 50, pageRatio: 1.5, heapRatio: 3 };

if (!existsSync(join(DIST, 'portico.js')) || !existsSync(join(DIST, 'chunks'))) {
  console.error('dist/ not found — run npm run build first');
  process.exit(1);
}
const watchdog = setTimeout(() => {
  console.error('list-scale bench: gave up after 6 minutes');
  process.exit(2);
}, 6 * 60_000);
watchdog.unref();

// ------------------------------------------------------------------ data and the stand-in gateway

const USER = { id: 'u-bench', name: 'Bench User', email: 'bench@example.com', role: 'user', organization: null };
const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
const START = Date.parse('2026-01-01T00:00:00Z');
/** Newest update first, as the list asks by default. */
const TICKETS = Array.from({ length: TOTAL }, (_, i) => {
  const at = new Date(START - i * 60_000).toISOString();
  return {
    id: `t-${i + 1}`,
    number: String(100000 + i),
    subject: `Bench ticket ${i + 1}: ${i % 3 ? 'printer on the third floor' : 'VPN drops after a minute'}`,
    status: STATUSES[i % 5],
    statusLabel: STATUSES[i % 5],
    rawStatus: STATUSES[i % 5],
    createdAt: at,
    updatedAt: at,
    requester: { id: USER.id, name: USER.name },
    organization: null,
    service: i % 2 ? 'Network' : 'General support',
    assignee: null,
    fields: {},
    unread: i % 7 === 0,
  };
});

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  const buf = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length, 'Cache-Control': 'no-store' });
  res.end(buf);
}

const LIST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>list</title></head><body>
<div id="scroller" style="block-size: 600px; overflow: auto">
  <portico-ticket-list status="all" page-size="${PAGE_SIZE}"></portico-ticket-list>
</div>
<script src="/dist/portico.js" data-backend="/portico/v1" data-launcher="false" async></script>
</body></html>`;

/** The same tickets in a plain table, all 10,000 rows in the DOM: the reference. */
const PLAIN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body>
<div id="scroller" style="block-size: 600px; overflow: auto"><table><thead><tr>
<th>Ticket</th><th>Status</th><th>Service</th><th>Last update</th></tr></thead><tbody></tbody></table></div>
<script type="module">
  const page = await (await fetch('/portico/v1/tickets?limit=${TOTAL}')).json();
  const rows = page.items.map((t) => '<tr><td><button>' + t.subject + ' <span>#' + t.number + '</span></button></td><td>' +
    t.status + '</td><td>' + t.service + '</td><td><time>' + new Date(t.updatedAt).toLocaleString() + '</time></td></tr>');
  document.querySelector('tbody').innerHTML = rows.join('');
  window.__ready = true;
</script></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json' };

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path === '/list.html' || path === '/plain.html') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(path === '/list.html' ? LIST_PAGE : PLAIN_PAGE);
  }
  if (path.startsWith('/dist/')) {
    const file = normalize(join(DIST, path.slice('/dist/'.length)));
    if (file.startsWith(DIST) && existsSync(file)) {
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      return res.end(readFileSync(file));
    }
  }
  if (path === '/portico/v1/portal') return json(res, 200, PORTAL);
  if (path === '/portico/v1/session') return json(res, 200, { user: USER, csrfToken: 'bench' });
  if (path === '/portico/v1/events') {
    // Held open, as the gateway does: the list subscribes once.
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    return res.write(': open\n\n');
  }
  if (path === '/portico/v1/tickets') {
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const items = TICKETS.slice(offset, offset + limit);
    const next = offset + limit < TICKETS.length ? String(offset + limit) : null;
    return json(res, 200, { items, nextCursor: next });
  }
  json(res, 404, { type: 'about:blank', title: 'Not found', status: 404 }, 'application/problem+json');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

// ------------------------------------------------------------------ measuring

// scripts/chromium.mjs has no types; one place for how Chromium is launched all the same.
const chromiumModule: string = '../scripts/chromium.mjs';
const { launchOptions } = (await import(chromiumModule)) as { launchOptions: Parameters<typeof chromium.launch>[0] };
const browser = await chromium.launch(launchOptions);

async function open(path: string): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(origin + path);
  return { page, cdp };
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function memory(cdp: CDPSession): Promise<{ heapMB: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heapMB: heap.usedSize / 1024 / 1024, nodes: dom.nodes };
}

/** In the page: the highest row index drawn in the list. */
const maxIndexDrawn = () => {
  const list = document.querySelector('portico-ticket-list');
  const rows = list?.shadowRoot?.querySelectorAll<HTMLElement>('[role="row"][data-index]') ?? [];
  let max = -1;
  for (const r of rows) max = Math.max(max, Number(r.dataset.index));
  return max;
};

/** Scrolls the list's scroller through its whole height, one step a frame; the frame times. */
async function scrollFrames(page: Page, steps = 150): Promise<number[]> {
  return page.evaluate(async (n) => {
    const scroller = document.getElementById('scroller')!;
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 1; i <= n; i++) {
      scroller.scrollTop = (scroller.scrollHeight * i) / n;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  }, steps);
}

const load = loadavg()[0]!;
const list = await open('/list.html');
await list.page.waitForFunction(`(${maxIndexDrawn.toString()})() >= 0`, undefined, { timeout: 30_000 });

/** Main-thread ms per further page, by the number of rows loaded before it. */
const pageCost = new Map<number, number>();
for (let loaded = PAGE_SIZE; loaded < TOTAL; loaded += PAGE_SIZE) {
  const before = await taskMs(list.cdp);
  // Scrolled to the end, the list asks for the next page; it is in once the scroller has grown.
  const height = await list.page.evaluate(() => {
    const s = document.getElementById('scroller')!;
    const h = s.scrollHeight;
    s.scrollTop = h;
    return h;
  });
  await list.page.waitForFunction(`document.getElementById('scroller').scrollHeight > ${height}`, undefined, {
    timeout: 20_000,
  });
  // Two frames: the page's render and the window's re-measure are in.
  await list.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  pageCost.set(loaded, (await taskMs(list.cdp)) - before);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const around = (rows: number) =>
  median([...pageCost].filter(([n]) => Math.abs(n - rows) <= 2 * PAGE_SIZE).map(([, ms]) => ms));
const at1k = around(1_000);
const at10k = around(TOTAL - 3 * PAGE_SIZE);
// Twice: the first pass warms up the row templates' code; the second is what a reader scrolling again sees.
const firstPass = await scrollFrames(list.page);
const listFrames = await scrollFrames(list.page);
const listMemory = await memory(list.cdp);
const rowsInDom = await list.page.evaluate(
  () => document.querySelector('portico-ticket-list')!.shadowRoot!.querySelectorAll('[role="row"][data-index]').length,
);

const plain = await open('/plain.html');
await plain.page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, undefined, {
  timeout: 30_000,
});
await scrollFrames(plain.page);
const plainFrames = await scrollFrames(plain.page);
const plainMemory = await memory(plain.cdp);
const loadAfter = loadavg()[0]!;
await browser.close();
server.close();

// ------------------------------------------------------------------ report

const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
const longest = Math.max(...listFrames);
const plainLongest = Math.max(...plainFrames);
const pageRatio = at10k / at1k;
const heapRatio = listMemory.heapMB / plainMemory.heapMB;
console.log(
  `\nPortico ticket list — ${TOTAL.toLocaleString('en')} tickets, ${PAGE_SIZE} a page, Chromium headless, 1280×800, a 600 px scroller`,
);
console.log(`${cpus().length} CPUs, load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n`);
console.log(
  `further page at ~1,000 rows:   ${at1k.toFixed(1)} ms main thread (median of ${[...pageCost].filter(([n]) => Math.abs(n - 1000) <= 2 * PAGE_SIZE).length})`,
);
console.log(`further page at ~10,000 rows:  ${at10k.toFixed(1)} ms main thread`);
console.log(
  `  ratio 10k / 1k: ${pageRatio.toFixed(2)} (bar ≤ ${BAR.pageRatio}, the same cost): ${verdict(pageRatio <= BAR.pageRatio)}`,
);
console.log(`  mean over all ${pageCost.size} further pages: ${mean([...pageCost.values()]).toFixed(1)} ms`);
console.log(
  `longest frame scrolling all 10,000: ${longest.toFixed(1)} ms, ${(longest / plainLongest).toFixed(2)}× the plain table's ${plainLongest.toFixed(1)} ms (median ${median(listFrames).toFixed(1)} vs ${median(plainFrames).toFixed(1)}) — bar ≤ ${BAR.frameMs} ms: ${verdict(longest <= BAR.frameMs)}`,
);
const top = (xs: number[]) =>
  [...xs]
    .sort((a, b) => b - a)
    .slice(0, 3)
    .map((x) => x.toFixed(0))
    .join(', ');
console.log(
  `  slowest frames: ${top(listFrames)} ms (first pass, code still cold: ${top(firstPass)} ms; plain table ${top(plainFrames)} ms)`,
);
console.log(
  `JS heap after GC with 10,000 loaded: ${listMemory.heapMB.toFixed(1)} MB (plain table ${plainMemory.heapMB.toFixed(1)} MB), ratio ${heapRatio.toFixed(2)} — bar ≤ ${BAR.heapRatio}×: ${verdict(heapRatio <= BAR.heapRatio)}`,
);
console.log(
  `DOM nodes: ${listMemory.nodes.toLocaleString('en')} (plain table ${plainMemory.nodes.toLocaleString('en')}); ticket rows drawn: ${rowsInDom}`,
);
process.exit(0);
