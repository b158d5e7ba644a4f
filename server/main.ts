/**
 * `npm start`: the gateway on the embedded store (or DATABASE_URL), demo data
 * on first run, the demo pages and the bundle, on 127.0.0.1:8787.
 */
import { ensureFirstAdmin } from './admin/admin-accounts.js';
import { resolveAdminToken } from './admin-token.js';
import { buildGateway } from './app.js';
import { optionsFromEnv } from './config.js';
import { DataDirInUseError } from './db/data-dir.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo-seed.js';

// Files the gateway creates (the PGlite store, uploads, mail) are readable by its owner only.
process.umask(0o077);

const args = process.argv.slice(2);
const opts = optionsFromEnv();
const connectorArg = args.indexOf('--connector');
if (connectorArg !== -1) {
  const value = args[connectorArg + 1];
  if (value !== 'rt' && value !== 'embedded') {
    console.error('--connector must be embedded or rt');
    process.exit(2);
  }
  opts.connector = value;
}
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8787);
opts.publicUrl ??= `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
opts.adminToken = await resolveAdminToken(opts.dataDir!, opts.adminToken);

const app = await buildGateway(opts).catch((err: unknown) => {
  if (!(err instanceof DataDirInUseError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const seeded = await seedDemo(app, { tickets: app.connector.name === 'embedded' });
// The first site owner, when there is no admin account yet: its password is shown here once and stored only as a hash.
const firstAdmin = await ensureFirstAdmin(app);
await app.listen({ host, port });

const store = opts.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `PGlite in ${app.dataDir}`;
console.log(`
Portico gateway — ${opts.publicUrl}/
  protocol   ${opts.publicUrl}/portico/v1
  tickets    ${app.connector.name} connector; store: ${store}${seeded ? ' (demo data seeded)' : ''}
  mail       ${opts.smtp ? 'SMTP' : app.outboxDir}
  console    ${opts.publicUrl}/admin/ — site owners and agents (more accounts: npm run gateway -- create-admin)
  admin API  npm run gateway -- help   (token in PORTICO_ADMIN_TOKEN or ${app.dataDir}/admin-token)
${
  firstAdmin
    ? `
Console sign-in of the first site owner — shown this once, stored only as a hash:
  ${firstAdmin.email}   password ${firstAdmin.password}
`
    : ''
}
Demo sign-ins (password "${DEMO_PASSWORD}"):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(22)} ${u.role === 'company' ? 'company user' : 'user'}`).join('\n')}
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void app.close().then(() => process.exit(0));
  });
}
