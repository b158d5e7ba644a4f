// ES-module entry for developers composing Portico themselves. Importing this
// defines no elements and configures nothing. It exports what a developer
// builds with — the elements, defineAll(), the services factory, the config
// validators, the protocol types and rules, the typed errors and events — and
// nothing internal. One element alone: `portico/elements/<name>` defines it.

// The protocol: wire types at the root, and the rules both sides apply as `protocol.*`
// (protocol.validateTicketRequest, protocol.checkUpload, protocol.isEmailAddress, …).
export type * from './protocol/index.js';
export * as protocol from './protocol/index.js';

// Errors a backend call may reject with, and the user-facing words for them.
export {
  PorticoError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  NetworkError,
  TimeoutError,
  isUnauthorized,
} from './core/errors.js';
export { problemText, issueText } from './core/problem-text.js';

// Configuration and services.
export {
  DEFAULT_CONFIG,
  validateConfig,
  applyConfig,
  configFromDataset,
  type PorticoConfig,
  type ConfigResult,
  type AuthMode,
  type ThemeMode,
  type LauncherPosition,
} from './core/config.js';
export type * from './core/backend.js';
export { servicesContext, createServices, setDefaultServices, type PorticoServices } from './core/services.js';
export type { SessionStore } from './core/session.js';
export { PorticoProtocolClient, createPorticoServices, type PorticoClientOptions } from './backends/index.js';
export { initLocalization, setLocale, getLocale, resolveLocale, SOURCE_LOCALE, TARGET_LOCALES } from './core/i18n.js';
export type { PorticoEventMap, PorticoEventName } from './core/events.js';
export { setPrefill, getPrefill, clearPrefill, type PrefillValues } from './core/prefill.js';
export { openConsentBanner, getConsentDecision, onConsentChange, type ConsentDecision } from './core/consent.js';

// The elements (classes only: defineAll() or the per-element entries register them).
export { PorticoProvider } from './components/provider/provider.component.js';
export { PorticoChatLauncher, type LauncherView } from './components/chat-launcher/chat-launcher.component.js';
export { PorticoChat } from './components/chat/chat.component.js';
export { PorticoPortal } from './components/portal/portal.component.js';
export { PorticoSupportForm } from './components/support-form/support-form.component.js';
export { PorticoConsentBanner } from './components/consent-banner/consent-banner.component.js';
export { PorticoTicketList } from './components/ticket-list/ticket-list.component.js';
export { PorticoTicketDetail } from './components/ticket-detail/ticket-detail.component.js';
export { PorticoSignIn } from './components/sign-in/sign-in.component.js';

// The page-level API behind window.Portico.
export { defineAll, PORTICO_ELEMENTS } from './elements.js';
export { mountLauncher, createPorticoApi, VERSION, type PorticoApi, type PorticoApiEventName } from './portico-api.js';
