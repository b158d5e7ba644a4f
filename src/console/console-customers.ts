import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { splitList } from '../core/config.js';
import { problemText } from '../core/problem-text.js';
import type { Role } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import type { AdminCustomer, AdminOrganization, ConsoleApi, CustomerInput, CustomerPatch } from './console-api.js';
import { consoleBase } from './console.styles.js';
import { fieldErrors } from './console-forms.js';

/** The organisation select's value for "matched by the address's domain" (a new customer only). */
const BY_DOMAIN = '*domain';

/**
 * The site owner's customers and organisations (OneDesk, TVox): find a
 * customer by name or address, add one (with the invitation mail), edit one,
 * move them to another organisation, give or take away portal access. The
 * customer being edited is in the address (`#customers=<e-mail>`), so a
 * reload stays on them.
 */
export class PorticoConsoleCustomers extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--_space-2);
        max-inline-size: 28rem;
      }
      details {
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        padding: var(--_space-2) var(--_space-3);
        margin-block-end: var(--_space-3);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      details form {
        margin-block: var(--_space-3);
      }
      .help {
        margin: 0;
        color: var(--_color-muted);
      }
      .access {
        border-block-start: 1px solid var(--_color-border);
        margin-block-start: var(--_space-4);
        padding-block-start: var(--_space-3);
      }
      @media (max-width: 40rem) {
        .org,
        .role {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  /** The customer open for editing (from the address), or ''. */
  @property() email = '';
  @state() private query = '';
  @state() private organizationId = '';
  /** Customers of the pages loaded after the first ("Show more"). */
  @state() private more: AdminCustomer[] = [];
  @state() private cursor: string | null = null;
  @state() private errors = new Map<string, string>();
  @state() private notice = '';
  @state() private busy = false;
  @state() private confirmRevoke = false;
  /** The organisation being edited, or null (the form adds one). */
  @state() private editingOrg: string | null = null;

  #organizations = new Task(this, {
    task: async ([api]) => (api ? (await api.organizations()).items : []),
    args: () => [this.api] as const,
  });

  #customers = new Task(this, {
    task: async ([api, q, organizationId]) => {
      this.more = [];
      const page = api ? await api.customers({ q, organizationId }) : { items: [], nextCursor: null };
      this.cursor = page.nextCursor;
      return page.items;
    },
    args: () => [this.api, this.query, this.organizationId] as const,
  });

  #customer = new Task(this, {
    task: async ([api, email]) => {
      this.errors = new Map();
      this.confirmRevoke = false;
      return api && email ? api.customer(email) : null;
    },
    args: () => [this.api, this.email] as const,
  });

  override render(): TemplateResult {
    if (this.email) return this.#renderEditor();
    return html`<h2>${msg('Customers', { id: 'console.customers' })}</h2>
      <p role="status">${this.notice}</p>
      ${this.#renderFilters()} ${this.#renderAdd()} ${this.#renderOrganizations()} ${this.#renderImport()}
      ${this.#customers.render({
        pending: () => renderLoading(),
        error: (err) =>
          renderLoadError(msg('The customers could not be loaded.', { id: 'console.customers.loadFailed' }), err, () =>
            this.#customers.run(),
          ),
        complete: (items) => this.#renderTable([...items, ...this.more]),
      })}`;
  }

  #organizationOptions(selected: string, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
    const orgs = this.#organizations.value ?? [];
    return html`${extra}
      <option value="" ?selected=${selected === ''}>${msg('No organisation', { id: 'console.customers.noOrg' })}</option>
      ${orgs.map((o) => html`<option value=${o.id} ?selected=${selected === o.id}>${o.name}</option>`)}`;
  }

  #renderFilters(): TemplateResult {
    const orgs = this.#organizations.value ?? [];
    return html`<form
      class="filters"
      role="search"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        this.query = (form.elements.namedItem('q') as HTMLInputElement).value;
        this.organizationId = (form.elements.namedItem('org') as HTMLSelectElement).value;
      }}
    >
      <span>
        <label for="q">${msg('Name or e-mail address', { id: 'console.customers.search' })}</label>
        <input id="q" name="q" type="search" .value=${this.query} />
      </span>
      <span>
        <label for="org">${msg('Organisation', { id: 'supportForm.requester.organization' })}</label>
        <select id="org" name="org">
          <option value="">${msg('All organisations', { id: 'console.customers.allOrgs' })}</option>
          ${orgs.map((o) => html`<option value=${o.id} ?selected=${this.organizationId === o.id}>${o.name}</option>`)}
        </select>
      </span>
      <button class="button" type="submit">${msg('Search', { id: 'console.search' })}</button>
    </form>`;
  }

  #renderTable(items: AdminCustomer[]): TemplateResult {
    if (!items.length) return html`<p>${msg('No customers match.', { id: 'console.customers.none' })}</p>`;
    return html`<table>
        <thead>
          <tr>
            <th scope="col">${msg('Name', { id: 'portal.profile.name' })}</th>
            <th scope="col">${msg('Email address', { id: 'signIn.email' })}</th>
            <th scope="col" class="org">${msg('Organisation', { id: 'supportForm.requester.organization' })}</th>
            <th scope="col" class="role">${msg('Role', { id: 'console.customers.role' })}</th>
            <th scope="col">${msg('Portal access', { id: 'console.customers.access' })}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (c) => html`<tr>
              <td><button type="button" dir="auto" @click=${() => this.#open(c.email)}>${c.name}</button></td>
              <td>${c.email}</td>
              <td class="org">${c.organization?.name ?? html`<span class="muted">—</span>`}</td>
              <td class="role">${roleName(c.role)}</td>
              <td>${c.portalAccess ? msg('Yes', { id: 'common.yes' }) : msg('No', { id: 'common.no' })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.cursor
          ? html`<p><button class="button" type="button" ?disabled=${this.busy} @click=${() => this.#showMore()}>
            ${msg('Show more', { id: 'console.customers.more' })}
          </button></p>`
          : nothing
      }`;
  }

  async #showMore(): Promise<void> {
    if (!this.api || !this.cursor) return;
    this.busy = true;
    try {
      const page = await this.api.customers({
        q: this.query,
        organizationId: this.organizationId,
        cursor: this.cursor,
      });
      this.more = [...this.more, ...page.items];
      this.cursor = page.nextCursor;
    } catch (err) {
      this.notice = problemText(err);
    } finally {
      this.busy = false;
    }
  }

  #open(email: string): void {
    this.notice = '';
    location.hash = `customers=${encodeURIComponent(email)}`;
  }

  #error(field: string): TemplateResult | typeof nothing {
    const text = this.errors.get(field);
    return text ? html`<p class="error" id="${field}-error">${text}</p>` : nothing;
  }

  #invalid(field: string) {
    return this.errors.has(field)
      ? { invalid: 'true', described: `${field}-error` }
      : { invalid: 'false', described: undefined };
  }

  #labelOf = (field: string): string =>
    ({
      email: msg('Email address', { id: 'signIn.email' }),
      name: msg('Name', { id: 'portal.profile.name' }),
      phone: msg('Phone', { id: 'portal.profile.phone' }),
      organizationId: msg('Organisation', { id: 'supportForm.requester.organization' }),
      role: msg('Role', { id: 'console.customers.role' }),
      domains: msg('E-mail domains', { id: 'console.orgs.domains' }),
      address: msg('Address', { id: 'portal.org.address' }),
      routingAssignee: msg('New tickets go to', { id: 'console.orgs.routing' }),
    })[field] ?? field;

  /**
   * A labelled input with its help and its error. `org`: a field of the
   * organisation form, whose ids and errors are kept apart from the customer's.
   */
  #input(
    field: string,
    type: string,
    value: string,
    extra: { required?: boolean; autocomplete?: string; label?: string; help?: string; org?: boolean } = {},
  ) {
    const id = `${extra.org ? 'o' : 'c'}-${field}`;
    const key = extra.org ? `org.${field}` : field;
    const v = this.#invalid(key);
    const described = [extra.help ? `${id}-help` : '', v.described ?? ''].filter(Boolean).join(' ');
    return html`<label for=${id}>${extra.label ?? this.#labelOf(field)}</label>
      <input
        id=${id}
        name=${field}
        type=${type}
        .value=${value}
        ?required=${extra.required ?? false}
        autocomplete=${extra.autocomplete ?? 'off'}
        aria-invalid=${v.invalid}
        aria-describedby=${described || nothing}
      />
      ${extra.help ? html`<p class="help" id="${id}-help">${extra.help}</p>` : nothing} ${this.#error(key)}`;
  }

  #roleSelect(role: Role): TemplateResult {
    return html`<label for="c-role">${this.#labelOf('role')}</label>
      <select id="c-role" name="role">
        ${(['user', 'company'] as const).map((r) => html`<option value=${r} ?selected=${role === r}>${roleName(r)}</option>`)}
      </select>`;
  }

  #renderAdd(): TemplateResult {
    return html`<details>
      <summary>${msg('Add a customer', { id: 'console.customers.add' })}</summary>
      <form novalidate @submit=${(e: SubmitEvent) => this.#add(e)}>
        ${this.#input('email', 'email', '', { required: true })} ${this.#input('name', 'text', '')}
        <label for="c-organizationId">${this.#labelOf('organizationId')}</label>
        <select id="c-organizationId" name="organizationId">
          ${this.#organizationOptions(
            BY_DOMAIN,
            html`<option value=${BY_DOMAIN} selected>
              ${msg('By the e-mail address’s domain', { id: 'console.customers.byDomain' })}
            </option>`,
          )}
        </select>
        ${this.#error('organizationId')} ${this.#roleSelect('user')}
        <span class="row">
          <input type="checkbox" id="c-invite" name="invite" checked />
          <label for="c-invite">${msg('Give portal access and send the invitation', { id: 'console.customers.invite' })}</label>
        </span>
        <span class="row">
          <button class="button primary" type="submit" ?disabled=${this.busy}>
            ${msg('Add', { id: 'console.customers.addSubmit' })}
          </button>
        </span>
      </form>
    </details>`;
  }

  async #add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const org = value('organizationId');
    const input: CustomerInput = {
      email: value('email').trim(),
      ...(value('name').trim() ? { name: value('name').trim() } : {}),
      role: value('role') as Role,
      ...(org === BY_DOMAIN ? {} : { organizationId: org || null }),
      invite: (form.elements.namedItem('invite') as HTMLInputElement).checked,
    };
    const made = await this.#save(() => this.api!.createCustomer(input));
    if (!made) return;
    form.reset();
    this.notice = input.invite
      ? msg(str`${made.email} was added and invited to the portal.`, { id: 'console.customers.added.invited' })
      : msg(str`${made.email} was added.`, { id: 'console.customers.added' });
    void this.#customers.run();
  }

  /** Runs a save; a refusal names its fields (and focuses the first), any other failure says what happened. */
  async #save<T>(call: () => Promise<T>, prefix = ''): Promise<T | null> {
    if (!this.api) return null;
    this.busy = true;
    this.notice = '';
    this.errors = new Map();
    try {
      return await call();
    } catch (err) {
      // A prefix keeps two forms on one view apart (the organisation's name is not the customer's).
      this.errors = new Map([...fieldErrors(err, this.#labelOf)].map(([field, text]) => [prefix + field, text]));
      this.notice = this.errors.size
        ? msg('Nothing was saved: check the fields marked.', { id: 'console.settings.invalid' })
        : problemText(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** The CSV import, with its check first; once it ran, the list and the organisations are read again. */
  #renderImport(): TemplateResult {
    return html`<details>
      <summary>${msg('Import CSV', { id: 'console.import' })}</summary>
      <portico-console-customer-import
        .api=${this.api}
        @console-customers-imported=${() => {
          void this.#organizations.run();
          void this.#customers.run();
        }}
      ></portico-console-customer-import>
    </details>`;
  }

  #renderOrganizations(): TemplateResult {
    const orgs: readonly AdminOrganization[] = this.#organizations.value ?? [];
    const editing = orgs.find((o) => o.id === this.editingOrg) ?? null;
    // A new key per organisation: the form's fields start from what is stored, not from the last one edited.
    const formKey = editing?.id ?? '';
    return html`<details>
      <summary>${msg(str`Organisations (${orgs.length})`, { id: 'console.orgs' })}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Name', { id: 'portal.profile.name' })}</th>
            <th scope="col">${this.#labelOf('domains')}</th>
          </tr>
        </thead>
        <tbody>
          ${orgs.map(
            (o) => html`<tr>
              <td>
                <button type="button" dir="auto" aria-pressed=${o.id === this.editingOrg ? 'true' : 'false'} @click=${() => this.#editOrganization(o.id)}>
                  ${o.name}
                </button>
              </td>
              <td>${o.domains.join(', ')}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${keyed(formKey, this.#renderOrganizationForm(editing))}
    </details>`;
  }

  #renderOrganizationForm(o: AdminOrganization | null): TemplateResult {
    const field = (name: string, label: string, value: string, extra: { help?: string; autocomplete?: string } = {}) =>
      this.#input(name, 'text', value, { ...extra, label, org: true });
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.#saveOrganization(e, o)}>
      ${o ? html`<h3 dir="auto">${o.name}</h3>` : nothing}
      ${field(
        'name',
        o ? msg('Name', { id: 'portal.profile.name' }) : msg('New organisation', { id: 'console.orgs.new' }),
        o?.name ?? '',
        { autocomplete: 'organization' },
      )}
      ${field('domains', this.#labelOf('domains'), o?.domains.join(', ') ?? '', {
        help: msg('Separated by commas. Customers with these addresses join the organisation.', {
          id: 'console.orgs.domains.help',
        }),
      })}
      ${
        o
          ? html`${field('address', msg('Address', { id: 'portal.org.address' }), o.address ?? '')}
            ${field('phone', msg('Phone', { id: 'portal.org.phone' }), o.phone ?? '')}
            ${field(
              'routingAssignee',
              msg('New tickets go to', { id: 'console.orgs.routing' }),
              o.routingAssignee ?? '',
              {
                help: msg('An agent or team in the helpdesk; empty: the usual queue.', {
                  id: 'console.orgs.routing.help',
                }),
              },
            )}`
          : nothing
      }
      <span class="row">
        <button class="button${o ? ' primary' : ''}" type="submit" ?disabled=${this.busy}>
          ${o ? msg('Save organisation', { id: 'console.orgs.save' }) : msg('Add organisation', { id: 'console.orgs.add' })}
        </button>
        ${
          o
            ? html`<button class="button" type="button" @click=${() => this.#editOrganization(null)}>
              ${msg('Cancel', { id: 'common.cancel' })}
            </button>`
            : nothing
        }
      </span>
    </form>`;
  }

  #editOrganization(id: string | null): void {
    this.editingOrg = id;
    this.errors = new Map();
    this.notice = '';
  }

  async #saveOrganization(event: SubmitEvent, o: AdminOrganization | null): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const name = value('name');
    const domains = splitList(value('domains')).map((d) => d.toLowerCase());
    const saved = await this.#save(
      () =>
        o
          ? this.api!.updateOrganization(o.id, {
              name,
              domains,
              address: value('address') || null,
              phone: value('phone') || null,
              routingAssignee: value('routingAssignee') || null,
            })
          : this.api!.createOrganization({ name, domains }),
      'org.',
    );
    if (!saved) return;
    if (!o) form.reset();
    this.editingOrg = null;
    this.notice = o
      ? msg(str`Organisation ${saved.name} was saved.`, { id: 'console.orgs.saved' })
      : msg(str`Organisation ${saved.name} was added.`, { id: 'console.orgs.added' });
    void this.#organizations.run();
    void this.#customers.run();
  }

  #renderEditor(): TemplateResult {
    const back = html`<p>
      <a href="#customers" @click=${() => (this.notice = '')}>${msg('All customers', { id: 'console.customers.back' })}</a>
    </p>`;
    return html`${back}
    ${this.#customer.render({
      // A save reloads the customer: the form stays where it was meanwhile.
      pending: () => (this.#customer.value ? this.#renderCustomer(this.#customer.value) : renderLoading()),
      error: (err) =>
        renderLoadError(msg('The customers could not be loaded.', { id: 'console.customers.loadFailed' }), err, () =>
          this.#customer.run(),
        ),
      complete: (c) =>
        c
          ? this.#renderCustomer(c)
          : html`<p role="alert">${msg('No customers match.', { id: 'console.customers.none' })}</p>`,
    })}`;
  }

  #renderCustomer(c: AdminCustomer): TemplateResult {
    return html`<h2 dir="auto">${c.name}</h2>
      <p class="muted">${c.email}</p>
      <form novalidate @submit=${(e: SubmitEvent) => this.#update(e, c)}>
        ${this.#input('name', 'text', c.name, { required: true })} ${this.#input('phone', 'tel', c.phone ?? '')}
        <label for="c-organizationId">${this.#labelOf('organizationId')}</label>
        <select
          id="c-organizationId"
          name="organizationId"
          aria-invalid=${this.#invalid('organizationId').invalid}
          aria-describedby=${this.#invalid('organizationId').described ?? nothing}
        >
          ${this.#organizationOptions(c.organization?.id ?? '')}
        </select>
        ${this.#error('organizationId')} ${this.#roleSelect(c.role)}
        <p class="help">
          ${msg('A company user sees every ticket of the organisation.', { id: 'console.customers.role.help' })}
        </p>
        <span class="row">
          <button class="button primary" type="submit" ?disabled=${this.busy}>
            ${msg('Save', { id: 'console.settings.save' })}
          </button>
        </span>
      </form>
      <p role="status">${this.notice}</p>
      <section class="access" aria-labelledby="access-title">
        <h3 id="access-title">${msg('Portal access', { id: 'console.customers.access' })}</h3>
        ${c.portalAccess ? this.#renderRevoke(c) : this.#renderGrant(c)}
      </section>`;
  }

  #renderGrant(c: AdminCustomer): TemplateResult {
    return html`<p>${msg('This customer cannot sign in to the portal.', { id: 'console.customers.noAccess' })}</p>
      <button class="button" type="button" ?disabled=${this.busy} @click=${() => this.#grant(c)}>
        ${msg('Give portal access and send the invitation', { id: 'console.customers.invite' })}
      </button>`;
  }

  #renderRevoke(c: AdminCustomer): TemplateResult {
    if (!this.confirmRevoke)
      return html`<p>${msg('This customer can sign in to the portal.', { id: 'console.customers.hasAccess' })}</p>
        <button class="button" type="button" ?disabled=${this.busy} @click=${() => (this.confirmRevoke = true)}>
          ${msg('Revoke portal access', { id: 'console.customers.revoke' })}
        </button>`;
    return html`<p role="alert">
        ${msg(
          str`Revoke portal access for ${c.name}? They are signed out everywhere at once and can no longer sign in; their tickets stay.`,
          {
            id: 'console.customers.revoke.confirm',
          },
        )}
      </p>
      <span class="row">
        <button class="button danger" type="button" ?disabled=${this.busy} @click=${() => this.#revoke(c)}>
          ${msg('Revoke portal access', { id: 'console.customers.revoke' })}
        </button>
        <button class="button" type="button" @click=${() => (this.confirmRevoke = false)}>
          ${msg('Cancel', { id: 'common.cancel' })}
        </button>
      </span>`;
  }

  async #update(event: SubmitEvent, c: AdminCustomer): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const patch: CustomerPatch = {
      name: value('name'),
      phone: value('phone').trim() || null,
      role: value('role') as Role,
      organizationId: value('organizationId') || null,
    };
    const saved = await this.#save(() => this.api!.updateCustomer(c.id, patch));
    if (!saved) return;
    await this.#customer.run();
    this.notice = msg('Saved.', { id: 'console.customers.saved' });
  }

  async #grant(c: AdminCustomer): Promise<void> {
    const done = await this.#save(() => this.api!.grantAccess(c.id));
    if (!done) return;
    await this.#customer.run();
    this.notice = msg(str`Invitation sent to ${c.email}.`, { id: 'console.customers.invited' });
  }

  async #revoke(c: AdminCustomer): Promise<void> {
    const done = await this.#save(() => this.api!.revokeAccess(c.id));
    if (!done) return;
    await this.#customer.run();
    this.notice = msg(str`${c.name} can no longer sign in.`, { id: 'console.customers.revoked' });
  }
}

function roleName(role: Role): string {
  return role === 'company'
    ? msg('Company user', { id: 'console.customers.role.company' })
    : msg('User', { id: 'console.customers.role.user' });
}
