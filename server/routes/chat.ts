import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChatAvailability } from '../../src/protocol/index.js';
import { signedIn } from '../auth/request-auth.js';
import { problem } from '../http/problem.js';
import { slicePage } from '../http/query.js';
import * as res from '../http/responses.js';
import { idParams, limitOf, pageQuery, schemas } from '../http/schemas.js';
import { isPlausibleId } from '../http/text.js';
import {
  addChatMessage,
  createConversation,
  getConversation,
  listChatMessages,
  listConversations,
} from '../store/chat.js';
import type { CustomerRecord } from '../store/customers.js';
import { keepAttached, stagedUploads } from '../store/uploads.js';

/** Built-in chat (TOPdesk): on or off, limited to chosen organisations, and offline when no agent is there. */
export async function chatAvailability(
  app: FastifyInstance,
  customer: CustomerRecord | null,
): Promise<ChatAvailability> {
  const { portal, server } = await app.settings.get();
  // capabilities.chat is off where the ticket backend cannot back chat (RT: agents work in RT, which has none).
  if (!portal.capabilities.chat || portal.chat.provider === 'none') return { available: false, reason: 'disabled' };
  if (
    server.chatOrganizationIds &&
    !(customer?.organizationId && server.chatOrganizationIds.includes(customer.organizationId))
  ) {
    return { available: false, reason: 'not-eligible' };
  }
  if (portal.chat.provider === 'builtin' && !server.chatOnline) return { available: false, reason: 'offline' };
  return { available: true, reason: null };
}

export async function chatRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, events, settings } = app;

  async function requireChat(req: FastifyRequest): Promise<CustomerRecord> {
    const { customer } = signedIn(req);
    const { portal } = await settings.get();
    if (portal.chat.provider !== 'builtin') throw problem.notFound('This portal uses an external chat provider.');
    const availability = await chatAvailability(app, customer);
    if (!availability.available && availability.reason !== 'offline')
      throw problem.forbidden('Chat is not available to you.', 'chat-unavailable');
    return customer;
  }

  async function ownConversation(id: string, customer: CustomerRecord) {
    const c = isPlausibleId(id) ? await getConversation(db, id) : null;
    if (!c || c.customerId !== customer.id) throw problem.notFound('No such conversation.');
    return c;
  }

  app.get(
    '/chat/availability',
    { schema: { response: { 200: res.chatAvailability } }, config: { auth: 'public' } },
    async (req) => chatAvailability(app, req.principal?.customer ?? null),
  );

  app.get('/chat/conversations', { schema: { response: { 200: res.page(res.chatConversation) } } }, async (req) => {
    const customer = await requireChat(req);
    const items = (await listConversations(db, customer.id)).map(({ customerId: _c, ...c }) => c);
    return { items, nextCursor: null };
  });

  app.post(
    '/chat/conversations',
    {
      schema: {
        body: schemas.chatStart,
        response: { 201: Type.Object({ conversation: res.chatConversation, message: res.chatMessage }) },
      },
    },
    async (req, reply) => {
      const customer = await requireChat(req);
      if (!(await chatAvailability(app, customer)).available)
        throw problem.unavailable('Nobody is available to chat right now.', 'nobody-available');
      const { customerId: _c, ...conversation } = await createConversation(db, customer.id);
      const message = await addChatMessage(
        db,
        conversation.id,
        { name: customer.name, role: 'customer' },
        req.body.text,
      );
      return reply.code(201).send({ conversation, message });
    },
  );

  app.get(
    '/chat/conversations/:id/messages',
    { schema: { params: idParams, querystring: pageQuery, response: { 200: res.page(res.chatMessage) } } },
    async (req) => {
      const customer = await requireChat(req);
      const c = await ownConversation(req.params.id, customer);
      return slicePage(await listChatMessages(db, c.id), req.query.cursor || undefined, limitOf(req.query.limit, 25));
    },
  );

  app.post(
    '/chat/conversations/:id/messages',
    { schema: { params: idParams, body: schemas.chatMessage, response: { 201: res.chatMessage } } },
    async (req, reply) => {
      const customer = await requireChat(req);
      const c = await ownConversation(req.params.id, customer);
      if (c.status === 'ended') throw problem.conflict('This conversation has ended; start a new one.', 'chat-ended');
      const { portal } = await settings.get();
      const staged = await stagedUploads(db, customer.id, req.body.attachments ?? [], portal.uploads.maxFiles);
      // Chat files stay in the gateway's upload store, so the ids stay valid for the agent.
      const message = await addChatMessage(
        db,
        c.id,
        { name: customer.name, role: 'customer' },
        req.body.text,
        staged.map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.contentType })),
      );
      await keepAttached(db, staged);
      await events.publish(
        { type: 'chat.message', conversationId: c.id, message },
        { requesterEmail: customer.email, organizationId: null },
      );
      return reply.code(201).send(message);
    },
  );
}
