import { str } from '@lit/localize';

// The knowledge base (<portico-knowledge>).
export const templates = {
  'knowledge.back': 'כל המאמרים',
  'knowledge.feedback.thanks': 'תודה! שמחים שזה עזר.',
  'knowledge.feedback.sorry': 'תודה על המשוב. אפשר עדיין לשלוח לנו את השאלה.',
  'knowledge.feedback.question': 'האם זה ענה על השאלה שלך?',
  'knowledge.feedback.failed': 'לא ניתן היה לשלוח את התשובה. יש לנסות שוב.',
  'knowledge.loadingArticle': 'המאמר בטעינה…',
  'knowledge.articleFailed': 'לא ניתן היה לטעון את המאמר.',
  'knowledge.notFound': 'המאמר הזה לא קיים או שהוסר.',
  'knowledge.listFailed': 'לא ניתן היה לטעון את המאמרים.',
  'knowledge.heading': 'מאמרי עזרה',
  'knowledge.search': 'חיפוש במאמרים',
  'knowledge.none': 'אין מאמרים שתואמים לחיפוש.',
  'knowledge.countOne': 'מאמר אחד',
  'knowledge.countMany': str`${0} מאמרים`,
};
