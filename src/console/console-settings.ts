import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { getLocale } from '../core/i18n.js';
import { localeDirection } from '../protocol/index.js';
import { problemText } from '../core/problem-text.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import type { AdminSettings, ConsoleApi, SettingsPatch } from './console-api.js';
import { consoleBase } from './console.styles.js';
import { fieldErrors } from './console-forms.js';

/** `texts`: a text per language of the portal (one string stored earlier is the text in every language). */
type Kind = 'boolean' | 'number' | 'text' | 'labels' | 'texts';

/** One setting: where it lives in the settings, how it is edited, what it is called and does. */
interface Setting {
  path: string;
  kind: Kind;
  label: () => string;
  help?: () => string;
}

interface Group {
  id: string;
  title: () => string;
  settings: Setting[];
}

/** The settings a site owner changes most, grouped the way TOPdesk's settings blocks group them. */
const GROUPS: Group[] = [
  {
    id: 'portal',
    title: () => msg('Portal', { id: 'console.settings.group.portal' }),
    settings: [
      {
        path: 'portal.name',
        kind: 'text',
        label: () => msg('Portal name', { id: 'console.settings.name' }),
        help: () => msg('Shown in the support panel’s header and in mails.', { id: 'console.settings.name.help' }),
      },
      {
        path: 'portal.statusLabelMode',
        kind: 'labels',
        label: () => msg('Statuses customers see', { id: 'console.settings.statusLabelMode' }),
      },
    ],
  },
  {
    id: 'functionality',
    title: () => msg('What customers can do', { id: 'console.settings.group.functionality' }),
    settings: [
      {
        path: 'portal.anonymousTickets',
        kind: 'boolean',
        label: () => msg('Visitors who are not signed in may send a request', { id: 'console.settings.anonymous' }),
        help: () => msg('They give their name and e-mail address with it.', { id: 'console.settings.anonymous.help' }),
      },
      {
        path: 'portal.allowClose',
        kind: 'boolean',
        label: () => msg('Customers may close their tickets', { id: 'console.settings.allowClose' }),
      },
      {
        path: 'portal.allowReopen',
        kind: 'boolean',
        label: () => msg('Customers may reopen a closed ticket', { id: 'console.settings.allowReopen' }),
      },
      {
        path: 'portal.organizationVisibility',
        kind: 'boolean',
        label: () => msg('Company users see their organisation’s tickets', { id: 'console.settings.orgVisibility' }),
      },
      {
        path: 'portal.showAgentNames',
        kind: 'boolean',
        label: () => msg('Show agents’ names on answers', { id: 'console.settings.agentNames' }),
        help: () => msg('Otherwise answers are signed “Support team”.', { id: 'console.settings.agentNames.help' }),
      },
    ],
  },
  {
    id: 'access',
    title: () => msg('Sign-in and registration', { id: 'console.settings.group.access' }),
    settings: [
      {
        path: 'portal.registration.enabled',
        kind: 'boolean',
        label: () => msg('Anyone may create an account', { id: 'console.settings.registration' }),
      },
      {
        path: 'portal.registration.consentText',
        kind: 'texts',
        label: () => msg('Consent text on the sign-up form', { id: 'console.settings.consent' }),
        help: () =>
          msg(
            'Customers tick it to create an account, in their language. A language left empty shows the text of the portal’s default language; with every one empty, no consent is asked.',
            { id: 'console.settings.consent.help' },
          ),
      },
      {
        path: 'server.sessionIdleMinutes',
        kind: 'number',
        label: () => msg('Sign out after this many idle minutes', { id: 'console.settings.idle' }),
      },
    ],
  },
  {
    id: 'chat',
    title: () => msg('Chat', { id: 'launcher.tab.chat' }),
    settings: [
      {
        path: 'portal.chat.enabled',
        kind: 'boolean',
        label: () => msg('Offer the chat', { id: 'console.settings.chat' }),
      },
      {
        path: 'server.chatOnline',
        kind: 'boolean',
        label: () => msg('Agents are available for chat now', { id: 'console.settings.chatOnline' }),
        help: () =>
          msg('When nobody is, visitors leave a message that becomes a ticket.', {
            id: 'console.settings.chatOnline.help',
          }),
      },
    ],
  },
];

/** A text per locale, as the gateway stores texts in several languages. */
type Texts = Record<string, string>;
type Value = string | number | boolean | Texts | null;

function read(settings: AdminSettings, path: string): Value {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], settings) as Value;
}

/** A `texts` setting per language: one string stored earlier is the default language's (and so every language's). */
function textsOf(value: Value, defaultLocale: string): Texts {
  if (typeof value === 'string') return value ? { [defaultLocale]: value } : {};
  return value && typeof value === 'object' ? value : {};
}

/** The languages a `texts` setting is written in: the portal's, then any other it already has. */
function languagesOf(settings: AdminSettings, texts: Texts): string[] {
  return [...new Set([...settings.portal.locales, ...Object.keys(texts)])];
}

/** A language's name in the console's own language ("Dutch", "Nederlands"). */
function languageName(locale: string): string {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** The change `path = value` as a settings patch: `{portal: {chat: {enabled: false}}}`. */
function patchOf(changes: Map<string, Value>): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of changes) {
    const keys = path.split('.');
    let at = patch;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  }
  return patch as SettingsPatch;
}

/**
 * The site owner's portal settings: each with what it does, checked by the
 * gateway (a refused value is named at its field and nothing is stored), and
 * an undo for the last save.
 */
export class PorticoConsoleSettings extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      fieldset {
        /* A fieldset is as wide as its widest content by default: a long option would push the page sideways. */
        min-inline-size: 0;
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        margin: 0 0 var(--_space-4);
        padding: var(--_space-3) var(--_space-4);
        display: grid;
        gap: var(--_space-3);
      }
      legend {
        font-weight: 700;
        padding-inline: var(--_space-1);
      }
      .setting {
        display: grid;
        gap: var(--_space-1);
      }
      .check {
        display: flex;
        gap: var(--_space-2);
        align-items: start;
      }
      .help {
        margin: 0;
        color: var(--_color-muted);
      }
      input[type='text'],
      input[type='number'],
      select {
        inline-size: 100%;
        max-inline-size: 24rem;
      }
      textarea {
        inline-size: 100%;
        max-inline-size: 40rem;
        font: inherit;
      }
      fieldset.texts {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  @state() private changes = new Map<string, Value>();
  @state() private errors = new Map<string, string>();
  @state() private notice = '';
  @state() private saving = false;
  /** What the last save replaced, for Undo. */
  @state() private undo: Map<string, Value> | null = null;

  #load = new Task(this, {
    task: async ([api]) => (api ? api.settings() : null),
    args: () => [this.api] as const,
  });

  override render(): TemplateResult {
    return html`<h2>${msg('Settings', { id: 'console.settings' })}</h2>
      ${this.#load.render({
        pending: () => (this.#load.value ? this.#renderForm(this.#load.value) : renderLoading()),
        error: (err) =>
          renderLoadError(msg('The settings could not be loaded.', { id: 'console.settings.loadFailed' }), err, () =>
            this.#load.run(),
          ),
        complete: (settings) => (settings ? this.#renderForm(settings) : nothing),
      })}`;
  }

  #value(settings: AdminSettings, path: string): Value {
    return this.changes.has(path) ? this.changes.get(path)! : read(settings, path);
  }

  #renderForm(settings: AdminSettings): TemplateResult {
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.#save(e, settings)}>
      ${GROUPS.map(
        (g) => html`<fieldset>
          <legend>${g.title()}</legend>
          ${g.settings.map((s) =>
            s.kind === 'texts' ? this.#renderTexts(s, settings) : this.#renderSetting(s, this.#value(settings, s.path)),
          )}
        </fieldset>`,
      )}
      <div class="row">
        <button class="button primary" type="submit" ?disabled=${this.saving || this.changes.size === 0}>
          ${msg('Save', { id: 'console.settings.save' })}
        </button>
        ${
          this.undo
            ? html`<button class="button" type="button" ?disabled=${this.saving} @click=${() => this.#undo()}>
              ${msg('Undo', { id: 'console.settings.undo' })}
            </button>`
            : nothing
        }
        <p role="status">${this.notice}</p>
      </div>
    </form>`;
  }

  #renderSetting(s: Setting, value: Value): TemplateResult {
    const id = s.path.replaceAll('.', '-');
    const error = this.errors.get(s.path);
    const described = [s.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const set = (v: Value) => {
      this.changes = new Map(this.changes).set(s.path, v);
      this.errors = new Map([...this.errors].filter(([p]) => p !== s.path));
    };
    const help = s.help ? html`<p class="help" id="${id}-help">${s.help()}</p>` : nothing;
    const errorText = error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
    if (s.kind === 'boolean') {
      return html`<div class="setting">
        <span class="check">
          <input
            type="checkbox"
            id=${id}
            .checked=${value === true}
            aria-describedby=${described ?? nothing}
            @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
          />
          <label for=${id}>${s.label()}</label>
        </span>
        ${help} ${errorText}
      </div>`;
    }
    const control =
      s.kind === 'labels'
        ? html`<select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
            <option value="full" ?selected=${value === 'full'}>
              ${msg('Every status (new, open, pending, solved, closed)', { id: 'console.settings.labels.full' })}
            </option>
            <option value="simple" ?selected=${value === 'simple'}>
              ${msg('Open and closed only', { id: 'console.settings.labels.simple' })}
            </option>
          </select>`
        : html`<input
            type=${s.kind === 'number' ? 'number' : 'text'}
            id=${id}
            .value=${String(value)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${described ?? nothing}
            @input=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              // A number field sends what was typed; the gateway names a value that is not a whole number.
              set(s.kind === 'number' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw);
            }}
          />`;
    return html`<div class="setting">
      <label for=${id}>${s.label()}</label>
      ${control} ${help} ${errorText}
    </div>`;
  }

  /** A text per language: one box each, under the setting's name; empty ones are left out, all empty is null. */
  #renderTexts(s: Setting, settings: AdminSettings): TemplateResult {
    const id = s.path.replaceAll('.', '-');
    const texts = textsOf(this.#value(settings, s.path), settings.portal.defaultLocale);
    const error = this.errors.get(s.path);
    const set = (locale: string, text: string) => {
      const next: Texts = { ...texts, [locale]: text };
      for (const [l, t] of Object.entries(next)) if (!t.trim()) delete next[l];
      this.changes = new Map(this.changes).set(s.path, Object.keys(next).length ? next : null);
      this.errors = new Map([...this.errors].filter(([p]) => p !== s.path && !p.startsWith(`${s.path}.`)));
    };
    return html`<fieldset class="setting texts" aria-describedby=${s.help ? `${id}-help` : nothing}>
      <legend>${s.label()}</legend>
      ${s.help ? html`<p class="help" id="${id}-help">${s.help()}</p>` : nothing}
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      ${languagesOf(settings, texts).map((locale) => {
        const boxId = `${id}-${locale}`;
        const boxError = this.errors.get(`${s.path}.${locale}`);
        const invalid = !!(boxError || error);
        return html`<div class="setting">
          <label for=${boxId}>${languageName(locale)}</label>
          <textarea
            id=${boxId}
            lang=${locale}
            dir=${localeDirection(locale)}
            rows="3"
            .value=${texts[locale] ?? ''}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${
              [boxError ? `${boxId}-error` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing
            }
            @input=${(e: Event) => set(locale, (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${boxError ? html`<p class="error" id="${boxId}-error">${boxError}</p>` : nothing}
        </div>`;
      })}
    </fieldset>`;
  }

  async #save(event: SubmitEvent, settings: AdminSettings): Promise<void> {
    event.preventDefault();
    const before = new Map([...this.changes.keys()].map((p) => [p, read(settings, p)] as const));
    if (await this.#apply(this.changes)) {
      this.undo = before;
      this.notice = msg('Saved. Customers see the change from their next page view.', {
        id: 'console.settings.saved',
      });
    }
  }

  async #undo(): Promise<void> {
    if (!this.undo) return;
    if (await this.#apply(this.undo)) {
      this.undo = null;
      this.notice = msg('The last change was undone.', { id: 'console.settings.undone' });
    }
  }

  /** Sends `changes`; true when the gateway took them. A refusal keeps what was typed and names each field. */
  async #apply(changes: Map<string, Value>): Promise<boolean> {
    if (!this.api) return false;
    this.saving = true;
    this.notice = '';
    try {
      await this.api.updateSettings(patchOf(changes));
      this.changes = new Map();
      this.errors = new Map();
      await this.#load.run();
      return true;
    } catch (err) {
      this.errors = fieldErrors(err, (path) => {
        const s = GROUPS.flatMap((g) => g.settings).find((x) => path === x.path || path.startsWith(`${x.path}.`));
        if (!s) return path;
        // A text per language: `portal.registration.consentText.nl` is that setting's Dutch box.
        return path === s.path ? s.label() : `${s.label()} (${languageName(path.slice(s.path.length + 1))})`;
      });
      this.notice = this.errors.size
        ? msg('Nothing was saved: check the fields marked.', { id: 'console.settings.invalid' })
        : problemText(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return false;
    } finally {
      this.saving = false;
    }
  }
}
