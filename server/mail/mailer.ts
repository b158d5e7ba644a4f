import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { sendSmtp, type SmtpOptions } from './smtp.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** RFC 2047 encoded-word when a header has non-ASCII text. */
function headerText(v: string): string {
  const clean = v.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean).toString('base64')}?=`;
}

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
  ) {}

  format(msg: MailMessage, id: string): string {
    return [
      `From: ${this.from}`,
      `To: ${msg.to.replace(/[\r\n<>]/g, '')}`,
      `Subject: ${headerText(msg.subject)}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${id}@portico.local>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(msg.text).toString('base64').replace(/.{76}/g, '$&\r\n'),
      '',
    ].join('\r\n');
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
      const p: Promise<void> = job()
        .then(() => undefined)
        .catch((err: unknown) => reply.log.error({ err }, 'mail after response failed'))
        .finally(() => this.#pending.delete(p));
      this.#pending.add(p);
    };
    reply.raw.once('finish', start);
    reply.raw.once('close', start);
  }

  /** Waits for mail still being sent after its answer (shutdown). */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }
}
