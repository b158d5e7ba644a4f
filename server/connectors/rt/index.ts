/**
 * The `rt` connector: Request Tracker 5 through REST2. The gateway loads this
 * module when PORTICO_CONNECTOR=rt (or --connector rt). See docs/rt.md.
 */
import type { TicketConnector } from '../connector.js';
import { RtConnector, type RtConnectorOptions } from './rt-connector.js';
import { rtSettingsFromEnv } from './rt-config.js';

export { RtConnector } from './rt-connector.js';
export { rtSettingsFromEnv, type RtSettings } from './rt-config.js';

/**
 * Settings: RT_URL (http://127.0.0.1:8780), RT_TOKEN or RT_USER/RT_PASSWORD,
 * RT_QUEUE (General), RT_POLL_MS (5000), RT_TIMEOUT_MS (15000), RT_FIELD_MAP
 * (JSON); whatever is unset comes from .portico-data/rt.env (RT_ENV_FILE).
 */
export function createRtConnector(env: NodeJS.ProcessEnv, options?: RtConnectorOptions): RtConnector & TicketConnector {
  return new RtConnector(rtSettingsFromEnv(env), options);
}
