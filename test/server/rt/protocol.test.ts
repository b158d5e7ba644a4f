import { startGateway } from '../helpers/gateway-harness.js';
import { authorizationMatrix } from '../suites/authorization.suite.js';
import { badInputSuite } from '../suites/bad-input.suite.js';
import { protocolSuite } from '../suites/protocol.suite.js';

const make = startGateway({ connector: 'rt', env: process.env });
protocolSuite('Request Tracker', make);
authorizationMatrix('Request Tracker', make);
badInputSuite('Request Tracker', make);
