import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The admin token: PORTICO_ADMIN_TOKEN, or one made on first start and kept in
 * `<data dir>/admin-token` (mode 600) so the CLI on the same machine finds it.
 */
export async function resolveAdminToken(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = path.join(path.resolve(dataDir), 'admin-token');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return stored;
  } catch {
    /* first start */
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, token + '\n', { mode: 0o600 });
  return token;
}
