import { str } from '@lit/localize';

export const templates = {
  'common.remoteImage': str`Bilde: ${0}`,
  'status.new': 'Ny',
  'status.open': 'Åpen',
  'status.pending': 'Venter',
  'status.solved': 'Løst',
  'status.closed': 'Lukket',
  'common.retry': 'Prøv igjen',
  'common.loading': 'Laster inn…',
  'common.close': 'Lukk',
  'common.back': 'Tilbake',
  'common.cancel': 'Avbryt',
  'common.notConfigured': 'Portico er ikke satt opp: ingen backend er angitt.',
  'common.yes': 'Ja',
  'common.no': 'Nei',
};
