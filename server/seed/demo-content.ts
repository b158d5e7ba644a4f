import type { FormSchema } from '../../src/protocol/index.js';
import type { ArticleInput } from '../store/articles.js';

/** The two demo forms of docs/protocol.md. */
export const DEMO_FORMS: FormSchema[] = [
  {
    id: 'general',
    name: {
      en: 'Ask a question or report a problem',
      nl: 'Stel een vraag of meld een probleem',
      de: 'Eine Frage stellen oder ein Problem melden',
      fr: 'Poser une question ou signaler un problème',
      it: 'Fai una domanda o segnala un problema',
      nb: 'Still et spørsmål eller meld fra om et problem',
      he: 'שאלה או דיווח על תקלה',
    },
    description: {
      en: 'For anything that is not an access request.',
      nl: 'Voor alles behalve een toegangsaanvraag.',
      de: 'Für alle Anliegen außer Zugangsanträgen.',
      fr: 'Pour toute demande autre qu’une demande d’accès.',
      it: 'Per tutto ciò che non è una richiesta di accesso.',
      nb: 'For alt som ikke er en tilgangsforespørsel.',
      he: 'לכל נושא שאינו בקשת גישה.',
    },
    service: 'General support',
    fields: [
      {
        id: 'subject',
        type: 'text',
        label: { en: 'Subject', nl: 'Onderwerp', de: 'Betreff', fr: 'Objet', it: 'Oggetto', nb: 'Emne', he: 'נושא' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'description',
        type: 'textarea',
        label: {
          en: 'Description',
          nl: 'Omschrijving',
          de: 'Beschreibung',
          fr: 'Description',
          it: 'Descrizione',
          nb: 'Beskrivelse',
          he: 'תיאור',
        },
        required: true,
        maxLength: 20000,
      },
      {
        id: 'product',
        type: 'select',
        label: {
          en: 'Product',
          nl: 'Product',
          de: 'Produkt',
          fr: 'Produit',
          it: 'Prodotto',
          nb: 'Produkt',
          he: 'מוצר',
        },
        required: true,
        options: [
          {
            value: 'portal',
            label: {
              en: 'Customer portal',
              nl: 'Klantportaal',
              de: 'Kundenportal',
              fr: 'Portail client',
              it: 'Portale clienti',
              nb: 'Kundeportal',
              he: 'פורטל לקוחות',
            },
          },
          {
            value: 'billing',
            label: {
              en: 'Billing',
              nl: 'Facturatie',
              de: 'Abrechnung',
              fr: 'Facturation',
              it: 'Fatturazione',
              nb: 'Fakturering',
              he: 'חיובים',
            },
          },
          {
            value: 'mobile-app',
            label: {
              en: 'Mobile app',
              nl: 'Mobiele app',
              de: 'Mobile App',
              fr: 'Application mobile',
              it: 'App mobile',
              nb: 'Mobilapp',
              he: 'אפליקציה לנייד',
            },
          },
          { value: 'api', label: { en: 'API', nl: 'API', de: 'API', fr: 'API', it: 'API', nb: 'API', he: 'API' } },
        ],
      },
      {
        id: 'urgency',
        type: 'select',
        label: {
          en: 'Urgency',
          nl: 'Urgentie',
          de: 'Dringlichkeit',
          fr: 'Urgence',
          it: 'Urgenza',
          nb: 'Hastegrad',
          he: 'דחיפות',
        },
        default: 'normal',
        options: [
          {
            value: 'low',
            label: { en: 'Low', nl: 'Laag', de: 'Niedrig', fr: 'Faible', it: 'Bassa', nb: 'Lav', he: 'נמוכה' },
          },
          {
            value: 'normal',
            label: {
              en: 'Normal',
              nl: 'Normaal',
              de: 'Normal',
              fr: 'Normale',
              it: 'Normale',
              nb: 'Normal',
              he: 'רגילה',
            },
          },
          {
            value: 'high',
            label: {
              en: 'High — work is blocked',
              nl: 'Hoog — werk ligt stil',
              de: 'Hoch — die Arbeit steht still',
              fr: 'Haute — le travail est bloqué',
              it: 'Alta — il lavoro è bloccato',
              nb: 'Høy — arbeidet har stoppet opp',
              he: 'גבוהה — העבודה משותקת',
            },
          },
        ],
      },
      {
        id: 'attachment',
        type: 'file',
        label: {
          en: 'Attachment',
          nl: 'Bijlage',
          de: 'Anhang',
          fr: 'Pièce jointe',
          it: 'Allegato',
          nb: 'Vedlegg',
          he: 'קובץ מצורף',
        },
        help: {
          en: 'Screenshots, logs or PDFs up to 10 MB.',
          nl: 'Schermafdrukken, logs of pdf’s tot 10 MB.',
          de: 'Screenshots, Logdateien oder PDFs bis 10 MB.',
          fr: 'Captures d’écran, journaux ou PDF jusqu’à 10 Mo.',
          it: 'Screenshot, log o PDF fino a 10 MB.',
          nb: 'Skjermbilder, logger eller PDF-er på opptil 10 MB.',
          he: 'צילומי מסך, קובצי לוג או קובצי PDF בגודל של עד 10 MB.',
        },
      },
    ],
  },
  {
    id: 'access-request',
    name: {
      en: 'Request access to a system',
      nl: 'Toegang tot een systeem aanvragen',
      de: 'Zugang zu einem System beantragen',
      fr: 'Demander l’accès à un système',
      it: 'Richiedi l’accesso a un sistema',
      nb: 'Be om tilgang til et system',
      he: 'בקשת גישה למערכת',
    },
    description: {
      en: 'Your manager is asked to approve.',
      nl: 'Je leidinggevende wordt om akkoord gevraagd.',
      de: 'Ihre Führungskraft wird um Genehmigung gebeten.',
      fr: 'Votre responsable est invité à donner son accord.',
      it: 'Al tuo responsabile viene chiesto di approvare.',
      nb: 'Lederen din blir bedt om å godkjenne.',
      he: 'הבקשה תועבר לאישור הממונה עליך.',
    },
    service: 'Access management',
    fields: [
      {
        id: 'subject',
        type: 'text',
        label: { en: 'Subject', nl: 'Onderwerp', de: 'Betreff', fr: 'Objet', it: 'Oggetto', nb: 'Emne', he: 'נושא' },
        required: true,
        maxLength: 300,
        default: 'Access request',
      },
      {
        id: 'description',
        type: 'textarea',
        label: {
          en: 'Description',
          nl: 'Omschrijving',
          de: 'Beschreibung',
          fr: 'Description',
          it: 'Descrizione',
          nb: 'Beskrivelse',
          he: 'תיאור',
        },
        required: true,
      },
      {
        id: 'system',
        type: 'select',
        label: { en: 'System', nl: 'Systeem', de: 'System', fr: 'Système', it: 'Sistema', nb: 'System', he: 'מערכת' },
        required: true,
        options: [
          { value: 'crm', label: { en: 'CRM', nl: 'CRM', de: 'CRM', fr: 'CRM', it: 'CRM', nb: 'CRM', he: 'CRM' } },
          {
            value: 'erp',
            label: {
              en: 'ERP (finance)',
              nl: 'ERP (financiën)',
              de: 'ERP (Finanzen)',
              fr: 'ERP (finance)',
              it: 'ERP (finanza)',
              nb: 'ERP (økonomi)',
              he: 'ERP (כספים)',
            },
          },
          { value: 'vpn', label: { en: 'VPN', nl: 'VPN', de: 'VPN', fr: 'VPN', it: 'VPN', nb: 'VPN', he: 'VPN' } },
          {
            value: 'wiki',
            label: { en: 'Wiki', nl: 'Wiki', de: 'Wiki', fr: 'Wiki', it: 'Wiki', nb: 'Wiki', he: 'ויקי' },
          },
        ],
      },
      {
        id: 'start-date',
        type: 'date',
        label: {
          en: 'Start date',
          nl: 'Startdatum',
          de: 'Startdatum',
          fr: 'Date de début',
          it: 'Data di inizio',
          nb: 'Startdato',
          he: 'תאריך התחלה',
        },
        required: true,
      },
      {
        id: 'manager-email',
        type: 'email',
        label: {
          en: 'Manager’s e-mail',
          nl: 'E-mail van je leidinggevende',
          de: 'E-Mail-Adresse Ihrer Führungskraft',
          fr: 'E-mail de votre responsable',
          it: 'E-mail del tuo responsabile',
          nb: 'E-postadressen til lederen din',
          he: 'כתובת האימייל של הממונה עליך',
        },
        required: true,
      },
      {
        id: 'reason',
        type: 'textarea',
        label: {
          en: 'Why do you need it?',
          nl: 'Waarom heb je het nodig?',
          de: 'Wofür benötigen Sie den Zugang?',
          fr: 'Pourquoi en avez-vous besoin ?',
          it: 'Perché ti serve?',
          nb: 'Hvorfor trenger du det?',
          he: 'לשם מה נדרשת הגישה?',
        },
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
