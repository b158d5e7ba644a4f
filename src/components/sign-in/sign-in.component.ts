import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { signInStyles } from './sign-in.styles.js';
import { PorticoError } from '../../core/errors.js';
import { problemCodeText, problemText } from '../../core/problem-text.js';
import type { PorticoServices } from '../../core/services.js';
import { isEmailAddress } from '../../protocol/index.js';
import { takePendingAuthLink, type AuthLink } from '../../core/auth-link.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { redeemLink, renderExpiry, renderRegisterOffer } from './sign-in.parts.js';
import { renderNotConfigured, stateViewStyles } from '../shared/state-views.js';

type View = 'password' | 'magic-sent' | 'reset' | 'reset-sent' | 'magic-pending' | 'set-password' | 'register';
type Pending = 'password' | 'magic' | 'reset' | null;

/**
 * Sign-in form: e-mail and password, a magic link where the portal offers
 * one, and a password-reset request. Other elements render it in place of
 * their content when the backend answers 401 or the session store says
 * signed out.
 *
 * On success it sets the session on the shared SessionStore (elements that
 * watch the store reload) and emits `portico-signed-in`; from then on it
 * shows who is signed in instead of the form.
 *
 * A mailed link the page was opened with (core/auth-link.ts) is finished
 * here: a magic link signs in, a reset or invitation link shows "choose a new
 * password" (<portico-set-password>, loaded on demand). Where the portal
 * allows it, "Create an account" opens <portico-register> (also on demand).
 *
 * @event portico-signed-in - `{userId}` after a successful sign-in, whichever way.
 *
 * @csspart base - The wrapper.
 * @csspart form - The active form.
 * @csspart alert - The error region (focused when an error appears).
 * @csspart submit - The primary button of the active view.
 *
 * @cssproperty --portico-sign-in-max-width - Maximum width of the form.
 */
export class PorticoSignIn extends PorticoElement {
  static override styles = [tokens, stateViewStyles, signInStyles];

  /** Pre-fills the e-mail field (e.g. from a host page that knows the user). */
  @property() email = '';

  @state() private view: View = 'password';
  @state() private password = '';
  @state() private pending: Pending = null;
  @state() private error: string | null = null;
  /** Something to tell before the form (a confirmed ticket). */
  @state() private notice: string | null = null;
  /** Which field the error is about, for aria-invalid. */
  @state() private invalidField: 'email' | 'password' | null = null;

  @query('[part="alert"]') private alertRegion?: HTMLElement;
  @query('h2') private heading?: HTMLElement;

  #focusAlert = false;
  #focusHeading = false;
  #resetToken = '';
  /** Re-renders on sign-in and sign-out elsewhere (another element, Portico.signOut()). */
  protected readonly sessionWatch = new SessionWatchController(this, () => this.services?.session);

  override connectedCallback(): void {
    super.connectedCallback();
    const link = takePendingAuthLink();
    if (!link) return;
    this.email = link.email || this.email;
    if (link.kind === 'reset') {
      this.#resetToken = link.token;
      void this.#show('set-password', () => import('./set-password.js'));
    } else {
      this.view = 'magic-pending';
      void this.#redeem(link);
    }
  }

  /** Loads a view's element (a chunk of its own) before switching to it. */
  async #show(view: View, load: () => Promise<unknown>): Promise<void> {
    try {
      await load();
      this.go(view);
    } catch (err) {
      this.go('password');
      this.fail(problemText(err));
    }
  }

  /** A magic link or a registration's verification link signs in; a ticket's confirmation link only confirms. */
  async #redeem(link: AuthLink): Promise<void> {
    // Services may come through context a moment after connecting.
    await this.updateComplete;
    const services = this.services;
    if (!services) return;
    try {
      const session = await redeemLink(services, link);
      this.go('password');
      if (!session) {
        this.notice = msg('Your request is confirmed. Sign in to follow it with your other tickets.', {
          id: 'signIn.ticketConfirmed',
        });
        return;
      }
      services.session.set(session);
      this.emit('portico-signed-in', { userId: session.user.id });
    } catch (err) {
      this.go('password');
      const expired = err instanceof PorticoError && ['link-invalid', 'unauthorized'].includes(err.code);
      this.fail(expired ? problemCodeText('link-invalid') : problemText(err));
    }
  }

  private portalTask = new Task(this, {
    task: async ([services], { signal }) => {
      if (!services) return null;
      // Without portal settings the password form still works; only the magic link hides.
      return services.backend.getPortal({ signal }).catch(() => null);
    },
    args: () => [this.services] as const,
  });

  private get magicLinkOffered(): boolean {
    return this.portalTask.value?.loginMethods.includes('magic-link') ?? false;
  }

  private get passwordOffered(): boolean {
    const methods = this.portalTask.value?.loginMethods;
    return !methods || methods.includes('password');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusAlert && this.error) {
      this.#focusAlert = false;
      this.alertRegion?.focus();
    } else if (this.#focusHeading) {
      this.#focusHeading = false;
      this.heading?.focus();
    }
  }

  override render() {
    const services = this.services;
    if (!services) {
      return renderNotConfigured();
    }
    const session = services.session.session;
    if (session) {
      return html`<div part="base">
        <p role="status">${msg(str`Signed in as ${session.user.name}`, { id: 'portal.signedInAs' })}</p>
      </div>`;
    }
    return html`<div part="base">${this.renderView(services)}</div>`;
  }

  private renderView(services: PorticoServices) {
    switch (this.view) {
      case 'magic-pending':
        return html`<h2 tabindex="-1">${msg('Sign in', { id: 'signIn.heading' })}</h2>
          <p role="status">${msg('Signing in…', { id: 'signIn.pending' })}</p>`;
      case 'set-password':
        return html`<portico-set-password
          .token=${this.#resetToken}
          email=${this.email}
          @portico-request-new-link=${(e: CustomEvent<{ email: string }>) => {
            this.email = e.detail.email || this.email;
            this.go('reset');
          }}
        ></portico-set-password>`;
      case 'register':
        return html`<portico-register
          .portal=${this.portalTask.value ?? null}
          email=${this.email}
          @portico-back=${(e: Event) => {
            e.stopPropagation();
            this.go('password');
          }}
        ></portico-register>`;
      case 'password':
        return this.renderPasswordView(services);
      case 'magic-sent':
        return this.renderSentView(
          msg('Check your inbox', { id: 'signIn.magicSent.heading' }),
          msg(
            str`If ${this.email} has an account, we have emailed a sign-in link to it. Open the link on this device to sign in.`,
            {
              id: 'signIn.magicSent.body',
            },
          ),
        );
      case 'reset':
        return this.renderResetView(services);
      case 'reset-sent':
        return this.renderSentView(
          msg('Check your inbox', { id: 'signIn.resetSent.heading' }),
          msg(str`If ${this.email} has an account, we have emailed a link to choose a new password.`, {
            id: 'signIn.resetSent.body',
          }),
        );
    }
  }

  private renderAlert() {
    return html`<div part="alert" role="alert" tabindex="-1">${this.error ?? nothing}</div>`;
  }

  private renderEmailField(id: string) {
    return html`<div class="field">
      <label for=${id}>${msg('Email address', { id: 'signIn.email' })}</label>
      <input
        id=${id}
        name="email"
        type="email"
        autocomplete="username"
        inputmode="email"
        spellcheck="false"
        required
        aria-invalid=${this.invalidField === 'email' ? 'true' : 'false'}
        .value=${this.email}
        @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private renderPasswordView(services: PorticoServices) {
    const busy = this.pending !== null;
    return html`
      <h2 tabindex="-1">${msg('Sign in', { id: 'signIn.heading' })}</h2>
      ${renderExpiry(services.session.expiry, this.notice)} ${this.renderAlert()}
      <form part="form" novalidate @submit=${(e: Event) => this.onPasswordSubmit(e, services)} aria-busy=${busy ? 'true' : 'false'}>
        ${this.renderEmailField('sign-in-email')}
        ${
          this.passwordOffered
            ? html`<div class="field">
                <label for="sign-in-password">${msg('Password', { id: 'signIn.password' })}</label>
                <input
                  id="sign-in-password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  required
                  aria-invalid=${this.invalidField === 'password' ? 'true' : 'false'}
                  .value=${this.password}
                  @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
                />
              </div>
              <div class="actions">
                <button part="submit" class="button primary" type="submit" ?disabled=${busy}>
                  ${
                    this.pending === 'password'
                      ? msg('Signing in…', { id: 'signIn.pending' })
                      : msg('Sign in', { id: 'signIn.submit' })
                  }
                </button>
                <button class="link" type="button" ?disabled=${busy} @click=${this.showReset}>
                  ${msg('Forgot password?', { id: 'signIn.forgot' })}
                </button>
              </div>`
            : nothing
        }
        ${
          this.magicLinkOffered
            ? html`<div class="actions">
              ${this.passwordOffered ? html`<span class="separator">${msg('or', { id: 'signIn.or' })}</span>` : nothing}
              <button
                class="button"
                type="button"
                part=${this.passwordOffered ? 'magic-link' : 'submit magic-link'}
                ?disabled=${busy}
                @click=${() => this.requestMagicLink(services)}
              >
                ${
                  this.pending === 'magic'
                    ? msg('Sending…', { id: 'signIn.sending' })
                    : msg('Email me a sign-in link', { id: 'signIn.magicLink' })
                }
              </button>
            </div>`
            : nothing
        }
      </form>
      ${renderRegisterOffer(this.portalTask.value ?? null, busy, this.showRegister)}
    `;
  }

  private renderResetView(services: PorticoServices) {
    const busy = this.pending !== null;
    return html`
      <h2 tabindex="-1">${msg('Reset your password', { id: 'signIn.reset.heading' })}</h2>
      <p>${msg('Enter the email address you sign in with. We will email you a link to choose a new password.', { id: 'signIn.reset.intro' })}</p>
      ${this.renderAlert()}
      <form part="form" novalidate @submit=${(e: Event) => this.onResetSubmit(e, services)} aria-busy=${busy ? 'true' : 'false'}>
        ${this.renderEmailField('reset-email')}
        <div class="actions">
          <button part="submit" class="button primary" type="submit" ?disabled=${busy}>
            ${
              this.pending === 'reset'
                ? msg('Sending…', { id: 'signIn.sending' })
                : msg('Send reset link', { id: 'signIn.reset.submit' })
            }
          </button>
          <button class="link" type="button" ?disabled=${busy} @click=${this.showPasswordView}>
            ${msg('Back to sign in', { id: 'signIn.backToSignIn' })}
          </button>
        </div>
      </form>
    `;
  }

  private renderSentView(heading: string, body: string) {
    return html`
      <h2 tabindex="-1">${heading}</h2>
      <p role="status">${body}</p>
      <div class="actions">
        <button class="link" type="button" @click=${this.showPasswordView}>
          ${msg('Back to sign in', { id: 'signIn.backToSignIn' })}
        </button>
      </div>
    `;
  }

  private showReset = (): void => this.go('reset');
  private showRegister = (): void => void this.#show('register', () => import('./register.js'));
  private showPasswordView = (): void => this.go('password');

  private go(view: View): void {
    this.view = view;
    this.error = null;
    this.invalidField = null;
    this.#focusHeading = true;
  }

  private fail(message: string, field: 'email' | 'password' | null = null): void {
    this.error = message;
    this.invalidField = field;
    this.#focusAlert = true;
  }

  /** Checks the e-mail field the way the gateway would, before a round trip. */
  private checkEmail(): boolean {
    const email = this.email.trim();
    if (!email) {
      this.fail(msg('Enter your email address.', { id: 'signIn.error.emailMissing' }), 'email');
      return false;
    }
    if (!isEmailAddress(email)) {
      this.fail(msg('Enter an email address like name@example.com.', { id: 'signIn.error.emailInvalid' }), 'email');
      return false;
    }
    return true;
  }

  private async onPasswordSubmit(event: Event, services: PorticoServices): Promise<void> {
    event.preventDefault();
    if (this.pending) return;
    if (!this.passwordOffered) return this.requestMagicLink(services);
    if (!this.checkEmail()) return;
    if (!this.password) {
      this.fail(msg('Enter your password.', { id: 'signIn.error.passwordMissing' }), 'password');
      return;
    }
    this.pending = 'password';
    this.error = null;
    this.invalidField = null;
    try {
      const session = await services.backend.signIn({
        email: this.email.trim(),
        password: this.password,
        mode: services.config.authMode,
      });
      if (!session) throw new Error('The gateway accepted the sign-in but returned no session');
      this.password = '';
      services.session.set(session);
      this.emit('portico-signed-in', { userId: session.user.id });
    } catch (err) {
      this.fail(this.describe(err, 'password'));
    } finally {
      this.pending = null;
    }
  }

  private async requestMagicLink(services: PorticoServices): Promise<void> {
    if (this.pending || !this.checkEmail()) return;
    this.pending = 'magic';
    this.error = null;
    this.invalidField = null;
    try {
      await services.backend.signIn({ email: this.email.trim(), magicLink: true, mode: services.config.authMode });
      this.go('magic-sent');
    } catch (err) {
      this.fail(this.describe(err, 'request'));
    } finally {
      this.pending = null;
    }
  }

  private async onResetSubmit(event: Event, services: PorticoServices): Promise<void> {
    event.preventDefault();
    if (this.pending || !this.checkEmail()) return;
    this.pending = 'reset';
    this.error = null;
    this.invalidField = null;
    try {
      await services.backend.requestPasswordReset(this.email.trim());
      this.go('reset-sent');
    } catch (err) {
      this.fail(this.describe(err, 'request'));
    } finally {
      this.pending = null;
    }
  }

  /** A sentence the user can act on; never the raw server text for credentials. */
  private describe(err: unknown, what: 'password' | 'request'): string {
    const credentials = ['unauthorized', 'invalid-credentials', 'validation', 'bad-request'];
    if (what === 'password' && err instanceof PorticoError && credentials.includes(err.code)) {
      return msg('The email address or password is not right. Check both and try again.', {
        id: 'signIn.error.credentials',
      });
    }
    return problemText(err);
  }
}
