import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoError } from '../core/errors.js';
import { issueText, problemText } from '../core/problem-text.js';
import type { FieldIssue } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import type { ConsoleApi, CustomerImport, ImportColumn } from './console-api.js';
import { consoleBase } from './console.styles.js';

type ImportRow = CustomerImport['rows'][number];

/**
 * Customers from a spreadsheet (OneDesk): a CSV file chosen or pasted, a
 * check that shows row by row what the import would do (the gateway's dry
 * run, which changes nothing), then the import itself — refused while any
 * row has an error. The text stays in the box through every error, to be
 * fixed there and checked again.
 *
 * @event console-customers-imported - The import was carried out (the list reloads).
 */
export class PorticoConsoleCustomerImport extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      .source {
        display: grid;
        gap: var(--_space-2);
        max-inline-size: 40rem;
        margin-block: var(--_space-3);
      }
      .source input:not([type='checkbox']),
      .source textarea {
        box-sizing: border-box;
        inline-size: 100%;
        min-inline-size: 0;
      }
      .choice {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--_space-2);
        align-items: start;
      }
      .choice input {
        margin-block-start: 0.25em;
      }
      textarea {
        font-family: ui-monospace, monospace;
        min-block-size: 8rem;
      }
      .help {
        margin: 0;
        color: var(--_color-muted);
      }
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space-2) var(--_space-4);
        padding: 0;
        list-style: none;
      }
      .totals strong {
        font-variant-numeric: tabular-nums;
      }
      tr.problem {
        background: color-mix(in srgb, var(--_color-danger) 10%, transparent);
      }
      tr.problem td:first-child {
        box-shadow: inset 3px 0 var(--_color-danger);
      }
      .action-error {
        color: var(--_color-danger);
        font-weight: 600;
      }
      .issues {
        margin: 0;
        padding-inline-start: var(--_space-3);
        color: var(--_color-danger);
      }
      .results {
        margin-block-start: var(--_space-3);
      }
      /* Narrow screens scroll the table sideways rather than break every word. */
      .scroll {
        overflow-x: auto;
      }
      .scroll:focus-visible {
        outline: 2px solid var(--_color-focus);
      }
      .scroll table {
        min-inline-size: 40rem;
      }
      .scroll th {
        white-space: nowrap;
      }
      .scroll td {
        overflow-wrap: normal;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding-block-end: var(--_space-2);
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  /** The file's text, as chosen or pasted (kept through errors). */
  @state() private csv = '';
  @state() private createOrganizations = false;
  @state() private invite = false;
  /** The last check of exactly this text and these choices; null once either changes. */
  @state() private plan: CustomerImport | null = null;
  @state() private notice: { text: string; error: boolean } | null = null;
  @state() private busy = false;

  override render(): TemplateResult {
    return html`<form class="source" novalidate @submit=${(e: SubmitEvent) => this.#check(e)}>
        <p class="help">
          ${msg(
            'The first row names the columns: email (required), name, phone, organisation (its name or id), language (en, nl, de, …), role (user or company), portal access (yes or no). Commas or semicolons, as spreadsheets save them.',
            { id: 'console.import.help' },
          )}
        </p>
        <p class="help">
          ${msg(
            'Customers are matched by e-mail address. An empty cell keeps what is stored; without an organisation a new customer joins the one of their address’s domain.',
            { id: 'console.import.help.match' },
          )}
        </p>
        <label for="import-file">${msg('CSV file', { id: 'console.import.file' })}</label>
        <input id="import-file" type="file" accept=".csv,text/csv,text/plain" @change=${(e: Event) => this.#read(e)} />
        <label for="import-text">${msg('Or paste the rows', { id: 'console.import.paste' })}</label>
        <textarea
          id="import-text"
          spellcheck="false"
          .value=${this.csv}
          @input=${(e: InputEvent) => this.#change({ csv: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        <span class="choice">
          <input
            type="checkbox"
            id="import-orgs"
            .checked=${this.createOrganizations}
            @change=${(e: Event) => this.#change({ createOrganizations: (e.target as HTMLInputElement).checked })}
          />
          <label for="import-orgs">
            ${msg('Create the organisations the file names that do not exist yet', { id: 'console.import.createOrgs' })}
          </label>
        </span>
        <span class="choice">
          <input
            type="checkbox"
            id="import-invite"
            .checked=${this.invite}
            @change=${(e: Event) => this.#change({ invite: (e.target as HTMLInputElement).checked })}
          />
          <label for="import-invite">
            ${msg('Send the invitation to customers the import gives portal access', { id: 'console.import.invite' })}
          </label>
        </span>
        <span class="row">
          <button class="button" type="submit" ?disabled=${this.busy || !this.csv.trim()}>
            ${msg('Check the file', { id: 'console.import.check' })}
          </button>
        </span>
      </form>
      <p role="status" class=${this.notice?.error ? 'error' : ''}>${this.notice?.text ?? ''}</p>
      ${this.plan ? this.#renderPlan(this.plan) : nothing}`;
  }

  async #read(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      this.#change({ csv: await file.text() });
    } catch (err) {
      this.notice = { text: problemText(err), error: true };
    }
  }

  /** Any change to the text or the choices: the last check no longer says what an import would do. */
  #change(next: { csv?: string; createOrganizations?: boolean; invite?: boolean }): void {
    this.csv = next.csv ?? this.csv;
    this.createOrganizations = next.createOrganizations ?? this.createOrganizations;
    this.invite = next.invite ?? this.invite;
    this.plan = null;
    this.notice = null;
  }

  #options(dryRun: boolean) {
    return { csv: this.csv, dryRun, createOrganizations: this.createOrganizations, invite: this.invite };
  }

  async #check(event?: SubmitEvent): Promise<void> {
    event?.preventDefault();
    if (!this.api || !this.csv.trim()) return;
    this.busy = true;
    this.notice = null;
    try {
      this.plan = await this.api.importCustomers(this.#options(true));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#import-results')?.focus();
    } catch (err) {
      this.plan = null;
      this.notice = { text: fileProblemText(err), error: true };
    } finally {
      this.busy = false;
    }
  }

  async #import(): Promise<void> {
    if (!this.api || !this.plan) return;
    this.busy = true;
    try {
      const done = await this.api.importCustomers(this.#options(false));
      const { create, update } = done.totals;
      this.plan = null;
      this.notice = {
        text: msg(str`Imported: ${create} added, ${update} updated.`, { id: 'console.import.done' }),
        error: false,
      };
      this.dispatchEvent(new CustomEvent('console-customers-imported'));
    } catch (err) {
      // Something changed since the check (an address taken meanwhile): nothing was imported; check again.
      const refused = err instanceof PorticoError && err.status === 422;
      this.busy = false;
      if (refused) await this.#check();
      this.notice = {
        text: refused
          ? msg('Nothing was imported: the file has errors now. They are marked below.', {
              id: 'console.import.refused',
            })
          : problemText(err),
        error: true,
      };
    } finally {
      this.busy = false;
    }
  }

  #renderPlan(plan: CustomerImport): TemplateResult {
    const t = plan.totals;
    const count = t.create + t.update;
    const header = (col: ImportColumn) => plan.columns.find((c) => c.column === col)?.header ?? columnLabel(col);
    return html`<section class="results" aria-labelledby="import-results">
      <h3 id="import-results" tabindex="-1">${msg('What the import will do', { id: 'console.import.results' })}</h3>
      <ul class="totals">
        <li>${msg('To add', { id: 'console.import.total.create' })}: <strong>${t.create}</strong></li>
        <li>${msg('To update', { id: 'console.import.total.update' })}: <strong>${t.update}</strong></li>
        <li>${msg('Unchanged', { id: 'console.import.total.unchanged' })}: <strong>${t.unchanged}</strong></li>
        <li class=${t.error ? 'action-error' : ''}>
          ${msg('With errors', { id: 'console.import.total.error' })}: <strong>${t.error}</strong>
        </li>
        ${
          this.invite
            ? html`<li>${msg('To invite', { id: 'console.import.total.invite' })}: <strong>${t.invited}</strong></li>`
            : nothing
        }
      </ul>
      ${
        t.organizationsCreated.length
          ? html`<p>
            ${msg('New organisations', { id: 'console.import.newOrgs' })}:
            <span dir="auto">${t.organizationsCreated.join(', ')}</span>
          </p>`
          : nothing
      }
      <div class="scroll" tabindex="0" role="region" aria-labelledby="import-caption">
      <table>
        <caption id="import-caption">
          ${msg(str`Rows of the file: ${t.rows}`, { id: 'console.import.caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Row', { id: 'console.import.col.row' })}</th>
            <th scope="col">${columnLabel('email')}</th>
            <th scope="col">${columnLabel('name')}</th>
            <th scope="col">${columnLabel('organization')}</th>
            <th scope="col">${msg('What happens', { id: 'console.import.col.action' })}</th>
          </tr>
        </thead>
        <tbody>
          ${plan.rows.map((r) => this.#renderRow(r, header))}
        </tbody>
      </table>
      </div>
      <p>
        ${
          t.error
            ? msg('Fix the rows with errors in the file or above, then check again. Nothing is imported meanwhile.', {
                id: 'console.import.fixFirst',
              })
            : nothing
        }
      </p>
      <span class="row">
        <button
          class="button primary"
          type="button"
          ?disabled=${this.busy || t.error > 0 || count === 0}
          @click=${() => this.#import()}
        >
          ${
            count === 1
              ? msg('Import 1 customer', { id: 'console.import.run.one' })
              : msg(str`Import ${count} customers`, { id: 'console.import.run' })
          }
        </button>
      </span>
    </section>`;
  }

  #renderRow(r: ImportRow, header: (col: ImportColumn) => string): TemplateResult {
    const org = r.organization
      ? html`<span dir="auto">${r.organization.name}</span>${
          r.organizationCreated
            ? html` <span class="muted">(${msg('new', { id: 'console.import.orgNew' })})</span>`
            : nothing
        }`
      : html`<span class="muted">—</span>`;
    return html`<tr class=${r.action === 'error' ? 'problem' : ''}>
      <td>${r.row}</td>
      <td>${r.email}</td>
      <td dir="auto">${r.name}</td>
      <td>${org}</td>
      <td>
        ${actionText(r)}
        ${
          r.errors.length
            ? html`<ul class="issues">
              ${r.errors.map((e) => html`<li>${header(e.field as ImportColumn)}: ${rowIssueText(e)}</li>`)}
            </ul>`
            : nothing
        }
      </td>
    </tr>`;
  }
}

function columnLabel(col: ImportColumn): string {
  switch (col) {
    case 'email':
      return msg('Email address', { id: 'signIn.email' });
    case 'name':
      return msg('Name', { id: 'portal.profile.name' });
    case 'phone':
      return msg('Phone', { id: 'portal.profile.phone' });
    case 'organization':
      return msg('Organisation', { id: 'supportForm.requester.organization' });
    case 'language':
      return msg('Language', { id: 'account.language' });
    case 'role':
      return msg('Role', { id: 'console.customers.role' });
    case 'portalAccess':
      return msg('Portal access', { id: 'console.customers.access' });
  }
}

function actionText(r: ImportRow): TemplateResult | string {
  switch (r.action) {
    case 'create':
      return r.invited
        ? msg('Add and invite', { id: 'console.import.action.createInvite' })
        : msg('Add', { id: 'console.customers.addSubmit' });
    case 'update': {
      const what = r.changes.map(columnLabel).join(', ');
      return msg(str`Update: ${what}`, { id: 'console.import.action.update' });
    }
    case 'unchanged':
      return msg('No change', { id: 'console.import.action.unchanged' });
    case 'error':
      return html`<span class="action-error">${msg('Error: not imported', { id: 'console.import.action.error' })}</span>`;
  }
}

const param = (issue: Pick<FieldIssue, 'params'>, key: string) => String(issue.params?.[key] ?? '');

/** One cell's problem, in the words of the import (the column is named before it). */
function rowIssueText(issue: FieldIssue): string {
  const value = param(issue, 'value');
  switch (issue.code) {
    case 'duplicate':
      if (issue.field === 'email') {
        const row = param(issue, 'row');
        return msg(str`The same address is in row ${row}.`, { id: 'console.import.issue.duplicate' });
      }
      return msg(str`More than one organisation is called “${value}”: write its id.`, {
        id: 'console.import.issue.ambiguous',
      });
    case 'not-found':
      return msg(str`There is no organisation “${value}”. Tick “Create the organisations …” to make it.`, {
        id: 'console.import.issue.noOrg',
      });
    case 'one-of': {
      const options = param(issue, 'options');
      return msg(str`“${value}” is not one of: ${options}.`, { id: 'console.import.issue.oneOf' });
    }
    case 'read-only':
      return msg('The import gives portal access but never takes it away: revoke it on the customer’s page.', {
        id: 'console.import.issue.revoke',
      });
    default:
      return issueText(issue, { label: columnLabel(issue.field as ImportColumn) ?? issue.field });
  }
}

/** Why the file as a whole was refused (a 400 naming `csv`), else the problem's own text. */
function fileProblemText(err: unknown): string {
  const issue = err instanceof PorticoError ? err.fieldIssues['csv'] : undefined;
  if (!issue) return problemText(err);
  switch (issue.code) {
    case 'required':
      return msg('The file has no e-mail column: its first row must name the columns, such as email;name.', {
        id: 'console.import.file.noEmail',
      });
    case 'duplicate': {
      const header = param(issue, 'header');
      return msg(str`The column “${header}” means the same as another column.`, {
        id: 'console.import.file.sameColumn',
      });
    }
    case 'file-empty':
      return msg('The file has no customers under its first row.', { id: 'console.import.file.empty' });
    case 'invalid': {
      const row = param(issue, 'row');
      return msg(str`Row ${row} has a quote that is never closed.`, { id: 'console.import.file.quote' });
    }
    case 'max': {
      const max = param(issue, 'max');
      return msg(str`At most ${max} customers a file: split it and import the parts one by one.`, {
        id: 'console.import.file.tooMany',
      });
    }
    case 'max-length': {
      const max = Number(param(issue, 'max')).toLocaleString();
      return msg(str`The file is too large: at most ${max} characters.`, { id: 'console.import.file.tooLarge' });
    }
    default:
      return problemText(err);
  }
}
