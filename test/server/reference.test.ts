import { authorizationMatrix } from './suites/authorization.suite.js';
import { badInputSuite } from './suites/bad-input.suite.js';
import { portalContentSuite } from './suites/portal-content.suite.js';
import { protocolSuite } from './suites/protocol.suite.js';
import { referenceGateway } from './helpers/reference-gateway.js';

// The reference backend of the component tests (test/reference/), held to the suites the gateway passes.
const make = referenceGateway();
protocolSuite('reference backend', make);
authorizationMatrix('reference backend', make);
badInputSuite('reference backend', make);
portalContentSuite('reference backend', make);
