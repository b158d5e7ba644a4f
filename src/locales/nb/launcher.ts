import { str } from '@lit/localize';

// A ticket is a "sak" (as in "saksnummer"); a request sent through the form is a "henvendelse".
export const templates = {
  'launcher.open': 'Åpne kundestøtte',
  'launcher.closePanel': 'Lukk kundestøtte',
  'launcher.unread': str`Uleste: ${0}`,
  'launcher.title': 'Kundestøtte',
  'launcher.tabs': 'Deler av kundestøtten',
  'launcher.tab.tickets': 'Saker',
  'launcher.tab.new': 'Ny sak',
  'launcher.tab.chat': 'Chat',
  'account.menu': 'Konto',
  'account.language': 'Språk',
};
