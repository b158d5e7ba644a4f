import fp from 'fastify-plugin';
import type { GatewayOptions } from '../config.js';
import type { TicketConnector } from '../connectors/connector.js';
import { createEmbeddedConnector } from '../connectors/embedded/index.js';
import type { Database } from '../db/database.js';
import { getOrganization, organizationForDomain } from '../store/organizations.js';

export type ConnectorOptions = Pick<GatewayOptions, 'connector' | 'env'>;

async function makeConnector(opts: ConnectorOptions, db: Database): Promise<TicketConnector> {
  const choice = opts.connector ?? 'embedded';
  if (typeof choice === 'object') return choice;
  if (choice === 'rt') {
    // Loaded only when chosen, so the embedded setup never needs the RT module.
    const rtModule = '../connectors/rt/index.js';
    const mod = (await import(rtModule)) as {
      createRtConnector(env: NodeJS.ProcessEnv): TicketConnector | Promise<TicketConnector>;
    };
    return mod.createRtConnector(opts.env ?? process.env);
  }
  return createEmbeddedConnector(db);
}

/** The helpdesk behind the gateway (embedded, RT, or one given), started: `connector`. */
export const connectorPlugin = fp<ConnectorOptions>(
  async (app, opts) => {
    const connector = await makeConnector(opts, app.db);
    // A connector without the organisation on a ticket places it by the requester's e-mail domain.
    connector.useOrganizations?.({
      forDomain: async (domain) => {
        const org = await organizationForDomain(app.db, domain);
        return org ? { id: org.id, name: org.name } : null;
      },
      domainsOf: async (id) => (await getOrganization(app.db, id))?.domains ?? [],
    });
    await connector.start();
    app.decorate('connector', connector);
    app.addHook('onClose', () => connector.stop());
  },
  { name: 'portico-connector', fastify: '5.x', dependencies: ['portico-store'] },
);
