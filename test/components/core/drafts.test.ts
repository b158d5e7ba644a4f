import { expect } from '@open-wc/testing';
import { DraftStore } from '../../../src/core/drafts.js';

const uniqueBackend = () => `https://support-${Math.random().toString(36).slice(2)}.example/portico/v1`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DraftStore', () => {
  it('saves after the user pauses, and a new page load finds the draft', async () => {
    const backend = uniqueBackend();
    const drafts = new DraftStore(backend, { debounceMs: 50 });
    drafts.save('reply:t-1001', 'H');
    drafts.save('reply:t-1001', 'Hello, the VPN');
    // Not written yet while typing…
    expect(await new DraftStore(backend).load('reply:t-1001')).to.equal(undefined);
    // …but this page sees what was typed.
    expect(await drafts.load('reply:t-1001')).to.equal('Hello, the VPN');
    await sleep(120);
    const afterReload = new DraftStore(backend);
    expect(await afterReload.load('reply:t-1001')).to.equal('Hello, the VPN');
    expect(afterReload.databaseName).to.match(/^portico:[0-9a-z]+:drafts$/);
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
