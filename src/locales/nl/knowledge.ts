import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'Alle artikelen',
  'knowledge.feedback.thanks': 'Bedankt! Fijn dat het hielp.',
  'knowledge.feedback.sorry': 'Bedankt dat je het laat weten. Je kunt ons je vraag nog steeds sturen.',
  'knowledge.feedback.question': 'Heeft dit je vraag beantwoord?',
  'knowledge.feedback.failed': 'Je antwoord kon niet worden verstuurd. Probeer het opnieuw.',
  'knowledge.loadingArticle': 'Artikel laden…',
  'knowledge.articleFailed': 'Het artikel kon niet worden geladen.',
  'knowledge.notFound': 'Dit artikel bestaat niet (meer).',
  'knowledge.listFailed': 'De artikelen konden niet worden geladen.',
  'knowledge.heading': 'Hulpartikelen',
  'knowledge.search': 'Zoek in de artikelen',
  'knowledge.none': 'Geen artikelen gevonden voor je zoekopdracht.',
  'knowledge.countOne': '1 artikel',
  'knowledge.countMany': str`${0} artikelen`,
};
