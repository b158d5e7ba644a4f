import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialState, Task, TaskStatus } from '@lit/task';
import { isUnauthorized } from '../../core/errors.js';
import type { PorticoServices } from '../../core/services.js';
import type { ServerEvent, User } from '../../protocol/index.js';
import { ServerEventsController } from './server-events.controller.js';
import { SessionWatchController } from './session-watch.controller.js';

/** What a load gets besides its own arguments. */
export interface LoadContext<R> {
  services: PorticoServices;
  /** Who is signed in (the load only runs for someone). */
  user: User;
  signal: AbortSignal;
  /** Shows a value at once (a cached one) while the load goes on; see `stale`. */
  preview(value: R): void;
}

export interface LoadOptions<A extends readonly unknown[], R> {
  /** The host's services; none means not configured (nothing loads). */
  services(): PorticoServices | undefined;
  /** The element's own arguments; a change aborts the load under way and starts another. */
  args(): A;
  /** Loads the value for someone signed in. A 401 signs out; anything else thrown is the error state. */
  load(args: A, context: LoadContext<R>): Promise<R>;
  /** Nothing to load for these arguments (say, no ticket id): no request, no sign-in, value undefined. */
  idle?(args: A): boolean;
  /** Back on the page: `reload` always (events were missed), or `resume` a load stopped on the way out. */
  reconnect: 'reload' | 'resume';
  /** Each freshly loaded value (not a preview), e.g. to restore a draft that goes with it. */
  onLoaded?(value: R): void;
  /** Live updates: server events are listened to while a loaded value says so. */
  events?: { listen(value: R): boolean; onEvent(event: ServerEvent): void };
}

type Host = ReactiveControllerHost & { readonly hasUpdated: boolean };

type Outcome<R> = { signedOut: true } | { signedOut: false; value: R | undefined; user: User | null };

/**
 * The one loading policy of the data-backed elements (ticket list, ticket
 * detail), built on `@lit/task`: it loads when the element is on the page
 * and configured, loads the session first (nobody signed in is `signedOut`,
 * and a 401 on the way ends the session), aborts on leaving the page and when
 * the arguments change, reloads on demand, and keeps the server-event
 * subscription open while there is something to update live. The element
 * renders from `value` — which live updates change through `update()` — and
 * keeps no copy of it.
 */
export class LoadController<A extends readonly unknown[], R> implements ReactiveController {
  readonly #task: Task<readonly [PorticoServices | undefined, number, ...A], Outcome<R>>;
  readonly #sessionWatch: SessionWatchController;
  readonly #events: ServerEventsController | undefined;
  #value: R | undefined;
  #user: User | null = null;
  #signedOut = false;
  #stale = false;
  /** Events that came while a load was on its way: applied once its answer is shown (it may not have them). */
  #arrivedDuringLoad: ServerEvent[] | null = null;
  /**
   * A load was answered before the stream was open: whatever happened between
   * the load's answer and the stream opening reached nobody. Once the stream
   * is open, one more load catches it up.
   */
  #catchUp: 'none' | 'waiting' | 'due' = 'none';

  constructor(
    private readonly host: Host,
    private readonly options: LoadOptions<A, R>,
  ) {
    host.addController(this);
    this.#sessionWatch = new SessionWatchController(host, () => options.services()?.session);
    // After a break in the stream the view loads again: replayed events cannot cover everything.
    this.#events =
      options.events &&
      new ServerEventsController(
        host,
        (event) => this.#onEvent(event),
        () => void this.reload(),
        () => this.#opened(),
      );
    this.#task = new Task(host, {
      task: ([services, , ...args], { signal }) => this.#run(services, args as unknown as A, signal),
      args: () => [options.services(), this.#sessionWatch.version, ...options.args()] as const,
      onComplete: (outcome) => this.#completed(outcome),
      onError: () => {
        // A failed load shows its error; only a preview for it (a cached value) stays readable.
        if (!this.#stale) this.#value = undefined;
        this.#signedOut = false;
      },
    });
  }

  /** The loaded value (also while it reloads), changed by `update()`; undefined after a failed load. */
  get value(): R | undefined {
    return this.#value;
  }

  /** `value` is a preview (e.g. from the cache), not this load's answer. */
  get stale(): boolean {
    return this.#stale;
  }

  /** Who the last load was for; kept while reloading and after a failure. */
  get user(): User | null {
    return this.#user;
  }

  /** The last load found nobody signed in (or the session ended on the way). */
  get signedOut(): boolean {
    return this.#signedOut;
  }

  /** A load is under way (or has not started yet). */
  get pending(): boolean {
    const status = this.#task.status;
    return status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
  }

  /** A load is under way right now. */
  get loading(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  get failed(): boolean {
    return this.#task.status === TaskStatus.ERROR;
  }

  get error(): unknown {
    return this.failed ? this.#task.error : undefined;
  }

  /** Loads again with the current arguments (Retry, or a refresh). */
  reload(): Promise<void> {
    return this.#task.run();
  }

  /** Changes the value in place (a live update, a reply sent, a row marked read). */
  update(change: (value: R) => R): void {
    if (this.#value === undefined) return;
    this.#value = change(this.#value);
    this.host.requestUpdate();
  }

  /** Forgets the value, e.g. when the element is pointed at something else: loading shows until the new one. */
  clear(): void {
    this.#value = undefined;
    this.#stale = false;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#task.autoRun = true;
    if (!this.host.hasUpdated) return;
    const status = this.#task.status;
    if (this.options.reconnect === 'reload' || status === TaskStatus.PENDING || status === TaskStatus.INITIAL) {
      void this.#task.run();
    } else {
      // The next update picks up whatever changed while away.
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    // Off the page it does no work: a late answer, or the page's default services
    // changing, must not start requests for an element nobody sees.
    this.#task.autoRun = false;
    this.#task.abort();
  }

  hostUpdated(): void {
    const events = this.options.events;
    if (!this.#events || !events) return;
    // While a load is on its way the stream stays as the load set it up (#listenDuringLoad).
    if (this.#arrivedDuringLoad) return;
    const value = this.#value;
    const listening = value !== undefined && events.listen(value);
    this.#events.watch(listening ? this.options.services()?.backend : undefined);
    if (this.#catchUp === 'due' && listening && !this.loading) {
      this.#catchUp = 'none';
      void this.reload();
    }
  }

  /**
   * Live updates start before the load is sent, not after its answer is
   * drawn: what changes meanwhile is kept and applied to the answer. When the
   * stream was not open yet at that moment, one more load follows once it is.
   */
  #listenDuringLoad(services: PorticoServices): void {
    if (!this.#events) return;
    this.#events.watch(services.backend);
    this.#arrivedDuringLoad = [];
    this.#catchUp = this.#events.open ? 'none' : 'waiting';
  }

  #onEvent(event: ServerEvent): void {
    if (this.#arrivedDuringLoad) {
      this.#arrivedDuringLoad.push(event);
      return;
    }
    this.options.events?.onEvent(event);
  }

  #opened(): void {
    if (this.#catchUp !== 'waiting') return;
    // Open before the load's answer came: what happens from now on is kept for it (#arrivedDuringLoad).
    // And a backend that compares the answer's snapshot with the stream's start reloads by itself if needed.
    if (this.#arrivedDuringLoad || this.options.services()?.backend.tracksSnapshots) {
      this.#catchUp = 'none';
      return;
    }
    this.#catchUp = 'due';
    this.host.requestUpdate();
  }

  async #run(
    services: PorticoServices | undefined,
    args: A,
    signal: AbortSignal,
  ): Promise<Outcome<R> | typeof initialState> {
    this.#stale = false;
    if (!services) return initialState;
    if (this.options.idle?.(args)) return { signedOut: false, value: undefined, user: this.#user };
    try {
      // The session load is shared with other elements: this one leaving must not abort it for them.
      const session = await services.session.load();
      // Taken off the page meanwhile: it loads afresh when put back.
      if (signal.aborted) return initialState;
      if (!session) return { signedOut: true };
      const user = session.user;
      const preview = (value: R) => {
        if (signal.aborted) return;
        this.#value = value;
        this.#user = user;
        this.#stale = true;
        this.host.requestUpdate();
      };
      this.#listenDuringLoad(services);
      const value = await this.options.load(args, { services, user, signal, preview });
      return { signedOut: false, value, user };
    } catch (err) {
      this.#arrivedDuringLoad = null;
      if (signal.aborted) return initialState;
      // The client's 401 hook has already ended the session (src/backends/index.ts).
      if (isUnauthorized(err)) return { signedOut: true };
      throw err;
    }
  }

  #completed(outcome: Outcome<R>): void {
    this.#stale = false;
    this.#signedOut = outcome.signedOut;
    if (outcome.signedOut) {
      this.#value = undefined;
      this.#user = null;
      return;
    }
    this.#value = outcome.value;
    this.#user = outcome.user;
    if (outcome.value !== undefined) this.options.onLoaded?.(outcome.value);
    const arrived = this.#arrivedDuringLoad ?? [];
    this.#arrivedDuringLoad = null;
    // The answer may or may not have these already: the element's handlers take each change once.
    if (outcome.value !== undefined && this.options.events?.listen(outcome.value))
      for (const event of arrived) this.options.events.onEvent(event);
  }
}
