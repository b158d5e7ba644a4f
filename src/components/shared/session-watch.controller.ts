import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionStore } from '../../core/session.js';

/**
 * Watches the shared SessionStore of the host's services and bumps `version`
 * whenever the signed-in identity changes (sign-in, sign-out, expiry, another
 * user). Elements put `version` in their task args so that they reload then.
 *
 * The first answer of a load (unknown → known) does not count: the element
 * that asked is already waiting for it, and reacting would fetch twice.
 * Elements that show the person (name in a header) ask to be redrawn on
 * every change with `redrawOnEveryChange`.
 */
export class SessionWatchController implements ReactiveController {
  /** Changes whenever the signed-in identity changes. */
  version = 0;

  #store: SessionStore | undefined;
  /** The identity last seen; kept while disconnected, so a change missed meanwhile still counts. */
  #identity: string | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getStore: () => SessionStore | undefined,
    /** Also redraw on changes that keep the identity (a name edited in the profile). */
    private readonly options: { redrawOnEveryChange?: boolean } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  // Services may arrive or change through context between updates.
  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#store?.removeEventListener('change', this.#onChange);
    this.#store = undefined;
  }

  #sync(): void {
    if (!this.#connected) return;
    const store = this.getStore();
    if (store === this.#store) return;
    this.#store?.removeEventListener('change', this.#onChange);
    this.#store = store;
    store?.addEventListener('change', this.#onChange);
    // Back in the page after a while out of it (the launcher keeps a list's DOM while a detail or
    // a sign-in form shows): someone else may have signed in meanwhile, so count what it missed.
    this.#onChange();
  }

  #onChange = (): void => {
    const next = identityOf(this.#store);
    const previous = this.#identity;
    this.#identity = next;
    if (next === previous || previous === undefined || previous === 'unknown') {
      if (this.options.redrawOnEveryChange) this.host.requestUpdate();
      return;
    }
    this.version++;
    this.host.requestUpdate();
  };
}

function identityOf(store: SessionStore | undefined): string {
  return store?.identity ?? 'unknown';
}
