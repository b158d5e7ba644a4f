// Prints raw, gzip and brotli bytes of what a page loads, against DESIGN §4's budgets:
//  - the facade dist/portico.js, the one script a page loads first: ≤ 15 kB brotli;
//  - everything the app loads (dist/*.js + dist/chunks/*.js), locales excluded: ≤ 60 kB brotli.
// Locales (dist/locales/*.js) are listed on their own.
//
//   node scripts/size.mjs              the table
//   node scripts/size.mjs --modules    also the biggest sources in the minified output (from the sourcemaps)
//   node scripts/size.mjs --json       machine-readable
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = 'dist';
const FACADE = join(DIST, 'portico.js');
const KB = 1024;
const BUDGETS = { facade: 15 * KB, app: 60 * KB };
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const args = new Set(process.argv.slice(2));

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => join(dir, f));
}

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;

function measure(file) {
  const buf = readFileSync(file);
  return { file, raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) };
}

function sum(rows, file) {
  return rows.reduce((t, r) => ({ file, raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    file,
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

const kb = (n) => `${(n / KB).toFixed(1)} kB`;
const verdict = (n, budget) =>
  n <= budget
    ? `within, ${kb(budget - n)} (${Math.round(((budget - n) / budget) * 100)}%) to spare`
    : `OVER by ${kb(n - budget)}`;

if (!existsSync(FACADE)) {
  console.error(`${FACADE} not found — run npm run build first`);
  process.exit(1);
}

const facade = measure(FACADE);
const appFiles = [...jsFiles(DIST).filter((f) => f !== FACADE), ...jsFiles(join(DIST, 'chunks'))];
const app = appFiles.map(measure);
const locales = jsFiles(join(DIST, 'locales')).map(measure);
const appTotal = sum(app, 'app (portico-app.js + chunks)');
const everything = sum([facade, ...app], 'everything, locales excluded');

// What the first click fetches: the facade, the app entry and what it imports statically (transitively);
// the other chunks (sign-up, account menu, DOMPurify where the browser has no Sanitizer API) come when needed.
const entry = app.find((r) => /[\\/]portico-app-[^\\/]*\.js$/.test(r.file));
const firstClickFiles = new Set(entry ? [entry.file] : []);
for (const file of firstClickFiles) {
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/\bfrom\s*["']\.\/([^"']+\.js)["']|\bimport\s*["']\.\/([^"']+\.js)["']/g)) {
    firstClickFiles.add(join(DIST, 'chunks', m[1] ?? m[2]));
  }
}
const firstClick = sum([facade, ...app.filter((r) => firstClickFiles.has(r.file))], 'facade + first click');
const onDemand = sum(
  app.filter((r) => !firstClickFiles.has(r.file)),
  'chunks fetched only when needed',
);

if (args.has('--json')) {
  console.log(
    JSON.stringify({ budgets: BUDGETS, facade, app, appTotal, everything, firstClick, onDemand, locales }, null, 2),
  );
  process.exit(0);
}

const line = (r, indent = '') =>
  `${indent}${r.file.padEnd(44 - indent.length)} ${String(r.raw).padStart(8)} ${String(r.gzip).padStart(8)} ${String(r.brotli).padStart(8)}`;
console.log(`${'file'.padEnd(44)} ${'raw B'.padStart(8)} ${'gzip B'.padStart(8)} ${'brotli B'.padStart(8)}`);
console.log(line(facade));
for (const r of app) console.log(line(r, '  '));
console.log(line(appTotal));
console.log(line(everything));
for (const r of locales) console.log(line({ ...r, file: `${r.file} (locale)` }, '  '));
console.log('');
console.log(
  `first load (facade):           ${kb(facade.brotli)} brotli — budget ${kb(BUDGETS.facade)}: ${verdict(facade.brotli, BUDGETS.facade)}`,
);
console.log(
  `everything, locales excluded:  ${kb(everything.brotli)} brotli — budget ${kb(BUDGETS.app)}: ${verdict(everything.brotli, BUDGETS.app)}`,
);
console.log(
  `facade + the first click:      ${kb(firstClick.brotli)} brotli (the app entry and its static imports); ${kb(onDemand.brotli)} more in chunks fetched only when needed (${app
    .filter((r) => !firstClickFiles.has(r.file))
    .map((r) => relative(join(DIST, 'chunks'), r.file).replace(/-[\w-]{8}\.js$/, ''))
    .join(', ')})`,
);
if (locales.length)
  console.log(
    `locales:                       ${locales.map((r) => `${relative(DIST, r.file)} ${kb(r.brotli)}`).join(', ')} brotli`,
  );
// A measurement, not a gate (DESIGN §4); --check turns an overrun into a failing exit code.
if (args.has('--check') && (facade.brotli > BUDGETS.facade || everything.brotli > BUDGETS.app)) process.exitCode = 1;

if (args.has('--modules')) {
  for (const file of [FACADE, ...appFiles]) printContributors(file);
}

// ------------------------------------------------------------ --modules

/** Minified bytes per source file, from the sourcemap: each generated span belongs to the source of its mapping. */
function printContributors(file) {
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = readFileSync(file, 'utf8').split('\n');
  const bytes = new Map();
  const text = new Map();
  decodeMappings(map.mappings).forEach((segments, lineIndex) => {
    const code = lines[lineIndex] ?? '';
    segments.forEach((seg, i) => {
      const end = i + 1 < segments.length ? segments[i + 1].col : code.length;
      const source = seg.source === undefined ? '(generated)' : normalize(map.sources[seg.source]);
      const slice = code.slice(seg.col, end);
      bytes.set(source, (bytes.get(source) ?? 0) + Buffer.byteLength(slice));
      text.set(source, (text.get(source) ?? '') + slice);
    });
  });
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map();
  for (const [source, n] of bytes) byPackage.set(packageOf(source), (byPackage.get(packageOf(source)) ?? 0) + n);
  console.log(`\n${file}: minified bytes by package / folder (brotli of that code alone, not additive)`);
  for (const [pkg, n] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    const joined = [...text]
      .filter(([s]) => packageOf(s) === pkg)
      .map(([, t]) => t)
      .join('');
    console.log(
      `  ${String(n).padStart(8)} ${`${Math.round((n / total) * 100)}%`.padStart(4)} ${String(brotli(Buffer.from(joined))).padStart(7)} br  ${pkg}`,
    );
  }
  console.log(`${file}: top source files`);
  for (const [source, n] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(
      `  ${String(n).padStart(8)} ${String(brotli(Buffer.from(text.get(source)))).padStart(7)} br  ${source}`,
    );
  }
}

function normalize(source) {
  const i = source.lastIndexOf('node_modules/');
  if (i >= 0) return source.slice(i);
  const s = source.indexOf('src/');
  return s >= 0 ? source.slice(s) : source;
}

function packageOf(source) {
  if (source.startsWith('node_modules/')) {
    const parts = source.slice('node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return source.split('/').slice(0, 3).join('/');
}

/** Source map v3 "mappings": per generated line, segments {col, source}. */
function decodeMappings(mappings) {
  const out = [];
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let col = 0;
    for (const segText of lineText.split(',')) {
      if (!segText) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segText) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length > 1) {
        source += values[1];
        segments.push({ col, source });
      } else segments.push({ col, source: undefined });
    }
    out.push(segments);
  }
  return out;
}
