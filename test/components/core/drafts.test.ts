import { expect } from '@open-wc/testing';
import { DraftStore } from '../../../src/core/drafts.js';
import { openLocalStore } from '../../../src/core/local-store.js';
import { waitUntil } from '../../helpers/wait-until.js';

const uniqueBackend = () => `https://support-${Math.random().toString(36).slice(2)}.example/portico/v1`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DraftStore', () => {
  const inIndexedDb = (backend: string, key: string) =>
    openLocalStore(backend, 'drafts')
      .get<{ value: unknown }>(key)
      .then((e) => e?.value);

  it('writes every keystroke at once to Web Storage and to IndexedDB after the pause; a new page load finds it', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 50 });
    drafts.save('reply:t-1001', 'H');
    drafts.save('reply:t-1001', 'Hello, the VPN');
    // Not in IndexedDB yet while typing…
    expect(await inIndexedDb(backend, 'reply:t-1001')).to.equal(undefined);
    // …but a reload this very moment finds every keystroke.
    expect(await new DraftStore(backend).load('reply:t-1001')).to.equal('Hello, the VPN');
    expect(await drafts.load('reply:t-1001')).to.equal('Hello, the VPN');
    await waitUntil(
      async () => (await inIndexedDb(backend, 'reply:t-1001')) === 'Hello, the VPN',
      'the IndexedDB write',
    );
    const afterReload = new DraftStore(backend);
    expect(await afterReload.load('reply:t-1001')).to.equal('Hello, the VPN');
    expect(afterReload.databaseName).to.match(/^portico:[0-9a-z]+:drafts$/);
  });

  it('a tab that went before IndexedDB had the last keystrokes loses nothing: load takes the newer copy and IndexedDB catches up', async () => {
    const backend = uniqueBackend();
    const first = new DraftStore(backend, { debounceMs: 10 });
    first.save('reply:t-7', 'Hello');
    await first.flush();
    const closing = new DraftStore(backend, { debounceMs: 60_000 });
    closing.save('reply:t-7', 'Hello, the printer on floor 3 is jammed');
    // No pause, no pagehide: the tab is gone; the next page load reconciles.
    const next = new DraftStore(backend);
    expect(await next.load('reply:t-7')).to.equal('Hello, the printer on floor 3 is jammed');
    await waitUntil(
      async () => (await inIndexedDb(backend, 'reply:t-7')) === 'Hello, the printer on floor 3 is jammed',
      'IndexedDB to catch up',
    );
    // An emptied box stays empty, even though IndexedDB had older text.
    closing.save('reply:t-7', '');
    expect(await new DraftStore(backend).load('reply:t-7')).to.equal(undefined);
  });

  it('keeps structured drafts (form fields) and removes them', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 10 });
    const value = { subject: 'Printer', fields: { product: 'printer', affectedUsers: 3, notify: true } };
    drafts.save('form:general', value);
    await drafts.flush();
    expect(await new DraftStore(backend).load('form:general')).to.deep.equal(value);
    await drafts.remove('form:general');
    expect(await new DraftStore(backend).load('form:general')).to.equal(undefined);
  });

  it('treats an emptied field as no draft', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 10 });
    drafts.save('reply:t-1', 'text');
    await drafts.flush();
    drafts.save('reply:t-1', '');
    await drafts.flush();
    expect(await new DraftStore(backend).load('reply:t-1')).to.equal(undefined);
  });

  it('writes pending drafts at once when the page is hidden or left', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 60_000 });
    drafts.save('reply:t-2', 'typed just before closing the tab');
    window.dispatchEvent(new Event('pagehide'));
    await sleep(50);
    expect(await new DraftStore(backend).load('reply:t-2')).to.equal('typed just before closing the tab');
  });

  it('keeps drafts of different backends apart', async () => {
    const a = new DraftStore(uniqueBackend(), { debounceMs: 10 });
    const b = new DraftStore(uniqueBackend(), { debounceMs: 10 });
    a.save('reply:t-1', 'for A');
    await a.flush();
    expect(await b.load('reply:t-1')).to.equal(undefined);
    expect(a.databaseName).not.to.equal(b.databaseName);
  });

  it('never lets an older write overwrite a newer one', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 0 });
    for (let i = 0; i <= 20; i++) {
      drafts.save('reply:t-3', `v${i}`);
      if (i % 3 === 0) void drafts.flush();
    }
    await drafts.flush();
    await sleep(20);
    expect(await new DraftStore(backend).load('reply:t-3')).to.equal('v20');
  });
});
