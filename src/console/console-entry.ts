/**
 * The console page's script (dist/console/portico-console.js, a bundle of
 * its own: customers never download it). It speaks the browser's language, with the console's own strings added to Portico's.
 */
import { initLocalization, localeDirection, matchLocale, setLocale } from '../core/i18n.js';
import { PorticoConsole } from './console.component.js';
import { PorticoConsoleTicket } from './console-ticket.js';
import { PorticoConsoleSettings } from './console-settings.js';
import { PorticoConsoleChats } from './console-chats.js';
import { PorticoConsoleCustomers } from './console-customers.js';
import { PorticoConsoleCustomerImport } from './console-customer-import.js';
import { PorticoConsoleActivity } from './console-activity.js';
import { PorticoConsoleEmbed } from './console-embed.js';

const CONSOLE_LOCALES = {
  nl: () => import('./locales/nl.js'),
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  it: () => import('./locales/it.js'),
  nb: () => import('./locales/nb.js'),
  he: () => import('./locales/he.js'),
};

initLocalization((locale) => CONSOLE_LOCALES[locale as keyof typeof CONSOLE_LOCALES]());
PorticoConsoleTicket.define('portico-console-ticket');
PorticoConsoleSettings.define('portico-console-settings');
PorticoConsoleChats.define('portico-console-chats');
PorticoConsoleCustomers.define('portico-console-customers');
PorticoConsoleCustomerImport.define('portico-console-customer-import');
PorticoConsoleActivity.define('portico-console-activity');
PorticoConsoleEmbed.define('portico-console-embed');
PorticoConsole.define('portico-console');
// The person's browser language first: the page itself is the same for everyone.
void setLocale(navigator.languages.find((l) => matchLocale(l)) ?? null).then((locale) => {
  document.documentElement.lang = locale;
  document.documentElement.dir = localeDirection(locale);
});

declare global {
  interface HTMLElementTagNameMap {
    'portico-console': PorticoConsole;
    'portico-console-ticket': PorticoConsoleTicket;
    'portico-console-settings': PorticoConsoleSettings;
    'portico-console-chats': PorticoConsoleChats;
    'portico-console-customers': PorticoConsoleCustomers;
    'portico-console-customer-import': PorticoConsoleCustomerImport;
    'portico-console-activity': PorticoConsoleActivity;
    'portico-console-embed': PorticoConsoleEmbed;
  }
}
