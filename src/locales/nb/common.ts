import { str } from '@lit/localize';

export const templates = {
  'common.remoteImage': str`Bilde: ${0}`,
  'status.new': 'Ny',
  'status.open': 'Åpen',
  'status.pending': 'Venter',
  'status.solved': 'Løst',
  'status.closed': 'Lukket',
  'common.retry': 'Prøv igjen',
  'common.upload.notAttached': str`«${0}» er ikke lagt ved. Prøv igjen eller fjern den, og send på nytt.`,
  'common.upload.notAttachedMany': str`${0} filer er ikke lagt ved. Prøv igjen eller fjern dem, og send på nytt.`,
  'common.loading': 'Laster inn…',
  'common.close': 'Lukk',
  'common.back': 'Tilbake',
  'common.cancel': 'Avbryt',
  'common.notConfigured': 'Portico er ikke satt opp: ingen backend er angitt.',
  'common.yes': 'Ja',
  'common.no': 'Nei',
};
