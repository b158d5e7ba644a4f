import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { signInStyles } from './sign-in.styles.js';
import { PorticoError } from '../../core/errors.js';
import { issueText, problemText } from '../../core/problem-text.js';
import {
  isEmailAddress,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  type FieldIssue,
  type PortalSettings,
} from '../../protocol/index.js';

type Field = 'name' | 'email' | 'password' | 'consent';

/**
 * Sign-up where the portal allows it: name, e-mail, password (its rule
 * shown) and the portal's consent text with a checkbox. The gateway mails
 * a link to confirm the address; the account exists (and is signed in) once
 * that link is opened (core/auth-link.ts `verify`). <portico-sign-in> loads
 * and shows it.
 *
 * @event portico-back - "Back to sign in".
 */
export class PorticoRegister extends PorticoElement {
  static override styles = [tokens, signInStyles];

  /** The portal settings (consent text), handed down by <portico-sign-in>. */
  @property({ attribute: false }) portal: PortalSettings | null = null;
  /** Pre-fills the e-mail field with what was typed in the sign-in form. */
  @property() email = '';

  @state() private values: Record<Exclude<Field, 'consent'>, string> = { name: '', email: '', password: '' };
  @state() private consent = false;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private alert: string | null = null;
  @state() private pending = false;
  /** Set once the gateway took the registration: the address to confirm. */
  @state() private sentTo: string | null = null;

  @query('h2') private heading?: HTMLElement;
  #focusFirstError = false;
  #focusHeading = false;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('email') && this.email && !this.values.email) this.values = { ...this.values, email: this.email };
  }

  protected override firstUpdated(): void {
    this.heading?.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.heading?.focus();
    }
    if (!this.#focusFirstError) return;
    this.#focusFirstError = false;
    const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.alertRegion;
    target?.focus();
  }

  private get alertRegion(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="alert"]');
  }

  #input(field: Exclude<Field, 'consent'>, label: string, type: string, autocomplete: string, hint?: string) {
    const id = `register-${field}`;
    const error = this.errors[field];
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${this.values[field]}
        @input=${(e: Event) => {
          this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value };
          if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
        }}
      />
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}
    </div>`;
  }

  override render() {
    if (this.sentTo) {
      return html`<div part="base">
        <h2 tabindex="-1">${msg('Check your inbox', { id: 'signIn.magicSent.heading' })}</h2>
        <p role="status">
          ${msg(str`We have emailed a link to ${this.sentTo}. Open it to confirm your address and finish signing up.`, {
            id: 'signIn.register.sent',
          })}
        </p>
        <div class="actions">
          <button class="link" type="button" @click=${() => this.emit('portico-back', {})}>
            ${msg('Back to sign in', { id: 'signIn.backToSignIn' })}
          </button>
        </div>
      </div>`;
    }
    const consentText = this.portal?.registration.consentText ?? '';
    const consentError = this.errors.consent;
    return html`<div part="base">
      <h2 tabindex="-1">${msg('Create an account', { id: 'signIn.register.heading' })}</h2>
      <div part="alert" role="alert" tabindex="-1">${this.alert ?? nothing}</div>
      <form part="form" novalidate @submit=${this.#submit} aria-busy=${this.pending ? 'true' : 'false'}>
        ${this.#input('name', msg('Name', { id: 'portal.profile.name' }), 'text', 'name')}
        ${this.#input('email', msg('Email address', { id: 'signIn.email' }), 'email', 'username')}
        ${this.#input(
          'password',
          msg('Password', { id: 'signIn.password' }),
          'password',
          'new-password',
          msg(str`At least ${PASSWORD_MIN_LENGTH} characters.`, { id: 'portal.password.hint' }),
        )}
        ${
          consentText
            ? html`<div class="field">
              <label class="check">
                <input
                  type="checkbox"
                  name="consent"
                  required
                  aria-invalid=${consentError ? 'true' : 'false'}
                  aria-describedby=${consentError ? 'register-consent-error' : nothing}
                  .checked=${this.consent}
                  @change=${(e: Event) => {
                    this.consent = (e.target as HTMLInputElement).checked;
                    this.errors = { ...this.errors, consent: undefined };
                  }}
                />
                <span>${consentText}</span>
              </label>
              ${consentError ? html`<span class="error" id="register-consent-error">${consentError}</span>` : nothing}
            </div>`
            : nothing
        }
        <div class="actions">
          <button part="submit" class="button primary" type="submit" ?disabled=${this.pending}>
            ${
              this.pending
                ? msg('Creating your account…', { id: 'signIn.register.pending' })
                : msg('Create account', { id: 'signIn.register.submit' })
            }
          </button>
          <button class="link" type="button" ?disabled=${this.pending} @click=${() => this.emit('portico-back', {})}>
            ${msg('Back to sign in', { id: 'signIn.backToSignIn' })}
          </button>
        </div>
      </form>
    </div>`;
  }

  #issue(field: Field, issue: Pick<FieldIssue, 'code' | 'params'>): string {
    const labels: Record<Field, string> = {
      name: msg('Name', { id: 'portal.profile.name' }),
      email: msg('Email address', { id: 'signIn.email' }),
      password: msg('Password', { id: 'signIn.password' }),
      consent: this.portal?.registration.consentText ?? '',
    };
    return issueText(issue, { label: labels[field], checkbox: field === 'consent' });
  }

  /** The checks the gateway makes, in the browser first (src/protocol rules). */
  #check(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.values.name.trim()) errors.name = this.#issue('name', { code: 'required' });
    if (!isEmailAddress(this.values.email.trim())) errors.email = this.#issue('email', { code: 'email' });
    const pw = passwordProblem(this.values.password);
    if (pw) errors.password = this.#issue('password', pw);
    if (this.portal?.registration.consentText && !this.consent)
      errors.consent = this.#issue('consent', { code: 'consent-required' });
    return errors;
  }

  #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const services = this.services;
    if (!services || this.pending) return;
    this.alert = null;
    this.errors = this.#check();
    if (Object.values(this.errors).some(Boolean)) {
      this.#focusFirstError = true;
      return;
    }
    this.pending = true;
    try {
      await services.backend.register({
        name: this.values.name.trim(),
        email: this.values.email.trim(),
        password: this.values.password,
        consent: this.consent,
        locale: this.locale,
      });
      this.values = { ...this.values, password: '' };
      this.sentTo = this.values.email.trim();
      this.#focusHeading = true;
    } catch (err) {
      const issues = err instanceof PorticoError ? err.fieldIssues : {};
      const fields = (['name', 'email', 'password', 'consent'] as const).filter((f) => issues[f]);
      this.errors = Object.fromEntries(fields.map((f) => [f, this.#issue(f, issues[f]!)]));
      this.alert = fields.length ? null : problemText(err);
      this.#focusFirstError = true;
    } finally {
      this.pending = false;
    }
  };
}
