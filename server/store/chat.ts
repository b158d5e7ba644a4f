import { randomUUID } from 'node:crypto';
import type { Attachment, ChatConversation, ChatMessage } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';

type ConversationRow = {
  id: string;
  customer_id: string;
  status: 'open' | 'ended';
  created_at: Date;
  updated_at: Date;
};
type MessageRow = {
  id: string;
  conversation_id: string;
  author_name: string;
  author_role: 'customer' | 'agent';
  text: string;
  attachments: Attachment[];
  created_at: Date;
};

export interface ConversationRecord extends ChatConversation {
  customerId: string;
}

const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  customerId: r.customer_id,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const toMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  author: { name: r.author_name, role: r.author_role },
  createdAt: new Date(r.created_at).toISOString(),
  text: r.text,
  attachments: r.attachments ?? [],
});

export async function createConversation(db: Queryable, customerId: string): Promise<ConversationRecord> {
  const rows = await db.query<ConversationRow>(
    `INSERT INTO chat_conversations (id, customer_id, status) VALUES ($1, $2, 'open') RETURNING *`,
    [randomUUID(), customerId],
  );
  return toConversation(rows[0]!);
}

export async function getConversation(db: Queryable, id: string): Promise<ConversationRecord | null> {
  const rows = await db.query<ConversationRow>('SELECT * FROM chat_conversations WHERE id = $1', [id]);
  return rows[0] ? toConversation(rows[0]) : null;
}

export async function listConversations(db: Queryable, customerId: string): Promise<ConversationRecord[]> {
  const rows = await db.query<ConversationRow>(
    'SELECT * FROM chat_conversations WHERE customer_id = $1 ORDER BY updated_at DESC LIMIT 100',
    [customerId],
  );
  return rows.map(toConversation);
}

export async function addChatMessage(
  db: Queryable,
  conversationId: string,
  author: { name: string; role: 'customer' | 'agent' },
  text: string,
  attachments: Attachment[] = [],
): Promise<ChatMessage> {
  const rows = await db.query<MessageRow>(
    `INSERT INTO chat_messages (id, conversation_id, author_name, author_role, text, attachments)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [randomUUID(), conversationId, author.name, author.role, text, JSON.stringify(attachments)],
  );
  await db.query('UPDATE chat_conversations SET updated_at = now() WHERE id = $1', [conversationId]);
  return toMessage(rows[0]!);
}

export async function listChatMessages(db: Queryable, conversationId: string): Promise<ChatMessage[]> {
  const rows = await db.query<MessageRow>('SELECT * FROM chat_messages WHERE conversation_id = $1 ORDER BY seq', [
    conversationId,
  ]);
  return rows.map(toMessage);
}

export async function endConversation(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE chat_conversations SET status = 'ended', updated_at = now() WHERE id = $1`, [id]);
}

export interface AgentConversation extends ConversationRecord {
  customer: { email: string; name: string } | null;
  lastMessage: string | null;
}

/** The agent's inbox: conversations newest first, open ones only unless asked, with who and the last word. */
export async function listAllConversations(
  db: Queryable,
  opts: { status?: 'open' | 'ended'; limit: number },
): Promise<AgentConversation[]> {
  const rows = await db.query<ConversationRow & { email: string | null; name: string | null; last: string | null }>(
    `SELECT c.*, cu.email, cu.name,
       (SELECT m.text FROM chat_messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC LIMIT 1) AS last
     FROM chat_conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
     WHERE ($1::text IS NULL OR c.status = $1) ORDER BY c.updated_at DESC LIMIT $2`,
    [opts.status ?? null, opts.limit],
  );
  return rows.map((r) => ({
    ...toConversation(r),
    customer: r.email ? { email: r.email, name: r.name ?? r.email } : null,
    lastMessage: r.last,
  }));
}
