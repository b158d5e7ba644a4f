// Every string the elements show has a Dutch translation, and no Dutch entry
// is left over for a string that no longer exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { templates as nl } from '../../src/locales/nl.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'locales' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function msgIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\bmsg\(/g)) {
      const window = text.slice(call.index!, call.index! + 600);
      const id = /\{\s*id:\s*['"]([^'"]+)['"]/.exec(window)?.[1];
      if (id) ids.set(id, file);
    }
  }
  return ids;
}

test('every msg() id has a Dutch template', () => {
  const ids = msgIds();
  assert.ok(ids.size > 100, `expected the source to hold many strings, found ${ids.size}`);
  const missing = [...ids].filter(([id]) => !(id in nl)).map(([id, file]) => `${id} (${file})`);
  assert.deepEqual(missing, [], `strings without Dutch: ${missing.join(', ')}`);
});

test('no Dutch template is orphaned', () => {
  const ids = msgIds();
  const orphans = Object.keys(nl).filter((id) => !ids.has(id));
  assert.deepEqual(orphans, [], `Dutch entries no source string uses: ${orphans.join(', ')}`);
});
