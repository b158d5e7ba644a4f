import { str } from '@lit/localize';

// German support portals usually keep the English word "Ticket" (das Ticket).
export const templates = {
  'launcher.open': 'Support öffnen',
  'launcher.closePanel': 'Support schließen',
  'launcher.unread': str`${0} ungelesen`,
  'launcher.title': 'Support',
  'launcher.tabs': 'Support-Bereiche',
  'launcher.tab.tickets': 'Tickets',
  'launcher.tab.new': 'Neues Ticket',
  'launcher.tab.chat': 'Chat',
  'account.menu': 'Konto',
  'account.language': 'Sprache',
};
