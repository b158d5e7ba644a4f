import type {
  Article,
  ArticleDetail,
  ChatAvailability,
  ChatConversation,
  ChatMessage,
  FormSchema,
  FormSummary,
  RatingRequest,
  TicketRating,
  Message,
  MessageSort,
  NewTicketRequest,
  Organization,
  Page,
  PortalSettings,
  ProfileUpdate,
  RegisterRequest,
  ReplyRequest,
  ServerEvent,
  Session,
  SignInRequest,
  Ticket,
  TicketQuery,
  TicketScope,
  TicketSummary,
  UploadResult,
  User,
} from '../protocol/index.js';

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` on writes; the client makes one when absent. */
  idempotencyKey?: string;
}

export interface UploadOptions extends CallOptions {
  /** Called with bytes sent so far and the total. */
  onProgress?: (loaded: number, total: number) => void;
}

export interface Subscription {
  close(): void;
}

export interface EventHandlers {
  onEvent(event: ServerEvent, id: string | null): void;
  onOpen?(): void;
  /**
   * The stream is back after a break. It resumes from the last event id, but
   * whatever it cannot replay (older than the gateway keeps, or changed some
   * other way) is only seen by loading again: open views refetch here. Also
   * called when a view's answer is older than the stream's start (see
   * `EVENT_CURSOR_HEADER`): changes in between reach it only by loading again.
   */
  onReconnect?(): void;
  onError?(error: unknown): void;
}

/**
 * What components talk to. The Portico protocol client is the default
 * implementation; tests give a double through context; direct helpdesk
 * adapters come later.
 */
export interface HelpdeskBackend {
  readonly baseUrl: string;

  getPortal(opts?: CallOptions): Promise<PortalSettings>;

  getSession(opts?: CallOptions): Promise<Session | null>;
  signIn(req: SignInRequest, opts?: CallOptions): Promise<Session | null>;
  signInWithJwt(jwt: string, opts?: CallOptions): Promise<Session>;
  signOut(opts?: CallOptions): Promise<void>;
  requestPasswordReset(email: string, opts?: CallOptions): Promise<void>;
  /** Sets a new password with a mailed reset or invitation token (it does not sign in). */
  confirmPasswordReset(token: string, password: string, opts?: CallOptions): Promise<void>;
  /** Answers for every address alike; the account exists once the mailed link is used (verifyEmail). */
  register(req: RegisterRequest, opts?: CallOptions): Promise<void>;
  /** Redeems a registration's `?portico_verify=` link: the account exists and is signed in. */
  verifyEmail(token: string, opts?: CallOptions): Promise<Session>;
  /** Redeems an anonymous ticket's `?portico_confirm=` link. */
  confirmTicket(token: string, opts?: CallOptions): Promise<void>;

  getMe(opts?: CallOptions): Promise<User & { organizationDetails?: Organization | null; mailNotifications?: boolean }>;
  updateMe(update: ProfileUpdate, opts?: CallOptions): Promise<User>;
  changePassword(current: string, next: string, opts?: CallOptions): Promise<void>;

  listTickets(query: TicketQuery, opts?: CallOptions): Promise<Page<Ticket>>;
  getTicketSummary(scope: TicketScope, opts?: CallOptions): Promise<TicketSummary>;
  getTicket(id: string, opts?: CallOptions): Promise<Ticket>;
  /** A page of the public conversation; `sort: '-created'` starts at the newest message and pages back. */
  listMessages(ticketId: string, opts?: CallOptions & { cursor?: string; sort?: MessageSort }): Promise<Page<Message>>;
  reply(ticketId: string, req: ReplyRequest, opts?: CallOptions): Promise<Message>;
  closeTicket(ticketId: string, opts?: CallOptions): Promise<Ticket>;
  reopenTicket(ticketId: string, opts?: CallOptions): Promise<Ticket>;
  createTicket(req: NewTicketRequest, opts?: CallOptions): Promise<Ticket>;

  listForms(opts?: CallOptions): Promise<FormSummary[]>;
  getForm(id: string, opts?: CallOptions): Promise<FormSchema>;
  /** Knowledge search: any word, ranked; `locale` puts that language's articles first; empty `q`: the first `limit`. */
  searchArticles(q: string, opts?: CallOptions & { locale?: string; limit?: number }): Promise<Article[]>;
  getArticle(id: string, opts?: CallOptions): Promise<ArticleDetail>;
  /** "Did this answer your question?" — recorded for the site owner (deflection). */
  sendArticleFeedback(id: string, helpful: boolean, opts?: CallOptions): Promise<void>;
  /** The requester's satisfaction rating of a solved ticket; a repeat replaces it. */
  rateTicket(ticketId: string, req: RatingRequest, opts?: CallOptions): Promise<TicketRating>;

  upload(file: File | Blob, name: string, opts?: UploadOptions): Promise<UploadResult>;
  attachmentUrl(id: string): string;

  getChatAvailability(opts?: CallOptions): Promise<ChatAvailability>;
  startChat(text: string, opts?: CallOptions): Promise<{ conversation: ChatConversation; message: ChatMessage }>;
  listChatMessages(conversationId: string, opts?: CallOptions): Promise<Page<ChatMessage>>;
  sendChatMessage(
    conversationId: string,
    text: string,
    attachments?: string[],
    opts?: CallOptions,
  ): Promise<ChatMessage>;

  subscribe(handlers: EventHandlers): Subscription;

  /**
   * True once the open stream said where it starts: the backend itself then
   * reloads views whose answers are older (`onReconnect`), so a view loaded
   * before the stream opened needs no catch-up load of its own.
   */
  readonly tracksSnapshots?: boolean;
}
