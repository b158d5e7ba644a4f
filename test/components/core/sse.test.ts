import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { PorticoProtocolClient } from '../../../src/backends/portico-protocol.js';
import { UnauthorizedError } from '../../../src/core/errors.js';
import { EVENT_CURSOR_HEADER, type ServerEvent } from '../../../src/protocol/index.js';
import { openEventStream, SseParser, type SseMessage } from '../../../src/core/sse.js';
import { startMockWorker, worker } from '../../mocks/browser.js';
import {
  BASE,
  dropMockStreams,
  emitMockEvent,
  mockAgentReply,
  mockIssueToken,
  mockSignIn,
  mockSignOut,
  resetMockState,
} from '../../reference/handlers.js';
import { mockConfig } from '../../mocks/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('SseParser', () => {
  it('parses id, event, data and retry fields across arbitrary chunk boundaries', () => {
    const text =
      '\uFEFF: comment\r\nretry: 2500\r\nid: 7\r\nevent: ticket.updated\r\ndata: {"a":\r\ndata: 1}\r\n\r\n' +
      'data:no-space\n\nid: 8\rdata: cr only\r\r';
    // Every split point must give the same events.
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events, `cut at ${cut}`).to.deep.equal([
        { id: '7', event: 'ticket.updated', data: '{"a":\n1}' },
        { id: '7', event: 'message', data: 'no-space' },
        { id: '8', event: 'message', data: 'cr only' },
      ]);
      expect(parser.retry).to.equal(2500);
      expect(parser.lastEventId).to.equal('8');
    }
  });

  it('follows the spec on edge cases', () => {
    const parser = new SseParser('start');
    const events = parser.push(
      'event: only-event\n\n' + // no data: nothing dispatched
        'id: 5\n\n' + // id without data: remembered, nothing dispatched
        'data\n\n' + // field without colon: empty data line
        'data:  two spaces\n\n' + // only one leading space is removed
        'id: bad\0id\ndata: x\n\n' + // an id with NUL is ignored
        'retry: soon\ndata: y\n\n' + // a non-numeric retry is ignored
        'data: unfinished',
    );
    expect(events).to.deep.equal([
      { id: '5', event: 'message', data: '' },
      { id: '5', event: 'message', data: ' two spaces' },
      { id: '5', event: 'message', data: 'x' },
      { id: '5', event: 'message', data: 'y' },
    ]);
    expect(parser.retry).to.equal(null);
  });
});

describe('openEventStream and client.subscribe', () => {
  before(async () => {
    await startMockWorker();
  });

  beforeEach(() => {
    resetMockState();
    worker.resetHandlers();
  });

  it('delivers server events to subscribe() as typed objects with their ids', async () => {
    mockSignIn('carol');
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    const got: Array<[ServerEvent, string | null]> = [];
    let opened = 0;
    const sub = client.subscribe({ onEvent: (e, id) => got.push([e, id]), onOpen: () => opened++ });
    try {
      await until(() => opened === 1, 'the stream to open');
      mockAgentReply('t-1001', '<p>We found the cause.</p>');
      await until(() => got.length === 2, 'two events');
      const [created, updated] = got;
      expect(created[0].type).to.equal('message.created');
      expect(created[1]).to.equal('1');
      if (created[0].type === 'message.created') {
        expect(created[0].ticketId).to.equal('t-1001');
        expect(created[0].message.body.content).to.equal('<p>We found the cause.</p>');
      }
      expect(updated[0].type).to.equal('ticket.updated');
      expect(updated[1]).to.equal('2');
    } finally {
      sub.close();
    }
  });

  it('sends the bearer token on the stream in bearer mode', async () => {
    const token = mockIssueToken('erin');
    const client = new PorticoProtocolClient(mockConfig({ authMode: 'bearer', getToken: () => token }), { retries: 0 });
    const got: ServerEvent[] = [];
    let opened = false;
    const sub = client.subscribe({ onEvent: (e) => got.push(e), onOpen: () => (opened = true) });
    try {
      await until(() => opened, 'the stream to open');
      mockAgentReply('t-1010', 'Fixed');
      await until(() => got.length === 2, 'events for erin');
    } finally {
      sub.close();
    }
  });

  it('reconnects after the stream ends and sends Last-Event-ID', async () => {
    const seenHeaders: Array<string | null> = [];
    worker.use(
      http.get(`${BASE}/events`, ({ request }) => {
        const last = request.headers.get('last-event-id');
        seenHeaders.push(last);
        const body =
          seenHeaders.length === 1
            ? 'id: e1\nevent: ping\ndata: one\n\nid: e2\nevent: ping\ndata: two\n\n'
            : `id: e3\nevent: ping\ndata: after ${last}\n\n`;
        return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
    );
    const got: SseMessage[] = [];
    const stream = openEventStream({ url: `${BASE}/events`, initialRetryMs: 20, onMessage: (m) => got.push(m) });
    try {
      await until(() => got.length >= 3, 'three events over two connections');
      expect(got.slice(0, 3)).to.deep.equal([
        { id: 'e1', event: 'ping', data: 'one' },
        { id: 'e2', event: 'ping', data: 'two' },
        { id: 'e3', event: 'ping', data: 'after e2' },
      ]);
      expect(seenHeaders.slice(0, 2)).to.deep.equal([null, 'e2']);
      expect(stream.lastEventId).to.equal('e3');
    } finally {
      stream.close();
    }
  });

  it('resumes from the first frame’s id when no event came, and never from an event cut in half', async () => {
    const seenHeaders: Array<string | null> = [];
    worker.use(
      http.get(`${BASE}/events`, ({ request }) => {
        seenHeaders.push(request.headers.get('last-event-id'));
        const bodies = [
          'retry: 20\nid: 41\n\n', // the first frame only, then the connection drops
          'retry: 20\nid: 41\n\nid: 42\nevent: ping\ndata: whole\n\nid: 43\nevent: ping\ndata: cut', // 43 is cut off
          'retry: 20\nid: 42\n\nid: 43\nevent: ping\ndata: again\n\n',
        ];
        const body = bodies[Math.min(seenHeaders.length, bodies.length) - 1]!;
        return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
    );
    const got: SseMessage[] = [];
    const stream = openEventStream({ url: `${BASE}/events`, initialRetryMs: 20, onMessage: (m) => got.push(m) });
    try {
      await until(() => got.length >= 2, 'both events');
      expect(seenHeaders.slice(0, 3)).to.deep.equal([null, '41', '42']);
      expect(got.slice(0, 2)).to.deep.equal([
        { id: '42', event: 'ping', data: 'whole' },
        { id: '43', event: 'ping', data: 'again' },
      ]);
    } finally {
      stream.close();
    }
  });

  it('tells subscribers when the stream is back after a break, not when it first opens', async () => {
    mockSignIn('carol');
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    let opened = 0;
    let reconnected = 0;
    const sub = client.subscribe({
      onEvent: () => {},
      onOpen: () => opened++,
      onReconnect: () => reconnected++,
    });
    try {
      await until(() => opened === 1, 'the stream to open');
      expect(reconnected).to.equal(0);
      dropMockStreams();
      await until(() => opened === 2, 'the stream to open again', 5000);
      expect(reconnected).to.equal(1);
    } finally {
      sub.close();
    }
  });

  it('resumes with the mock gateway: events missed while disconnected are replayed', async () => {
    mockSignIn('carol');
    let connections = 0;
    worker.use(
      http.get(`${BASE}/events`, () => {
        connections++;
        return undefined; // count, then let the real handler answer
      }),
    );
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    const ids: Array<string | null> = [];
    let opened = 0;
    const sub = client.subscribe({ onEvent: (_e, id) => ids.push(id), onOpen: () => opened++ });
    try {
      await until(() => opened === 1, 'the stream to open');
      emitMockEvent({ type: 'chat.ended', conversationId: 'c-1' });
      await until(() => ids.length === 1, 'the first event');
      // The server drops every stream; one event happens while the client is away.
      dropMockStreams();
      emitMockEvent({ type: 'chat.ended', conversationId: 'c-2' });
      await until(() => ids.length === 2, 'the missed event after reconnecting', 5000);
      expect(ids).to.deep.equal(['1', '2']);
      expect(connections).to.equal(2);
    } finally {
      sub.close();
    }
  });

  it('stops on close(): no more events, no reconnection', async () => {
    let connections = 0;
    worker.use(
      http.get(`${BASE}/events`, () => {
        connections++;
        return new HttpResponse(`id: ${connections}\ndata: x\n\n`, {
          headers: { 'Content-Type': 'text/event-stream' },
        });
      }),
    );
    const got: SseMessage[] = [];
    const stream = openEventStream({ url: `${BASE}/events`, initialRetryMs: 20, onMessage: (m) => got.push(m) });
    await until(() => got.length >= 1, 'one event');
    stream.close();
    const seen = connections;
    const received = got.length;
    await sleep(300);
    expect(stream.closed).to.equal(true);
    expect(connections).to.equal(seen);
    expect(got.length).to.equal(received);
  });

  it('stops reconnecting on 401 and reports UnauthorizedError', async () => {
    mockSignOut();
    let connections = 0;
    worker.use(
      http.get(`${BASE}/events`, () => {
        connections++;
        return undefined;
      }),
    );
    const errors: unknown[] = [];
    const unauthorized: unknown[] = [];
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0, onUnauthorized: (e) => unauthorized.push(e) });
    const sub = client.subscribe({ onEvent: () => {}, onError: (e) => errors.push(e) });
    try {
      await until(() => errors.length === 1, 'the error');
      await sleep(1500); // longer than the first reconnection delay
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(UnauthorizedError);
      expect(unauthorized).to.deep.equal(errors);
      expect(connections).to.equal(1);
    } finally {
      sub.close();
    }
  });

  it('backs off exponentially (with a cap) while the server is unavailable', async () => {
    const times: number[] = [];
    worker.use(
      http.get(`${BASE}/events`, () => {
        times.push(performance.now());
        return HttpResponse.json({ title: 'Unavailable', status: 503 }, { status: 503 });
      }),
    );
    const errors: unknown[] = [];
    const stream = openEventStream({
      url: `${BASE}/events`,
      initialRetryMs: 40,
      maxRetryMs: 160,
      onMessage: () => {},
      onError: (e) => errors.push(e),
    });
    try {
      await until(() => times.length >= 6, 'six attempts', 5000);
    } finally {
      stream.close();
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Delays are drawn from [d/2, d] with d = 40, 80, 160, 160, 160.
    expect(gaps[0]).to.be.below(gaps[2]);
    expect(gaps[0]).to.be.at.least(15);
    for (const g of gaps) expect(g).to.be.below(160 + 120);
    expect(gaps.slice(2).every((g) => g >= 70)).to.equal(true);
    expect(errors.length).to.be.at.least(5);
  });
});

/**
 * A view's answer says how current it is (EVENT_CURSOR_HEADER); the stream
 * says where it starts. A change between the two reaches the view only by
 * loading again, which the client asks for (onReconnect), once per start.
 */
describe('snapshots and the stream’s start', () => {
  before(async () => {
    await startMockWorker();
  });

  beforeEach(() => {
    resetMockState();
    worker.resetHandlers();
    mockSignIn('carol');
  });

  const event: ServerEvent = { type: 'chat.ended', conversationId: 'c-1' };

  function watch(client: PorticoProtocolClient) {
    const seen = { opened: 0, reloads: 0 };
    const sub = client.subscribe({ onEvent: () => {}, onOpen: () => seen.opened++, onReconnect: () => seen.reloads++ });
    return { seen, sub };
  }

  it('an answer older than the stream’s start makes the views load again, once for that start', async () => {
    emitMockEvent(event);
    // A slow answer whose snapshot was taken before that event (and before the stream began).
    worker.use(
      http.get(`${BASE}/tickets`, () =>
        HttpResponse.json({ items: [], nextCursor: null }, { headers: { [EVENT_CURSOR_HEADER]: '0' } }),
      ),
    );
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    const { seen, sub } = watch(client);
    try {
      await until(() => seen.opened === 1, 'the stream to open');
      await client.listTickets({});
      await until(() => seen.reloads === 1, 'the views to be told to load again');
      await client.listTickets({});
      await sleep(50);
      expect(seen.reloads, 'once per stream start').to.equal(1);
    } finally {
      sub.close();
    }
  });

  it('an answer as current as the stream’s start needs no second load', async () => {
    emitMockEvent(event);
    const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
    const { seen, sub } = watch(client);
    try {
      await until(() => seen.opened === 1, 'the stream to open');
      await client.listTickets({});
      emitMockEvent(event);
      await client.getTicket('t-1001').catch(() => undefined);
      await sleep(50);
      expect(seen.reloads).to.equal(0);
    } finally {
      sub.close();
    }
  });

  for (const changed of [true, false]) {
    it(`an answer that came before the stream opened: ${changed ? 'a change in between loads again' : 'nothing in between, no second load'}`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(`${BASE}/events`, async () => {
          await gate;
          return undefined; // then the reference backend's stream answers
        }),
      );
      const client = new PorticoProtocolClient(mockConfig(), { retries: 0 });
      const { seen, sub } = watch(client);
      try {
        await client.listTickets({});
        expect(seen.opened, 'the stream is still on its way').to.equal(0);
        if (changed) emitMockEvent(event);
        release();
        await until(() => seen.opened === 1, 'the stream to open');
        if (changed) await until(() => seen.reloads === 1, 'the views to be told to load again');
        await sleep(50);
        expect(seen.reloads).to.equal(changed ? 1 : 0);
      } finally {
        sub.close();
      }
    });
  }
});
