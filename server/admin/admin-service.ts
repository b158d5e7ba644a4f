import { mailedLink } from '../mail/links.js';
import type {
  FieldValue,
  MessageBody,
  Role,
  StatusFilter,
  TicketSort,
  TicketStatus,
} from '../../src/protocol/index.js';
import { issueAuthToken } from '../auth/auth-tokens.js';
import { hashPassword, passwordIssue } from '../auth/passwords.js';
import { endEverythingElse } from '../auth/sign-in.js';
import type { GatewayServices } from '../gateway-context.js';
import { Invalid, NotFound } from '../errors.js';
import { isPlausibleId } from '../http/text.js';
import type { StoredTicket } from '../connectors/connector.js';
import { addChatMessage, endConversation, getConversation } from '../store/chat.js';
import {
  createCustomer,
  findCustomerByEmail,
  findCustomerById,
  updateCustomer,
  type CustomerRecord,
} from '../store/customers.js';

const INVITATION_HOURS = 72;

export interface UserInput {
  email: string;
  name?: string;
  role?: Role;
  organizationId?: string | null;
  phone?: string | null;
  locale?: string | null;
  password?: string;
  /** Send the TVox invitation e-mail (portal access with a link to choose a password). */
  invite?: boolean;
}

/** Agent-side operations behind /admin/v1, the CLI and the demo seed. */
export class AdminService {
  constructor(private readonly ctx: GatewayServices) {}

  async createUser(input: UserInput): Promise<CustomerRecord> {
    const { db, settings } = this.ctx;
    const { server } = await settings.get();
    if (input.password !== undefined) {
      const pw = passwordIssue('password', input.password);
      if (pw) throw new Invalid([pw]);
    }
    const customer = await createCustomer(
      db,
      {
        email: input.email,
        name: input.name,
        phone: input.phone,
        locale: input.locale,
        role: input.role ?? 'user',
        organizationId: input.organizationId,
        passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
        portalAccess: input.password !== undefined,
        // An agent who sets the password vouches for the address.
        emailVerified: input.password !== undefined,
      },
      server.autoCreateOrganizations,
    );
    if (input.invite) return (await this.enablePortalAccess(customer.id, customer.role)).customer;
    return customer;
  }

  /**
   * TVox: an agent turns on portal access for a contact with a role; the
   * contact gets an e-mail with a link to choose a password (and sign in).
   */
  async enablePortalAccess(
    customerId: string,
    role?: Role,
  ): Promise<{ customer: CustomerRecord; outboxFile: string | null }> {
    const existing = await findCustomerById(this.ctx.db, customerId);
    if (!existing) throw new NotFound('No such customer.');
    const customer = await this.grantPortalAccess(existing, role);
    return { customer, outboxFile: await this.sendInvitation(customer) };
  }

  /** Portal access on, without a mail (the import's, until it is asked to invite). */
  async grantPortalAccess(existing: CustomerRecord, role?: Role): Promise<CustomerRecord> {
    return updateCustomer(this.ctx.db, existing.id, {
      portalAccess: true,
      role: role ?? existing.role,
      // A password nobody proved the address for (an old self-registration) does not come back with access.
      ...(existing.emailVerified ? {} : { passwordHash: null }),
    });
  }

  /** The invitation mail: a link to choose a password and sign in. Its outbox file, without SMTP. */
  async sendInvitation(customer: CustomerRecord): Promise<string | null> {
    const { db, mailer, publicUrl } = this.ctx;
    const token = await issueAuthToken(db, 'reset', customer.id, INVITATION_HOURS * 60);
    return mailer.sendTemplate({
      to: customer.email,
      kind: 'invitation',
      locales: [customer.locale],
      vars: {
        name: customer.name,
        email: customer.email,
        hours: INVITATION_HOURS,
        link: mailedLink(this.ctx, null, 'reset', token, customer.email),
        signInUrl: `${publicUrl}/`,
      },
    });
  }

  /** Name, phone, language, role, or another organisation (null: none); the customer's sessions see it on their next request. */
  async updateCustomer(
    customerId: string,
    patch: {
      name?: string;
      phone?: string | null;
      locale?: string | null;
      role?: Role;
      organizationId?: string | null;
    },
  ): Promise<CustomerRecord> {
    if (patch.name !== undefined && !patch.name.trim()) throw Invalid.field('name', 'required');
    return updateCustomer(this.ctx.db, customerId, {
      ...patch,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    });
  }

  /**
   * Portal access taken away: every session of the customer ends at once
   * (open live streams close), and every mailed link of theirs stops working.
   * Their tickets stay, for agents; the password stays, should access return.
   */
  async revokePortalAccess(customerId: string): Promise<CustomerRecord> {
    const existing = await findCustomerById(this.ctx.db, customerId);
    if (!existing) throw new NotFound('No such customer.');
    const customer = await updateCustomer(this.ctx.db, customerId, { portalAccess: false });
    await endEverythingElse(this.ctx, customer);
    return customer;
  }

  async customerByEmail(email: string): Promise<CustomerRecord> {
    const c = await findCustomerByEmail(this.ctx.db, email);
    if (!c) throw new NotFound(`No customer ${email}.`);
    return c;
  }

  /** A ticket on behalf of a customer (made when unknown, as on a first e-mail). */
  async createTicket(input: {
    requesterEmail: string;
    requesterName?: string;
    formId: string;
    subject: string;
    body: MessageBody;
    fields?: Record<string, FieldValue>;
  }) {
    const { db, settings, tickets } = this.ctx;
    const { server } = await settings.get();
    const customer =
      (await findCustomerByEmail(db, input.requesterEmail)) ??
      (await createCustomer(
        db,
        { email: input.requesterEmail, name: input.requesterName },
        server.autoCreateOrganizations,
      ));
    return tickets.create(customer, {
      formId: input.formId,
      subject: input.subject,
      body: input.body,
      fields: input.fields,
    });
  }

  /** A ticket by its id or by its number (`1001`, `#1001`), as agents and the CLI know it. */
  async ticket(idOrNumber: string): Promise<StoredTicket> {
    const { connector } = this.ctx;
    const t = isPlausibleId(idOrNumber) ? await connector.getTicket(idOrNumber) : null;
    if (t) return t;
    const number = /^#?(\d{1,15})$/.exec(idOrNumber)?.[1];
    if (number) {
      const page = await connector.listTickets({ agent: true, status: 'all', sort: '-updated', q: number, limit: 25 });
      const found = page.items.find((x) => x.number === number);
      if (found) return found;
    }
    throw new NotFound('No such ticket.');
  }

  /** Every ticket, for the agent side: newest change first, filtered like a customer's list. */
  async listTickets(q: { status: StatusFilter; sort: TicketSort; q?: string; cursor?: string; limit: number }) {
    return this.ctx.connector.listTickets({ agent: true, ...q });
  }

  async chatReply(conversationId: string, authorName: string, text: string) {
    const { db, events } = this.ctx;
    const c = await getConversation(db, conversationId);
    if (!c) throw new NotFound('No such conversation.');
    const customer = await findCustomerById(db, c.customerId);
    const message = await addChatMessage(db, c.id, { name: authorName, role: 'agent' }, text);
    await events.publish(
      { type: 'chat.message', conversationId: c.id, message },
      { requesterEmail: customer?.email ?? null, organizationId: null },
    );
    return message;
  }

  async chatEnd(conversationId: string) {
    const { db, events } = this.ctx;
    const c = await getConversation(db, conversationId);
    if (!c) throw new NotFound('No such conversation.');
    await endConversation(db, c.id);
    const customer = await findCustomerById(db, c.customerId);
    await events.publish(
      { type: 'chat.ended', conversationId: c.id },
      { requesterEmail: customer?.email ?? null, organizationId: null },
    );
    return { ...c, status: 'ended' as const };
  }

  async reply(ticketId: string, input: { authorName: string; body: MessageBody; internal?: boolean }) {
    return this.ctx.tickets.replyAsAgent(await this.ticket(ticketId), input.authorName, input.body, !!input.internal);
  }

  async setStatus(ticketId: string, status: TicketStatus) {
    return this.ctx.tickets.setStatus(await this.ticket(ticketId), status);
  }
}
