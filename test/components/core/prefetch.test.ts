import { expect } from '@open-wc/testing';
import { createPorticoServices } from '../../../src/backends/index.js';
import { PorticoProtocolClient } from '../../../src/backends/portico-protocol.js';
import { DEFAULT_CONFIG, type PorticoConfig } from '../../../src/core/config.js';
import { FIRST_TICKET_PAGE, prefetchFirstViews, takePrefetched } from '../../../src/core/prefetch.js';
import { waitUntil } from '../../helpers/wait-until.js';

const BACKEND = 'https://gateway.prefetch.example/portico/v1';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const SESSION = {
  user: { id: 'u-1', name: 'Pat', email: 'pat@example.com', role: 'user', organization: null },
  csrfToken: 'csrf-1',
};
const PAGE = { items: [], nextCursor: null };

/** A fake gateway that records what was asked, in order. */
function gateway(session: unknown, status = 200) {
  const asked: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({ url, init });
    const path = new URL(url).pathname.replace('/portico/v1', '');
    if (path === '/portal') return json({ name: 'Prefetch portal' });
    if (path === '/session') return json(session, status);
    if (path === '/tickets') return json(PAGE);
    return json({}, 404);
  }) as typeof fetch;
  return { asked, fetchImpl };
}

describe('prefetch on intent (src/core/prefetch.ts)', () => {
  let realFetch: typeof fetch;
  let network: string[];

  beforeEach(() => {
    // Whatever the client does not take from the prefetch goes here: a test fails if it asks again.
    realFetch = globalThis.fetch;
    network = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      network.push(String(input));
      return json({}, 404);
    }) as typeof fetch;
    // Nothing a test left behind.
    (globalThis as { __porticoPrefetch?: Map<string, unknown> }).__porticoPrefetch?.clear();
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const config = (extra: Partial<PorticoConfig> = {}): PorticoConfig => ({
    ...DEFAULT_CONFIG,
    backend: BACKEND,
    ...extra,
  });

  it('fetches portal and session at once, the first list page once signed in, and the client takes each once', async () => {
    const { asked, fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config(), fetchImpl);
    expect(asked.map((a) => new URL(a.url).pathname)).to.deep.equal(['/portico/v1/portal', '/portico/v1/session']);
    expect(asked.every((a) => a.init?.credentials === 'include')).to.be.true;
    await waitUntil(() => asked.length === 3, 'the first list page was not prefetched');
    const list = new URL(asked[2]!.url);
    expect(list.pathname).to.equal('/portico/v1/tickets');
    expect(Object.fromEntries(list.searchParams)).to.deep.equal({
      scope: FIRST_TICKET_PAGE.scope,
      status: FIRST_TICKET_PAGE.status,
      sort: FIRST_TICKET_PAGE.sort,
      limit: String(FIRST_TICKET_PAGE.limit),
    });

    // The app's client, as the app builds it (no fetch of its own), asks the gateway for nothing of this.
    const client = new PorticoProtocolClient(config());
    expect((await client.getPortal()).name).to.equal('Prefetch portal');
    expect((await client.getSession())?.user.id).to.equal('u-1');
    expect(await client.listTickets({ ...FIRST_TICKET_PAGE })).to.deep.equal(PAGE);
    expect(network).to.deep.equal([]);
    // Once only: the next list load asks the gateway.
    await client.listTickets({ ...FIRST_TICKET_PAGE }).catch(() => undefined);
    expect(network).to.have.length(1);
  });

  it('asks for no list when nobody is signed in', async () => {
    const { asked, fetchImpl } = gateway({ type: 'about:blank', status: 401 }, 401);
    prefetchFirstViews(config(), fetchImpl);
    await new Promise((r) => setTimeout(r, 50));
    expect(asked.map((a) => new URL(a.url).pathname)).to.deep.equal(['/portico/v1/portal', '/portico/v1/session']);
    const client = new PorticoProtocolClient(config());
    expect(await client.getSession()).to.equal(null);
    expect(network).to.deep.equal([]);
  });

  it('leaves the list out while a mailed link is being opened (it may sign the person out first)', async () => {
    const { asked, fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config(), fetchImpl, { list: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(asked.map((a) => new URL(a.url).pathname)).to.deep.equal(['/portico/v1/portal', '/portico/v1/session']);
  });

  it('in bearer mode fetches only the public portal (the token lives in the app)', async () => {
    const { asked, fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config({ authMode: 'bearer' }), fetchImpl);
    expect(asked.map((a) => new URL(a.url).pathname)).to.deep.equal(['/portico/v1/portal']);
    expect(asked[0]!.init?.credentials).to.equal('same-origin');
  });

  it('fetches once however often the visitor hovers, and never without a gateway', async () => {
    const { asked, fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config({ backend: '' }), fetchImpl);
    expect(asked).to.have.length(0);
    prefetchFirstViews(config(), fetchImpl);
    prefetchFirstViews(config(), fetchImpl);
    await waitUntil(() => asked.length === 3, 'no list page');
    prefetchFirstViews(config(), fetchImpl);
    expect(asked).to.have.length(3);
  });

  it('forgets its answers when the person changes: the next one never gets an early list (or 401) of the last', async () => {
    const { asked, fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config(), fetchImpl);
    await waitUntil(() => asked.length === 3, 'the first list page was not prefetched');
    const services = createPorticoServices(config());
    expect((await services.session.load())?.user.id).to.equal('u-1');
    // Pat signs out (a mailed link for someone else was opened); Sam signs in.
    services.session.set(null);
    services.session.set({ ...SESSION, user: { ...SESSION.user, id: 'u-2', email: 'sam@example.com' } } as never);
    await services.backend.listTickets({ ...FIRST_TICKET_PAGE }).catch(() => undefined);
    expect(network.map((u) => new URL(u).pathname)).to.deep.equal(['/portico/v1/tickets']);
  });

  it('gives out only GETs it made', () => {
    const { fetchImpl } = gateway(SESSION);
    prefetchFirstViews(config(), fetchImpl);
    expect(takePrefetched(`${BACKEND}/portal`, { method: 'POST' })).to.equal(null);
    expect(takePrefetched(`${BACKEND}/me`, undefined)).to.equal(null);
    expect(takePrefetched(`${BACKEND}/portal`, { method: 'GET' })).to.be.instanceOf(Promise);
    expect(takePrefetched(`${BACKEND}/portal`, { method: 'GET' })).to.equal(null);
  });
});
