import type { NewTicketRequest, Ticket } from '../protocol/index.js';

/**
 * Every DOM event Portico elements emit, with its detail. All bubble and are
 * composed; intent events (`portico-request-close`, `portico-before-submit`)
 * are cancelable.
 */
export interface PorticoEventMap {
  'portico-ticket-select': { ticketId: string };
  'portico-ticket-created': { ticket: Ticket };
  'portico-ticket-updated': { ticket: Ticket };
  'portico-reply-sent': { ticketId: string; messageId: string };
  'portico-before-submit': { request: NewTicketRequest };
  'portico-signed-in': { userId: string };
  'portico-signed-out': Record<string, never>;
  /** The account menu asks for the profile (or its password part). */
  'portico-account-open': { section: 'profile' | 'password' };
  /** A mailed link was dead; the sign-in form offers to send a new one. */
  'portico-request-new-link': { email: string };
  'portico-auth-required': Record<string, never>;
  'portico-request-close': { source: 'escape' | 'button' | 'api' };
  'portico-open': Record<string, never>;
  'portico-close': Record<string, never>;
  'portico-consent-change': { analytics: boolean; version: string };
  'portico-navigate': { view: string; ticketId?: string };
  'portico-back': Record<string, never>;
  /** Agent chat messages that arrived while <portico-chat> was out of sight; 0 when seen. */
  'portico-chat-unread': { count: number };
  /** Whether chat is offered to this user; the launcher hides its Chat tab when not. */
  'portico-chat-availability': { available: boolean; reason: 'disabled' | 'not-eligible' | 'offline' | null };
  /** The support form's picker: a form was chosen (null: back to the list of forms). */
  'portico-form-select': { formId: string | null };
  /** <portico-knowledge>: an article was opened (null: back to the list). */
  'portico-article-select': { articleId: string | null };
  /** "Did this answer your question?" was answered (recorded for the site owner). */
  'portico-article-feedback': { articleId: string; helpful: boolean };
}

export type PorticoEventName = keyof PorticoEventMap;

export const CANCELABLE_EVENTS: ReadonlySet<PorticoEventName> = new Set([
  'portico-request-close',
  'portico-before-submit',
]);

export type PorticoEvent<K extends PorticoEventName> = CustomEvent<PorticoEventMap[K]>;

declare global {
  interface HTMLElementEventMap {
    'portico-ticket-select': PorticoEvent<'portico-ticket-select'>;
    'portico-ticket-created': PorticoEvent<'portico-ticket-created'>;
    'portico-ticket-updated': PorticoEvent<'portico-ticket-updated'>;
    'portico-reply-sent': PorticoEvent<'portico-reply-sent'>;
    'portico-before-submit': PorticoEvent<'portico-before-submit'>;
    'portico-signed-in': PorticoEvent<'portico-signed-in'>;
    'portico-signed-out': PorticoEvent<'portico-signed-out'>;
    'portico-request-new-link': PorticoEvent<'portico-request-new-link'>;
    'portico-account-open': PorticoEvent<'portico-account-open'>;
    'portico-auth-required': PorticoEvent<'portico-auth-required'>;
    'portico-request-close': PorticoEvent<'portico-request-close'>;
    'portico-open': PorticoEvent<'portico-open'>;
    'portico-close': PorticoEvent<'portico-close'>;
    'portico-consent-change': PorticoEvent<'portico-consent-change'>;
    'portico-navigate': PorticoEvent<'portico-navigate'>;
    'portico-back': PorticoEvent<'portico-back'>;
    'portico-chat-unread': PorticoEvent<'portico-chat-unread'>;
    'portico-chat-availability': PorticoEvent<'portico-chat-availability'>;
    'portico-form-select': PorticoEvent<'portico-form-select'>;
    'portico-article-select': PorticoEvent<'portico-article-select'>;
    'portico-article-feedback': PorticoEvent<'portico-article-feedback'>;
  }
}
