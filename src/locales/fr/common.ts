import { str } from '@lit/localize';

// French punctuation uses no-break spaces: U+00A0 before ':' and after 'n°', U+202F before ';', '?', '!' and inside « ».
export const templates = {
  'common.remoteImage': str`Image : ${0}`,
  'status.new': 'Nouveau',
  'status.open': 'Ouvert',
  'status.pending': 'En attente',
  'status.solved': 'Résolu',
  'status.closed': 'Fermé',
  'common.retry': 'Réessayer',
  'common.upload.notAttached': str`« ${0} » n’est pas joint. Réessayez ou retirez-le, puis envoyez à nouveau.`,
  'common.upload.notAttachedMany': str`${0} fichiers ne sont pas joints. Réessayez ou retirez-les, puis envoyez à nouveau.`,
  'common.loading': 'Chargement…',
  'common.close': 'Fermer',
  'common.back': 'Retour',
  'common.cancel': 'Annuler',
  'common.notConfigured': 'Portico n’est pas configuré : aucun backend n’est défini.',
  'common.yes': 'Oui',
  'common.no': 'Non',
};
