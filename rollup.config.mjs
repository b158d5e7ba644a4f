// Two outputs: dist/portico.js — the one-script-tag bundle (everything inlined,
// minified) — and the ES module build with declarations comes from `tsc -p tsconfig.build.json`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/embed.ts',
  output: {
    file: 'dist/portico.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, outDir: 'dist', sourceMap: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
