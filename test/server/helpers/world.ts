import { randomBytes } from 'node:crypto';
import type { AdminClient } from './gateway-harness.js';
import { seedForms } from './gateway-harness.js';

export const PASSWORD = 'correct horse battery';

export interface World {
  /** Unique per call, so suites can share one PostgreSQL server. */
  tag: string;
  orgA: { id: string; name: string; domain: string; extraDomain: string };
  orgB: { id: string; name: string; domain: string };
  /** company user of A */
  alice: { id: string; email: string };
  /** plain user of A */
  bob: { id: string; email: string };
  /** plain user of B */
  cat: { id: string; email: string };
  /** company user of B */
  dan: { id: string; email: string };
}

/** Two organisations and four people, made through the admin API. */
export async function makeWorld(admin: AdminClient): Promise<World> {
  const tag = randomBytes(4).toString('hex');
  await seedForms(admin);
  const domain = `a-${tag}.example`;
  const extraDomain = `a-${tag}-extra.example`;
  // On Request Tracker the routing assignee must be an RT user: rt-up creates `Team A`.
  const a = await admin.createOrg({ name: `Org A ${tag}`, domains: [domain, extraDomain], routingAssignee: 'Team A' });
  const bDomain = `b-${tag}.example`;
  const b = await admin.createOrg({ name: `Org B ${tag}`, domains: [bDomain] });
  const user = async (local: string, d: string, role: 'user' | 'company', orgId: string) => {
    const u = await admin.createUser({
      email: `${local}@${d}`,
      name: local[0]!.toUpperCase() + local.slice(1),
      role,
      organizationId: orgId,
      password: PASSWORD,
    });
    return { id: u.id, email: u.email };
  };
  return {
    tag,
    orgA: { id: a.id, name: a.name, domain, extraDomain },
    orgB: { id: b.id, name: b.name, domain: bDomain },
    alice: await user('alice', domain, 'company', a.id),
    bob: await user('bob', extraDomain, 'user', a.id),
    cat: await user('cat', bDomain, 'user', b.id),
    dan: await user('dan', bDomain, 'company', b.id),
  };
}

export const generalTicket = (subject: string, extra: Record<string, unknown> = {}) => ({
  formId: 'general',
  subject,
  body: { format: 'text', content: `About: ${subject}` },
  fields: { product: 'api', urgency: 'normal' },
  ...extra,
});
