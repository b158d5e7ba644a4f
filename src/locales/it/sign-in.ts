import { str } from '@lit/localize';

export const templates = {
  'signIn.heading': 'Accedi',
  'signIn.email': 'Indirizzo email',
  'signIn.password': 'Password',
  'signIn.submit': 'Accedi',
  'signIn.pending': 'Accesso in corso…',
  'signIn.forgot': 'Password dimenticata?',
  'signIn.or': 'oppure',
  'signIn.magicLink': 'Inviami un link di accesso',
  'signIn.sending': 'Invio in corso…',
  'signIn.magicSent.heading': 'Controlla la tua casella di posta',
  'signIn.magicSent.body': str`Se ${0} è associato a un account, ti abbiamo inviato un link di accesso a quell’indirizzo. Apri il link su questo dispositivo per accedere.`,
  'signIn.reset.heading': 'Reimposta la password',
  'signIn.reset.intro':
    'Inserisci l’indirizzo email che usi per accedere. Ti invieremo un link per scegliere una nuova password.',
  'signIn.reset.submit': 'Invia link di reimpostazione',
  'signIn.resetSent.heading': 'Controlla la tua casella di posta',
  'signIn.resetSent.body': str`Se ${0} è associato a un account, ti abbiamo inviato un link per scegliere una nuova password.`,
  'signIn.backToSignIn': 'Torna all’accesso',
  'signIn.error.emailMissing': 'Inserisci il tuo indirizzo email.',
  'signIn.error.emailInvalid': 'Inserisci un indirizzo email valido, ad esempio nome@esempio.it.',
  'signIn.error.passwordMissing': 'Inserisci la tua password.',
  'signIn.error.credentials': 'Indirizzo email o password non corretti. Controllali e riprova.',
};
