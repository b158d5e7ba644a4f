/**
 * The reference backend (test/reference/) as a MakeGateway: the same msw
 * handlers the component tests use, served in this process by msw/node, with
 * the admin API the suites build their world through. It starts empty, as a
 * fresh gateway does, with the gateway's defaults and the suite's options;
 * its SSO tokens are checked by the gateway's own SsoVerifier and its
 * free-mail domains are the gateway's list.
 */
import { setupServer } from 'msw/node';
import { SsoVerifier } from '../../../server/auth/sso.js';
import { isPublicMailDomain } from '../../../server/store/organizations.js';
import { adminHandlers } from '../../reference/admin.js';
import { MOCK_ORIGIN } from '../../reference/fixtures.js';
import { BASE, handlers, mailsTo, mockState, resetMockState } from '../../reference/handlers.js';
import { AdminClient, TEST_ADMIN_TOKEN, type GatewayUnderTest, type MakeGateway } from './gateway-harness.js';

const server = setupServer(...handlers, ...adminHandlers(TEST_ADMIN_TOKEN));
let running = false;
/** A listening gateway keeps the process alive; msw answers from memory, so this timer does it while one is up. */
let keepAlive: ReturnType<typeof setInterval> | undefined;

/**
 * msw copies every answer for its lifecycle events (a tee); cancelling one
 * copy of a tee'd stream waits for the other, which nobody reads. Event
 * streams are handed over in a stream of their own whose cancel does not
 * wait, as a socket's close does not.
 */
function withCancellableStreams(fetchOf: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await fetchOf(input, init);
    if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return res;
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        void reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export const referenceGateway = (): MakeGateway =>
  Object.assign(
    async (overrides: Parameters<MakeGateway>[0] = {}): Promise<GatewayUnderTest> => {
      if (running) throw new Error('one reference backend at a time: its state is this process’s');
      const sso = overrides.sso ? new SsoVerifier(overrides.sso) : null;
      resetMockState({
        seed: false,
        settings: overrides.settings,
        config: {
          cookies: 'header',
          allowedOrigins: overrides.allowedOrigins ?? [],
          verifySso: sso?.enabled ? (jwt) => sso.verify(jwt) : null,
          isPublicMailDomain,
        },
      });
      // As the gateway's options do: SSO is a login method where it is configured.
      if (sso?.enabled && !mockState.portal.loginMethods.includes('sso')) {
        mockState.portal.loginMethods = [...mockState.portal.loginMethods, 'sso'];
        mockState.basePortal = structuredClone(mockState.portal);
      }
      server.listen({ onUnhandledRequest: 'bypass' });
      const mswFetch = globalThis.fetch;
      globalThis.fetch = withCancellableStreams(mswFetch);
      running = true;
      keepAlive = setInterval(() => undefined, 1000);
      return {
        origin: MOCK_ORIGIN,
        api: BASE,
        admin: new AdminClient(MOCK_ORIGIN, TEST_ADMIN_TOKEN),
        outbox: async (to) => mailsTo(to).map(({ subject, text }) => ({ subject, text })),
        storedUploads: async () => [...mockState.uploads.keys()],
        async close() {
          globalThis.fetch = mswFetch;
          server.close();
          clearInterval(keepAlive);
          running = false;
          resetMockState({ seed: false });
        },
      };
    },
    { traits: { throttles: false, requestSchemas: false } },
  );
