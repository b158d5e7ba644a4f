import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { isUnauthorized } from '../../core/errors.js';
import type { PorticoServices } from '../../core/services.js';
import { isOpenStatus, type PortalSettings, type Ticket } from '../../protocol/index.js';

export interface TicketActionsOptions {
  services(): PorticoServices | undefined;
  /** The ticket on screen. */
  ticket(): Ticket | null;
  /** Close or Reopen went through: the ticket as it is now. */
  changed(ticket: Ticket, which: 'close' | 'reopen'): void;
  /** After the next render, focus the first of these that matches. */
  focus(...selectors: string[]): void;
}

/** Close (after a confirmation) and Reopen, where the ticket's permissions allow them. */
export class TicketActionsController implements ReactiveController {
  confirmingClose = false;
  /** The change under way. */
  action: 'close' | 'reopen' | null = null;
  error: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TicketActionsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Another ticket: no confirmation or error carries over. */
  reset(): void {
    this.confirmingClose = false;
    this.error = null;
    this.host.requestUpdate();
  }

  render(ticket: Ticket, portal: PortalSettings | null) {
    const open = isOpenStatus(ticket.status);
    const canClose = open && !!ticket.permissions?.canClose;
    const canReopen = !open && !!ticket.permissions?.canReopen;
    if (!canClose && !canReopen && !this.error) return nothing;
    return html`<div part="actions">
      ${
        canClose && !this.confirmingClose
          ? html`<button type="button" class="button" id="close-button" @click=${this.askClose}>
            ${msg('Close ticket', { id: 'tickets.detail.close' })}
          </button>`
          : nothing
      }
      ${
        canClose && this.confirmingClose
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-close-text">
            <p id="confirm-close-text">
              ${
                ticket.permissions?.canReopen || portal?.allowReopen
                  ? msg('Close this ticket? You can reopen it later.', { id: 'tickets.detail.confirmClose' })
                  : msg('Close this ticket? It cannot be reopened afterwards.', {
                      id: 'tickets.detail.confirmCloseFinal',
                    })
              }
            </p>
            <button
              type="button"
              class="button primary"
              id="confirm-close"
              aria-disabled=${this.action ? 'true' : 'false'}
              @click=${() => this.change('close')}
            >
              ${
                this.action === 'close'
                  ? msg('Closing…', { id: 'tickets.detail.closing' })
                  : msg('Yes, close ticket', { id: 'tickets.detail.confirmCloseYes' })
              }
            </button>
            <button type="button" class="button" @click=${this.cancelClose}>${msg('Cancel', { id: 'common.cancel' })}</button>
          </div>`
          : nothing
      }
      ${
        canReopen
          ? html`<button
            type="button"
            class="button"
            id="reopen-button"
            aria-disabled=${this.action ? 'true' : 'false'}
            @click=${() => this.change('reopen')}
          >
            ${
              this.action === 'reopen'
                ? msg('Reopening…', { id: 'tickets.detail.reopening' })
                : msg('Reopen ticket', { id: 'tickets.detail.reopen' })
            }
          </button>`
          : nothing
      }
      <p class="error" role="alert">${this.error ?? nothing}</p>
    </div>`;
  }

  private askClose = (): void => {
    this.confirmingClose = true;
    this.error = null;
    this.options.focus('#confirm-close');
  };

  private cancelClose = (): void => {
    this.confirmingClose = false;
    this.options.focus('#close-button');
  };

  private async change(which: 'close' | 'reopen'): Promise<void> {
    const services = this.options.services();
    const ticket = this.options.ticket();
    if (!services || !ticket || this.action) return;
    this.action = which;
    this.error = null;
    this.host.requestUpdate();
    try {
      let updated =
        which === 'close'
          ? await services.backend.closeTicket(ticket.id)
          : await services.backend.reopenTicket(ticket.id);
      // Permissions change with the status; fetch them when the answer leaves them out.
      if (!updated.permissions) updated = await services.backend.getTicket(ticket.id);
      if (this.options.ticket()?.id !== ticket.id) return;
      this.confirmingClose = false;
      this.options.focus(...(which === 'close' ? ['#reopen-button', 'h2'] : ['#close-button', 'h2']));
      this.options.changed(updated, which);
    } catch (err) {
      // The client's 401 hook has ended the session; the signed-out view takes over.
      if (isUnauthorized(err)) return;
      this.error =
        which === 'close'
          ? msg('The ticket could not be closed. Try again.', { id: 'tickets.detail.closeFailed' })
          : msg('The ticket could not be reopened. Try again.', { id: 'tickets.detail.reopenFailed' });
    } finally {
      this.action = null;
      this.host.requestUpdate();
    }
  }
}
