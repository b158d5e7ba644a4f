import { str } from '@lit/localize';

export const templates = {
  'signIn.heading': 'Logg inn',
  'signIn.email': 'E-postadresse',
  'signIn.password': 'Passord',
  'signIn.submit': 'Logg inn',
  'signIn.pending': 'Logger inn…',
  'signIn.forgot': 'Glemt passordet?',
  'signIn.or': 'eller',
  'signIn.magicLink': 'Send meg en innloggingslenke',
  'signIn.sending': 'Sender…',
  'signIn.magicSent.heading': 'Sjekk innboksen din',
  'signIn.magicSent.body': str`Hvis ${0} har en konto, har vi sendt en innloggingslenke dit. Åpne lenken på denne enheten for å logge inn.`,
  'signIn.reset.heading': 'Tilbakestill passordet',
  'signIn.reset.intro':
    'Skriv inn e-postadressen du logger inn med. Vi sender deg en lenke der du kan velge et nytt passord.',
  'signIn.reset.submit': 'Send lenke for nytt passord',
  'signIn.resetSent.heading': 'Sjekk innboksen din',
  'signIn.resetSent.body': str`Hvis ${0} har en konto, har vi sendt en lenke dit der du kan velge et nytt passord.`,
  'signIn.backToSignIn': 'Tilbake til innlogging',
  'signIn.error.emailMissing': 'Skriv inn e-postadressen din.',
  'signIn.error.emailInvalid': 'Skriv inn en e-postadresse som navn@eksempel.no.',
  'signIn.error.passwordMissing': 'Skriv inn passordet ditt.',
  'signIn.error.credentials': 'E-postadressen eller passordet er feil. Sjekk begge og prøv igjen.',
};
