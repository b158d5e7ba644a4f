/**
 * Portico protocol v1: the wire types, imported by the browser library (src/)
 * and the gateway (server/) alike. Types only; the rules both sides apply to
 * them live beside this file (forms, uploads, email, status, problems).
 */
import type { Problem } from './problems.js';
import type { StatusFilter, StatusLabelMode, TicketStatus } from './status.js';

export type { Problem };

export const PROTOCOL_VERSION = 'v1';

// ---------------------------------------------------------------- people

export type Role = 'user' | 'company';

export interface OrganizationRef {
  id: string;
  name: string;
}

export interface Organization extends OrganizationRef {
  domains: string[];
  /** Branch details shown in the profile where the portal allows (TOPdesk). */
  address?: string | null;
  phone?: string | null;
  accountManager?: { name: string; email?: string | null } | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  phone?: string | null;
  role: Role;
  organization: OrganizationRef | null;
  locale?: string | null;
}

export interface Session {
  user: User;
  /** Present in bearer mode (cross-site embedding); cookie mode keeps it HttpOnly. */
  token?: string;
  /** CSRF token to echo in `X-CSRF-Token` on writes in cookie mode. */
  csrfToken?: string;
  expiresAt: string;
}

export interface SignInRequest {
  email: string;
  password?: string;
  /** Ask for a magic link instead of a password sign-in. */
  magicLink?: boolean;
  /** Redeem a magic-link token. */
  magicToken?: string;
  /** `bearer` returns the token in the body for cross-site embedding. */
  mode?: 'cookie' | 'bearer';
  /** The page a mailed link should open (the gateway uses it when its origin is allowed). */
  returnTo?: string;
}

/**
 * POST /register: answered 202 `{sent: true}` for every address. Nothing can
 * sign in yet: the account exists once the mailed `?portico_verify=` link is
 * used with POST /register/verify.
 */
export interface RegisterRequest {
  email: string;
  name: string;
  password: string;
  consent: boolean;
  locale?: string | null;
  /** The page the verification link should open (the gateway uses it when its origin is allowed). */
  returnTo?: string;
}

/** POST /register/verify (answers a `Session`). */
export interface VerifyEmailRequest {
  token: string;
  mode?: 'cookie' | 'bearer';
}

/** POST /tickets/confirm: the `?portico_confirm=` link of an anonymous ticket (204). */
export interface ConfirmTicketRequest {
  token: string;
}

export interface ProfileUpdate {
  name?: string;
  phone?: string | null;
  locale?: string | null;
  /** E-mail me when an agent answers or solves one of my tickets. */
  mailNotifications?: boolean;
}

// ---------------------------------------------------------------- portal

export type LoginMethod = 'password' | 'magic-link' | 'sso';

export interface PortalCapabilities {
  chat: boolean;
  articles: boolean;
  attachments: boolean;
  organizations: boolean;
  close: boolean;
  reopen: boolean;
  registration: boolean;
}

export interface PortalSettings {
  name: string;
  logoUrl: string | null;
  branding: Record<string, string>;
  locales: string[];
  defaultLocale: string;
  loginMethods: LoginMethod[];
  /** The consent text in the visitor's language (the `Accept-Language` of GET /portal); null asks for none. */
  registration: { enabled: boolean; consentText: string | null };
  statusLabelMode: StatusLabelMode;
  /** Show agent names on messages and tickets (TOPdesk "toon behandelaar"). */
  showAgentNames: boolean;
  /** Company users may reply on colleagues' tickets (never close them). */
  companyUsersCanReplyToColleagues: boolean;
  /** Customers see only what they requested (false) or also their organisation's (true, for company users). */
  organizationVisibility: boolean;
  allowClose: boolean;
  allowReopen: boolean;
  anonymousTickets: boolean;
  requester: RequesterSettings;
  profile: ProfileSettings;
  chat: ChatSettings;
  analytics: AnalyticsSettings;
  uploads: UploadLimits;
  capabilities: PortalCapabilities;
}

/**
 * The portal settings as the site owner stores them (GET and PATCH /admin/v1/settings):
 * texts per language. The consent text is a text per locale, or one string for every
 * language; GET /portal answers with the visitor's own (PortalSettings).
 */
export interface StoredPortalSettings extends Omit<PortalSettings, 'registration'> {
  registration: { enabled: boolean; consentText: string | LocalizedText | null };
}

export type FieldMode = 'hidden' | 'visible' | 'editable' | 'required';

/** TOPdesk's caller block on the new-ticket form. */
export interface RequesterSettings {
  name: FieldMode;
  email: FieldMode;
  phone: FieldMode;
  organization: FieldMode;
}

export interface ProfileSettings {
  editable: boolean;
  canChangePassword: boolean;
  showOrganizationDetails: boolean;
  showAccountManager: boolean;
}

export type ChatProvider = 'builtin' | 'chatwoot' | 'snapengage' | 'none';

export interface ChatSettings {
  enabled: boolean;
  provider: ChatProvider;
  /** Provider's website token / widget id. */
  providerId?: string | null;
  providerBaseUrl?: string | null;
  /** Whether the provider sets cookies (then its script waits for consent). */
  providerSetsCookies?: boolean;
  /** The form a message left while nobody is available becomes a ticket of (default `chat-message`). */
  offlineFormId?: string | null;
}

export interface AnalyticsSettings {
  ga4MeasurementId: string | null;
  privacyPolicyUrl: string | null;
  consentVersion: string;
  showLogoInBanner: boolean;
}

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
  /** MIME types or `.ext` suffixes. */
  allowedTypes: string[];
}

// ---------------------------------------------------------------- tickets

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export type BodyFormat = 'text' | 'html' | 'markdown';

export interface MessageBody {
  format: BodyFormat;
  content: string;
}

export interface Message {
  id: string;
  ticketId: string;
  author: { name: string; role: 'customer' | 'agent' };
  createdAt: string;
  body: MessageBody;
  attachments: Attachment[];
}

export interface TicketPermissions {
  canReply: boolean;
  canClose: boolean;
  canReopen: boolean;
  /** The requester may rate a solved or closed ticket (`POST /tickets/{id}/rating`). */
  canRate?: boolean;
}

/** The requester's satisfaction rating of a solved ticket (OneDesk's satisfaction survey). */
export interface TicketRating {
  /** 1 (very dissatisfied) … 5 (very satisfied); see `RATING_SCORES`. */
  score: number;
  comment: string | null;
  ratedAt: string;
}

/** `POST /tickets/{id}/rating`: a repeat replaces the earlier rating. */
export interface RatingRequest {
  score: number;
  comment?: string | null;
}

export interface Ticket {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  statusLabel: string;
  rawStatus: string;
  createdAt: string;
  updatedAt: string;
  requester: { id: string; name: string };
  organization: OrganizationRef | null;
  service: string | null;
  assignee: { name: string } | null;
  fields: Record<string, FieldValue>;
  unread: boolean;
  /** Only on `GET /tickets/{id}`. */
  permissions?: TicketPermissions;
  /** The form the ticket was raised with (its field labels), where the gateway knows it; only on `GET /tickets/{id}`. */
  formId?: string | null;
  /** The requester's satisfaction rating, once given; only on `GET /tickets/{id}`. */
  rating?: TicketRating | null;
  /**
   * Ids of tickets the helpdesk merged into this one (RT's merge), oldest
   * first; absent when none. `GET /tickets/{id}` for any of them answers with
   * this ticket — an answer whose `id` is not the one asked for means "that
   * ticket is now #`number`": a client follows it (and replaces the old id).
   * The conversation of this ticket includes the merged tickets' public messages.
   */
  mergedIds?: string[];
}

export type TicketScope = 'mine' | 'organization';
/**
 * List orders: by last update or creation (`-` newest first), or `status` —
 * by lifecycle (new, open, pending, solved, closed), newest update first within each.
 */
export const TICKET_SORTS = ['-updated', 'updated', '-created', 'created', 'status'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketQuery {
  scope?: TicketScope;
  status?: StatusFilter;
  q?: string;
  sort?: TicketSort;
  cursor?: string;
  limit?: number;
}

/**
 * Order of a conversation page (`GET /tickets/{id}/messages?sort=`): `created`
 * oldest first (the default), `-created` newest first — the newest page is the
 * first, each `nextCursor` leads to older messages.
 */
export const MESSAGE_SORTS = ['created', '-created'] as const;
export type MessageSort = (typeof MESSAGE_SORTS)[number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TicketSummary = Record<TicketStatus, number> & { total: number };

export interface ReplyRequest {
  body: MessageBody;
  attachments?: string[];
}

export type FieldValue = string | number | boolean | null | string[];

export interface NewTicketRequest {
  formId: string;
  subject: string;
  body: MessageBody;
  fields?: Record<string, FieldValue>;
  attachments?: string[];
  /** For anonymous submissions and the requester block. */
  requester?: { name?: string; email?: string; phone?: string; organization?: string };
}

// ---------------------------------------------------------------- forms

export type FormFieldType = 'text' | 'textarea' | 'select' | 'checkbox' | 'date' | 'email' | 'number' | 'file';

/** A string per locale, e.g. `{en: 'Product', nl: 'Product'}`; `en` is the fallback. */
export type LocalizedText = Record<string, string>;

export interface FormFieldOption {
  value: string;
  label: LocalizedText;
}

/** Show the field only when another field has one of these values. */
export interface FieldCondition {
  field: string;
  equals: FieldValue | FieldValue[];
}

export interface FormField {
  id: string;
  type: FormFieldType;
  label: LocalizedText;
  help?: LocalizedText;
  required?: boolean;
  visible?: boolean;
  editable?: boolean;
  options?: FormFieldOption[];
  default?: FieldValue;
  condition?: FieldCondition;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface FormSummary {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
}

export interface FormSchema extends FormSummary {
  /** The service (category) tickets from this form get. */
  service?: string | null;
  /** False for forms that only a flow uses (chat's leave-a-message): not offered as a new-ticket form. */
  listed?: boolean;
  /**
   * Organisation ids the form is offered to; absent or empty: everyone. The
   * gateway lists, serves and accepts the form only for their members
   * (`formAvailableTo`), and never sends this list to a customer.
   */
  organizations?: string[] | null;
  fields: FormField[];
}

// ---------------------------------------------------------------- knowledge

export interface Article {
  id: string;
  title: string;
  excerpt: string;
  /** The article elsewhere (the site's own knowledge base), if it has a page there; the widget shows it itself. */
  url: string;
  /** The article's language (`en` when the site owner gave none). */
  locale?: string;
}

/** `GET /articles/{id}`: the article with its body (Markdown, rendered through the sanitizer). */
export interface ArticleDetail extends Article {
  body: string;
}

/** `POST /articles/{id}/feedback`: "did this answer your question?" (deflection, for the site owner). */
export interface ArticleFeedback {
  helpful: boolean;
}

// ---------------------------------------------------------------- uploads

export type UploadResult = Attachment;

// ---------------------------------------------------------------- chat

export interface ChatAvailability {
  available: boolean;
  /** Why not: `disabled`, `not-eligible` (organisation/group not chosen), `offline`. */
  reason?: 'disabled' | 'not-eligible' | 'offline' | null;
}

export interface ChatConversation {
  id: string;
  status: 'open' | 'ended';
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  author: { name: string; role: 'customer' | 'agent' };
  createdAt: string;
  text: string;
  attachments: Attachment[];
}

// ---------------------------------------------------------------- events (SSE)

export type ServerEvent =
  | { type: 'ticket.updated'; ticket: Ticket }
  | { type: 'message.created'; ticketId: string; message: Message }
  | { type: 'chat.message'; conversationId: string; message: ChatMessage }
  | { type: 'chat.ended'; conversationId: string };

export type ServerEventType = ServerEvent['type'];

/**
 * The newest event id the gateway had read when it began an answer: on the
 * event stream, where the stream starts; on a ticket read, how current the
 * snapshot is. An answer whose cursor is below the stream's start may lack
 * changes the stream will never send (they came before it): load it again.
 */
export const EVENT_CURSOR_HEADER = 'Portico-Event-Cursor';

/** What the access log records (admin `GET /access-log?event=`): TVox's access report. */
export const ACCESS_EVENTS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'locked-out',
  'password-reset',
  'registered',
] as const;
export type AccessEvent = (typeof ACCESS_EVENTS)[number];
