import { expect } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  BRIDGE_HEIGHT,
  BRIDGE_NAVIGATE,
  startIframeBridge,
  type IframeBridge,
} from '../../../src/core/iframe-bridge.js';

const INTRANET = 'https://intranet.example';

type Posted = { message: { type: string; height?: number; route?: string }; targetOrigin: string };

/** A real window to stand in for the parent, with postMessage recorded. */
function standInParent(): { win: Window; posted: Posted[]; frame: HTMLIFrameElement } {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const win = frame.contentWindow!;
  const posted: Posted[] = [];
  (win as unknown as { postMessage: (m: unknown, o: string) => void }).postMessage = (message, targetOrigin) =>
    posted.push({ message: message as Posted['message'], targetOrigin });
  return { win, posted, frame };
}

function messageFrom(source: Window | null, origin: string, data: unknown): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

describe('iframe bridge', () => {
  let bridge: IframeBridge | null = null;
  let cleanup: Array<() => void> = [];

  afterEach(() => {
    bridge?.stop();
    bridge = null;
    for (const fn of cleanup) fn();
    cleanup = [];
  });

  it('posts the height and route only to the allowed origins', async () => {
    const parent = standInParent();
    cleanup.push(() => parent.frame.remove());
    bridge = startIframeBridge({
      allowedOrigins: [INTRANET, 'https://portal.intranet.example'],
      onNavigate: () => {},
      parent: parent.win,
    });
    expect(bridge.active).to.equal(true);
    await waitUntil(() => parent.posted.length >= 2);
    const heights = parent.posted.filter((p) => p.message.type === BRIDGE_HEIGHT);
    expect(heights.map((p) => p.targetOrigin)).to.deep.equal([INTRANET, 'https://portal.intranet.example']);
    expect(heights[0].message.height).to.equal(Math.ceil(document.documentElement.getBoundingClientRect().height));

    // The document grows: a new height goes out.
    const tall = document.createElement('div');
    tall.style.blockSize = '1500px';
    document.body.append(tall);
    cleanup.push(() => tall.remove());
    await waitUntil(() => parent.posted.filter((p) => p.message.type === BRIDGE_HEIGHT).length >= 4);
    const latest = parent.posted.filter((p) => p.message.type === BRIDGE_HEIGHT).at(-1)!;
    expect(latest.message.height).to.be.greaterThan(1500);

    bridge.postRoute('/ticket/t-1');
    const routes = parent.posted.filter((p) => p.message.type === BRIDGE_NAVIGATE);
    expect(routes).to.deep.equal([
      { message: { type: BRIDGE_NAVIGATE, route: '/ticket/t-1' }, targetOrigin: INTRANET },
      { message: { type: BRIDGE_NAVIGATE, route: '/ticket/t-1' }, targetOrigin: 'https://portal.intranet.example' },
    ]);
    expect(parent.posted.every((p) => p.targetOrigin !== '*')).to.equal(true);
  });

  it('navigates only for messages from the parent window with an allowed origin', async () => {
    const parent = standInParent();
    const other = standInParent();
    cleanup.push(
      () => parent.frame.remove(),
      () => other.frame.remove(),
    );
    const routes: string[] = [];
    bridge = startIframeBridge({ allowedOrigins: [INTRANET], onNavigate: (r) => routes.push(r), parent: parent.win });

    messageFrom(parent.win, 'https://evil.example', { type: BRIDGE_NAVIGATE, route: '/profile' });
    messageFrom(other.win, INTRANET, { type: BRIDGE_NAVIGATE, route: '/profile' });
    messageFrom(null, INTRANET, { type: BRIDGE_NAVIGATE, route: '/profile' });
    messageFrom(parent.win, INTRANET, 'portico:navigate /profile');
    messageFrom(parent.win, INTRANET, { type: 'portico:height', height: 10 });
    messageFrom(parent.win, INTRANET, { type: BRIDGE_NAVIGATE, route: 42 });
    messageFrom(parent.win, INTRANET, { type: BRIDGE_NAVIGATE, route: `/${'x'.repeat(600)}` });
    expect(routes).to.deep.equal([]);

    messageFrom(parent.win, INTRANET, { type: BRIDGE_NAVIGATE, route: '/profile' });
    expect(routes).to.deep.equal(['/profile']);

    bridge.stop();
    messageFrom(parent.win, INTRANET, { type: BRIDGE_NAVIGATE, route: '/mine' });
    expect(routes).to.deep.equal(['/profile']);
  });

  it('stays silent and deaf without an allow-list, or when not framed', async () => {
    const parent = standInParent();
    cleanup.push(() => parent.frame.remove());
    const routes: string[] = [];
    bridge = startIframeBridge({ allowedOrigins: [], onNavigate: (r) => routes.push(r), parent: parent.win });
    expect(bridge.active).to.equal(false);
    messageFrom(parent.win, INTRANET, { type: BRIDGE_NAVIGATE, route: '/profile' });
    bridge.postRoute('/mine');

    const unframed = startIframeBridge({ allowedOrigins: [INTRANET], onNavigate: (r) => routes.push(r) });
    expect(unframed.active).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(parent.posted).to.deep.equal([]);
    expect(routes).to.deep.equal([]);
  });

  describe('<portico-portal> in a real iframe', () => {
    const FRAME = new URL('./fixtures/framed-portal.html', import.meta.url);

    /** The framed page, and when it has loaded (its scripts compiled and run: slow on a busy machine). */
    function frame(allowed: string): { iframe: HTMLIFrameElement; received: MessageEvent[]; loaded: Promise<unknown> } {
      const received: MessageEvent[] = [];
      const iframe = document.createElement('iframe');
      const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      iframe.title = 'Support portal';
      const onMessage = (e: MessageEvent) => {
        if (e.source === iframe.contentWindow) received.push(e);
      };
      window.addEventListener('message', onMessage);
      const url = new URL(FRAME);
      url.searchParams.set('allowed', allowed);
      iframe.src = url.href;
      document.body.append(iframe);
      cleanup.push(() => {
        window.removeEventListener('message', onMessage);
        iframe.remove();
      });
      return { iframe, received, loaded };
    }

    it('reports height and route to an allowed parent and takes its navigation', async () => {
      const { iframe, received, loaded } = frame(location.origin);
      await loaded;
      await waitUntil(() => received.some((e) => e.data.type === BRIDGE_HEIGHT), 'no height message', {
        timeout: 5000,
      });
      await waitUntil(() => received.some((e) => e.data.type === BRIDGE_NAVIGATE), 'no route message', {
        timeout: 5000,
      });
      expect(received.every((e) => e.origin === location.origin)).to.equal(true);
      const height = received.filter((e) => e.data.type === BRIDGE_HEIGHT).at(-1)!.data.height;
      expect(height).to.be.a('number').and.greaterThan(0);

      iframe.contentWindow!.postMessage({ type: BRIDGE_NAVIGATE, route: '/profile' }, location.origin);
      await waitUntil(() => iframe.contentWindow!.location.hash === '#/profile', 'did not navigate', { timeout: 3000 });
      await waitUntil(() => received.some((e) => e.data.type === BRIDGE_NAVIGATE && e.data.route === '/profile'));
    });

    it('tells a parent that is not allowed nothing and ignores its messages', async () => {
      const { iframe, received, loaded } = frame(INTRANET);
      await loaded;
      await waitUntil(
        () => iframe.contentDocument?.querySelector('portico-portal')?.shadowRoot?.querySelector('[role="tablist"]'),
        'the framed portal did not load',
        { timeout: 5000 },
      );
      iframe.contentWindow!.postMessage({ type: BRIDGE_NAVIGATE, route: '/profile' }, location.origin);
      await new Promise((r) => setTimeout(r, 300));
      expect(received).to.have.length(0);
      expect(iframe.contentWindow!.location.hash).to.equal('');
    });
  });
});
