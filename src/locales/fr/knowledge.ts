import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'Tous les articles',
  'knowledge.feedback.thanks': 'Merci ! Ravis que cela vous ait aidé.',
  'knowledge.feedback.sorry': 'Merci de nous l’avoir signalé. Vous pouvez toujours nous envoyer votre question.',
  'knowledge.feedback.question': 'Cela a-t-il répondu à votre question ?',
  'knowledge.feedback.failed': 'Votre réponse n’a pas pu être envoyée. Réessayez.',
  'knowledge.loadingArticle': 'Chargement de l’article…',
  'knowledge.articleFailed': 'L’article n’a pas pu être chargé.',
  'knowledge.notFound': 'Cet article n’existe pas (ou plus).',
  'knowledge.listFailed': 'Les articles n’ont pas pu être chargés.',
  'knowledge.heading': 'Articles d’aide',
  'knowledge.search': 'Rechercher dans les articles',
  'knowledge.none': 'Aucun article ne correspond à votre recherche.',
  'knowledge.countOne': '1 article',
  'knowledge.countMany': str`${0} articles`,
};
