/**
 * Every element, by tag name, for developers who define them all at once
 * (`defineAll()` from the package root). The script-tag bundle does not use
 * this table: it defines what the first click shows and fetches the rest when
 * a view opens (portico-api.ts, components/shared/lazy-elements.ts).
 */
import { PorticoElement } from './components/shared/portico-element.js';
import { PorticoProvider } from './components/provider/provider.component.js';
import { PorticoChatLauncher } from './components/chat-launcher/chat-launcher.component.js';
import { PorticoSignIn } from './components/sign-in/sign-in.component.js';
import { PorticoTicketList } from './components/ticket-list/ticket-list.component.js';
import { PorticoTicketDetail } from './components/ticket-detail/ticket-detail.component.js';
import { PorticoSupportForm } from './components/support-form/support-form.component.js';
import { PorticoKnowledge } from './components/knowledge/knowledge.component.js';
import { PorticoChat } from './components/chat/chat.component.js';
import { PorticoChatOffline } from './components/chat/chat-offline.component.js';
import { PorticoChatExternal } from './components/chat/chat-external.component.js';
import { PorticoConsentBanner } from './components/consent-banner/consent-banner.component.js';
import { PorticoPortal } from './components/portal/portal.component.js';
import { PorticoPortalProfile } from './components/portal/portal-profile.component.js';
import { PorticoAccountMenu } from './components/account-menu/account-menu.component.js';

/** The provider comes first: elements upgraded after it find their context at once. */
export const PORTICO_ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['portico-provider', PorticoProvider],
  ['portico-sign-in', PorticoSignIn],
  ['portico-ticket-list', PorticoTicketList],
  ['portico-ticket-detail', PorticoTicketDetail],
  ['portico-knowledge', PorticoKnowledge],
  ['portico-support-form', PorticoSupportForm],
  ['portico-chat-offline', PorticoChatOffline],
  ['portico-chat-external', PorticoChatExternal],
  ['portico-chat', PorticoChat],
  ['portico-consent-banner', PorticoConsentBanner],
  ['portico-portal-profile', PorticoPortalProfile],
  ['portico-portal', PorticoPortal],
  ['portico-account-menu', PorticoAccountMenu],
  ['portico-chat-launcher', PorticoChatLauncher],
];

/**
 * Defines every Portico element. Safe to call again and on a page that already
 * defined one of the names (its own element, or another copy of Portico):
 * that name keeps its definition and gets one console warning.
 */
export function defineAll(): void {
  for (const [name, ctor] of PORTICO_ELEMENTS) PorticoElement.define(name, ctor);
}
