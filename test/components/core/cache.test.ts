import { expect } from '@open-wc/testing';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { ListCache, swr } from '../../../src/core/cache.js';
import { databaseName, storeNamespace } from '../../../src/core/local-store.js';

const uniqueBackend = () => `https://support-${Math.random().toString(36).slice(2)}.example/portico/v1`;

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

describe('ListCache', () => {
  it('keeps its data in a database namespaced per backend, never in keyval-store', async () => {
    await deleteDatabase('keyval-store');
    const backend = uniqueBackend();
    const cache = new ListCache(backend);
    await cache.set('tickets:u-carol:mine', { items: [1, 2] });
    expect(await cache.get('tickets:u-carol:mine')).to.deep.equal({ items: [1, 2] });

    const names = await databaseNames();
    expect(cache.databaseName).to.equal(databaseName(backend, 'lists'));
    expect(cache.databaseName).to.match(/^portico:[0-9a-z]+:lists$/);
    expect(names).to.include(cache.databaseName);
    expect(names).not.to.include('keyval-store');

    // Another backend on the same page gets another database and sees nothing of the first.
    const other = new ListCache(uniqueBackend());
    expect(other.databaseName).not.to.equal(cache.databaseName);
    expect(await other.get('tickets:u-carol:mine')).to.equal(undefined);
    expect(storeNamespace(backend)).to.equal(storeNamespace(`${backend}/`));
  });

  it("leaves the host page's own keyval-store untouched, even on clear()", async () => {
    await idbSet('host-key', 'host-value'); // the host page uses idb-keyval's default database
    const cache = new ListCache(uniqueBackend());
    await cache.set('host-key', 'portico-value');
    await cache.clear();
    expect(await cache.get('host-key')).to.equal(undefined);
    expect(await idbGet('host-key')).to.equal('host-value');
    await deleteDatabase('keyval-store');
  });

  it('shows the cached value first, then the fresh one, and stores the fresh one', async () => {
    const cache = new ListCache(uniqueBackend());
    await cache.set('k', ['old']);
    const calls: Array<[string[], boolean]> = [];
    const result = await swr(
      cache,
      'k',
      () => new Promise<string[]>((r) => setTimeout(() => r(['new']), 50)),
      (value, { stale }) => calls.push([value, stale]),
    );
    expect(calls).to.deep.equal([
      [['old'], true],
      [['new'], false],
    ]);
    expect(result).to.deep.equal(['new']);
    expect(await cache.get('k')).to.deep.equal(['new']);
  });

  it('skips the stale value when the network answers first, and with an empty cache', async () => {
    const cache = new ListCache(uniqueBackend());
    const calls: boolean[] = [];
    await cache.swr(
      'empty',
      async () => 1,
      (_v, { stale }) => calls.push(stale),
    );
    expect(calls).to.deep.equal([false]);
    await cache.set('fast', 'cached');
    const fastCalls: Array<[string, boolean]> = [];
    await cache.swr(
      'fast',
      () => Promise.resolve('fresh'),
      (v, { stale }) => fastCalls.push([v, stale]),
    );
    expect(fastCalls.at(-1)).to.deep.equal(['fresh', false]);
    expect(fastCalls.filter(([, stale]) => stale).every(([v]) => v === 'cached')).to.equal(true);
  });

  it('keeps the stale value shown and cached when the fetch fails', async () => {
    const cache = new ListCache(uniqueBackend());
    await cache.set('k', 'old');
    const calls: string[] = [];
    let failed: unknown;
    try {
      await cache.swr(
        'k',
        () => new Promise<string>((_, reject) => setTimeout(() => reject(new Error('offline')), 20)),
        (v) => calls.push(v),
      );
    } catch (error) {
      failed = error;
    }
    expect((failed as Error).message).to.equal('offline');
    expect(calls).to.deep.equal(['old']);
    expect(await cache.get('k')).to.equal('old');
  });

  it('works in memory without throwing when IndexedDB refuses (private mode)', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      );
    };
    const warn = console.warn;
    console.warn = () => {};
    try {
      const cache = new ListCache(uniqueBackend());
      await cache.set('k', 'v');
      expect(await cache.get('k')).to.equal('v');
      const calls: Array<[string, boolean]> = [];
      await cache.swr(
        'k',
        async () => {
          await new Promise((r) => setTimeout(r, 10));
          return 'w';
        },
        (v, { stale }) => calls.push([v, stale]),
      );
      expect(calls).to.deep.equal([
        ['v', true],
        ['w', false],
      ]);
      await cache.clear();
      expect(await cache.get('k')).to.equal(undefined);
    } finally {
      IDBFactory.prototype.open = open;
      console.warn = warn;
    }
  });

  it('ignores entries older than maxAgeMs', async () => {
    const backend = uniqueBackend();
    await new ListCache(backend).set('k', 'v');
    await new Promise((r) => setTimeout(r, 20));
    expect(await new ListCache(backend, { maxAgeMs: 5 }).get('k')).to.equal(undefined);
    expect(await new ListCache(backend).get('k')).to.equal('v');
  });
});
