import net from 'node:net';
import tls from 'node:tls';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://… (implicit TLS). */
  url: string;
  from?: string;
}

/**
 * Just enough SMTP to hand a message to a relay: EHLO, optional AUTH PLAIN,
 * MAIL/RCPT/DATA. Anything fancier belongs in the relay.
 */
export async function sendSmtp(opts: SmtpOptions, from: string, to: string, raw: string): Promise<void> {
  const url = new URL(opts.url);
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  const socket: net.Socket = secure
    ? tls.connect({ host: url.hostname, port, servername: url.hostname })
    : net.connect({ host: url.hostname, port });
  socket.setEncoding('utf8');
  socket.setTimeout(15000, () => socket.destroy(new Error('SMTP timeout')));

  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let idx: number;
    // A reply ends at a line whose 4th character is a space ("250 ok"), not "250-…".
    while ((idx = buffer.search(/^\d{3} .*\r\n/m)) !== -1) {
      const end = buffer.indexOf('\r\n', idx) + 2;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      waiters.shift()?.(reply);
    }
  });
  const failed = new Promise<never>((_, reject) => socket.once('error', reject));
  const expect = async (code: string) => {
    const reply = await Promise.race([new Promise<string>((r) => waiters.push(r)), failed]);
    const last = reply.trim().split('\r\n').pop() ?? '';
    if (!last.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${last}`);
  };
  const send = (line: string, code: string) => {
    const p = expect(code);
    socket.write(line + '\r\n');
    return p;
  };

  try {
    await expect('220');
    await send('EHLO portico.local', '250');
    if (url.username) {
      const auth = Buffer.from(`\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`).toString(
        'base64',
      );
      await send(`AUTH PLAIN ${auth}`, '235');
    }
    await send(`MAIL FROM:<${from}>`, '250');
    await send(`RCPT TO:<${to}>`, '250');
    await send('DATA', '354');
    // Dot-stuffing: a line that starts with "." gets another.
    await send(raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..') + '\r\n.', '250');
    await send('QUIT', '221').catch(() => undefined);
  } finally {
    socket.end();
  }
}
