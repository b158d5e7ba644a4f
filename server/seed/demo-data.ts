/**
 * The demo's people and organisations as plain data (no Node, no database):
 * the gateway's seed stores them, and the browser tests' reference backend
 * serves the same records.
 */
import type { OrganizationInput } from '../store/organizations.js';

export const DEMO_PASSWORD = 'portico-demo';

export const DEMO_USERS = [
  { email: 'carol@acme.example', name: 'Carol Jansen', role: 'company' as const },
  { email: 'dave@acme.example', name: 'Dave de Vries', role: 'user' as const },
  { email: 'erin@globex.example', name: 'Erin Rossi', role: 'company' as const },
];

// Fixed ids: Request Tracker's demo tickets (scripts/rt/setup.pl) carry them in the Organization field.
export const DEMO_ACME = {
  id: 'org-acme',
  name: 'Acme Corp',
  domains: ['acme.example', 'acme-corp.example'],
  routingAssignee: 'Team Blue',
  address: 'Keizersgracht 1, 1015 CJ Amsterdam',
  phone: '+31 20 555 0100',
  accountManager: { name: 'Sam Bakker', email: 'sam@portico.example' },
} satisfies OrganizationInput;

export const DEMO_GLOBEX = {
  id: 'org-globex',
  name: 'Globex',
  domains: ['globex.example'],
  address: 'Via Roma 10, 20121 Milano',
  phone: '+39 02 555 0199',
} satisfies OrganizationInput;
