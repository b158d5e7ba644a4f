import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/provider/provider.js';
import type { PorticoProvider } from '../../../src/components/provider/provider.component.js';
import { PorticoElement } from '../../../src/components/shared/portico-element.js';
import type { PorticoServices } from '../../../src/core/services.js';

/** A consumer as every Portico element is one: services from the nearest provider. */
class ServicesProbe extends PorticoElement {
  get received(): PorticoServices | undefined {
    return this.services;
  }
}
customElements.define('services-probe', ServicesProbe);

/** Collects console.error calls while `run` executes. */
async function captureErrors(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return errors;
}

const BACKEND = 'https://support.example/portico/v1';

describe('<portico-provider>', () => {
  it('gives its services to a nested element, also through another element’s shadow root', async () => {
    const el = await fixture<PorticoProvider>(html`
      <portico-provider backend=${BACKEND} locale="nl" auth-mode="bearer" form-id="general">
        <section><services-probe id="direct"></services-probe></section>
      </portico-provider>
    `);
    const probe = el.querySelector<ServicesProbe>('#direct')!;
    expect(probe.received).to.exist;
    expect(probe.received!.config.backend).to.equal(BACKEND);
    expect(probe.received!.config.locale).to.equal('nl');
    expect(probe.received!.config.authMode).to.equal('bearer');
    expect(probe.received!.config.formId).to.equal('general');
    expect(probe.received!.backend.baseUrl).to.equal(BACKEND);
    expect(probe.received).to.equal(el.services);

    // An element rendered inside some host's shadow root still finds the provider.
    const host = document.createElement('div');
    el.append(host);
    const inner = document.createElement('services-probe') as ServicesProbe;
    host.attachShadow({ mode: 'open' }).append(inner);
    await inner.updateComplete;
    expect(inner.received).to.equal(el.services);
  });

  it('renders its children through a slot and is accessible', async () => {
    const el = await fixture<PorticoProvider>(
      html`<portico-provider backend=${BACKEND}><p>Hello</p></portico-provider>`,
    );
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.querySelector('p')!.assignedSlot).to.exist;
    await expect(el).to.be.accessible();
  });

  it('builds a new backend client when backend changes, and keeps it for other keys', async () => {
    const el = await fixture<PorticoProvider>(html`
      <portico-provider backend=${BACKEND}><services-probe></services-probe></portico-provider>
    `);
    const probe = el.querySelector<ServicesProbe>('services-probe')!;
    const first = probe.received!;

    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(probe.received!.config.theme).to.equal('dark');
    expect(probe.received!.backend).to.equal(first.backend);
    expect(probe.received!.session).to.equal(first.session);

    el.setAttribute('backend', 'https://other.example/portico/v1');
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.received!.backend).not.to.equal(first.backend);
    expect(probe.received!.backend.baseUrl).to.equal('https://other.example/portico/v1');
    expect(probe.received!.session).not.to.equal(first.session);
  });

  it('a nested provider wins over the outer one', async () => {
    const el = await fixture<PorticoProvider>(html`
      <portico-provider backend=${BACKEND}>
        <portico-provider backend="https://inner.example/portico/v1">
          <services-probe></services-probe>
        </portico-provider>
      </portico-provider>
    `);
    const probe = el.querySelector<ServicesProbe>('services-probe')!;
    expect(probe.received!.backend.baseUrl).to.equal('https://inner.example/portico/v1');
  });

  it('reports a bad attribute with exactly one console error naming it, and still provides services', async () => {
    let el!: PorticoProvider;
    const errors = await captureErrors(async () => {
      el = await fixture<PorticoProvider>(html`
        <portico-provider backend=${BACKEND} auth-mode="magic"><services-probe></services-probe></portico-provider>
      `);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('auth-mode').and.to.contain('magic');
    const probe = el.querySelector<ServicesProbe>('services-probe')!;
    expect(probe.received!.config.authMode).to.equal('cookie');
    expect(probe.received!.backend.baseUrl).to.equal(BACKEND);

    // Changing another attribute does not report the bad one again.
    const later = await captureErrors(async () => {
      el.setAttribute('theme', 'light');
      await el.updateComplete;
    });
    expect(later).to.deep.equal([]);
  });

  it('reports each bad attribute once: bad timeout and theme give two errors', async () => {
    const errors = await captureErrors(async () => {
      await fixture(html`<portico-provider backend=${BACKEND} timeout-ms="soon" theme="neon"></portico-provider>`);
    });
    expect(errors).to.have.length(2);
    expect(errors.some((e) => e.includes('"timeout-ms"'))).to.be.true;
    expect(errors.some((e) => e.includes('"theme"'))).to.be.true;
  });

  it('without a backend it logs one error and provides nothing, without throwing', async () => {
    let el!: PorticoProvider;
    const errors = await captureErrors(async () => {
      el = await fixture<PorticoProvider>(html`<portico-provider><services-probe></services-probe></portico-provider>`);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"backend"');
    expect(el.services).to.be.undefined;

    // Adding one later starts providing.
    el.setAttribute('backend', BACKEND);
    await el.updateComplete;
    const probe = el.querySelector<ServicesProbe>('services-probe')!;
    expect(probe.received!.backend.baseUrl).to.equal(BACKEND);
  });

  it('an invalid backend URL is reported once as that attribute', async () => {
    const errors = await captureErrors(async () => {
      await fixture(html`<portico-provider backend="ftp://files.example/x"></portico-provider>`);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('attribute "backend"');
  });
});
