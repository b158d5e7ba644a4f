import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/chat-launcher/chat-launcher.js';
import type { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';
import type { PorticoProtocolClient } from '../../../src/backends/portico-protocol.js';
import { DEMO_PASSWORD } from '../../reference/fixtures.js';
import { mockSignOut, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

const shadow = (el: Element) => el.shadowRoot!;

function fill(root: ShadowRoot, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('an idle timeout in the launcher', () => {
  it('says why, keeps the half-written reply and returns to the same ticket after signing in', async () => {
    const services = await useMockServices({ as: 'carol' });
    // The gateway gave this session 30 idle minutes when it started.
    const session = services.session.session!;
    services.session.set(null);
    services.session.set({ ...session, expiresAt: new Date(Date.now() + 30 * 60_000).toISOString() });

    const ticket = mockState.tickets.find((t) => t.requesterId === 'u-carol')!;
    const el = await fixture<PorticoChatLauncher>(html`<portico-chat-launcher></portico-chat-launcher>`);
    await el.showView('tickets', ticket.id);
    await el.show();
    const detail = () => shadow(el).querySelector('portico-ticket-detail');
    await waitUntil(() => detail()?.shadowRoot?.querySelector('textarea'), 'no reply box');
    fill(detail()!.shadowRoot!, 'textarea', 'Half-written reply');

    // 31 quiet minutes later the gateway has forgotten the session; the next request finds out.
    mockSignOut();
    (services.backend as PorticoProtocolClient).lastAnsweredAt = Date.now() - 31 * 60_000;
    await services.backend.getMe().catch(() => undefined);

    await waitUntil(() => shadow(el).querySelector('portico-sign-in'), 'no sign-in after the timeout');
    const signIn = shadow(el).querySelector('portico-sign-in')!;
    await waitUntil(() => signIn.shadowRoot?.querySelector('input[name="password"]'), 'no sign-in form');
    expect(signIn.shadowRoot!.textContent).to.contain('You were signed out after 30 minutes of inactivity.');
    await expect(el).to.be.accessible();

    fill(signIn.shadowRoot!, 'input[name="email"]', 'carol@acme.example');
    fill(signIn.shadowRoot!, 'input[name="password"]', DEMO_PASSWORD);
    signIn.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();

    await waitUntil(() => detail()?.shadowRoot?.querySelector('textarea'), 'not back at the ticket');
    expect(detail()!.getAttribute('ticket-id')).to.equal(ticket.id);
    await waitUntil(
      () => detail()!.shadowRoot!.querySelector('textarea')!.value === 'Half-written reply',
      'the reply typed before the timeout is gone',
    );
  });
});
