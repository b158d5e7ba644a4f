/**
 * Request Tracker 5 behind Portico's TicketConnector, through REST2 as one
 * service account. RT never sees a browser and the browser never sees RT:
 * the gateway decides who may see a ticket (requesterEmail/organizationId of
 * what this returns), and this connector only ever sends RT ids it checked.
 * Mapping decisions are in docs/rt.md.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Message, MessageBody, Page, PortalCapabilities, TicketStatus } from '../../../src/protocol/index.js';
import { emailDomain, isEmailAddress, normalizeEmail, TICKET_STATUSES } from '../../../src/protocol/index.js';
import { BadInput, Conflict, NotFound } from '../../errors.js';
import type {
  AttachmentContent,
  ConnectorChange,
  MessagePageRequest,
  NewMessage,
  NewTicket,
  OrganizationDirectory,
  StagedFile,
  StoredTicket,
  TicketConnector,
  TicketFilter,
} from '../connector.js';
import { decodeMessageCursor, encodeMessageCursor } from '../message-cursor.js';
import { RtClient, type RtCollection, RtError } from './rt-client.js';
import type { RtSettings } from './rt-config.js';
import {
  AUTHOR_CF,
  CLOSED_CF,
  DEFAULT_CATEGORIES,
  fieldToCfValue,
  ORGANIZATION_CF,
  ORGANIZATION_NAME_CF,
  type RtStatusCategory,
  SERVICE_CF,
  STATUS_TO_RT,
  statusFromRt,
  UPDATED_CF,
} from './rt-fields.js';
import {
  ATTACHMENT_FIELDS,
  displayName,
  formatPortalAuthor,
  HISTORY_FIELDS,
  portalAuthorOf,
  primaryRequestor,
  PUBLIC_MESSAGE_TYPES,
  type RtAttachmentItem,
  type RtTicketItem,
  type RtTransactionItem,
  type RtUserRef,
  splitParts,
  TICKET_FIELDS,
  toStoredTicket,
  transactionIdOf,
} from './rt-mapping.js';
import { RtWatcher, type TicketChanges } from './rt-watcher.js';
import {
  and,
  decodePageCursor,
  domainClause,
  encodePageCursor,
  isRtId,
  queueClause,
  quote,
  scopeClause,
  searchClause,
  orderParams,
  statusClause,
  summaryClause,
} from './ticket-sql.js';

interface RtAttachmentRecord {
  id: number | string;
  TransactionId: { id: string } | string;
  ContentType: string;
  Filename: string;
  Content: string;
}

interface RtQueueRecord {
  id: number;
  Name: string;
  TicketCustomFields?: Array<{ name: string }>;
  TicketTransactionCustomFields?: Array<{ name: string }>;
}

/** Bodies of RT attachments never change, so they cache safely. */
const BODY_CACHE_ENTRIES = 2000;
const USER_CACHE_MS = 10 * 60_000;
/** Organisations and their domains change rarely and only through the gateway's admin. */
const ORGANIZATION_CACHE_MS = 60_000;
/** How long a status's lifecycle category is trusted before RT is asked again. */
const CATEGORY_CACHE_MS = 5 * 60_000;
const FETCH_CONCURRENCY = 4;
/** RT pages read at most for one list page when the connector filters RT's answer (wildcard search). */
const MAX_FILTERED_PAGES = 10;
/** Form field ids that are the ticket's subject/body/uploads, not custom fields. */
const NOT_CUSTOM_FIELDS = new Set(['subject', 'description', 'attachment', 'attachments']);

export interface RtConnectorOptions {
  log?: Pick<Console, 'warn'>;
  fetch?: typeof fetch;
}

export class RtConnector implements TicketConnector {
  readonly name = 'rt';
  /**
   * RT has no chat (agents work in RT, so nobody would answer the gateway's).
   * Knowledge articles are the gateway's own (GET /articles, admin API), not
   * RT's agent-side Articles, so they stay on.
   */
  readonly capabilities: Partial<PortalCapabilities> = {
    chat: false,
    articles: true,
    attachments: true,
    organizations: true,
    close: true,
    reopen: true,
  };

  readonly client: RtClient;
  readonly settings: RtSettings;
  readonly #log: Pick<Console, 'warn'>;
  readonly #watcher: RtWatcher;
  readonly #bodies = new Map<string, string>();
  readonly #users = new Map<string, { privileged: boolean; at: number }>();
  #self: Promise<string> | null = null;
  #organizations: OrganizationDirectory | null = null;
  readonly #orgCache = new Map<string, { at: number; value: Promise<unknown> }>();
  readonly #categories = new Map<string, { at: number; category: RtStatusCategory }>();
  #queueFields: Promise<Set<string>> | null = null;

  constructor(settings: RtSettings, options: RtConnectorOptions = {}) {
    this.settings = settings;
    this.#log = options.log ?? console;
    this.client = new RtClient({
      url: settings.url,
      auth: settings.auth,
      timeoutMs: settings.timeoutMs,
      fetch: options.fetch,
      session: true,
    });
    this.#watcher = new RtWatcher(this.client, {
      queue: settings.queue,
      pollMs: settings.pollMs,
      serviceAccount: () => this.serviceAccount(),
      onError: (err) => this.#log.warn(`rt connector: polling RT failed: ${errorText(err)}`),
    });
  }

  // ---------------------------------------------------------------- lifecycle

  /** The gateway's organisations: a ticket without the Organization CF belongs to its requester's by domain. */
  useOrganizations(directory: OrganizationDirectory): void {
    this.#organizations = directory;
    this.#orgCache.clear();
  }

  /** Checks credentials, the queue and the custom fields, so misconfiguration fails at boot. */
  async start(): Promise<void> {
    await this.serviceAccount();
    const fields = await this.#loadQueueFields();
    // Without UPDATED_CF (and its scrip) an internal comment would mark tickets unread and move them up.
    for (const required of [ORGANIZATION_CF, AUTHOR_CF, UPDATED_CF]) {
      if (!fields.has(required)) {
        throw new Error(
          `rt connector: custom field "${required}" is not applied to queue ${this.settings.queue}; run npm run rt:up ` +
            '(or scripts/rt/setup.pl on your RT, docs/rt.md)',
        );
      }
    }
  }

  async stop(): Promise<void> {
    this.#watcher.stop();
  }

  /** Name of the RT user the gateway acts as. */
  serviceAccount(): Promise<string> {
    this.#self ??= this.#resolveServiceAccount().catch((err) => {
      this.#self = null;
      throw err;
    });
    return this.#self;
  }

  async #resolveServiceAccount(): Promise<string> {
    const auth = this.settings.auth;
    if ('user' in auth) return auth.user;
    // RT auth tokens read `1-<user id>-<secret>`.
    const userId = /^\d+-(\d+)-[0-9a-f]+$/i.exec(auth.token)?.[1];
    if (!userId) throw new Error('rt connector: RT_TOKEN does not look like an RT auth token');
    const user = await this.client.get<{ Name: string }>(`/user/${userId}`);
    if (!user?.Name) throw new Error('rt connector: RT_TOKEN does not belong to a user RT knows');
    return user.Name;
  }

  #loadQueueFields(): Promise<Set<string>> {
    this.#queueFields ??= (async () => {
      const queue = await this.client.get<RtQueueRecord>(`/queue/${pathSegment(this.settings.queue)}`);
      if (!queue) throw new Error(`rt connector: the service account cannot see queue ${this.settings.queue}`);
      return new Set(
        [...(queue.TicketCustomFields ?? []), ...(queue.TicketTransactionCustomFields ?? [])].map((cf) => cf.name),
      );
    })().catch((err) => {
      this.#queueFields = null;
      throw err;
    });
    return this.#queueFields;
  }

  // ---------------------------------------------------------------- tickets

  async listTickets(filter: TicketFilter): Promise<Page<StoredTicket>> {
    const cursor = decodePageCursor(filter.cursor);
    const perPage = cursor?.perPage ?? Math.min(100, Math.max(1, Math.trunc(filter.limit) || 25));
    const hasUpdatedCf = (await this.#loadQueueFields()).has(UPDATED_CF);
    const domains = filter.organizationId !== undefined ? await this.#domainsOf(filter.organizationId) : [];
    const query = and(
      queueClause(this.settings.queue),
      scopeClause(filter, domains),
      statusClause(filter.status),
      searchClause(filter.q),
    );
    // RT may answer a superset: tickets of an organisation's domains whose first
    // requestor is elsewhere (scopeClause).
    const keep = (t: StoredTicket) => domainClause(domains) === null || t.organization?.id === filter.organizationId;
    const filtered = domainClause(domains) !== null;
    const items: StoredTicket[] = [];
    let page = cursor?.page ?? 1;
    let more = false;
    for (let scanned = 1; ; scanned++) {
      const result = await this.client.get<RtCollection<RtTicketItem>>('/tickets', {
        query,
        ...orderParams(filter.sort, hasUpdatedCf),
        page,
        per_page: perPage,
        ...TICKET_FIELDS,
      });
      if (!result) break;
      items.push(...(await this.#toTickets(result.items)).filter(keep));
      more = result.pages !== null ? page < result.pages : result.items.length === perPage;
      page++;
      // Filtered pages may come back short; a few more RT pages are read before answering with fewer.
      if (!filtered || items.length > 0 || !more || scanned >= MAX_FILTERED_PAGES) break;
    }
    return { items, nextCursor: more ? encodePageCursor({ page, perPage }) : null };
  }

  /**
   * Counts per status, by the rules the list uses: RT's totals for the scope's
   * exact part, and the organisation's domain tickets (no Organization CF)
   * counted one by one, as the list keeps them.
   */
  async summary(filter: { requesterEmail?: string; organizationId?: string }): Promise<Record<TicketStatus, number>> {
    const queue = queueClause(this.settings.queue);
    const scope = scopeClause(filter);
    const counts = await Promise.all(
      TICKET_STATUSES.map(async (status) => {
        const result = await this.client.get<RtCollection<unknown>>('/tickets', {
          query: and(queue, scope, summaryClause(status)),
          per_page: 1,
        });
        return result?.total ?? result?.count ?? 0;
      }),
    );
    const out = Object.fromEntries(TICKET_STATUSES.map((s, i) => [s, counts[i]!])) as Record<TicketStatus, number>;
    const byDomain =
      filter.organizationId !== undefined ? domainClause(await this.#domainsOf(filter.organizationId)) : null;
    if (byDomain) {
      const items = await this.client.all<RtTicketItem>('/tickets', {
        query: and(queue, byDomain, statusClause('all')),
        ...TICKET_FIELDS,
      });
      for (const t of await this.#toTickets(items)) {
        if (t.organization?.id === filter.organizationId) out[t.status]++;
      }
    }
    return out;
  }

  /** A merged-away id answers with the surviving ticket, which lists what was merged into it. */
  async getTicket(id: string): Promise<StoredTicket | null> {
    const item = await this.#loadTicketItem(id);
    if (!item) return null;
    const [[ticket], mergedIds] = await Promise.all([this.#toTickets([item]), this.#mergedIds(String(item.id))]);
    return ticket ? { ...ticket, ...(mergedIds.length ? { mergedIds } : {}) } : null;
  }

  /** RT tickets as Portico's; one without the Organization CF gets its first requester's by domain. */
  async #toTickets(items: RtTicketItem[]): Promise<StoredTicket[]> {
    const categories = await this.#categoriesOf(items.map((item) => item.Status));
    const tickets = items.map((item) => toStoredTicket(item, this.settings.fieldMap, categories.get(item.Status)));
    if (!this.#organizations) return tickets;
    return Promise.all(
      tickets.map(async (t) => {
        if (t.organization || !t.requesterEmail) return t;
        const org = await this.#organizationForDomain(emailDomain(t.requesterEmail));
        return org ? { ...t, organization: org } : t;
      }),
    );
  }

  /**
   * Each status's category in RT's lifecycle, asked of RT itself: REST2 shows no
   * lifecycle definitions, but TicketSQL expands `__Active__` / `__Inactive__`
   * from them, so a status some ticket of the queue has is filed by two counts.
   * A status no ticket has yet keeps its last known category, or RT's default
   * lifecycle's for a default name; otherwise it has none (absent from the map).
   */
  async #categoriesOf(raws: Iterable<string>): Promise<Map<string, RtStatusCategory>> {
    const out = new Map<string, RtStatusCategory>();
    const now = Date.now();
    const ask: string[] = [];
    for (const raw of new Set(raws)) {
      const hit = this.#categories.get(raw);
      if (hit && now - hit.at < CATEGORY_CACHE_MS) out.set(raw, hit.category);
      else if (raw) ask.push(raw);
    }
    await mapLimit(ask, FETCH_CONCURRENCY, async (raw) => {
      const count = async (macro: string) =>
        (
          await this.client.get<RtCollection<unknown>>('/tickets', {
            query: and(queueClause(this.settings.queue), `Status = ${quote(raw)}`, `Status = '${macro}'`),
            per_page: 1,
          })
        )?.total ?? 0;
      const [active, inactive] = await Promise.all([count('__Active__'), count('__Inactive__')]);
      const found: RtStatusCategory | undefined = inactive > 0 ? 'inactive' : active > 0 ? 'active' : undefined;
      const category = found ?? this.#categories.get(raw)?.category ?? DEFAULT_CATEGORIES[raw];
      if (found) this.#categories.set(raw, { at: Date.now(), category: found });
      if (category) out.set(raw, category);
    });
    return out;
  }

  /**
   * The RT status a portal status change writes: RT's default name when the
   * ticket's lifecycle offers it from here (or RT does not say), else the
   * lifecycle's own way into the wanted status — e.g. a reopen from a custom
   * inactive status whose only way back is a custom active one. Never
   * `deleted`, and a customer's close is never `rejected` (an agent's refusal).
   */
  async #rtStatusFor(ticketId: string, currentRaw: string, wanted: TicketStatus): Promise<string> {
    const preferred = STATUS_TO_RT[wanted];
    if (currentRaw === preferred) return preferred;
    const record = await this.client.get<{ _hyperlinks?: Array<{ ref?: string; to?: string }> }>(`/ticket/${ticketId}`);
    const targets = (record?._hyperlinks ?? [])
      .filter((l) => l.ref === 'lifecycle' && typeof l.to === 'string')
      .map((l) => l.to!);
    if (!targets.length || targets.includes(preferred)) return preferred;
    const categories = await this.#categoriesOf(targets);
    const own = targets.filter(
      (t) =>
        t !== 'deleted' &&
        !(wanted === 'closed' && t === 'rejected') &&
        categories.has(t) &&
        statusFromRt(t, categories.get(t)) === wanted,
    );
    return own[0] ?? preferred;
  }

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#orgCache.get(key);
    if (hit && Date.now() - hit.at < ORGANIZATION_CACHE_MS) return hit.value as Promise<T>;
    const value = load().catch((err) => {
      this.#orgCache.delete(key);
      throw err;
    });
    if (this.#orgCache.size > 1000) this.#orgCache.clear();
    this.#orgCache.set(key, { at: Date.now(), value });
    return value;
  }

  #organizationForDomain(domain: string): Promise<{ id: string; name: string } | null> {
    const directory = this.#organizations;
    if (!directory || !domain) return Promise.resolve(null);
    return this.#cached(`d:${domain}`, () => directory.forDomain(domain));
  }

  #domainsOf(organizationId: string): Promise<string[]> {
    const directory = this.#organizations;
    if (!directory) return Promise.resolve([]);
    return this.#cached(`o:${organizationId}`, () => directory.domainsOf(organizationId));
  }

  /** One ticket of the portal queue, never a deleted one; null for anything else. */
  async #loadTicketItem(id: string): Promise<RtTicketItem | null> {
    if (!isRtId(id)) return null;
    const item = await this.#searchTicket(id);
    if (item) return item;
    // A ticket merged into another: RT's searches hide it unless asked about EffectiveId,
    // which names the surviving ticket (RT keeps it pointing at the last survivor).
    const merged = await this.client.get<RtCollection<{ id: string | number; EffectiveId?: unknown }>>('/tickets', {
      query: and(`id = ${id}`, 'EffectiveId > 0'),
      per_page: 1,
      fields: 'EffectiveId',
    });
    const effective = merged?.items[0]?.EffectiveId;
    const survivor = String(
      effective && typeof effective === 'object' ? (effective as { id: unknown }).id : (effective ?? ''),
    );
    return survivor !== id && isRtId(survivor) ? this.#searchTicket(survivor) : null;
  }

  /** One ticket of the portal queue, never a deleted or merged-away one. */
  async #searchTicket(id: string): Promise<RtTicketItem | null> {
    const result = await this.client.get<RtCollection<RtTicketItem>>('/tickets', {
      query: and(`id = ${id}`, queueClause(this.settings.queue), statusClause('all')),
      per_page: 1,
      ...TICKET_FIELDS,
    });
    const item = result?.items[0];
    return item && String(item.id) === id ? item : null;
  }

  /** Ids of the tickets RT merged into this one (oldest first), without its own. */
  async #mergedIds(id: string): Promise<string[]> {
    if (!isRtId(id)) return [];
    const items = await this.client.all<{ id: string | number }>('/tickets', {
      query: `EffectiveId = ${id}`,
      orderby: 'id',
      order: 'ASC',
      fields: 'id',
    });
    return items.map((t) => String(t.id)).filter((t) => t !== id && isRtId(t));
  }

  async createTicket(input: NewTicket): Promise<StoredTicket> {
    const email = checkedEmail(input.requester.email);
    const queueFields = await this.#loadQueueFields();
    const customFields: Record<string, string> = {};
    const unmapped: Array<[string, string]> = [];
    const setCf = (cf: string, value: string | null) => {
      if (value !== null && queueFields.has(cf)) customFields[cf] = value;
    };
    setCf(ORGANIZATION_CF, input.requester.organizationId);
    setCf(ORGANIZATION_NAME_CF, input.requester.organizationName);
    setCf(SERVICE_CF, input.service);
    for (const [fieldId, value] of Object.entries(input.fields)) {
      const text = fieldToCfValue(value);
      if (text === null || NOT_CUSTOM_FIELDS.has(fieldId)) continue;
      const mapping = this.settings.fieldMap[fieldId];
      if (mapping && queueFields.has(mapping.cf)) customFields[mapping.cf] = text;
      else unmapped.push([fieldId, text]);
    }
    if (input.requester.organizationId && !customFields[ORGANIZATION_CF]) {
      // Without the CF the organisation filter cannot find this ticket: refuse rather than lose it.
      throw new Error(`rt connector: custom field ${ORGANIZATION_CF} missing on queue ${this.settings.queue}`);
    }

    const body = withFieldAppendix(input.body, unmapped);
    const created = await this.client.send<{ id: string }>('POST', '/ticket', {
      Queue: this.settings.queue,
      Subject: input.subject,
      // "Name" <address>: RT creates an unknown requester with this RealName.
      Requestor: `${quotedName(input.requester.name)} <${email}>`,
      Content: body.content,
      ContentType: rtContentType(body),
      CustomFields: customFields,
      ...(await attachmentsPayload(input.attachments, 'create')),
    });
    const id = String(created.body.id);
    if (!isRtId(id)) throw new RtError(502, 'RT answered a ticket create without a ticket id');

    if (input.assignee) {
      // The routing rule names an RT user; RT answers 200 with a message when it cannot,
      // and that must not fail the customer's ticket.
      try {
        const { body: result } = await this.client.send<string[]>('PUT', `/ticket/${id}`, { Owner: input.assignee });
        const answer = [result].flat().join(' ');
        if (!/owner/i.test(answer) || /not|denied|cannot|can't/i.test(answer)) {
          this.#log.warn(`rt connector: ticket ${id} not given to ${input.assignee}: ${answer}`);
        }
      } catch (err) {
        this.#log.warn(`rt connector: ticket ${id} not given to ${input.assignee}: ${errorText(err)}`);
      }
    }
    const ticket = await this.getTicket(id);
    if (!ticket) throw new RtError(502, `RT created ticket ${id} but does not show it in queue ${this.settings.queue}`);
    return ticket;
  }

  async setStatus(ticketId: string, status: TicketStatus): Promise<StoredTicket> {
    const before = await this.#loadTicketItem(ticketId);
    if (!before) throw new NotFound('No such ticket.');
    const [current] = await this.#toTickets([before]);
    if (current!.status === status) return current!;
    const raw = await this.#rtStatusFor(ticketId, before.Status, status);
    const marked = (Array.isArray(before.CustomFields) ? before.CustomFields : []).some(
      (cf) => cf.name === CLOSED_CF && cf.values.length > 0,
    );
    let messages: unknown = [];
    if (before.Status !== raw || marked) {
      const { body } = await this.client.send<string[]>('PUT', `/ticket/${ticketId}`, {
        ...(before.Status !== raw ? { Status: raw } : {}),
        // Any status but a portal close drops the marker.
        ...(marked ? { CustomFields: { [CLOSED_CF]: null } } : {}),
      });
      messages = body;
    }
    if (status === 'closed' && (await this.#loadQueueFields()).has(CLOSED_CF)) {
      const resolved = await this.#loadTicketItem(ticketId);
      if (resolved?.Status === 'resolved' && resolved.Resolved) {
        await this.client.send('PUT', `/ticket/${ticketId}`, { CustomFields: { [CLOSED_CF]: resolved.Resolved } });
      }
    }
    const after = await this.getTicket(ticketId);
    if (!after) throw new NotFound('No such ticket.');
    if (after.status !== status) {
      // RT's lifecycle refused the transition; say why.
      throw new Conflict(
        `Request Tracker did not change the status: ${[messages].flat().join(' ')}`.trim(),
        'helpdesk-refused',
      );
    }
    return after;
  }

  // ---------------------------------------------------------------- messages

  async listMessages(ticketId: string): Promise<Message[]> {
    const ticket = await this.#loadTicketItem(ticketId);
    if (!ticket) return [];
    const txns = await this.#allTransactions(await this.#conversationQuery(ticket, null));
    return this.#toMessages(String(ticket.id), txns, ticket);
  }

  /**
   * One page by transaction id (keyset: `id > cursor` oldest first, `id <
   * cursor` newest first): one transactions request for the page, one for its
   * parts and one for their bodies, however long the thread.
   */
  async pageMessages(ticketId: string, request: MessagePageRequest): Promise<Page<Message>> {
    const after = decodeMessageCursor(request.cursor);
    const desc = request.sort === '-created';
    const limit = Math.min(100, Math.max(1, Math.trunc(request.limit) || 25));
    // The merged tickets are asked for alongside: for all but a merged-away id they are the ticket's own.
    const [ticket, merged] = await Promise.all([this.#loadTicketItem(ticketId), this.#mergedIds(ticketId)]);
    if (!ticket) return { items: [], nextCursor: null };
    const query = await this.#conversationQuery(
      ticket,
      after === null ? null : `id ${desc ? '<' : '>'} ${after}`,
      String(ticket.id) === ticketId ? merged : undefined,
    );
    // One more than the page: whether another page follows, without asking RT to count.
    const batch = await this.client.get<RtCollection<RtTransactionItem>>('/transactions', {
      query,
      orderby: 'id',
      order: desc ? 'DESC' : 'ASC',
      page: 1,
      per_page: limit + 1,
      ...HISTORY_FIELDS,
    });
    const txns = (batch?.items ?? []).slice(0, limit);
    const more = (batch?.items.length ?? 0) > limit;
    return {
      items: await this.#toMessages(String(ticket.id), txns, ticket),
      nextCursor: more ? encodeMessageCursor(String(txns.at(-1)!.id)) : null,
    };
  }

  async getMessages(ticketId: string, ids: string[]): Promise<Message[]> {
    const wanted = [...new Set(ids)].filter(isRtId);
    if (!wanted.length) return [];
    const ticket = await this.#loadTicketItem(ticketId);
    if (!ticket) return [];
    const txns: RtTransactionItem[] = [];
    for (let i = 0; i < wanted.length; i += 50) {
      const chunk = wanted.slice(i, i + 50);
      const batch = await this.client.get<RtCollection<RtTransactionItem>>('/transactions', {
        query: await this.#conversationQuery(ticket, chunk.map((id) => `id = ${id}`).join(' OR ')),
        orderby: 'id',
        order: 'ASC',
        per_page: 100,
        ...HISTORY_FIELDS,
      });
      txns.push(...(batch?.items ?? []));
    }
    return this.#toMessages(String(ticket.id), txns, ticket);
  }

  /**
   * The public conversation's transactions: Create and Correspond of the ticket
   * and of the tickets merged into it (they keep their transactions). Only those
   * types are asked for: RT drops records the account may not see after paging,
   * so asking for comments would only make pages short.
   */
  async #conversationQuery(ticket: RtTicketItem, extra: string | null, merged?: string[]): Promise<string> {
    const ids = [String(ticket.id), ...(merged ?? (await this.#mergedIds(String(ticket.id))))];
    return and(
      `ObjectType = 'RT::Ticket'`,
      ids.map((id) => `ObjectId = ${id}`).join(' OR '),
      `Type = 'Create' OR Type = 'Correspond'`,
      extra,
    );
  }

  async addMessage(ticketId: string, input: NewMessage): Promise<Message> {
    const ticket = isRtId(ticketId) ? await this.#loadTicketItem(ticketId) : null;
    if (!ticket) throw new NotFound('No such ticket.');
    const body = input.body;
    const payload = {
      ...(body.content ? { Content: body.content, ContentType: rtContentType(body) } : {}),
      ...(await attachmentsPayload(input.attachments, 'reply')),
    };
    if (input.internal) {
      // The service account may write comments but not read them back.
      const { location } = await this.client.send('POST', `/ticket/${ticketId}/comment`, payload);
      return {
        id: transactionIdFromLocation(location),
        ticketId,
        author: { name: input.author.name, role: input.author.role },
        createdAt: new Date().toISOString(),
        body,
        attachments: [],
      };
    }
    const { location } = await this.client.send('POST', `/ticket/${ticketId}/correspond`, {
      ...payload,
      // RT records the service account as the creator; this records the person.
      TxnCustomFields: { [AUTHOR_CF]: formatPortalAuthor(input.author) },
    });
    const txnId = transactionIdFromLocation(location);
    const txn = await this.client.get<RtTransactionItem>(`/transaction/${txnId}`);
    if (!txn) throw new RtError(502, `RT does not show transaction ${txnId} it just created`);
    const [message] = await this.#toMessages(ticketId, [txn], ticket);
    return message!;
  }

  async getAttachment(id: string): Promise<AttachmentContent | null> {
    if (!isRtId(id)) return null;
    const record = await this.client.get<RtAttachmentRecord>(`/attachment/${id}`);
    if (!record) return null;
    const txnId = transactionIdOf(record as unknown as RtAttachmentItem);
    if (!isRtId(txnId)) return null;
    const txn = await this.client.get<RtTransactionItem>(`/transaction/${txnId}`);
    if (!txn || !PUBLIC_MESSAGE_TYPES.has(txn.Type) || txn.Object?.type !== 'ticket') return null;
    // The ticket must be one the portal shows (portal queue, not deleted; a merged-away
    // one's survivor), and the part must be one listMessages offers as an attachment —
    // not, say, a body part.
    const [ticket, parts] = await Promise.all([this.#loadTicketItem(String(txn.Object.id)), this.#partsOf([txnId])]);
    if (!ticket) return null;
    const ticketId = String(ticket.id);
    const meta = splitParts(parts.get(txnId) ?? []).attachments.find((a) => a.id === String(record.id));
    if (!meta) return null;
    const bytes = Buffer.from(record.Content ?? '', 'base64');
    return {
      meta: { ...meta, size: bytes.length, ticketId },
      stream: Readable.from([bytes]),
    };
  }

  // ---------------------------------------------------------------- live changes

  /**
   * Changes an agent made in RT, a chunk of tickets at a time (rt-watcher.ts),
   * each chunk loaded in bulk — its tickets in one search, its new messages in
   * one transactions read, their parts and bodies in one more each — and
   * reported with what was loaded, so the relay asks RT nothing more.
   */
  watch(onChange: (change: ConnectorChange) => void): () => void {
    return this.#watcher.subscribe(async (chunk) => {
      for (const change of await this.#loadChanges(chunk)) onChange(change);
    });
  }

  /**
   * Polls now instead of waiting for RT_POLL_MS, and resolves once every change
   * seen has been loaded and reported (tests, and a gateway that wants a fresh view).
   */
  async pollNow(): Promise<void> {
    await this.#watcher.pollOnce();
    await this.#watcher.idle();
  }

  async #loadChanges(chunk: TicketChanges[]): Promise<ConnectorChange[]> {
    const ids = chunk.map((c) => c.ticketId).filter(isRtId);
    const items = new Map<string, RtTicketItem>();
    for (let i = 0; i < ids.length; i += 100) {
      const result = await this.client.get<RtCollection<RtTicketItem>>('/tickets', {
        query: and(
          ids
            .slice(i, i + 100)
            .map((id) => `id = ${id}`)
            .join(' OR '),
          queueClause(this.settings.queue),
          statusClause('all'),
        ),
        per_page: 100,
        ...TICKET_FIELDS,
      });
      for (const item of result?.items ?? []) items.set(String(item.id), item);
    }
    const tickets = new Map(
      (await this.#toTickets([...items.values()])).map((t, i) => [t.id, { stored: t, item: [...items.values()][i]! }]),
    );
    // The new public messages of the tickets found, in one read per 100.
    const owner = new Map<string, string>();
    for (const c of chunk) if (tickets.has(c.ticketId)) for (const m of c.messageIds) owner.set(m, c.ticketId);
    const txnIds = [...owner.keys()].filter(isRtId);
    const txns: RtTransactionItem[] = [];
    for (let i = 0; i < txnIds.length; i += 100) {
      const batch = await this.client.get<RtCollection<RtTransactionItem>>('/transactions', {
        query: and(
          `ObjectType = 'RT::Ticket'`,
          `Type = 'Create' OR Type = 'Correspond'`,
          txnIds
            .slice(i, i + 100)
            .map((id) => `id = ${id}`)
            .join(' OR '),
        ),
        per_page: 100,
        ...HISTORY_FIELDS,
      });
      txns.push(...(batch?.items ?? []));
    }
    const parts = await this.#partsOf(txns.map((t) => String(t.id)));
    await this.#loadBodies([...parts.values()].flatMap((p) => splitParts(p).body?.id ?? []).map(String));
    const byTicket = new Map<string, RtTransactionItem[]>();
    for (const txn of txns) {
      const ticketId = owner.get(String(txn.id))!;
      byTicket.set(ticketId, [...(byTicket.get(ticketId) ?? []), txn]);
    }
    const messages = new Map<string, Message>();
    await mapLimit([...byTicket], FETCH_CONCURRENCY, async ([ticketId, list]) => {
      for (const m of await this.#toMessages(ticketId, list, tickets.get(ticketId)!.item, parts)) {
        messages.set(m.id, m);
      }
    });

    const changes: ConnectorChange[] = [];
    for (const c of chunk) {
      const found = tickets.get(c.ticketId);
      // Not found in bulk (deleted, moved, merged away): the relay asks getTicket, which knows.
      if (!found) {
        changes.push({ ticketId: c.ticketId, kind: 'ticket' });
        for (const id of c.messageIds) changes.push({ ticketId: c.ticketId, kind: 'message', messageId: id });
        continue;
      }
      changes.push({ ticketId: c.ticketId, kind: 'ticket', ticket: found.stored });
      for (const id of c.messageIds) {
        const message = messages.get(id);
        if (message) changes.push({ ticketId: c.ticketId, kind: 'message', messageId: id, message });
      }
    }
    return changes;
  }

  // ---------------------------------------------------------------- internals

  async #allTransactions(query: string): Promise<RtTransactionItem[]> {
    const out: RtTransactionItem[] = [];
    for (let page = 1; page <= 50; page++) {
      const batch = await this.client.get<RtCollection<RtTransactionItem>>('/transactions', {
        query,
        orderby: 'id',
        order: 'ASC',
        page,
        per_page: 100,
        ...HISTORY_FIELDS,
      });
      out.push(...(batch?.items ?? []));
      if (!batch || batch.items.length < 100) break;
    }
    return out;
  }

  /** Every part of these transactions, grouped by transaction id. */
  async #partsOf(txnIds: string[]): Promise<Map<string, RtAttachmentItem[]>> {
    const byTxn = new Map<string, RtAttachmentItem[]>();
    for (let i = 0; i < txnIds.length; i += 50) {
      const chunk = txnIds.slice(i, i + 50);
      for (let page = 1; page <= 50; page++) {
        const { body } = await this.client.send<RtCollection<RtAttachmentItem>>(
          'POST',
          `/attachments?${new URLSearchParams({ ...ATTACHMENT_FIELDS, orderby: 'id', page: String(page), per_page: '100' })}`,
          chunk.map((id) => ({ field: 'TransactionId', operator: '=', value: Number(id) })),
        );
        for (const part of body.items) {
          const txnId = transactionIdOf(part);
          byTxn.set(txnId, [...(byTxn.get(txnId) ?? []), part]);
        }
        if (body.items.length < 100) break;
      }
    }
    return byTxn;
  }

  /** `loaded`: the parts of these transactions when the caller read them already (in bulk). */
  async #toMessages(
    ticketId: string,
    txns: RtTransactionItem[],
    ticket: RtTicketItem,
    loaded?: Map<string, RtAttachmentItem[]>,
  ): Promise<Message[]> {
    const publicTxns = txns.filter((t) => PUBLIC_MESSAGE_TYPES.has(t.Type));
    if (!publicTxns.length) return [];
    const parts = loaded ?? (await this.#partsOf(publicTxns.map((t) => String(t.id))));
    const split = new Map(publicTxns.map((t) => [String(t.id), splitParts(parts.get(String(t.id)) ?? [])]));
    await this.#loadBodies([...split.values()].flatMap((p) => (p.body ? [String(p.body.id)] : [])));
    const self = await this.serviceAccount();
    const requestor = primaryRequestor(ticket);
    const requestorEmails = new Set(
      (Array.isArray(ticket.Requestor) ? ticket.Requestor : []).map((r) => (r.EmailAddress ?? '').toLowerCase()),
    );

    return mapLimit(publicTxns, FETCH_CONCURRENCY, async (txn) => {
      const { body, attachments } = split.get(String(txn.id))!;
      const content = body ? await this.#bodyText(String(body.id)) : '';
      const author = await this.#authorOf(txn, self, requestor, requestorEmails);
      return {
        id: String(txn.id),
        ticketId,
        author,
        createdAt: new Date(txn.Created).toISOString(),
        body: { format: body?.ContentType.toLowerCase() === 'text/html' ? 'html' : 'text', content },
        attachments,
      } satisfies Message;
    });
  }

  async #authorOf(
    txn: RtTransactionItem,
    self: string,
    requestor: RtUserRef | undefined,
    requestorEmails: Set<string>,
  ): Promise<Message['author']> {
    const creator = txn.Creator;
    if (creator?.id === self) {
      const recorded = portalAuthorOf(txn);
      if (recorded) return { name: recorded.name, role: recorded.role };
      // The gateway's Create: the ticket was opened for its requester.
      return { name: displayName(requestor) || 'Customer', role: 'customer' };
    }
    const email = (creator?.EmailAddress ?? '').toLowerCase();
    if (email && requestorEmails.has(email)) return { name: displayName(creator), role: 'customer' };
    const privileged = await this.#isPrivileged(creator?.id);
    return { name: displayName(creator) || 'Support', role: privileged ? 'agent' : 'customer' };
  }

  /** RT's own distinction: privileged users are staff, unprivileged ones are customers. */
  async #isPrivileged(name: string | undefined): Promise<boolean> {
    // Names become a path segment; `.`/`..` would walk the URL, so they count as staff unseen.
    if (!name || /^\.+$/.test(name)) return true;
    const cached = this.#users.get(name);
    if (cached && Date.now() - cached.at < USER_CACHE_MS) return cached.privileged;
    const user = await this.client.get<{ Privileged?: number | string }>(`/user/${pathSegment(name)}`);
    const privileged = !user || String(user.Privileged) === '1';
    this.#users.set(name, { privileged, at: Date.now() });
    return privileged;
  }

  /**
   * The text of these body parts into the cache, in one request per 50: a
   * collection read with `Content` answers decoded text (the record endpoint
   * answers base64, one request each).
   */
  async #loadBodies(attachmentIds: string[]): Promise<void> {
    const missing = attachmentIds.filter((id) => isRtId(id) && !this.#bodies.has(id));
    for (let i = 0; i < missing.length; i += 50) {
      const chunk = missing.slice(i, i + 50);
      const { body } = await this.client.send<RtCollection<{ id: string | number; Content?: unknown }>>(
        'POST',
        `/attachments?${new URLSearchParams({ fields: 'Content', per_page: '100' })}`,
        chunk.map((id) => ({ field: 'id', operator: '=', value: Number(id) })),
      );
      for (const item of body.items) {
        if (typeof item.Content === 'string') this.#cacheBody(String(item.id), item.Content);
      }
    }
  }

  #cacheBody(attachmentId: string, text: string): void {
    if (this.#bodies.size >= BODY_CACHE_ENTRIES) this.#bodies.delete(this.#bodies.keys().next().value!);
    this.#bodies.set(attachmentId, text);
  }

  async #bodyText(attachmentId: string): Promise<string> {
    const cached = this.#bodies.get(attachmentId);
    if (cached !== undefined) return cached;
    const record = await this.client.get<RtAttachmentRecord>(`/attachment/${attachmentId}`);
    // RT stores text parts as UTF-8 whatever the sender used.
    const text = record ? Buffer.from(record.Content ?? '', 'base64').toString('utf8') : '';
    this.#cacheBody(attachmentId, text);
    return text;
  }
}

// ---------------------------------------------------------------- helpers

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A name as one URL path segment (queue and user names). */
function pathSegment(name: string): string {
  if (!name || /^\.+$/.test(name)) throw new Error(`rt connector: unusable name ${JSON.stringify(name)}`);
  return encodeURIComponent(name);
}

function checkedEmail(raw: string): string {
  const email = normalizeEmail(raw);
  // The protocol's rule refuses commas and angle brackets, which would smuggle in a second requestor.
  if (!isEmailAddress(email)) throw BadInput.field('requester.email', 'email');
  return email;
}

function quotedName(name: string): string {
  const clean = name.replace(/[\r\n]/g, ' ').trim();
  return `"${clean.replace(/["\\]/g, '\\$&')}"`;
}

function rtContentType(body: MessageBody): string {
  // RT has no markdown; it stays readable as plain text.
  return body.format === 'html' ? 'text/html' : 'text/plain';
}

function withFieldAppendix(body: MessageBody, unmapped: Array<[string, string]>): MessageBody {
  if (!unmapped.length) return body;
  if (body.format === 'html') {
    const rows = unmapped.map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`).join('');
    return { ...body, content: `${body.content}\n<ul>${rows}</ul>` };
  }
  return { ...body, content: `${body.content}\n\n${unmapped.map(([k, v]) => `${k}: ${v}`).join('\n')}` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A file name RT 5.0's REST2 stores intact. It puts FileName into the MIME
 * header as it gets it: a plain non-ASCII JSON string comes out as mojibake.
 * On a reply RT decodes RFC 2047 words in headers; on create it does not, but
 * there the UTF-8 bytes passed one per character arrive as they should. Both
 * paths are checked by the rt tests.
 */
function rtFileName(name: string, path: 'create' | 'reply'): string {
  if (/^[\x20-\x7e]*$/.test(name)) return name;
  return path === 'reply'
    ? `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`
    : Buffer.from(name, 'utf8').toString('latin1');
}

async function attachmentsPayload(files: StagedFile[], path: 'create' | 'reply'): Promise<{ Attachments?: unknown[] }> {
  const items = [];
  for (const file of files) {
    const bytes = await readFile(file.path);
    // REST2 refuses an empty FileContent; an empty file carries nothing anyway.
    if (!bytes.length) continue;
    items.push({
      FileName: rtFileName(file.name, path),
      FileType: file.contentType || 'application/octet-stream',
      FileContent: bytes.toString('base64'),
    });
  }
  return items.length ? { Attachments: items } : {};
}

function transactionIdFromLocation(location: string | null): string {
  const id = /\/transaction\/(\d+)\/?$/.exec(location ?? '')?.[1];
  if (!id) throw new RtError(502, 'RT did not say which transaction it created');
  return id;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
