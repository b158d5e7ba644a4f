import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { PorticoProtocolClient } from '../../../src/backends/portico-protocol.js';
import { createPorticoServices } from '../../../src/backends/index.js';
import {
  ForbiddenError,
  NetworkError,
  NotFoundError,
  PorticoError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
} from '../../../src/core/errors.js';
import { PROBLEM_TYPES } from '../../../src/protocol/index.js';
import { startMockWorker, worker } from '../../mocks/browser.js';
import { BASE, mockIssueToken, mockSignIn, mockSignOut, mockState, resetMockState } from '../../reference/handlers.js';
import { mockConfig } from '../../mocks/services.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function requestsTo(path: string, method = 'GET') {
  return mockState.requests.filter((r) => r.path === path && r.method === method);
}

async function signedInClient(opts: ConstructorParameters<typeof PorticoProtocolClient>[1] = {}) {
  mockSignIn('carol');
  const client = new PorticoProtocolClient(mockConfig(), { retries: 0, ...opts });
  await client.getSession();
  return client;
}

describe('PorticoProtocolClient', () => {
  before(async () => {
    await startMockWorker();
  });

  beforeEach(() => {
    resetMockState();
    worker.resetHandlers();
  });

  it('reads the portal once, however many elements ask', async () => {
    const client = new PorticoProtocolClient(mockConfig());
    const [a, b] = await Promise.all([client.getPortal(), client.getPortal()]);
    const c = await client.getPortal();
    expect(a.name).to.equal('Acme Support');
    expect(b).to.equal(a);
    expect(c).to.equal(a);
    expect(requestsTo('/portal')).to.have.length(1);
  });

  it('lets one caller stop waiting for the portal without failing the others', async () => {
    mockState.delayMs = 100;
    const client = new PorticoProtocolClient(mockConfig());
    const controller = new AbortController();
    const first = client.getPortal({ signal: controller.signal });
    const second = client.getPortal();
    controller.abort();
    const error = (await rejection(first)) as DOMException;
    expect(error.name).to.equal('AbortError');
    expect((await second).name).to.equal('Acme Support');
  });

  it('returns null from getSession when signed out, and the session when signed in', async () => {
    const client = new PorticoProtocolClient(mockConfig());
    expect(await client.getSession()).to.equal(null);
    mockSignIn('dave');
    const session = await client.getSession();
    expect(session?.user.email).to.equal('dave@acme.example');
  });

  it('turns problem+json answers into typed errors', async () => {
    const client = await signedInClient();

    const notFound = await rejection(client.getTicket('t-1010'));
    expect(notFound).to.be.instanceOf(NotFoundError);
    expect((notFound as NotFoundError).status).to.equal(404);
    expect((notFound as NotFoundError).problem.type).to.equal(PROBLEM_TYPES.notFound);

    mockSignIn('dave');
    const dave = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    await dave.getSession();
    const forbidden = await rejection(dave.listTickets({ scope: 'organization' }));
    expect(forbidden).to.be.instanceOf(ForbiddenError);

    const invalid = await rejection(
      dave.createTicket({ formId: 'general', subject: '', body: { format: 'text', content: '' } }),
    );
    expect(invalid).to.be.instanceOf(ValidationError);
    expect((invalid as ValidationError).status).to.equal(422);
    expect((invalid as ValidationError).fieldIssues).to.include.keys('subject', 'body', 'fields.product');
  });

  it('maps an answer that is not problem+json onto an error with the status', async () => {
    worker.use(
      http.get(
        `${BASE}/forms`,
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      ),
    );
    const client = await signedInClient();
    const error = (await rejection(client.listForms())) as PorticoError;
    expect(error).to.be.instanceOf(PorticoError);
    expect(error.status).to.equal(502);
    expect(error.message).to.equal('Bad Gateway');
  });

  it('calls onUnauthorized on a 401 and not on a failed sign-in', async () => {
    const seen: UnauthorizedError[] = [];
    const client = await signedInClient({ onUnauthorized: (e) => seen.push(e) });

    const badSignIn = await rejection(client.signIn({ email: 'carol@acme.example', password: 'wrong' }));
    expect(badSignIn).to.be.instanceOf(UnauthorizedError);
    expect(seen).to.have.length(0);

    mockSignIn('carol');
    await client.getSession();
    mockSignOut();
    const error = await rejection(client.listTickets({ scope: 'mine' }));
    expect(error).to.be.instanceOf(UnauthorizedError);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.equal(error);
  });

  it('expires the shared session on a 401 (createPorticoServices)', async () => {
    mockSignIn('carol');
    const services = createPorticoServices(mockConfig(), { retries: 0 });
    await services.session.load();
    expect(services.session.signedIn).to.equal(true);
    let changes = 0;
    services.session.addEventListener('change', () => changes++);
    mockSignOut();
    await rejection(services.backend.listTickets({ scope: 'mine' }));
    expect(services.session.signedIn).to.equal(false);
    expect(services.session.session).to.equal(null);
    expect(changes).to.equal(1);
  });

  it('gives up with a TimeoutError after config.timeoutMs', async () => {
    const client = await signedInClient();
    const slow = new PorticoProtocolClient(mockConfig({ timeoutMs: 150 }), { retries: 0 });
    await slow.getSession();
    mockState.delayMs = 2000;
    const started = performance.now();
    const error = (await rejection(slow.getForm('general'))) as TimeoutError;
    expect(error).to.be.instanceOf(TimeoutError);
    expect(error.status).to.equal(0);
    expect(performance.now() - started).to.be.below(1500);
    mockState.delayMs = 0;
    expect((await client.getForm('general')).id).to.equal('general');
  });

  it("rejects with the caller's AbortError when the caller aborts", async () => {
    const client = await signedInClient();
    mockState.delayMs = 2000;
    const controller = new AbortController();
    const pending = client.listTickets({ scope: 'mine' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = (await rejection(pending)) as DOMException;
    expect(error).not.to.be.instanceOf(PorticoError);
    expect(error.name).to.equal('AbortError');
  });

  it('reports a network failure as NetworkError with status 0', async () => {
    const client = await signedInClient();
    mockState.offline = true;
    const error = (await rejection(client.listForms())) as NetworkError;
    expect(error).to.be.instanceOf(NetworkError);
    expect(error.status).to.equal(0);
  });

  it('sends the bearer token from getToken, asking for it before each request', async () => {
    const first = mockIssueToken('dave');
    const second = mockIssueToken('erin');
    let current = first;
    let calls = 0;
    const client = new PorticoProtocolClient(
      mockConfig({
        authMode: 'bearer',
        getToken: async () => {
          calls++;
          return current;
        },
      }),
      { retries: 0 },
    );
    const me = await client.getMe();
    expect(me.email).to.equal('dave@acme.example');
    current = second;
    const page = await client.listTickets({ scope: 'mine' });
    expect(page.items.every((t) => t.requester.name === 'Erin Rossi')).to.equal(true);
    expect(calls).to.equal(2);
    const auth = mockState.requests.map((r) => r.headers.authorization);
    expect(auth).to.deep.equal([`Bearer ${first}`, `Bearer ${second}`]);
    expect(mockState.requests.every((r) => !('x-csrf-token' in r.headers))).to.equal(true);
  });

  it('signs in for a bearer token in bearer mode and uses it afterwards', async () => {
    const client = new PorticoProtocolClient(mockConfig({ authMode: 'bearer' }), { retries: 0 });
    const session = await client.signIn({ email: 'erin@globex.example', password: 'portico-demo' });
    expect(session?.token).to.be.a('string');
    const me = await client.getMe();
    expect(me.email).to.equal('erin@globex.example');
    expect(requestsTo('/me')[0].headers.authorization).to.equal(`Bearer ${session!.token}`);
  });

  it('bearer mode after a reload: the token comes back from the refresh cookie, never from storage', async () => {
    const before = new PorticoProtocolClient(mockConfig({ authMode: 'bearer' }), { retries: 0 });
    const signedIn = await before.signIn({ email: 'erin@globex.example', password: 'portico-demo' });
    expect(requestsTo('/session', 'POST')[0].credentials).to.equal('include');
    // The reload: a new client, nothing in memory, nothing in localStorage or sessionStorage.
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.to.contain(signedIn!.token);
    const after = new PorticoProtocolClient(mockConfig({ authMode: 'bearer' }), { retries: 0 });
    const session = await after.getSession();
    expect(session?.user.email).to.equal('erin@globex.example');
    expect(requestsTo('/session/refresh', 'POST')[0].credentials).to.equal('include');
    await after.getMe();
    expect(requestsTo('/me')[0].headers.authorization).to.equal(`Bearer ${signedIn!.token}`);
    expect(requestsTo('/me')[0].credentials).to.equal('same-origin');

    // Signed out, a reload finds nobody.
    await after.signOut();
    const later = new PorticoProtocolClient(mockConfig({ authMode: 'bearer' }), { retries: 0 });
    expect(await later.getSession()).to.equal(null);
  });

  it('echoes the CSRF token on writes in cookie mode, and not on reads', async () => {
    const client = await signedInClient();
    const csrf = mockState.cookieSession!.csrfToken;
    const message = await client.reply('t-1001', { body: { format: 'text', content: 'Still broken.' } });
    expect(message.author.role).to.equal('customer');
    expect(requestsTo('/tickets/t-1001/messages', 'POST')[0].headers['x-csrf-token']).to.equal(csrf);
    await client.getTicket('t-1001');
    expect(requestsTo('/tickets/t-1001')[0].headers).not.to.have.property('x-csrf-token');

    // Signed out, a write without a token is refused by the gateway; the client reports it.
    mockSignOut();
    const stranger = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    const error = (await rejection(stranger.closeTicket('t-1001'))) as UnauthorizedError;
    expect(error).to.be.instanceOf(UnauthorizedError);
  });

  it('recovers once from a stale CSRF token (session renewed in another tab), keeping the key', async () => {
    const client = await signedInClient();
    const oldToken = mockState.cookieSession!.csrfToken;
    mockSignIn('carol'); // a new session and CSRF token, as after signing in again elsewhere
    const message = await client.reply('t-1001', { body: { format: 'text', content: 'After renewal' } });
    expect(message.body.content).to.equal('After renewal');
    const posts = requestsTo('/tickets/t-1001/messages', 'POST');
    expect(posts.map((p) => p.headers['x-csrf-token'])).to.deep.equal([oldToken, mockState.cookieSession!.csrfToken]);
    expect(posts[1].headers['idempotency-key']).to.equal(posts[0].headers['idempotency-key']);

    // A wrong token that re-reading the session cannot fix still ends as the 403.
    let hits = 0;
    worker.use(
      http.post(`${BASE}/tickets/:id/close`, () => {
        hits++;
        return HttpResponse.json(
          { type: PROBLEM_TYPES.csrf, title: 'CSRF token missing or wrong', status: 403 },
          { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    const error = (await rejection(client.closeTicket('t-1001'))) as ForbiddenError;
    expect(error).to.be.instanceOf(ForbiddenError);
    expect(error.problem.type).to.equal(PROBLEM_TYPES.csrf);
    expect(hits).to.equal(2); // the write and one retry, no loop
  });

  it('sends an Idempotency-Key on every write, or the one the caller gives', async () => {
    const client = await signedInClient();
    await client.reply('t-1001', { body: { format: 'text', content: 'One' } });
    await client.reply('t-1001', { body: { format: 'text', content: 'Two' } }, { idempotencyKey: 'my-key-1' });
    await client.getTicket('t-1001');
    const writes = requestsTo('/tickets/t-1001/messages', 'POST');
    expect(writes[0].headers['idempotency-key']).to.match(UUID);
    expect(writes[1].headers['idempotency-key']).to.equal('my-key-1');
    expect(requestsTo('/tickets/t-1001')[0].headers).not.to.have.property('idempotency-key');
  });

  it('retries a write that hit a network failure with the same Idempotency-Key, creating one message', async () => {
    const keys: string[] = [];
    let failed = false;
    worker.use(
      http.post(`${BASE}/tickets/:id/messages`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key') ?? '');
        if (failed) return undefined;
        failed = true;
        return HttpResponse.error();
      }),
    );
    const client = await signedInClient({ retries: 2, retryDelayMs: 10 });
    const before = (await client.listMessages('t-1001')).items.length;
    const message = await client.reply('t-1001', { body: { format: 'text', content: 'Retry me' } });
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(UUID);
    expect(keys[1]).to.equal(keys[0]);
    const after = (await client.listMessages('t-1001')).items;
    expect(after).to.have.length(before + 1);
    expect(after.at(-1)!.id).to.equal(message.id);
  });

  it('gets the first answer back when the same key is sent again', async () => {
    const client = await signedInClient();
    const a = await client.reply('t-1001', { body: { format: 'text', content: 'Once' } }, { idempotencyKey: 'k-same' });
    const b = await client.reply('t-1001', { body: { format: 'text', content: 'Once' } }, { idempotencyKey: 'k-same' });
    expect(b.id).to.equal(a.id);
    const texts = (await client.listMessages('t-1001')).items.filter((m) => m.body.content === 'Once');
    expect(texts).to.have.length(1);
  });

  it('uploads with progress reports and returns the attachment', async () => {
    const client = await signedInClient();
    const progress: Array<[number, number]> = [];
    const blob = new Blob(['x'.repeat(256 * 1024)], { type: 'text/plain' });
    const result = await client.upload(blob, 'notes.txt', { onProgress: (l, t) => progress.push([l, t]) });
    expect(result.name).to.equal('notes.txt');
    expect(result.size).to.equal(blob.size);
    // A progress bar starts at 0 and ends full, rising in between.
    expect(progress[0][0]).to.equal(0);
    const [loaded, total] = progress.at(-1)!;
    expect(loaded).to.equal(total);
    expect(total).to.be.at.least(blob.size);
    const loadedSeq = progress.map(([l]) => l);
    expect([...loadedSeq].sort((a, b) => a - b)).to.deep.equal(loadedSeq);
    const upload = requestsTo('/uploads', 'POST')[0];
    expect(upload.headers['x-csrf-token']).to.equal(mockState.cookieSession!.csrfToken);
    expect(upload.headers['idempotency-key']).to.match(UUID);
  });

  it('turns 413 and 415 upload answers into errors with the problem', async () => {
    const client = await signedInClient();
    mockState.portal.uploads.maxBytes = 1000;
    const tooLarge = (await rejection(
      client.upload(new Blob(['y'.repeat(5000)], { type: 'text/plain' }), 'big.txt'),
    )) as PorticoError;
    expect(tooLarge).to.be.instanceOf(PorticoError);
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.problem.type).to.equal(PROBLEM_TYPES.tooLarge);

    const wrongType = (await rejection(
      client.upload(new Blob(['MZ'], { type: 'application/x-msdownload' }), 'setup.exe'),
    )) as PorticoError;
    expect(wrongType.status).to.equal(415);
    expect(wrongType.problem.type).to.equal(PROBLEM_TYPES.unsupportedType);
  });

  it('aborts an upload when the caller aborts', async () => {
    const client = await signedInClient();
    mockState.delayMs = 2000;
    const controller = new AbortController();
    const pending = client.upload(new Blob(['z'], { type: 'text/plain' }), 'z.txt', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(((await rejection(pending)) as DOMException).name).to.equal('AbortError');
  });

  it('builds absolute attachment URLs', () => {
    const client = new PorticoProtocolClient(mockConfig());
    expect(client.attachmentUrl('att 1/x')).to.equal(`${BASE}/attachments/att%201%2Fx`);
    const relative = new PorticoProtocolClient(mockConfig({ backend: '/portico/v1/' }));
    expect(relative.attachmentUrl('a1')).to.equal(`${location.origin}/portico/v1/attachments/a1`);
  });

  it('passes list queries through and pages with the cursor', async () => {
    const client = await signedInClient();
    const first = await client.listTickets({ scope: 'organization', status: 'all', limit: 4, sort: '-created' });
    expect(first.items).to.have.length(4);
    expect(first.nextCursor).to.be.a('string');
    const second = await client.listTickets({
      scope: 'organization',
      status: 'all',
      limit: 4,
      sort: '-created',
      cursor: first.nextCursor!,
    });
    const ids = [...first.items, ...second.items].map((t) => t.id);
    expect(new Set(ids).size).to.equal(8);
    const created = [...first.items, ...second.items].map((t) => t.createdAt);
    expect([...created].sort().reverse()).to.deep.equal(created);
    const closed = await client.listTickets({ scope: 'mine', status: 'closed', q: 'finance' });
    expect(closed.items.map((t) => t.id)).to.deep.equal(['t-1004']);
  });
});
