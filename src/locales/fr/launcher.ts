import { str } from '@lit/localize';

export const templates = {
  'launcher.open': 'Ouvrir l’assistance',
  'launcher.closePanel': 'Fermer l’assistance',
  'launcher.unread': str`non lus : ${0}`,
  'launcher.title': 'Assistance',
  'launcher.tabs': 'Sections de l’assistance',
  'launcher.tab.tickets': 'Tickets',
  'launcher.tab.new': 'Nouveau ticket',
  'launcher.tab.chat': 'Chat',
  'account.menu': 'Compte',
  'account.language': 'Langue',
};
