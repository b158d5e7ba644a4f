import { expect } from '@open-wc/testing';
import { ForbiddenError, NotFoundError, type PorticoError, UnauthorizedError } from '../../../src/core/errors.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** The msw mock gateway follows the role rules of docs/protocol.md, so component tests can rely on it. */
describe('mock gateway (test/mocks)', () => {
  let carol: PorticoServices;

  beforeEach(async () => {
    carol = await useMockServices({ as: 'carol', setDefault: false });
  });

  it('shows a company user her own and her organisation’s tickets, never another organisation’s', async () => {
    const mine = await carol.backend.listTickets({ scope: 'mine', limit: 100 });
    const org = await carol.backend.listTickets({ scope: 'organization', limit: 100 });
    expect(mine.items.every((t) => t.requester.name === 'Carol Jansen')).to.equal(true);
    expect(org.items.length).to.be.greaterThan(mine.items.length);
    expect(org.items.every((t) => t.organization?.name === 'Acme Corp')).to.equal(true);
    expect(await rejection(carol.backend.getTicket('t-1010'))).to.be.instanceOf(NotFoundError);
    const summary = await carol.backend.getTicketSummary('organization');
    expect(summary.total).to.equal(org.items.length);
  });

  it("lets a company user read a colleague's ticket, reply only where the portal allows, and never close it", async () => {
    const daves = await carol.backend.getTicket('t-1006');
    expect(daves.permissions).to.deep.equal({ canReply: false, canClose: false, canReopen: false, canRate: false });
    expect(
      await rejection(carol.backend.reply('t-1006', { body: { format: 'text', content: 'Hi' } })),
    ).to.be.instanceOf(ForbiddenError);
    mockState.portal.companyUsersCanReplyToColleagues = true;
    expect((await carol.backend.getTicket('t-1006')).permissions).to.deep.equal({
      canReply: true,
      canClose: false,
      canReopen: false,
      canRate: false,
    });
    await carol.backend.reply('t-1006', { body: { format: 'text', content: 'Hi Dave' } });
    expect(await rejection(carol.backend.closeTicket('t-1006'))).to.be.instanceOf(ForbiddenError);
  });

  it('gives a plain user only his own tickets (403 for the organisation)', async () => {
    const dave = await useMockServices({ as: 'dave', setDefault: false, reset: false });
    expect(await rejection(dave.backend.listTickets({ scope: 'organization' }))).to.be.instanceOf(ForbiddenError);
    expect(await rejection(dave.backend.getTicket('t-1001'))).to.be.instanceOf(NotFoundError);
    const own = await dave.backend.getTicket('t-1006');
    expect(own.permissions).to.deep.equal({ canReply: true, canClose: true, canReopen: false, canRate: false });
  });

  it('closes and reopens own tickets where the portal allows', async () => {
    expect((await carol.backend.closeTicket('t-1001')).status).to.equal('closed');
    const reopened = await carol.backend.reopenTicket('t-1001');
    expect(reopened.status).to.equal('open');
    mockState.portal.allowClose = false;
    expect((await carol.backend.getTicket('t-1001')).permissions?.canClose).to.equal(false);
    expect(await rejection(carol.backend.closeTicket('t-1001'))).to.be.instanceOf(ForbiddenError);
  });

  it('never sends internal notes, and hides agent names when the portal says so', async () => {
    const messages = (await carol.backend.listMessages('t-1001')).items;
    expect(messages.map((m) => m.id)).not.to.include('m-1001-n');
    expect(messages.some((m) => m.author.name === 'Alex Jansen')).to.equal(true);
    mockState.portal.showAgentNames = false;
    const hidden = (await carol.backend.listMessages('t-1001')).items;
    expect(hidden.filter((m) => m.author.role === 'agent').every((m) => m.author.name === 'Support')).to.equal(true);
    expect((await carol.backend.getTicket('t-1001')).assignee).to.equal(null);
  });

  it('validates new tickets per form, including the conditional field', async () => {
    const base = {
      formId: 'access-request',
      subject: 'Access to CRM',
      body: { format: 'text' as const, content: '' },
      fields: { system: 'crm', accessLevel: 'admin', startDate: '2025-06-01', managerEmail: 'boss@acme.example' },
    };
    const error = (await rejection(carol.backend.createTicket(base))) as PorticoError;
    expect(error.status).to.equal(422);
    expect(Object.keys(error.fieldIssues)).to.deep.equal(['fields.reason']);
    const ticket = await carol.backend.createTicket({ ...base, fields: { ...base.fields, accessLevel: 'read' } });
    expect(ticket.status).to.equal('new');
    expect(ticket.service).to.equal('Access');
    const list = await carol.backend.listTickets({ scope: 'mine', sort: '-created', limit: 1 });
    expect(list.items[0].id).to.equal(ticket.id);
  });

  it('signs in and out with the demo password', async () => {
    const anon = await useMockServices({ as: null, setDefault: false, reset: false });
    expect(anon.session.signedIn).to.equal(false);
    expect(await rejection(anon.backend.listTickets({}))).to.be.instanceOf(UnauthorizedError);
    expect(await rejection(anon.backend.signIn({ email: 'erin@globex.example', password: 'nope' }))).to.be.instanceOf(
      UnauthorizedError,
    );
    const session = await anon.backend.signIn({ email: 'erin@globex.example', password: 'portico-demo' });
    expect(session?.user.role).to.equal('company');
    expect(
      (await anon.backend.listTickets({ scope: 'organization' })).items.every((t) => t.organization?.name === 'Globex'),
    ).to.equal(true);
    await anon.backend.signOut();
    expect(await anon.backend.getSession()).to.equal(null);
  });
});
