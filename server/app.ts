import Fastify, { type FastifyInstance } from 'fastify';
import { isEmailAddress } from '../src/protocol/index.js';
import type { GatewayOptions } from './config.js';
import { ADMIN_PREFIX, PROTOCOL_PREFIX } from './http/prefixes.js';
import { answerClientError, sendProblem, toProblem } from './http/problem.js';
import { admin } from './plugins/admin.js';
import { authPlugin } from './plugins/auth.js';
import { connectorPlugin } from './plugins/connector.js';
import { httpPlugin } from './plugins/http.js';
import { protocol } from './plugins/protocol.js';
import { servicesPlugin, startingSettings } from './plugins/services.js';
import { staticFiles } from './plugins/static.js';
import { storePlugin } from './plugins/store.js';
import { mailOptOutRoutes } from './routes/mail-opt-out.js';
import './gateway-context.js';

export { ADMIN_PREFIX, PROTOCOL_PREFIX };

/**
 * The gateway with every plugin registered, not yet ready: the store, the
 * connector, the services, HTTP (errors, security headers, CORS, limits),
 * authentication, the protocol at /portico/v1, the admin API at /admin/v1 and
 * the demo and bundle at / and /dist/. Routes added before `ready()` get the
 * same treatment (closed unless they say `config: { auth: 'public' }`).
 */
export function createGateway(opts: GatewayOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimitBytes ?? 256 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // Opening and migrating the database may take a while on a busy machine; it never did time out.
    pluginTimeout: 0,
    // Requests Node refuses (431 headers too large, broken HTTP) and errors before routing
    // (a malformed URL, 414 a path segment over maxParamLength) answer as problems too.
    clientErrorHandler: answerClientError,
    frameworkErrors: (err, _req, reply) => {
      void sendProblem(reply, toProblem(err));
    },
    // Refuse unknown fields and wrong types instead of silently fixing them.
    ajv: {
      // allowUnionTypes: a type list such as ["string", "object", "null"] (a text or a text per language).
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: true,
        allowUnionTypes: true,
      },
      // After ajv-formats: the protocol's e-mail rule is the `email` format.
      onCreate: (ajv) => ajv.addFormat('email', isEmailAddress),
    },
  });
  const { portal } = startingSettings(opts, false);
  void app.register(storePlugin, opts);
  void app.register(connectorPlugin, opts);
  void app.register(servicesPlugin, opts);
  void app.register(httpPlugin, { rateLimit: opts.rateLimit, maxUploadBytes: portal.uploads.maxBytes });
  void app.register(authPlugin);
  void app.register(protocol, { prefix: PROTOCOL_PREFIX });
  void app.register(admin, { prefix: ADMIN_PREFIX });
  void app.register(mailOptOutRoutes);
  if (opts.serveStatic ?? true) void app.register(staticFiles);
  return app;
}

/** The gateway, ready (migrations run, connector started); listening is up to the caller. */
export async function buildGateway(opts: GatewayOptions = {}): Promise<FastifyInstance> {
  const app = createGateway(opts);
  try {
    await app.ready();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
