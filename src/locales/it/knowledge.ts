import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'Tutti gli articoli',
  'knowledge.feedback.thanks': 'Grazie! Siamo felici che ti sia stato utile.',
  'knowledge.feedback.sorry': 'Grazie per avercelo detto. Puoi comunque inviarci la tua domanda.',
  'knowledge.feedback.question': 'Questo ha risposto alla tua domanda?',
  'knowledge.feedback.failed': 'Non è stato possibile inviare la tua risposta. Riprova.',
  'knowledge.loadingArticle': 'Caricamento dell’articolo…',
  'knowledge.articleFailed': 'Non è stato possibile caricare l’articolo.',
  'knowledge.notFound': 'Questo articolo non esiste (più).',
  'knowledge.listFailed': 'Non è stato possibile caricare gli articoli.',
  'knowledge.heading': 'Articoli di aiuto',
  'knowledge.search': 'Cerca negli articoli',
  'knowledge.none': 'Nessun articolo corrisponde alla tua ricerca.',
  'knowledge.countOne': '1 articolo',
  'knowledge.countMany': str`${0} articoli`,
};
