// Prints raw, gzip and brotli bytes of the bundles a page loads.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const files = process.argv.slice(2).length ? process.argv.slice(2) : ['dist/portico.js'];
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`${file} not found — run npm run build first`);
    process.exitCode = 1;
    continue;
  }
  const buf = readFileSync(file);
  const gzip = gzipSync(buf, { level: 9 }).length;
  const brotli = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = 15 * 1024;
  console.log(`${file}: ${buf.length} B raw, ${gzip} B gzip, ${brotli} B brotli (first-load budget ${budget} B brotli: ${brotli <= budget ? 'within' : `${brotli - budget} B over`})`);
}
