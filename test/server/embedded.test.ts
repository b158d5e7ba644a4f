import { authorizationMatrix } from './suites/authorization.suite.js';
import { badInputSuite } from './suites/bad-input.suite.js';
import { portalContentSuite } from './suites/portal-content.suite.js';
import { protocolSuite } from './suites/protocol.suite.js';
import { embeddedGateway } from './helpers/gateway-harness.js';

// The embedded connector on PGlite in memory.
const make = embeddedGateway();
protocolSuite('embedded (PGlite)', make);
authorizationMatrix('embedded (PGlite)', make);
badInputSuite('embedded (PGlite)', make);
portalContentSuite('embedded (PGlite)', make);
