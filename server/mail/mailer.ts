import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { PortalConfig } from '../store/settings.js';
import { sendSmtp, type SmtpOptions } from './smtp.js';
import { matchAcceptLanguage } from '../../src/protocol/index.js';
import { mailLocale, renderMail, type MailKind, type MailVars } from './templates.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of the same text (multipart/alternative). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** A templated mail: the language is the first of `locales` Portico speaks. */
export interface TemplatedMail {
  to: string;
  kind: MailKind;
  locales: Array<string | null | undefined>;
  vars: MailVars;
  headers?: Record<string, string>;
}

/** Mail work starts this long after an answer left, so it never competes with sending it. */
const AFTER_ANSWER_MS = 50;

/** RFC 2047 encoded-word when a header has non-ASCII text. */
function headerText(v: string): string {
  const clean = v.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean).toString('base64')}?=`;
}

const base64Lines = (s: string) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');

/**
 * Sends sign-in, reset and invitation mail: to SMTP when configured,
 * otherwise into `<dataDir>/outbox/*.eml`, which the demo can show.
 */
export class Mailer {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly outboxDir: string,
    private readonly from: string,
    private readonly smtp?: SmtpOptions,
    /** The settings a templated mail reads (portal name, logo, default language, the owner's texts). */
    private readonly settings?: () => Promise<PortalConfig>,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  format(msg: MailMessage, id: string): string {
    const head = [
      `From: ${this.from}`,
      `To: ${msg.to.replace(/[\r\n<>]/g, '')}`,
      `Subject: ${headerText(msg.subject)}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${id}@portico.local>`,
      ...Object.entries(msg.headers ?? {}).map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}`),
      'MIME-Version: 1.0',
    ];
    if (!msg.html) {
      return [
        ...head,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(msg.text),
        '',
      ].join('\r\n');
    }
    const boundary = `=_portico_${id}`;
    const part = (type: string, body: string) => [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ];
    return [
      ...head,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      ...part('text/plain', msg.text),
      ...part('text/html', msg.html),
      `--${boundary}--`,
      '',
    ].join('\r\n');
  }

  /** Renders a template (templates.ts) in the recipient's language and sends it. */
  async sendTemplate(mail: TemplatedMail): Promise<string | null> {
    const config = await this.settings?.();
    const portal = config?.portal ?? { name: 'Portico', logoUrl: null, defaultLocale: 'en' };
    const locale = mailLocale(...mail.locales, portal.defaultLocale);
    const rendered = renderMail(mail.kind, locale, mail.vars, portal, config?.server.mailTemplates);
    return this.send({ to: mail.to, ...rendered, headers: mail.headers });
  }

  /** Returns the outbox file, or null when it went to SMTP. */
  async send(msg: MailMessage): Promise<string | null> {
    const id = randomUUID();
    const raw = this.format(msg, id);
    if (this.smtp) {
      await sendSmtp(this.smtp, this.from.replace(/^.*<|>.*$/g, ''), msg.to, raw);
      return null;
    }
    await mkdir(this.outboxDir, { recursive: true });
    const file = path.join(this.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
    await writeFile(file, raw, { mode: 0o600 });
    return file;
  }

  /**
   * Runs `job` (which looks the address up and sends mail) only once the answer
   * has gone out: the answer and its timing are then the same whether or not
   * the address is known. Failures are logged, never answered.
   */
  afterResponse(reply: FastifyReply, job: () => Promise<unknown>): void {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      this.background(job, (err) => reply.log.error({ err }, 'mail after response failed'));
    };
    reply.raw.once('finish', start);
    reply.raw.once('close', start);
  }

  /** Runs `job` (which sends mail) a moment from now, tracked so shutdown waits for it; failures go to `onError`. */
  background(job: () => Promise<unknown>, onError: (err: unknown) => void = this.onError): void {
    // A moment later, so the work does not compete with the answer in flight (even for a client on this machine).
    const p: Promise<void> = new Promise((resolve) => setTimeout(resolve, AFTER_ANSWER_MS))
      .then(job)
      .then(() => undefined)
      .catch(onError)
      .finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  /** Waits for mail still being sent after its answer (shutdown). */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }
}

/** The `Accept-Language` of the request a mail answers, for its language. */
export const acceptLanguage = (reply: FastifyReply): string | null =>
  matchAcceptLanguage(reply.request.headers['accept-language']);
