import { str } from '@lit/localize';

// Italian uses the informal "tu", typographic apostrophes (’) and «caporali» quotes.
// Status names agree with "ticket" (masculine); "organisation" is "azienda", as in
// TVox's Customer Portal ("Utente aziendale", "ticket della propria azienda").
export const templates = {
  'common.remoteImage': str`Immagine: ${0}`,
  'status.new': 'Nuovo',
  'status.open': 'Aperto',
  'status.pending': 'In attesa',
  'status.solved': 'Risolto',
  'status.closed': 'Chiuso',
  'common.retry': 'Riprova',
  'common.upload.notAttached': str`«${0}» non è allegato. Riprova o rimuovilo, poi invia di nuovo.`,
  'common.upload.notAttachedMany': str`${0} file non sono allegati. Riprova o rimuovili, poi invia di nuovo.`,
  'common.loading': 'Caricamento…',
  'common.close': 'Chiudi',
  'common.back': 'Indietro',
  'common.cancel': 'Annulla',
  'common.notConfigured': 'Portico non è configurato: non è impostato alcun backend.',
  'common.yes': 'Sì',
  'common.no': 'No',
};
