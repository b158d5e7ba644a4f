import {
  CHAT_MESSAGE_FORM_ID,
  textInLocale,
  type PortalCapabilities,
  type PortalSettings,
  type StoredPortalSettings,
} from '../../src/protocol/index.js';
import type { Database } from '../db/database.js';
import { BadInput } from '../errors.js';
import type { MailTemplateOverrides } from '../mail/templates.js';

/** Settings the gateway acts on but never publishes in GET /portal. */
export interface ServerSettings {
  /** HubSpot's idle session timeout. */
  sessionIdleMinutes: number;
  /** Upper bound of a session however active it is. */
  sessionMaxHours: number;
  /** OneDesk: create an organisation for an unknown company e-mail domain. */
  autoCreateOrganizations: boolean;
  /** Built-in chat only for these organisations; null = everybody signed in. */
  chatOrganizationIds: string[] | null;
  /** Whether an agent is there to chat (outside this, availability says `offline`). */
  chatOnline: boolean;
  /**
   * Mail the requester when an agent answers or solves a ticket (each customer can opt out).
   * Turn off when the helpdesk mails them itself (an RT with "On Correspond Notify Requestors").
   */
  mailNotifications: boolean;
  /** The site owner's own mail texts: kind → locale → { subject, text } with {placeholders}. */
  mailTemplates: MailTemplateOverrides;
}

export interface PortalConfig {
  portal: StoredPortalSettings;
  server: ServerSettings;
}

/** Settings with nested objects optional all the way down. */
export type PortalConfigPatch = {
  portal?: {
    [K in keyof StoredPortalSettings]?: StoredPortalSettings[K] extends object
      ? Partial<StoredPortalSettings[K]>
      : StoredPortalSettings[K];
  };
  server?: Partial<ServerSettings>;
};

export const DEFAULT_PORTAL: StoredPortalSettings = {
  name: 'Portico Support',
  logoUrl: null,
  branding: {},
  locales: ['en', 'nl', 'it', 'nb', 'de', 'fr'],
  defaultLocale: 'en',
  loginMethods: ['password', 'magic-link'],
  registration: {
    enabled: true,
    consentText: {
      en: 'I agree that my details are used to handle my support requests.',
      nl: 'Ik ga ermee akkoord dat mijn gegevens worden gebruikt om mijn supportvragen af te handelen.',
      de: 'Ich bin damit einverstanden, dass meine Angaben zur Bearbeitung meiner Supportanfragen verwendet werden.',
      fr: 'J’accepte que mes données soient utilisées pour traiter mes demandes d’assistance.',
      it: 'Accetto che i miei dati vengano usati per gestire le mie richieste di assistenza.',
      nb: 'Jeg godtar at opplysningene mine brukes til å behandle supporthenvendelsene mine.',
      he: 'אני מסכים/ה שהפרטים שלי ישמשו לטיפול בפניות התמיכה שלי.',
    },
  },
  statusLabelMode: 'full',
  showAgentNames: true,
  companyUsersCanReplyToColleagues: false,
  organizationVisibility: true,
  allowClose: true,
  allowReopen: true,
  anonymousTickets: false,
  requester: { name: 'visible', email: 'visible', phone: 'editable', organization: 'visible' },
  profile: { editable: true, canChangePassword: true, showOrganizationDetails: true, showAccountManager: true },
  chat: {
    enabled: true,
    provider: 'builtin',
    providerId: null,
    providerBaseUrl: null,
    providerSetsCookies: false,
    offlineFormId: CHAT_MESSAGE_FORM_ID,
  },
  analytics: { ga4MeasurementId: null, privacyPolicyUrl: null, consentVersion: '1', showLogoInBanner: false },
  uploads: {
    maxBytes: 10 * 1024 * 1024,
    maxFiles: 5,
    allowedTypes: [
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain',
      'text/csv',
      'application/zip',
      '.png',
      '.jpg',
      '.jpeg',
      '.gif',
      '.webp',
      '.pdf',
      '.txt',
      '.log',
      '.csv',
      '.zip',
    ],
  },
  capabilities: {
    chat: true,
    articles: true,
    attachments: true,
    organizations: true,
    close: true,
    reopen: true,
    registration: true,
  },
};

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  autoCreateOrganizations: true,
  chatOrganizationIds: null,
  chatOnline: true,
  mailNotifications: true,
  mailTemplates: {},
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Settings set as a whole: texts per language replace the earlier ones, so a
 * language the site owner left out falls back to their default language
 * rather than keeping a built-in text that says something else.
 */
const SET_WHOLE = new Set(['portal.registration.consentText']);

/** Merges objects key by key (from the settings' root: `at` is where `base` is); arrays and scalars replace. */
export function deepMerge<T>(base: T, patch: unknown, at = ''): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const path = at ? `${at}.${k}` : k;
    out[k] = !SET_WHOLE.has(path) && isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k], v, path) : v;
  }
  return out as T;
}

/** The consent text a visitor reading `locale` is asked to accept (null: none is asked). */
export function consentTextFor(portal: StoredPortalSettings, locale: string | null): string | null {
  return textInLocale(portal.registration.consentText, locale, portal.defaultLocale) || null;
}

/** The settings as GET /portal publishes them to a visitor reading `locale`. */
export function publicPortal(portal: StoredPortalSettings, locale: string | null): PortalSettings {
  return { ...portal, registration: { ...portal.registration, consentText: consentTextFor(portal, locale) } };
}

const CACHE_MS = 5000;

/**
 * Effective settings = defaults ← options given to buildGateway ← what an admin
 * stored. Cached briefly: several gateway instances on one server pick up an
 * admin change within seconds.
 */
export class SettingsStore {
  #cache: { at: number; value: PortalConfig } | null = null;

  constructor(
    private readonly db: Database,
    private readonly base: PortalConfig,
    private readonly connectorCapabilities: Partial<PortalCapabilities>,
  ) {}

  async get(): Promise<PortalConfig> {
    if (this.#cache && Date.now() - this.#cache.at < CACHE_MS) return this.#cache.value;
    const rows = await this.db.query<{ settings: PortalConfigPatch }>(
      'SELECT settings FROM portal_settings WHERE id = 1',
    );
    const merged = deepMerge(this.base, rows[0]?.settings ?? {});
    merged.portal = this.#withCapabilities(merged.portal);
    this.#cache = { at: Date.now(), value: merged };
    return merged;
  }

  /** Stores an admin change (merged into earlier ones) and returns the new settings. */
  async update(patch: PortalConfigPatch): Promise<PortalConfig> {
    const rows = await this.db.query<{ settings: PortalConfigPatch }>(
      'SELECT settings FROM portal_settings WHERE id = 1',
    );
    const stored = deepMerge(rows[0]?.settings ?? {}, patch);
    // Rules across fields, on the settings as they would be: a refused change stores nothing.
    const next = deepMerge(this.base, stored);
    if (!next.portal.locales.includes(next.portal.defaultLocale))
      throw BadInput.field(patch.portal?.locales ? 'portal.locales' : 'portal.defaultLocale', 'one-of');
    await this.db.query(
      `INSERT INTO portal_settings (id, settings, updated_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [JSON.stringify(stored)],
    );
    this.#cache = null;
    return this.get();
  }

  /** Drops every stored admin change: back to the options the gateway was started with. */
  async reset(): Promise<PortalConfig> {
    await this.db.query('DELETE FROM portal_settings');
    this.#cache = null;
    return this.get();
  }

  #withCapabilities(p: StoredPortalSettings): StoredPortalSettings {
    const c = this.connectorCapabilities;
    const capabilities: PortalCapabilities = {
      chat: p.chat.enabled && (c.chat ?? true),
      articles: c.articles ?? true,
      attachments: c.attachments ?? true,
      organizations: c.organizations ?? true,
      close: p.allowClose && (c.close ?? true),
      reopen: p.allowReopen && (c.reopen ?? true),
      registration: p.registration.enabled && (c.registration ?? true),
    };
    return { ...p, capabilities };
  }
}
