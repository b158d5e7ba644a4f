/**
 * What the rt tests share: is RT up, an administrator's REST2 client to look
 * behind the connector's back, the connector itself, and fresh identities so
 * tests never see each other's tickets (or the demo's).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerRef, StagedFile } from '../../../server/connectors/connector.js';
import { RtClient } from '../../../server/connectors/rt/rt-client.js';
import { type RtConnector, createRtConnector, rtSettingsFromEnv } from '../../../server/connectors/rt/index.js';

export interface RtHarness {
  connector: RtConnector;
  /** RT's root (RT_ADMIN_USER/RT_ADMIN_PASSWORD, default the package's root/password). */
  admin: RtClient;
  url: string;
}

/** Why the rt tests cannot run, or null when RT answers with working credentials. */
export async function rtUnavailableReason(): Promise<string | null> {
  let settings;
  try {
    settings = rtSettingsFromEnv(process.env);
  } catch (err) {
    return `${(err as Error).message}`;
  }
  try {
    const res = await fetch(`${settings.url}/REST/2.0/rt`, { signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    if (res.status !== 401 && !res.ok) return `RT at ${settings.url} answered ${res.status}`;
  } catch {
    return `RT is not reachable at ${settings.url} (start it with: npm run rt:up)`;
  }
  return null;
}

export async function openHarness(env: NodeJS.ProcessEnv = process.env): Promise<RtHarness> {
  const connector = createRtConnector({ ...env, RT_POLL_MS: '60000' }, { log: { warn: () => {} } });
  await connector.start();
  const admin = new RtClient({
    url: connector.settings.url,
    auth: { user: env.RT_ADMIN_USER ?? 'root', password: env.RT_ADMIN_PASSWORD ?? 'password' },
    session: true,
  });
  return { connector, admin, url: connector.settings.url };
}

const run = randomBytes(3).toString('hex');
let counter = 0;

/** A customer nobody else uses, optionally in a fresh organisation. */
export function freshCustomer(org: { id: string; name: string } | null = null, name?: string): CustomerRef {
  const n = ++counter;
  return {
    id: `cust-${run}-${n}`,
    email: `rt-test-${run}-${n}@portico-test.example`,
    name: name ?? `Tess Tester ${run}-${n}`,
    organizationId: org?.id ?? null,
    organizationName: org?.name ?? null,
  };
}

export function freshOrganization(): { id: string; name: string } {
  const n = ++counter;
  return { id: `org-test-${run}-${n}`, name: `Test Org ${n}` };
}

let stagingDir: Promise<string> | null = null;

/** A file as the gateway hands it over after an upload. */
export async function stagedFile(name: string, bytes: Buffer, contentType: string): Promise<StagedFile> {
  stagingDir ??= mkdtemp(join(tmpdir(), 'portico-rt-test-'));
  const path = join(await stagingDir, `${++counter}-${randomBytes(4).toString('hex')}`);
  await writeFile(path, bytes);
  return { name, contentType, size: bytes.length, path };
}

export async function removeStagedFiles(): Promise<void> {
  if (stagingDir) await rm(await stagingDir, { recursive: true, force: true });
  stagingDir = null;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * A ticket of `requesterEmail` in the portal queue with `messages` public
 * messages (its Create, then agent answers by root through REST2, two at a
 * time — RT serves two workers), and an internal comment after every tenth.
 */
export async function seedThread(
  h: Pick<RtHarness, 'admin' | 'connector'>,
  requesterEmail: string,
  messages: number,
  subject = `Long thread ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const { body } = await h.admin.send<{ id: string | number }>('POST', '/ticket', {
    Queue: h.connector.settings.queue,
    Subject: subject,
    Requestor: requesterEmail,
    Content: 'Message 1',
    ContentType: 'text/plain',
  });
  const id = String(body.id);
  const answers = Array.from({ length: messages - 1 }, (_, i) => i + 2);
  // In order (RT numbers them as they come), two requests in flight.
  for (let i = 0; i < answers.length; i += 2) {
    await Promise.all(
      answers
        .slice(i, i + 2)
        .map((n) =>
          h.admin.send('POST', `/ticket/${id}/correspond`, { Content: `Message ${n}`, ContentType: 'text/plain' }),
        ),
    );
    if (i % 10 === 8)
      await h.admin.send('POST', `/ticket/${id}/comment`, {
        Content: 'SECRET note',
        ContentType: 'text/plain',
      });
  }
  return id;
}

/** A connector that counts its requests to RT. */
export function countingConnector(env: NodeJS.ProcessEnv = process.env): {
  connector: RtConnector;
  requests: () => number;
} {
  let n = 0;
  const connector = createRtConnector(
    { ...env, RT_POLL_MS: '60000' },
    {
      log: { warn: () => {} },
      fetch: (input, init) => {
        n++;
        return fetch(input, init);
      },
    },
  );
  return { connector, requests: () => n };
}
