import { str } from '@lit/localize';

export const templates = {
  'signIn.heading': 'Anmelden',
  'signIn.email': 'E-Mail-Adresse',
  'signIn.password': 'Passwort',
  'signIn.submit': 'Anmelden',
  'signIn.pending': 'Anmeldung läuft…',
  'signIn.forgot': 'Passwort vergessen?',
  'signIn.or': 'oder',
  'signIn.magicLink': 'Anmeldelink per E-Mail senden',
  'signIn.sending': 'Wird gesendet…',
  'signIn.magicSent.heading': 'Prüfen Sie Ihren Posteingang',
  'signIn.magicSent.body': str`Falls für ${0} ein Konto besteht, haben wir einen Anmeldelink an diese Adresse gesendet. Öffnen Sie den Link auf diesem Gerät, um sich anzumelden.`,
  'signIn.reset.heading': 'Passwort zurücksetzen',
  'signIn.reset.intro':
    'Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, über den Sie ein neues Passwort festlegen können.',
  'signIn.reset.submit': 'Link zum Zurücksetzen senden',
  'signIn.resetSent.heading': 'Prüfen Sie Ihren Posteingang',
  'signIn.resetSent.body': str`Falls für ${0} ein Konto besteht, haben wir einen Link gesendet, über den Sie ein neues Passwort festlegen können.`,
  'signIn.backToSignIn': 'Zurück zur Anmeldung',
  'signIn.error.emailMissing': 'Geben Sie Ihre E-Mail-Adresse ein.',
  'signIn.error.emailInvalid': 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
  'signIn.error.passwordMissing': 'Geben Sie Ihr Passwort ein.',
  'signIn.error.credentials':
    'Die E-Mail-Adresse oder das Passwort ist nicht korrekt. Prüfen Sie beides und versuchen Sie es erneut.',
};
