import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/chat-launcher/chat-launcher.js';
import '../../../src/components/chat/chat.js';
import '../../../src/components/support-form/support-form.js';
import type { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';
import { deepActiveElement, isWithin } from '../../../src/components/shared/dom.js';
import { setLocale } from '../../../src/core/i18n.js';
import { setDefaultServices, type PorticoServices } from '../../../src/core/services.js';
import { useMockServices } from '../../mocks/services.js';
import { mockState, mockUser } from '../../reference/handlers.js';

const shadow = (el: Element) => el.shadowRoot!;
const button = (el: PorticoChatLauncher) => shadow(el).querySelector<HTMLButtonElement>('[part="button"]')!;
const panel = (el: PorticoChatLauncher) => shadow(el).querySelector<HTMLElement>('[part="panel"]');
const activeViewEl = (el: PorticoChatLauncher) =>
  shadow(el).querySelector<HTMLElement>('.view:not([hidden])')?.firstElementChild as HTMLElement | null;

async function launcher(
  template = html`<portico-chat-launcher></portico-chat-launcher>`,
): Promise<PorticoChatLauncher> {
  return fixture<PorticoChatLauncher>(template);
}

/** Opens the panel by clicking the button and waits until the ticket list shows rows. */
async function openWithList(el: PorticoChatLauncher): Promise<HTMLElement> {
  button(el).click();
  await el.updateComplete;
  let list: HTMLElement | null = null;
  await waitUntil(() => {
    list = shadow(el).querySelector('portico-ticket-list');
    return !!list?.shadowRoot?.querySelector('[part="row-button"]');
  }, 'ticket list rows never showed');
  return list!;
}

describe('<portico-chat-launcher>', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: 'carol' });
    await setLocale('en');
  });

  describe('closed', () => {
    it('is a 56px button with an accessible name, and renders no panel yet', async () => {
      const el = await launcher();
      const b = button(el);
      const rect = b.getBoundingClientRect();
      expect(rect.width).to.equal(56);
      expect(rect.height).to.equal(56);
      expect(b.getAttribute('aria-expanded')).to.equal('false');
      expect(b.getAttribute('aria-haspopup')).to.equal('dialog');
      expect(b.textContent).to.contain('Open support');
      expect(panel(el)).to.equal(null);
      // Nothing is fetched before the visitor asks for it.
      expect(mockState.requests.filter((r) => r.path.endsWith('/portal'))).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('sits in the inline-end corner, the inline-start one with position="bottom-left", mirrored in RTL', async () => {
      const el = await launcher();
      expect(button(el).getBoundingClientRect().left).to.be.above(window.innerWidth / 2);
      el.position = 'bottom-left';
      await el.updateComplete;
      expect(button(el).getBoundingClientRect().left).to.be.below(window.innerWidth / 2);

      const rtl = await launcher(html`<div dir="rtl"><portico-chat-launcher></portico-chat-launcher></div>`);
      const inner = rtl.querySelector('portico-chat-launcher') as unknown as PorticoChatLauncher;
      await inner.updateComplete;
      expect(button(inner).getBoundingClientRect().left).to.be.below(window.innerWidth / 2);
    });
  });

  describe('unread badge', () => {
    it('shows the count and says it in the button’s accessible name', async () => {
      const el = await launcher(html`<portico-chat-launcher unread="3"></portico-chat-launcher>`);
      const badge = shadow(el).querySelector('[part="badge"]')!;
      expect(badge.textContent!.trim()).to.equal('3');
      expect(badge.getAttribute('aria-hidden')).to.equal('true');
      expect(button(el).textContent!.replace(/\s+/g, ' ')).to.contain('Open support').and.to.contain('3 unread');
      await expect(el).to.be.accessible();

      el.unread = 250;
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="badge"]')!.textContent!.trim()).to.equal('99+');
      expect(button(el).textContent).to.contain('250 unread');

      el.unread = 0;
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="badge"]')).to.equal(null);
      expect(button(el).textContent).not.to.contain('unread');
    });

    it('follows portico-chat-unread from the chat view', async () => {
      const el = await launcher();
      await openWithList(el);
      panel(el)!
        .querySelector('.views')!
        .dispatchEvent(new CustomEvent('portico-chat-unread', { detail: { count: 2 }, bubbles: true, composed: true }));
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="badge"]')!.textContent!.trim()).to.equal('2');
    });

    it('is translated: Dutch text after a locale switch', async () => {
      const el = await launcher(html`<portico-chat-launcher unread="4"></portico-chat-launcher>`);
      await setLocale('nl');
      await el.updateComplete;
      expect(button(el).textContent).to.contain('Ondersteuning openen').and.to.contain('4 ongelezen');
    });
  });

  describe('open', () => {
    it('opens a labelled modal dialog, moves focus into it and emits portico-open', async () => {
      const el = await launcher();
      const opened = oneEvent(el, 'portico-open');
      button(el).click();
      await opened;
      const p = panel(el)!;
      expect(el.open).to.be.true;
      expect(p.hidden).to.be.false;
      expect(p.getAttribute('role')).to.equal('dialog');
      expect(p.getAttribute('aria-modal')).to.equal('true');
      const title = shadow(el).getElementById(p.getAttribute('aria-labelledby')!)!;
      await waitUntil(() => title.textContent!.includes('Acme Support'), 'portal name never showed as title');
      expect(isWithin(p, deepActiveElement())).to.be.true;
      expect(button(el).getAttribute('aria-expanded')).to.equal('true');
    });

    it('is accessible with the list loaded and with a ticket open', async () => {
      const el = await launcher();
      const list = await openWithList(el);
      await expect(el).to.be.accessible();
      list.shadowRoot!.querySelector<HTMLButtonElement>('[part="row-button"]')!.click();
      await waitUntil(() =>
        shadow(el).querySelector('portico-ticket-detail')?.shadowRoot?.querySelector('[part="back"]'),
      );
      await expect(el).to.be.accessible();
    });

    it('keeps Tab and Shift+Tab inside the panel', async () => {
      const el = await launcher();
      await openWithList(el);
      const p = panel(el)!;
      const close = shadow(el).querySelector<HTMLButtonElement>('[part="close-button"]')!;

      // Shift+Tab from the first control wraps to the last one, which lies inside the list's shadow root.
      close.focus();
      await sendKeys({ press: 'Shift+Tab' });
      const last = deepActiveElement()!;
      expect(isWithin(p, last)).to.be.true;
      expect(last).not.to.equal(close);

      // Tab from the last control wraps to the first.
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(close);

      // However far one tabs, focus never leaves the panel.
      for (let i = 0; i < 25; i++) {
        await sendKeys({ press: 'Tab' });
        expect(isWithin(p, deepActiveElement()), `after ${i + 1} tabs`).to.be.true;
      }
    });

    it('Esc asks to close, closes, returns focus to the button and emits portico-close', async () => {
      const el = await launcher();
      await openWithList(el);
      const requests: Array<{ source: string }> = [];
      el.addEventListener('portico-request-close', (e) => requests.push(e.detail));
      const closed = oneEvent(el, 'portico-close');
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(requests).to.deep.equal([{ source: 'escape' }]);
      expect(el.open).to.be.false;
      expect(panel(el)!.hidden).to.be.true;
      expect(deepActiveElement()).to.equal(button(el));
      await expect(el).to.be.accessible();
    });

    it('stays open when portico-request-close is cancelled (Esc and the close button)', async () => {
      const el = await launcher();
      await openWithList(el);
      const sources: string[] = [];
      el.addEventListener('portico-request-close', (e) => {
        sources.push(e.detail.source);
        e.preventDefault();
      });
      await sendKeys({ press: 'Escape' });
      shadow(el).querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
      await el.updateComplete;
      expect(sources).to.deep.equal(['escape', 'button']);
      expect(el.open).to.be.true;
      expect(panel(el)!.hidden).to.be.false;
    });

    it('show(), hide() and toggle() work from code', async () => {
      const el = await launcher();
      await el.show();
      expect(el.open).to.be.true;
      await el.hide();
      expect(el.open).to.be.false;
      await el.toggle();
      expect(el.open).to.be.true;
      await el.toggle();
      expect(el.open).to.be.false;
    });
  });

  describe('placement', () => {
    it('hangs the panel above the button, lined up with its outer edge, and follows the button', async () => {
      const el = await launcher();
      await el.show();
      const p = panel(el)!;
      const edges = () => ({ b: button(el).getBoundingClientRect(), r: p.getBoundingClientRect() });
      let { b, r } = edges();
      expect(r.bottom).to.be.at.most(b.top);
      expect(Math.round(r.right)).to.equal(Math.round(b.right));
      expect(r.left).to.be.at.least(8);

      // Moving the button moves the open panel with it.
      el.style.setProperty('--portico-launcher-offset', '120px');
      await waitUntil(() => Math.round(p.getBoundingClientRect().right) === Math.round(window.innerWidth - 120));
      ({ b, r } = edges());
      expect(r.bottom).to.be.at.most(b.top);
      expect(Math.round(r.right)).to.equal(Math.round(b.right));
      el.style.removeProperty('--portico-launcher-offset');
    });

    it('opens towards the page from a bottom-left button, and mirrors on a right-to-left page', async () => {
      const left = await launcher();
      left.setAttribute('position', 'bottom-left');
      await left.show();
      let b = button(left).getBoundingClientRect();
      let r = panel(left)!.getBoundingClientRect();
      expect(Math.round(r.left)).to.equal(Math.round(b.left));
      expect(r.right).to.be.at.most(window.innerWidth - 8);
      await left.hide();
      left.remove();

      // A Hebrew page with Portico in Hebrew.
      document.documentElement.dir = 'rtl';
      await setLocale('he');
      try {
        const rtl = await launcher();
        await rtl.show();
        b = button(rtl).getBoundingClientRect();
        r = panel(rtl)!.getBoundingClientRect();
        expect(b.left).to.be.below(window.innerWidth / 2);
        expect(Math.round(r.left)).to.equal(Math.round(b.left));
      } finally {
        document.documentElement.removeAttribute('dir');
        await setLocale('en');
      }
    });

    it('keeps the whole panel on a short window', async () => {
      const el = await launcher();
      el.style.setProperty('--portico-launcher-panel-block-size', '5000px');
      await el.show();
      const r = panel(el)!.getBoundingClientRect();
      expect(r.top).to.be.at.least(0);
      expect(r.height).to.be.at.least(160);
    });
  });

  describe('views', () => {
    it('goes list → detail → back against the mock gateway', async () => {
      const el = await launcher();
      const list = await openWithList(el);
      const navigations: unknown[] = [];
      el.addEventListener('portico-navigate', (e) => navigations.push(e.detail));
      const firstRow = list.shadowRoot!.querySelector<HTMLElement>('[part="row"]')!;
      const ticketId = firstRow.dataset.ticketId!;
      firstRow.querySelector<HTMLButtonElement>('[part="row-button"]')!.click();
      await el.updateComplete;

      const detail = shadow(el).querySelector('portico-ticket-detail')!;
      expect(detail.getAttribute('ticket-id')).to.equal(ticketId);
      expect(detail.hasAttribute('show-back')).to.be.true;
      expect(shadow(el).querySelector('portico-ticket-list')).to.equal(null);
      expect(navigations).to.deep.equal([{ view: 'tickets', ticketId }]);

      await waitUntil(() => detail.shadowRoot?.querySelector('[part="back"]'), 'detail never showed a back button');
      detail.shadowRoot!.querySelector<HTMLButtonElement>('[part="back"]')!.click();
      await el.updateComplete;
      expect(shadow(el).querySelector('portico-ticket-detail')).to.equal(null);
      // The same list element comes back, with what it had loaded.
      expect(shadow(el).querySelector('portico-ticket-list')).to.equal(list);
      await waitUntil(
        () => list.shadowRoot!.querySelector(`[data-ticket-id="${ticketId}"]`),
        'the list never showed its row again',
      );
    });

    it('switches views with the tab bar (click and arrow keys); Chat shows for an eligible user', async () => {
      const el = await launcher();
      await openWithList(el);
      await waitUntil(() => shadow(el).querySelector('[role="tab"][data-view="chat"]'), 'chat tab never showed');
      const tabs = () => Array.from(shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]'));
      expect(tabs().map((t) => t.dataset.view)).to.include.members(['tickets', 'chat']);
      expect(
        tabs()
          .find((t) => t.dataset.view === 'tickets')!
          .getAttribute('aria-selected'),
      ).to.equal('true');

      tabs()
        .find((t) => t.dataset.view === 'chat')!
        .click();
      await el.updateComplete;
      expect(el.currentView).to.equal('chat');
      expect(activeViewEl(el)!.localName).to.equal('portico-chat');
      expect(
        tabs()
          .find((t) => t.dataset.view === 'chat')!
          .getAttribute('aria-selected'),
      ).to.equal('true');
      // The list stays in the DOM, hidden, rather than loading again.
      expect(shadow(el).querySelector('.view[data-view="tickets"]')!.hasAttribute('hidden')).to.be.true;

      tabs()
        .find((t) => t.dataset.view === 'chat')!
        .focus();
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(el.currentView).to.equal('tickets');
      expect(deepActiveElement()).to.equal(tabs().find((t) => t.dataset.view === 'tickets'));
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.currentView).to.equal(tabs()[tabs().length - 1].dataset.view);
      await expect(el).to.be.accessible();
    });

    it('New ticket shows the support form with the configured form; a created ticket opens in Tickets', async () => {
      services = await useMockServices({ as: 'carol', config: { formId: 'access-request' } });
      const el = await launcher();
      await openWithList(el);
      const newTab = shadow(el).querySelector<HTMLButtonElement>('[role="tab"][data-view="new"]')!;
      expect(newTab.textContent!.trim()).to.equal('New ticket');
      newTab.click();
      await el.updateComplete;
      const form = activeViewEl(el)!;
      expect(form.localName).to.equal('portico-support-form');
      expect(form.getAttribute('form-id')).to.equal('access-request');

      form.dispatchEvent(
        new CustomEvent('portico-ticket-created', {
          detail: { ticket: { id: 't-1003' } },
          bubbles: true,
          composed: true,
        }),
      );
      await el.updateComplete;
      expect(el.currentView).to.equal('tickets');
      expect(activeViewEl(el)!.localName).to.equal('portico-ticket-detail');
      expect(activeViewEl(el)!.getAttribute('ticket-id')).to.equal('t-1003');
    });

    it('hides Chat when the portal has no chat, and for a user chat is not offered to', async () => {
      mockState.portal = { ...mockState.portal, chat: { ...mockState.portal.chat, enabled: false } };
      const el = await launcher();
      await openWithList(el);
      await aTimeout(50);
      expect(shadow(el).querySelector('[role="tab"][data-view="chat"]')).to.equal(null);
      expect(await el.showView('chat').then(() => activeViewEl(el)!.localName)).to.equal('portico-ticket-list');
    });

    it('drops the Chat tab when <portico-chat> reports it is not offered', async () => {
      const el = await launcher();
      await openWithList(el);
      await waitUntil(() => shadow(el).querySelector('[role="tab"][data-view="chat"]'));
      panel(el)!
        .querySelector('.views')!
        .dispatchEvent(
          new CustomEvent('portico-chat-availability', {
            detail: { available: false, reason: 'not-eligible' },
            bubbles: true,
            composed: true,
          }),
        );
      await el.updateComplete;
      expect(shadow(el).querySelector('[role="tab"][data-view="chat"]')).to.equal(null);
    });

    it('showView("tickets", id) opens that ticket; portico-ticket-created opens the new ticket', async () => {
      const el = await launcher();
      await el.show();
      await el.showView('tickets', 't-1002');
      await waitUntil(() => shadow(el).querySelector('portico-ticket-detail'));
      expect(shadow(el).querySelector('portico-ticket-detail')!.getAttribute('ticket-id')).to.equal('t-1002');

      await el.showView('tickets');
      await waitUntil(() => shadow(el).querySelector('portico-ticket-list'));
      shadow(el)
        .querySelector('portico-ticket-list')!
        .dispatchEvent(
          new CustomEvent('portico-ticket-created', {
            detail: { ticket: { id: 't-9999' } },
            bubbles: true,
            composed: true,
          }),
        );
      await el.updateComplete;
      expect(shadow(el).querySelector('portico-ticket-detail')!.getAttribute('ticket-id')).to.equal('t-9999');
    });

    it('shows the sign-in first when signed out, then the list once signed in', async () => {
      services = await useMockServices({ as: null });
      const el = await launcher();
      button(el).click();
      await waitUntil(() => activeViewEl(el)?.localName === 'portico-sign-in', 'sign-in never showed');
      expect(shadow(el).querySelector('portico-ticket-list')).to.equal(null);
      // Only Tickets (as sign-in) is offered: no chat for someone unknown.
      expect(shadow(el).querySelector('[role="tab"][data-view="chat"]')).to.equal(null);
      await expect(el).to.be.accessible();

      const carol = mockUser('carol');
      const session = await services.backend.signIn({ email: carol.email, password: carol.password });
      services.session.set(session);
      await waitUntil(() => activeViewEl(el)?.localName === 'portico-ticket-list', 'list never showed after sign-in');
    });

    it('says it is not configured when there are no services', async () => {
      setDefaultServices(undefined as unknown as PorticoServices);
      const el = await launcher();
      await el.show();
      expect(panel(el)!.textContent).to.contain('not configured');
      await expect(el).to.be.accessible();
    });
  });
});
