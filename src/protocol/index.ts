/**
 * Portico protocol v1: the wire types and every rule both sides apply. The
 * browser library and the gateway import this module; it imports nothing
 * from either (nor from any library), so a rule written here is the rule.
 */
export * from './email.js';
export * from './forms.js';
export * from './links.js';
export * from './locales.js';
export * from './passwords.js';
export * from './problems.js';
export * from './status.js';
export * from './uploads.js';
export * from './wire.js';
export * from './knowledge.js';
export * from './rating.js';
export * from './customer-import.js';
