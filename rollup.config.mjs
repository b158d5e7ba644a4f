// Two browser builds (the ES module build with declarations comes from `tsc -p tsconfig.build.json`):
//  - dist/portico.js — the facade, the one script tag a page loads: a classic
//    script (document.currentScript works, no `export` to break `<script async>`)
//    that draws the launcher button and queues window.Portico calls. A few kB.
//  - dist/portico-app.js + dist/chunks/* + dist/locales/* — the full app as ES
//    modules, which the facade import()s on first interaction. Each locale is a
//    chunk of its own, fetched only when that locale is used.
import { rmSync } from 'node:fs';
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

const plugins = () => [
  nodeResolve({ browser: true }),
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    outDir: 'dist',
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
  },
};

export default [
  {
    input: 'src/embed.ts',
    output: { file: 'dist/portico.js', format: 'iife', sourcemap: true },
    plugins: plugins(),
  },
  {
    input: { 'portico-app': 'src/portico-app.ts' },
    // The locale chunks import shared code from the entry itself, rather than
    // through an extra chunk that would cost another round trip on first click.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId && /[\\/]src[\\/]locales[\\/]/.test(chunk.facadeModuleId)
          ? 'locales/[name]-[hash].js'
          : 'chunks/[name]-[hash].js',
    },
    plugins: [cleanChunks, ...plugins()],
  },
];
