import { str } from '@lit/localize';

// "…, non letti: 3" rather than "3 non letti", so the count needs no agreement.
export const templates = {
  'launcher.open': 'Apri assistenza',
  'launcher.closePanel': 'Chiudi assistenza',
  'launcher.unread': str`non letti: ${0}`,
  'launcher.title': 'Assistenza',
  'launcher.tabs': 'Sezioni dell’assistenza',
  'launcher.tab.tickets': 'Ticket',
  'launcher.tab.new': 'Nuovo ticket',
  'launcher.tab.chat': 'Chat',
  'account.menu': 'Account',
  'account.language': 'Lingua',
};
