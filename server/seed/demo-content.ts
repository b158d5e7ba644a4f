import type { FormSchema } from '../../src/protocol/index.js';
import type { ArticleInput } from '../store/articles.js';

/** The two demo forms of docs/protocol.md. */
export const DEMO_FORMS: FormSchema[] = [
  {
    id: 'general',
    name: { en: 'Ask a question or report a problem', nl: 'Stel een vraag of meld een probleem' },
    description: { en: 'For anything that is not an access request.', nl: 'Voor alles behalve een toegangsaanvraag.' },
    service: 'General support',
    fields: [
      { id: 'subject', type: 'text', label: { en: 'Subject', nl: 'Onderwerp' }, required: true, maxLength: 300 },
      {
        id: 'description',
        type: 'textarea',
        label: { en: 'Description', nl: 'Omschrijving' },
        required: true,
        maxLength: 20000,
      },
      {
        id: 'product',
        type: 'select',
        label: { en: 'Product', nl: 'Product' },
        required: true,
        options: [
          { value: 'portal', label: { en: 'Customer portal', nl: 'Klantportaal' } },
          { value: 'billing', label: { en: 'Billing', nl: 'Facturatie' } },
          { value: 'mobile-app', label: { en: 'Mobile app', nl: 'Mobiele app' } },
          { value: 'api', label: { en: 'API', nl: 'API' } },
        ],
      },
      {
        id: 'urgency',
        type: 'select',
        label: { en: 'Urgency', nl: 'Urgentie' },
        default: 'normal',
        options: [
          { value: 'low', label: { en: 'Low', nl: 'Laag' } },
          { value: 'normal', label: { en: 'Normal', nl: 'Normaal' } },
          { value: 'high', label: { en: 'High — work is blocked', nl: 'Hoog — werk ligt stil' } },
        ],
      },
      {
        id: 'attachment',
        type: 'file',
        label: { en: 'Attachment', nl: 'Bijlage' },
        help: { en: 'Screenshots, logs or PDFs up to 10 MB.', nl: 'Schermafdrukken, logs of pdf’s tot 10 MB.' },
      },
    ],
  },
  {
    id: 'access-request',
    name: { en: 'Request access to a system', nl: 'Toegang tot een systeem aanvragen' },
    description: { en: 'Your manager is asked to approve.', nl: 'Je leidinggevende wordt om akkoord gevraagd.' },
    service: 'Access management',
    fields: [
      {
        id: 'subject',
        type: 'text',
        label: { en: 'Subject', nl: 'Onderwerp' },
        required: true,
        maxLength: 300,
        default: 'Access request',
      },
      { id: 'description', type: 'textarea', label: { en: 'Description', nl: 'Omschrijving' }, required: true },
      {
        id: 'system',
        type: 'select',
        label: { en: 'System', nl: 'Systeem' },
        required: true,
        options: [
          { value: 'crm', label: { en: 'CRM', nl: 'CRM' } },
          { value: 'erp', label: { en: 'ERP (finance)', nl: 'ERP (financiën)' } },
          { value: 'vpn', label: { en: 'VPN', nl: 'VPN' } },
          { value: 'wiki', label: { en: 'Wiki', nl: 'Wiki' } },
        ],
      },
      { id: 'start-date', type: 'date', label: { en: 'Start date', nl: 'Startdatum' }, required: true },
      {
        id: 'manager-email',
        type: 'email',
        label: { en: 'Manager’s e-mail', nl: 'E-mail van je leidinggevende' },
        required: true,
      },
      {
        id: 'reason',
        type: 'textarea',
        label: { en: 'Why do you need it?', nl: 'Waarom heb je het nodig?' },
        required: true,
        maxLength: 2000,
        condition: { field: 'system', equals: ['erp', 'vpn'] },
      },
    ],
  },
];

/** Articles open in the portal's knowledge view (`#/kb/<id>`); the widget shows them itself. */
const KB = 'http://127.0.0.1:8787/portal.html#/kb';

/** The body of a demo article, in Markdown (rendered through the sanitizer). */
function articleBody(excerpt: string, steps: string[], locale: 'en' | 'nl'): string {
  const heading = locale === 'nl' ? 'Zo doe je het' : 'Step by step';
  const more = locale === 'nl' ? 'Kom je er niet uit? **Maak een melding** aan.' : 'Still stuck? **Open a ticket**.';
  return `${excerpt}\n\n### ${heading}\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\n${more}`;
}

export const DEMO_ARTICLES: ArticleInput[] = [
  [
    'reset-password',
    'Reset your password',
    'Forgot your password? Ask for a reset link on the sign-in page; it is valid for one hour.',
  ],
  [
    'magic-link',
    'Sign in without a password',
    'Choose “E-mail me a sign-in link” and open the link within 15 minutes on the same device.',
  ],
  [
    'vpn-setup',
    'Set up the VPN on your laptop',
    'Install the VPN client, import the profile from the wiki and sign in with your company account.',
  ],
  [
    'vpn-slow',
    'VPN is slow or disconnects',
    'Switch to the nearest gateway, check your Wi-Fi and update the client; still slow? Send us a log.',
  ],
  [
    'invoice-copy',
    'Get a copy of an invoice',
    'Invoices of the last seven years are under Billing → Documents; older ones we send on request.',
  ],
  [
    'invoice-wrong',
    'My invoice looks wrong',
    'Check the period and the number of seats first; then open a ticket with the invoice number.',
  ],
  [
    'mobile-login',
    'The mobile app does not sign me in',
    'Update the app, check the date and time on your phone, then sign out and in again.',
  ],
  [
    'mobile-notifications',
    'No notifications from the mobile app',
    'Allow notifications for the app in your phone’s settings and turn off battery saving for it.',
  ],
  [
    'api-keys',
    'Create and rotate API keys',
    'API keys live under Settings → API. Rotate them every 90 days; old keys work for 24 hours more.',
  ],
  [
    'api-rate-limits',
    'API rate limits',
    'Each key may send 600 requests per minute; a 429 answer says when to try again (Retry-After).',
  ],
  [
    'export-data',
    'Export your data',
    'Settings → Export makes a ZIP of your records; large exports arrive by e-mail within an hour.',
  ],
  [
    'access-erp',
    'Who approves ERP access?',
    'Your manager approves access to the ERP; finance adds the roles within two working days.',
  ],
].map(([slug, title, excerpt]) => ({
  id: `kb-${slug}`,
  title: title!,
  excerpt: excerpt!,
  body: articleBody(excerpt!, ['Read the summary above.', 'Follow it on your own device.'], 'en'),
  url: `${KB}/kb-${slug}`,
  locale: 'en',
}));

/** Dutch articles: the knowledge base in the customer's language (TOPdesk's Dutch portal). */
export const DEMO_ARTICLES_NL: ArticleInput[] = [
  [
    'wachtwoord-vergeten',
    'Wachtwoord vergeten?',
    'Vraag op de aanmeldpagina een herstellink aan; die is een uur geldig.',
    [
      'Kies “Wachtwoord vergeten” op de aanmeldpagina.',
      'Open de link in je e-mail binnen een uur.',
      'Kies een nieuw wachtwoord van minstens 10 tekens.',
    ],
  ],
  [
    'vpn-instellen',
    'De VPN op je laptop instellen',
    'Installeer de VPN-client, importeer het profiel van de wiki en meld je aan met je bedrijfsaccount.',
    ['Installeer de VPN-client.', 'Importeer het profiel van de wiki.', 'Meld je aan met je bedrijfsaccount.'],
  ],
  [
    'toegang-erp',
    'Wie keurt toegang tot het ERP goed?',
    'Je leidinggevende keurt toegang tot het ERP goed; financiën kent de rollen binnen twee werkdagen toe.',
    ['Kies het formulier “Toegang tot een systeem aanvragen”.', 'Vul het e-mailadres van je leidinggevende in.'],
  ],
  [
    'factuur-kopie',
    'Een kopie van een factuur',
    'Facturen van de laatste zeven jaar staan onder Facturatie → Documenten; oudere sturen we op verzoek.',
    ['Open Facturatie → Documenten.', 'Kies de periode en download de pdf.'],
  ],
].map(([slug, title, excerpt, steps]) => ({
  id: `kb-nl-${slug as string}`,
  title: title as string,
  excerpt: excerpt as string,
  body: articleBody(excerpt as string, steps as string[], 'nl'),
  url: `${KB}/kb-nl-${slug as string}`,
  locale: 'nl',
}));
