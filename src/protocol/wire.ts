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
export type TicketSort = 'updated' | '-updated' | 'created' | '-created';

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
export type MessageSort = 'created' | '-created';

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
  fields: FormField[];
}

// ---------------------------------------------------------------- knowledge

export interface Article {
  id: string;
  title: string;
  excerpt: string;
  url: string;
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
