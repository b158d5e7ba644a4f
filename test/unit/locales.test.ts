// Every string the elements show is translated in every target locale, with
// the same placeholders, and no locale keeps entries for strings that are gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { TARGET_LOCALES } from '../../src/core/i18n.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'locales' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** msg() ids in the source, with how many ${…} parameters the English text has. */
function sourceStrings(): Map<string, { file: string; params: number }> {
  const ids = new Map<string, { file: string; params: number }>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\bmsg\(/g)) {
      const window = text.slice(call.index!, call.index! + 600);
      const id = /\{\s*id:\s*['"]([^'"]+)['"]/.exec(window);
      if (!id) continue;
      const english = window.slice(0, id.index);
      const params = english.replace(/^msg\(\s*/, '').startsWith('str`') ? (english.match(/\$\{/g) ?? []).length : 0;
      ids.set(id[1], { file, params });
    }
  }
  return ids;
}

type Template = string | { strTag: true; strings: readonly string[]; values: readonly unknown[] };

type Templates = { templates: Record<string, Template> };

/** Portico's strings for `locale`, and the console's (src/console/locales/, loaded on the console page only). */
async function templatesOf(locale: string): Promise<Record<string, Template>> {
  const app = (await import(`../../src/locales/${locale}.js`)) as Templates;
  const consolePage = (await import(`../../src/console/locales/${locale}.js`)) as Templates;
  const both = Object.keys(app.templates).filter((id) => id in consolePage.templates);
  assert.deepEqual(both, [], `${locale}: ids in both the app's and the console's strings`);
  return { ...app.templates, ...consolePage.templates };
}

const ids = sourceStrings();

test('the source holds the strings the checks below are about', () => {
  assert.ok(ids.size > 100, `expected many msg() ids, found ${ids.size}`);
});

for (const locale of TARGET_LOCALES) {
  test(`${locale}: every msg() id is translated, with the same number of placeholders`, async () => {
    const templates = await templatesOf(locale);
    const missing = [...ids].filter(([id]) => !(id in templates)).map(([id, { file }]) => `${id} (${file})`);
    assert.deepEqual(missing, [], `strings without ${locale}: ${missing.join(', ')}`);
    const wrong = [...ids]
      .filter(([id, { params }]) => {
        const t = templates[id];
        const count = typeof t === 'string' ? 0 : new Set(t.values).size;
        return params > 0 && count !== params;
      })
      .map(([id]) => id);
    assert.deepEqual(wrong, [], `${locale} templates whose placeholders differ from the English: ${wrong.join(', ')}`);
  });

  test(`${locale}: no entry is left for a string that is gone`, async () => {
    const orphans = Object.keys(await templatesOf(locale)).filter((id) => !ids.has(id));
    assert.deepEqual(orphans, [], `${locale} entries no source string uses: ${orphans.join(', ')}`);
  });
}
