import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'Alle Artikel',
  'knowledge.feedback.thanks': 'Vielen Dank! Schön, dass es geholfen hat.',
  'knowledge.feedback.sorry': 'Danke für Ihre Rückmeldung. Sie können uns Ihre Frage weiterhin senden.',
  'knowledge.feedback.question': 'Hat das Ihre Frage beantwortet?',
  'knowledge.feedback.failed': 'Ihre Antwort konnte nicht gesendet werden. Versuchen Sie es erneut.',
  'knowledge.loadingArticle': 'Artikel wird geladen…',
  'knowledge.articleFailed': 'Der Artikel konnte nicht geladen werden.',
  'knowledge.notFound': 'Diesen Artikel gibt es nicht (mehr).',
  'knowledge.listFailed': 'Die Artikel konnten nicht geladen werden.',
  'knowledge.heading': 'Hilfeartikel',
  'knowledge.search': 'Artikel durchsuchen',
  'knowledge.none': 'Keine Artikel passen zu Ihrer Suche.',
  'knowledge.countOne': '1 Artikel',
  'knowledge.countMany': str`${0} Artikel`,
};
