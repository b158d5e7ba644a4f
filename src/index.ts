// ES-module entry for developers composing Portico themselves. Importing this
// defines no elements and configures nothing; each part is exported by name.
export * from './protocol/index.js';
export * from './core/errors.js';
export type * from './core/backend.js';
export * from './core/config.js';
export * from './core/services.js';
export * from './core/session.js';
export {
  PorticoProtocolClient,
  createPorticoServices,
  newIdempotencyKey,
  type PorticoClientOptions,
} from './backends/index.js';
export { sanitizeHtml } from './core/sanitize.js';
export { openEventStream, SseParser, type EventStream, type EventStreamOptions, type SseMessage } from './core/sse.js';
export * from './core/events.js';
export { initLocalization, setLocale, getLocale, resolveLocale, SOURCE_LOCALE, TARGET_LOCALES } from './core/i18n.js';
export { PorticoElement } from './components/shared/portico-element.js';
export { PorticoProvider } from './components/provider/provider.component.js';
export { PorticoChatLauncher, type LauncherView } from './components/chat-launcher/chat-launcher.component.js';
export { PlacementController, type PlacementOptions } from './components/chat-launcher/placement-controller.js';
export {
  defineAll,
  mountLauncher,
  createPorticoApi,
  PORTICO_ELEMENTS,
  VERSION,
  type PorticoApi,
  type PorticoApiEventName,
} from './portico-api.js';
export { PorticoChat } from './components/chat/chat.component.js';
export { PorticoChatOffline } from './components/chat/chat-offline.component.js';
export { PorticoChatExternal, pageConsent, type ChatConsent } from './components/chat/chat-external.component.js';
export {
  openExternalChat,
  loadProviderScript,
  externalChatOptions,
  providerScriptUrl,
  isExternalProvider,
  type ExternalChatOptions,
  type ExternalChatProvider,
} from './core/chat-providers.js';
export { PorticoPortal } from './components/portal/portal.component.js';
export { PorticoPortalProfile } from './components/portal/portal-profile.component.js';
export {
  parseRoute,
  formatRoute,
  type PortalRoute,
  type RoutingMode,
} from './components/portal/portal-route.controller.js';
export {
  startIframeBridge,
  isFramed,
  BRIDGE_HEIGHT,
  BRIDGE_NAVIGATE,
  type BridgeMessage,
  type IframeBridge,
  type IframeBridgeOptions,
} from './core/iframe-bridge.js';
export { ListCache, getListCache, swr, type ListCacheOptions, type SwrState } from './core/cache.js';
export { DraftStore, getDraftStore, type DraftStoreOptions } from './core/drafts.js';
export {
  Outbox,
  getOutbox,
  type OutboxEntry,
  type OutboxWrite,
  type OutboxResult,
  type OutboxOptions,
  type OutboxEventMap,
} from './core/outbox.js';
export {
  storeNamespace,
  databaseName,
  openLocalStore,
  type KeyValueStore,
  type StorePurpose,
} from './core/local-store.js';
export { PorticoSupportForm } from './components/support-form/support-form.component.js';
export { PorticoConsentBanner } from './components/consent-banner/consent-banner.component.js';
export { setPrefill, getPrefill, clearPrefill, onPrefillChange, type PrefillValues } from './core/prefill.js';
export {
  openConsentBanner,
  mountConsentBanner,
  getConsentDecision,
  hasAnalyticsConsent,
  onConsentChange,
  configureConsent,
  setConsentDecision,
  type ConsentDecision,
  type ConsentSite,
} from './core/consent.js';
export { PorticoTicketList } from './components/ticket-list/ticket-list.component.js';
export { PorticoTicketDetail } from './components/ticket-detail/ticket-detail.component.js';
export { PorticoSignIn } from './components/sign-in/sign-in.component.js';
export { SessionWatchController } from './components/shared/session-watch.controller.js';
export { ServerEventsController } from './components/shared/server-events.controller.js';
export { renderStatusBadge } from './components/status-badge/status-badge.js';
export { statusBadgeStyles } from './components/status-badge/status-badge.styles.js';
