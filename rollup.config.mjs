// Two browser builds (the ES module build with declarations comes from `tsc -p tsconfig.build.json`):
//  - dist/portico.js — the facade, the one script tag a page loads: a classic
//    script (document.currentScript works, no `export` to break `<script async>`)
//    that draws the launcher button and queues window.Portico calls. A few kB.
//  - dist/chunks/portico-app-<hash>.js + dist/chunks/* + dist/locales/* — the
//    full app as ES modules, which the facade import()s on first interaction.
//    Each locale is a chunk of its own, fetched only when that locale is used.
// The app is built first: every file but portico.js is named by its content
// (served immutable for a year), and the facade is built with the app's name
// in it, so portico.js is the one stable URL. Each file also gets a .br and a
// .gz next to it, which the gateway sends by Accept-Encoding.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

/**
 * Drops the indentation after each newline in the static text of Lit's
 * html``, svg`` and css`` templates (terser leaves template text alone): about
 * 1 kB brotli. Whitespace-only text still collapses to a space in normal
 * flow; text shown with white-space: pre/pre-wrap must come in through an
 * expression (it does everywhere in src/). Newlines stay, so the code keeps
 * its lines and the sourcemaps stay right to the line.
 */
const litTemplateIndent = {
  name: 'lit-template-indent',
  transform(code, id) {
    if (!/[\\/]src[\\/]/.test(id) || !/\b(?:html|svg|css)\s*`/.test(code)) return null;
    const ranges = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (
        node.type === 'TaggedTemplateExpression' &&
        node.tag.type === 'Identifier' &&
        ['html', 'svg', 'css'].includes(node.tag.name)
      ) {
        for (const quasi of node.quasi.quasis) ranges.push([quasi.start, quasi.end]);
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value.type === 'string') visit(value);
      }
    };
    visit(this.parse(code));
    if (!ranges.length) return null;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let at = 0;
    for (const [start, end] of ranges) {
      out += code.slice(at, start) + code.slice(start, end).replace(/\n[ \t]+/g, '\n');
      at = end;
    }
    return { code: out + code.slice(at), map: null };
  },
};

const plugins = (outDir = 'dist') => [
  nodeResolve({ browser: true }),
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    outDir,
    sourceMap: true,
    module: 'esnext',
    moduleResolution: 'bundler',
  }),
  litTemplateIndent,
  terser({
    ecma: 2022,
    module: true,
    // A second pass inlines and drops what the first one exposed; measured 1–2% smaller.
    compress: { passes: 2 },
    format: { comments: false },
  }),
];

/** Old hashed chunks would otherwise pile up in dist/ and be counted by `npm run size`. */
const cleanChunks = {
  name: 'clean-chunks',
  buildStart() {
    for (const dir of ['dist/chunks', 'dist/locales']) rmSync(dir, { recursive: true, force: true });
    // Before content hashes the app was dist/portico-app.js.
    for (const file of ['portico-app.js', 'portico-app.js.map', 'portico-app.js.br', 'portico-app.js.gz'])
      rmSync(join('dist', file), { force: true });
  },
};

/** The app entry's hashed file name, relative to dist/ (set by the app build, read by the facade build). */
let appFile = null;
const recordAppFile = {
  name: 'record-app-file',
  generateBundle(_options, bundle) {
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'portico-app');
    appFile = entry.fileName;
  },
};

/** Replaces the facade's uses of __PORTICO_APP_FILE__ (src/facade/app-loader.ts) with the app's file name. */
const injectAppFile = {
  name: 'inject-app-file',
  transform(code) {
    if (!code.includes('__PORTICO_APP_FILE__')) return null;
    if (!appFile) this.error('the app must be built before the facade (rollup.config.mjs order)');
    // The declaration stays; each use becomes the string.
    return { code: code.replace(/(?<!declare const )__PORTICO_APP_FILE__/g, JSON.stringify(appFile)), map: null };
  },
};

/** Text files worth compressing; a compressed copy is kept only when it is smaller. */
const COMPRESSIBLE = /\.(?:js|mjs|map|css|json|svg|html)$/;

/** Writes <file>.br (quality 11) and <file>.gz (level 9) next to each file the build wrote. */
const precompress = {
  name: 'precompress',
  writeBundle(options, bundle) {
    const dir = options.dir ?? dirname(options.file);
    for (const fileName of Object.keys(bundle)) if (COMPRESSIBLE.test(fileName)) compressFile(join(dir, fileName));
  },
};

function compressFile(file) {
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  for (const [ext, data] of [
    ['br', br],
    ['gz', gz],
  ]) {
    if (data.length < raw.length) writeFileSync(`${file}.${ext}`, data);
    else rmSync(`${file}.${ext}`, { force: true });
  }
}

export default [
  {
    input: { 'portico-app': 'src/portico-app.ts' },
    // The locale chunks import shared code from the entry itself, rather than
    // through an extra chunk that would cost another round trip on first click.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'chunks/[name]-[hash].js',
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId && /[\\/]src[\\/]locales[\\/]/.test(chunk.facadeModuleId)
          ? 'locales/[name]-[hash].js'
          : 'chunks/[name]-[hash].js',
    },
    plugins: [cleanChunks, ...plugins(), recordAppFile, precompress],
  },
  {
    input: 'src/embed.ts',
    output: { file: 'dist/portico.js', format: 'iife', sourcemap: true },
    plugins: [injectAppFile, ...plugins(), precompress],
  },
  {
    // The console at /admin/: a bundle of its own, so customers never download it.
    input: { 'portico-console': 'src/console/console-entry.ts' },
    output: {
      dir: 'dist/console',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    },
    plugins: [
      { name: 'clean-console', buildStart: () => rmSync('dist/console', { recursive: true, force: true }) },
      ...plugins('dist/console'),
      precompress,
    ],
  },
];
