/**
 * REST2 JSON → Portico: tickets, and the parts of a transaction split into a
 * message body and its attachments. Pure functions; no I/O.
 */
import { createHash } from 'node:crypto';
import { normalizeEmail, type Attachment, type FieldValue } from '../../../src/protocol/index.js';
import type { StoredTicket } from '../connector.js';
import {
  AUTHOR_CF,
  CLOSED_CF,
  cfValueToField,
  type FieldMapping,
  type RtStatusCategory,
  ORGANIZATION_CF,
  ORGANIZATION_NAME_CF,
  SERVICE_CF,
  statusFromRt,
  UPDATED_CF,
} from './rt-fields.js';

export interface RtUserRef {
  id: string;
  type?: string;
  Name?: string;
  EmailAddress?: string;
  RealName?: string;
}

export interface RtCustomFieldValues {
  id: string;
  name: string;
  values: string[];
}

export interface RtTicketItem {
  id: string | number;
  Subject: string;
  Status: string;
  Created: string;
  LastUpdated: string;
  Resolved?: string;
  Requestor?: RtUserRef[] | '';
  Owner?: RtUserRef | '';
  CustomFields?: RtCustomFieldValues[] | '';
}

export interface RtTransactionItem {
  id: string | number;
  Type: string;
  Created: string;
  Creator: RtUserRef;
  CustomFields?: RtCustomFieldValues[] | '';
  Object?: { id: string; type: string };
}

export interface RtAttachmentItem {
  id: string | number;
  TransactionId: string | { id: string };
  ContentType: string;
  Filename: string;
  ContentLength?: string;
  Headers?: string;
}

/** What a ticket search asks REST2 for: one request yields whole tickets. */
export const TICKET_FIELDS = {
  fields: 'Subject,Status,Created,LastUpdated,Resolved,Requestor,Owner,CustomFields',
  'fields[Requestor]': 'EmailAddress,RealName,Name',
  'fields[Owner]': 'RealName,Name',
} as const;

export const HISTORY_FIELDS = {
  fields: 'Type,Created,Creator,CustomFields',
  'fields[Creator]': 'EmailAddress,RealName,Name',
} as const;

export const ATTACHMENT_FIELDS = { fields: 'TransactionId,ContentType,Filename,ContentLength,Headers' } as const;

/** Transactions that are part of the public conversation. Comments never are. */
export const PUBLIC_MESSAGE_TYPES: ReadonlySet<string> = new Set(['Create', 'Correspond']);

const iso = (value: string) => new Date(value).toISOString();

/** An RT database time (`2026-12-02 14:11:32`, UTC) as ISO, or null when it is not one. */
function rtTimeToIso(value: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})Z?$/.exec(value?.trim() ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function cfValues(cfs: RtCustomFieldValues[] | '' | undefined, name: string): string[] {
  if (!Array.isArray(cfs)) return [];
  return cfs.find((cf) => cf.name === name)?.values.filter((v) => v !== '') ?? [];
}

/** An opaque, stable requester id: RT user ids would leak nothing useful, e-mails would. */
export function requesterId(email: string): string {
  return `rtu_${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;
}

export function displayName(user: RtUserRef | undefined): string {
  if (!user) return '';
  const email = user.EmailAddress || (user.Name?.includes('@') ? user.Name : '');
  return user.RealName?.trim() || (email ? email.split('@')[0]! : user.Name || user.id);
}

export function primaryRequestor(item: RtTicketItem): RtUserRef | undefined {
  return Array.isArray(item.Requestor) ? (item.Requestor.find((r) => r.EmailAddress) ?? item.Requestor[0]) : undefined;
}

/** Every requestor's e-mail, lower-cased, first requestor first. */
export function requestorEmails(item: RtTicketItem): string[] {
  const all = Array.isArray(item.Requestor) ? item.Requestor : [];
  const first = primaryRequestor(item);
  const ordered = first ? [first, ...all.filter((r) => r !== first)] : all;
  return [...new Set(ordered.map((r) => normalizeEmail(r.EmailAddress ?? '')).filter(Boolean))];
}

/** Closed in the portal: resolved at exactly the time the close recorded (an agent's later resolve differs). */
export function isClosedInPortal(item: RtTicketItem): boolean {
  const mark = cfValues(item.CustomFields, CLOSED_CF)[0];
  return item.Status === 'resolved' && !!mark && !!item.Resolved && mark === item.Resolved;
}

/** `category`: the status's category in the ticket's RT lifecycle (RtConnector asks RT). */
export function toStoredTicket(
  item: RtTicketItem,
  fieldMap: Readonly<Record<string, FieldMapping>>,
  category?: RtStatusCategory,
): StoredTicket {
  const id = String(item.id);
  const requestor = primaryRequestor(item);
  const email = normalizeEmail(requestor?.EmailAddress ?? '');
  const orgId = cfValues(item.CustomFields, ORGANIZATION_CF)[0];
  const owner = item.Owner && item.Owner.id !== 'Nobody' && item.Owner.Name !== 'Nobody' ? item.Owner : null;
  const fields: Record<string, FieldValue> = {};
  const read = new Set<string>();
  for (const [fieldId, mapping] of Object.entries(fieldMap)) {
    if (read.has(mapping.cf)) continue;
    read.add(mapping.cf);
    const values = cfValues(item.CustomFields, mapping.cf);
    if (values.length) fields[fieldId] = cfValueToField(values, mapping.kind);
  }
  return {
    id,
    // The portal prints `#<number>`, which is how RT itself names tickets.
    number: id,
    subject: item.Subject || '',
    status: isClosedInPortal(item) ? 'closed' : statusFromRt(item.Status, category),
    rawStatus: item.Status,
    createdAt: iso(item.Created),
    // What the customer sees moves it, never an internal comment (UPDATED_CF).
    updatedAt: rtTimeToIso(cfValues(item.CustomFields, UPDATED_CF)[0]) ?? iso(item.LastUpdated),
    requester: { id: email ? requesterId(email) : '', name: displayName(requestor) },
    requesterEmail: email,
    requesterEmails: requestorEmails(item),
    organization: orgId ? { id: orgId, name: cfValues(item.CustomFields, ORGANIZATION_NAME_CF)[0] ?? orgId } : null,
    service: cfValues(item.CustomFields, SERVICE_CF)[0] ?? null,
    assignee: owner ? { name: displayName(owner) } : null,
    fields,
  };
}

// ---------------------------------------------------------------- authors

export interface PortalAuthor {
  name: string;
  email?: string;
  role: 'customer' | 'agent';
}

/** `Carol Jansen <carol@acme.example>`, with ` (agent)` when an agent wrote through the gateway. */
export function formatPortalAuthor(author: PortalAuthor): string {
  const name = author.name.replace(/[<>\s]+/g, ' ').trim() || 'Customer';
  const email = author.email?.replace(/[<>\s]/g, '');
  return `${name}${email ? ` <${email}>` : ''}${author.role === 'agent' ? ' (agent)' : ''}`;
}

export function parsePortalAuthor(value: string): PortalAuthor | null {
  const m = /^(.*?)(?:\s*<([^<>]*)>)?(\s*\(agent\))?$/.exec(value.trim());
  if (!m || !m[1]) return null;
  return { name: m[1].trim(), ...(m[2] ? { email: m[2] } : {}), role: m[3] ? 'agent' : 'customer' };
}

export function portalAuthorOf(txn: RtTransactionItem): PortalAuthor | null {
  const value = cfValues(txn.CustomFields, AUTHOR_CF)[0];
  return value ? parsePortalAuthor(value) : null;
}

// ---------------------------------------------------------------- message parts

export function transactionIdOf(att: RtAttachmentItem): string {
  return typeof att.TransactionId === 'object' ? String(att.TransactionId.id) : String(att.TransactionId);
}

function header(headers: string | undefined, name: string): string {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers ?? '');
  return m?.[1] ?? '';
}

function isBodyCandidate(att: RtAttachmentItem): boolean {
  const type = att.ContentType.toLowerCase();
  return (
    (type === 'text/plain' || type === 'text/html') &&
    !att.Filename &&
    !/^\s*attachment\b/i.test(header(att.Headers, 'Content-Disposition'))
  );
}

export interface MessageParts {
  /** The part holding the message text, if any. */
  body: RtAttachmentItem | null;
  attachments: Attachment[];
}

/**
 * Splits one transaction's parts (in id order): the body is its first plain-text
 * part (or HTML when that is all there is); other unnamed text parts are
 * alternative renderings of it; everything else that is not a multipart
 * container is an attachment.
 */
export function splitParts(parts: RtAttachmentItem[]): MessageParts {
  const sorted = [...parts].sort((a, b) => Number(a.id) - Number(b.id));
  const candidates = sorted.filter(isBodyCandidate);
  const body = candidates.find((p) => p.ContentType.toLowerCase() === 'text/plain') ?? candidates[0] ?? null;
  const attachments = sorted
    .filter((p) => !p.ContentType.toLowerCase().startsWith('multipart/') && !isBodyCandidate(p))
    .map((p) => toAttachment(p));
  return { body, attachments };
}

export function toAttachment(p: RtAttachmentItem): Attachment {
  const declared = Number(p.ContentLength ?? header(p.Headers, 'Content-Length'));
  return {
    id: String(p.id),
    name: p.Filename || `attachment-${p.id}`,
    size: Number.isFinite(declared) && declared >= 0 ? declared : 0,
    contentType: p.ContentType || 'application/octet-stream',
  };
}
