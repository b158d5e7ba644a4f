import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'Alle artikler',
  'knowledge.feedback.thanks': 'Takk! Fint at det hjalp.',
  'knowledge.feedback.sorry': 'Takk for at du sa fra. Du kan fortsatt sende oss spørsmålet ditt.',
  'knowledge.feedback.question': 'Svarte dette på spørsmålet ditt?',
  'knowledge.feedback.failed': 'Svaret ditt kunne ikke sendes. Prøv igjen.',
  'knowledge.loadingArticle': 'Laster artikkelen …',
  'knowledge.articleFailed': 'Artikkelen kunne ikke lastes inn.',
  'knowledge.notFound': 'Denne artikkelen finnes ikke (lenger).',
  'knowledge.listFailed': 'Artiklene kunne ikke lastes inn.',
  'knowledge.heading': 'Hjelpeartikler',
  'knowledge.search': 'Søk i artiklene',
  'knowledge.none': 'Ingen artikler passer til søket ditt.',
  'knowledge.countOne': '1 artikkel',
  'knowledge.countMany': str`${0} artikler`,
};
