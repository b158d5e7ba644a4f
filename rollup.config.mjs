// Two outputs: dist/portico.js — the one-script-tag bundle (everything inlined,
// minified) — and the ES module build with declarations comes from `tsc -p tsconfig.build.json`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/embed.ts',
  output: {
    file: 'dist/portico.js',
    // A classic script (document.currentScript works, no `export` to break
    // `<script async>`), and ONE file: the locale import is inlined too.
    format: 'iife',
    inlineDynamicImports: true,
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, outDir: 'dist', sourceMap: true, module: 'esnext', moduleResolution: 'bundler' }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
