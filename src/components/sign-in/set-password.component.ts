import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { signInStyles } from './sign-in.styles.js';
import { PorticoError } from '../../core/errors.js';
import { issueText, problemCodeText, problemText } from '../../core/problem-text.js';
import { isEmailAddress, PASSWORD_MIN_LENGTH, passwordProblem } from '../../protocol/index.js';

/**
 * "Choose a new password", opened from a mailed reset or invitation link:
 * the new password with its rule shown, then a sign-in with it. A link that
 * expired or was used already says so and offers to send a new one.
 * <portico-sign-in> loads and shows it; it is not meant to stand alone.
 *
 * @event portico-signed-in - `{userId}` once the new password is set and the person signed in.
 * @event portico-request-new-link - `{email}`: the link is dead; the sign-in form shows the reset request.
 */
export class PorticoSetPassword extends PorticoElement {
  static override styles = [tokens, signInStyles];

  /** The token from the link. */
  @property({ attribute: false }) token = '';
  /** The address from the link; when absent the form asks for it. */
  @property() email = '';

  @state() private typedEmail = '';
  @state() private password = '';
  @state() private pending = false;
  @state() private error: string | null = null;
  @state() private invalidField: 'email' | 'password' | null = null;
  @state() private linkDead = false;

  @query('[part="alert"]') private alertRegion?: HTMLElement;
  @query('h2') private heading?: HTMLElement;
  #focus: 'alert' | 'heading' | null = 'heading';

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focus === 'alert' && this.error) this.alertRegion?.focus();
    else if (this.#focus === 'heading') this.heading?.focus();
    this.#focus = null;
  }

  override render() {
    if (this.linkDead) return this.#renderDeadLink();
    const hintId = 'new-password-hint';
    return html`<div part="base">
      <h2 tabindex="-1">${msg('Choose a new password', { id: 'signIn.newPassword.heading' })}</h2>
      <p>${msg('Choose the password you will sign in with from now on.', { id: 'signIn.newPassword.intro' })}</p>
      <div part="alert" role="alert" tabindex="-1">${this.error ?? nothing}</div>
      <form part="form" novalidate @submit=${this.#submit} aria-busy=${this.pending ? 'true' : 'false'}>
        <div class="field">
          <label for="new-password-email">${msg('Email address', { id: 'signIn.email' })}</label>
          <input
            id="new-password-email"
            name="email"
            type="email"
            autocomplete="username"
            spellcheck="false"
            required
            ?readonly=${!!this.email}
            aria-invalid=${this.invalidField === 'email' ? 'true' : 'false'}
            .value=${this.email || this.typedEmail}
            @input=${(e: Event) => (this.typedEmail = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="new-password">${msg('New password', { id: 'portal.password.next' })}</label>
          <input
            id="new-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength=${PASSWORD_MIN_LENGTH}
            aria-describedby=${hintId}
            aria-invalid=${this.invalidField === 'password' ? 'true' : 'false'}
            .value=${this.password}
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
          />
          <span class="hint" id=${hintId}>
            ${msg(str`At least ${PASSWORD_MIN_LENGTH} characters.`, { id: 'portal.password.hint' })}
          </span>
        </div>
        <div class="actions">
          <button part="submit" class="button primary" type="submit" ?disabled=${this.pending}>
            ${
              this.pending
                ? msg('Saving…', { id: 'portal.profile.saving' })
                : msg('Save password and sign in', { id: 'signIn.newPassword.submit' })
            }
          </button>
        </div>
      </form>
    </div>`;
  }

  #renderDeadLink() {
    return html`<div part="base">
      <h2 tabindex="-1">${msg('This link does not work any more', { id: 'signIn.linkDead.heading' })}</h2>
      <p role="alert">${problemCodeText('link-invalid')}</p>
      <div class="actions">
        <button part="submit" class="button primary" type="button" @click=${this.#requestNewLink}>
          ${msg('Send me a new link', { id: 'signIn.linkDead.newLink' })}
        </button>
      </div>
    </div>`;
  }

  #requestNewLink = (): void => {
    this.emit('portico-request-new-link', { email: this.email || this.typedEmail.trim() });
  };

  #fail(text: string, field: 'email' | 'password' | null): void {
    this.error = text;
    this.invalidField = field;
    this.#focus = 'alert';
  }

  #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const services = this.services;
    if (!services || this.pending) return;
    const email = (this.email || this.typedEmail).trim();
    if (!isEmailAddress(email)) {
      this.#fail(msg('Enter an email address like name@example.com.', { id: 'signIn.error.emailInvalid' }), 'email');
      return;
    }
    // The same rule the gateway applies (src/protocol/passwords.ts), before a round trip.
    const rule = passwordProblem(this.password);
    if (rule) {
      this.#fail(issueText(rule, { label: msg('New password', { id: 'portal.password.next' }) }), 'password');
      return;
    }
    this.pending = true;
    this.error = null;
    this.invalidField = null;
    try {
      await services.backend.confirmPasswordReset(this.token, this.password);
    } catch (err) {
      this.pending = false;
      if (err instanceof PorticoError && err.code === 'link-invalid') {
        this.linkDead = true;
        this.#focus = 'heading';
      } else {
        const issue = err instanceof PorticoError ? err.fieldIssues?.password : undefined;
        this.#fail(
          issue ? issueText(issue, { label: msg('New password', { id: 'portal.password.next' }) }) : problemText(err),
          issue ? 'password' : null,
        );
      }
      return;
    }
    try {
      const session = await services.backend.signIn({
        email,
        password: this.password,
        mode: services.config.authMode,
      });
      if (!session) throw new Error('The gateway accepted the sign-in but returned no session');
      this.password = '';
      services.session.set(session);
      this.emit('portico-signed-in', { userId: session.user.id });
    } catch (err) {
      // The password is set; only the sign-in failed (a typo in a typed address, say).
      this.#fail(problemText(err), null);
    } finally {
      this.pending = false;
    }
  };
}
