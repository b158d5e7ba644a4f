import { str } from '@lit/localize';

export const templates = {
  'common.remoteImage': str`Afbeelding: ${0}`,
  'status.new': 'Nieuw',
  'status.open': 'Open',
  'status.pending': 'In afwachting',
  'status.solved': 'Opgelost',
  'status.closed': 'Gesloten',
  'common.retry': 'Opnieuw proberen',
  'common.upload.notAttached': str`“${0}” is niet bijgevoegd. Probeer het opnieuw of verwijder het, en verstuur dan opnieuw.`,
  'common.upload.notAttachedMany': str`${0} bestanden zijn niet bijgevoegd. Probeer ze opnieuw of verwijder ze, en verstuur dan opnieuw.`,
  'common.loading': 'Laden…',
  'common.close': 'Sluiten',
  'common.back': 'Terug',
  'common.cancel': 'Annuleren',
  'common.notConfigured': 'Portico is niet geconfigureerd: er is geen backend ingesteld.',
  'common.yes': 'Ja',
  'common.no': 'Nee',
};
