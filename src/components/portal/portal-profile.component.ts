import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { portalStyles } from './portal.styles.js';
import { openConsentBanner } from '../../core/consent.js';
import { ValidationError } from '../../core/errors.js';
import { issueText, problemText } from '../../core/problem-text.js';
import { renderLoading, stateViewStyles } from '../shared/state-views.js';
import {
  PASSWORD_MIN_LENGTH,
  type Organization,
  type PortalSettings,
  type ProfileUpdate,
  type User,
} from '../../protocol/index.js';

type Me = User & { organizationDetails?: Organization | null; mailNotifications?: boolean };
type ProfileField = 'name' | 'phone';
type PasswordField = 'current' | 'next' | 'confirm';

/** Shortest new password the form accepts before asking the server. */
const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

/**
 * The person's profile inside <portico-portal>: their details (editable where
 * the portal allows), password change, their organisation's branch details
 * and account manager (TOPdesk), cookie settings and sign-out.
 *
 * @event portico-signed-out - after signing out.
 */
export class PorticoPortalProfile extends PorticoElement {
  static override styles = [tokens, stateViewStyles, portalStyles];

  /** The portal settings, handed down by <portico-portal>. */
  @property({ attribute: false }) portal: PortalSettings | null = null;
  /** Opens the cookie banner; a property so hosts with their own consent tool can swap it. */
  @property({ attribute: false }) openCookieSettings: () => void = () => openConsentBanner();

  /** Where focus goes once the profile is loaded: its password change, or its first heading. */
  @property({ attribute: false }) focusSection: 'profile' | 'password' | null = null;
  #focusDone = false;

  @state() private values: Record<ProfileField, string> = { name: '', phone: '' };
  @state() private profileErrors: Partial<Record<ProfileField, string>> = {};
  @state() private profileStatus: { kind: 'saved' | 'error'; text: string } | null = null;
  @state() private saving = false;

  @state() private passwords: Record<PasswordField, string> = { current: '', next: '', confirm: '' };
  @state() private passwordErrors: Partial<Record<PasswordField, string>> = {};
  @state() private passwordStatus: { kind: 'saved' | 'error'; text: string } | null = null;
  @state() private changingPassword = false;

  /** Notification mail on or off (null until the profile says), and what saving it said. */
  @state() private mailOn: boolean | null = null;
  @state() private mailStatus: { kind: 'saved' | 'error'; text: string } | null = null;

  #me = new Task(this, {
    task: async ([backend], { signal }): Promise<Me | null> => {
      if (!backend) return null;
      return backend.getMe({ signal });
    },
    args: () => [this.services?.backend] as const,
    onComplete: (me) => {
      if (me) this.values = { name: me.name, phone: me.phone ?? '' };
      this.mailOn = me?.mailNotifications ?? null;
    },
  });

  // ---------------------------------------------------------- profile

  #onProfileInput(field: ProfileField, e: Event): void {
    this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value };
    this.profileStatus = null;
    if (this.profileErrors[field]) this.profileErrors = { ...this.profileErrors, [field]: undefined };
  }

  async #saveProfile(e: Event): Promise<void> {
    e.preventDefault();
    const backend = this.services?.backend;
    if (!backend || this.saving) return;
    const name = this.values.name.trim();
    if (!name) {
      this.profileErrors = { name: msg('Enter your name.', { id: 'portal.profile.nameRequired' }) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#profile-name')?.focus();
      return;
    }
    const update: ProfileUpdate = { name, phone: this.values.phone.trim() || null };
    this.saving = true;
    this.profileStatus = null;
    try {
      const user = await backend.updateMe(update);
      this.values = { name: user.name, phone: user.phone ?? '' };
      this.profileErrors = {};
      this.profileStatus = { kind: 'saved', text: msg('Your profile is saved.', { id: 'portal.profile.saved' }) };
      const session = this.services?.session;
      if (session?.session) session.set({ ...session.session, user: { ...session.session.user, ...user } });
    } catch (err) {
      if (err instanceof ValidationError) {
        const f = err.fieldIssues;
        this.profileErrors = {
          name: f.name && issueText(f.name, { label: msg('Name', { id: 'portal.profile.name' }) }),
          phone: f.phone && issueText(f.phone, { label: msg('Phone', { id: 'portal.profile.phone' }) }),
        };
      }
      this.profileStatus = { kind: 'error', text: this.#problemText(err) };
    } finally {
      this.saving = false;
    }
  }

  async #setMail(e: Event): Promise<void> {
    const box = e.target as HTMLInputElement;
    const backend = this.services?.backend;
    if (!backend) return;
    this.mailStatus = null;
    try {
      await backend.updateMe({ mailNotifications: box.checked });
      this.mailOn = box.checked;
      this.mailStatus = {
        kind: 'saved',
        text: box.checked
          ? msg('You get an e-mail when your ticket is answered or solved.', { id: 'portal.profile.mailOn' })
          : msg('You get no e-mail about your tickets.', { id: 'portal.profile.mailOff' }),
      };
    } catch (err) {
      box.checked = !box.checked;
      this.mailStatus = { kind: 'error', text: this.#problemText(err) };
    }
  }

  // ---------------------------------------------------------- password

  #onPasswordInput(field: PasswordField, e: Event): void {
    this.passwords = { ...this.passwords, [field]: (e.target as HTMLInputElement).value };
    this.passwordStatus = null;
    if (this.passwordErrors[field]) this.passwordErrors = { ...this.passwordErrors, [field]: undefined };
  }

  #validatePasswords(): Partial<Record<PasswordField, string>> {
    const { current, next, confirm } = this.passwords;
    const errors: Partial<Record<PasswordField, string>> = {};
    if (!current) errors.current = msg('Enter your current password.', { id: 'portal.password.currentRequired' });
    if (next.length < MIN_PASSWORD_LENGTH) {
      errors.next = msg(str`Use at least ${MIN_PASSWORD_LENGTH} characters.`, { id: 'portal.password.tooShort' });
    } else if (next === current) {
      errors.next = msg('Choose a password different from the current one.', { id: 'portal.password.same' });
    }
    if (confirm !== next) errors.confirm = msg('The passwords do not match.', { id: 'portal.password.mismatch' });
    return errors;
  }

  async #changePassword(e: Event): Promise<void> {
    e.preventDefault();
    const backend = this.services?.backend;
    if (!backend || this.changingPassword) return;
    this.passwordErrors = this.#validatePasswords();
    this.passwordStatus = null;
    const first = (['current', 'next', 'confirm'] as const).find((f) => this.passwordErrors[f]);
    if (first) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#password-${first}`)?.focus();
      return;
    }
    this.changingPassword = true;
    try {
      await backend.changePassword(this.passwords.current, this.passwords.next);
      this.passwords = { current: '', next: '', confirm: '' };
      this.passwordStatus = {
        kind: 'saved',
        text: msg('Your password is changed.', { id: 'portal.password.changed' }),
      };
    } catch (err) {
      if (err instanceof ValidationError) {
        const f = err.fieldIssues;
        this.passwordErrors = {
          current:
            f.current && issueText(f.current, { label: msg('Current password', { id: 'portal.password.current' }) }),
          next: f.next && issueText(f.next, { label: msg('New password', { id: 'portal.password.next' }) }),
        };
      }
      this.passwordStatus = { kind: 'error', text: this.#problemText(err) };
      await this.updateComplete;
      const firstInvalid = (['current', 'next'] as const).find((k) => this.passwordErrors[k]);
      if (firstInvalid) this.renderRoot.querySelector<HTMLElement>(`#password-${firstInvalid}`)?.focus();
    } finally {
      this.changingPassword = false;
    }
  }

  // ---------------------------------------------------------- sign out

  async #signOut(): Promise<void> {
    const services = this.services;
    if (!services) return;
    try {
      await services.backend.signOut();
    } finally {
      // Even if the server could not be reached, this page forgets the person.
      services.session.set(null);
      this.emit('portico-signed-out', {});
    }
  }

  #problemText(err: unknown): string {
    return problemText(err);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('focusSection')) this.#focusDone = false;
    if (!this.focusSection || this.#focusDone) return;
    const target = this.renderRoot.querySelector<HTMLElement>(
      this.focusSection === 'password' ? '#password-current' : '#details-title',
    );
    if (!target) return;
    this.#focusDone = true;
    target.scrollIntoView?.({ block: 'nearest' });
    target.focus();
  }

  // ---------------------------------------------------------- rendering

  override render() {
    return this.#me.render({
      pending: () => renderLoading(),
      error: (err) => html`<div class="state" role="alert">
        <p class="error">${this.#problemText(err)}</p>
        <button class="button" @click=${() => this.#me.run()}>${msg('Retry', { id: 'common.retry' })}</button>
      </div>`,
      complete: (me) => (me ? this.#renderProfile(me) : nothing),
    });
  }

  #renderProfile(me: Me): TemplateResult {
    const settings = this.portal?.profile;
    const editable = settings?.editable ?? false;
    return html`<div class="profile" part="profile">
      <section aria-labelledby="details-title" class="card">
        <h2 id="details-title" tabindex="-1">${msg('Your details', { id: 'portal.profile.details' })}</h2>
        ${editable ? this.#renderProfileForm(me) : this.#renderProfileReadOnly(me)}
      </section>
      ${settings?.canChangePassword ? this.#renderPasswordForm(me) : nothing}
      ${
        settings?.showOrganizationDetails && me.organizationDetails
          ? this.#renderOrganization(me.organizationDetails, settings.showAccountManager)
          : nothing
      }
      <section aria-labelledby="privacy-title" class="card">
        <h2 id="privacy-title">${msg('Privacy and session', { id: 'portal.profile.privacy' })}</h2>
        ${
          this.mailOn === null
            ? nothing
            : html`<label class="check" part="mail-notifications">
                  <input type="checkbox" .checked=${this.mailOn} @change=${this.#setMail} />
                  ${msg('E-mail me when an agent answers or solves my ticket', { id: 'portal.profile.mail' })}
                </label>
                <p class=${this.mailStatus?.kind === 'error' ? 'error' : 'saved'} role="status">
                  ${this.mailStatus?.text ?? nothing}
                </p>`
        }
        <div class="actions start">
          <button class="button" part="cookie-settings" @click=${() => this.openCookieSettings()}>
            ${msg('Cookie settings', { id: 'portal.profile.cookieSettings' })}
          </button>
          <button class="button" part="sign-out" @click=${this.#signOut}>
            ${msg('Sign out', { id: 'portal.profile.signOut' })}
          </button>
        </div>
      </section>
    </div>`;
  }

  #renderProfileReadOnly(me: Me): TemplateResult {
    return html`<dl class="facts">
      <dt>${msg('Name', { id: 'portal.profile.name' })}</dt>
      <dd>${me.name}</dd>
      <dt>${msg('E-mail address', { id: 'portal.profile.email' })}</dt>
      <dd>${me.email}</dd>
      ${
        me.phone
          ? html`<dt>${msg('Phone', { id: 'portal.profile.phone' })}</dt>
            <dd>${me.phone}</dd>`
          : nothing
      }
    </dl>`;
  }

  #renderProfileForm(me: Me): TemplateResult {
    return html`<form class="form" novalidate @submit=${this.#saveProfile} aria-labelledby="details-title">
      ${this.#field('profile-name', msg('Name', { id: 'portal.profile.name' }), {
        type: 'text',
        autocomplete: 'name',
        value: this.values.name,
        error: this.profileErrors.name,
        required: true,
        onInput: (e) => this.#onProfileInput('name', e),
      })}
      <dl class="facts">
        <dt>${msg('E-mail address', { id: 'portal.profile.email' })}</dt>
        <dd>${me.email}</dd>
      </dl>
      ${this.#field('profile-phone', msg('Phone', { id: 'portal.profile.phone' }), {
        type: 'tel',
        autocomplete: 'tel',
        value: this.values.phone,
        error: this.profileErrors.phone,
        onInput: (e) => this.#onProfileInput('phone', e),
      })}
      ${this.#status(this.profileStatus)}
      <div class="actions start">
        <button class="button primary" type="submit" aria-disabled=${this.saving} part="save-profile">
          ${this.saving ? msg('Saving…', { id: 'portal.profile.saving' }) : msg('Save', { id: 'portal.profile.save' })}
        </button>
      </div>
    </form>`;
  }

  #renderPasswordForm(me: Me): TemplateResult {
    return html`<section aria-labelledby="password-title" class="card">
      <h2 id="password-title">${msg('Change password', { id: 'portal.password.title' })}</h2>
      <form class="form" novalidate @submit=${this.#changePassword} aria-labelledby="password-title">
        <!-- Lets password managers file the new password under the right account. -->
        <input type="email" autocomplete="username" .value=${me.email} hidden readonly />
        ${this.#field('password-current', msg('Current password', { id: 'portal.password.current' }), {
          type: 'password',
          autocomplete: 'current-password',
          value: this.passwords.current,
          error: this.passwordErrors.current,
          required: true,
          onInput: (e) => this.#onPasswordInput('current', e),
        })}
        ${this.#field('password-next', msg('New password', { id: 'portal.password.next' }), {
          type: 'password',
          autocomplete: 'new-password',
          value: this.passwords.next,
          error: this.passwordErrors.next,
          required: true,
          hint: msg(str`At least ${MIN_PASSWORD_LENGTH} characters.`, { id: 'portal.password.hint' }),
          onInput: (e) => this.#onPasswordInput('next', e),
        })}
        ${this.#field('password-confirm', msg('Repeat the new password', { id: 'portal.password.confirm' }), {
          type: 'password',
          autocomplete: 'new-password',
          value: this.passwords.confirm,
          error: this.passwordErrors.confirm,
          required: true,
          onInput: (e) => this.#onPasswordInput('confirm', e),
        })}
        ${this.#status(this.passwordStatus)}
        <div class="actions start">
          <button class="button primary" type="submit" aria-disabled=${this.changingPassword} part="change-password">
            ${msg('Change password', { id: 'portal.password.submit' })}
          </button>
        </div>
      </form>
    </section>`;
  }

  #renderOrganization(org: Organization, showAccountManager: boolean): TemplateResult {
    const manager = showAccountManager ? org.accountManager : null;
    return html`<section aria-labelledby="org-title" class="card" part="organization">
      <h2 id="org-title">${msg('Your organisation', { id: 'portal.org.title' })}</h2>
      <dl class="facts">
        <dt>${msg('Name', { id: 'portal.org.name' })}</dt>
        <dd>${org.name}</dd>
        ${
          org.address
            ? html`<dt>${msg('Address', { id: 'portal.org.address' })}</dt>
              <dd>${org.address}</dd>`
            : nothing
        }
        ${
          org.phone
            ? html`<dt>${msg('Phone', { id: 'portal.org.phone' })}</dt>
              <dd>${org.phone}</dd>`
            : nothing
        }
        ${
          manager
            ? html`<dt>${msg('Account manager', { id: 'portal.org.accountManager' })}</dt>
              <dd>
                ${manager.name}${
                  manager.email ? html` — <a href="mailto:${manager.email}">${manager.email}</a>` : nothing
                }
              </dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  #status(status: { kind: 'saved' | 'error'; text: string } | null): TemplateResult | typeof nothing {
    if (!status) return nothing;
    return status.kind === 'saved'
      ? html`<p class="saved" role="status">${status.text}</p>`
      : html`<p class="error" role="alert">${status.text}</p>`;
  }

  #field(
    id: string,
    label: string,
    o: {
      type: string;
      autocomplete: string;
      value: string;
      error?: string;
      hint?: string;
      required?: boolean;
      onInput: (e: Event) => void;
    },
  ): TemplateResult {
    const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${o.type}
        autocomplete=${o.autocomplete}
        ?required=${o.required}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${o.value}
        @input=${o.onInput}
      />
      ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
      ${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : nothing}
    </div>`;
  }
}
