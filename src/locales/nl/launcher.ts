import { str } from '@lit/localize';

// TOPdesk's Dutch self-service portal calls a ticket a "melding".
export const templates = {
  'launcher.open': 'Ondersteuning openen',
  'launcher.closePanel': 'Ondersteuning sluiten',
  'launcher.unread': str`${0} ongelezen`,
  'launcher.title': 'Ondersteuning',
  'launcher.tabs': 'Onderdelen van ondersteuning',
  'launcher.tab.tickets': 'Meldingen',
  'launcher.tab.new': 'Nieuwe melding',
  'launcher.tab.chat': 'Chat',
  'account.menu': 'Account',
  'account.language': 'Taal',
};
