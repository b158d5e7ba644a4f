import { str } from '@lit/localize';

export const templates = {
  'signIn.heading': 'Inloggen',
  'signIn.email': 'E-mailadres',
  'signIn.password': 'Wachtwoord',
  'signIn.submit': 'Inloggen',
  'signIn.pending': 'Bezig met inloggen…',
  'signIn.forgot': 'Wachtwoord vergeten?',
  'signIn.or': 'of',
  'signIn.magicLink': 'Stuur mij een inloglink',
  'signIn.sending': 'Bezig met versturen…',
  'signIn.magicSent.heading': 'Kijk in je inbox',
  'signIn.magicSent.body': str`Als ${0} een account heeft, hebben we er een inloglink naartoe gestuurd. Open de link op dit apparaat om in te loggen.`,
  'signIn.reset.heading': 'Wachtwoord opnieuw instellen',
  'signIn.reset.intro':
    'Vul het e-mailadres in waarmee je inlogt. We sturen je een link om een nieuw wachtwoord te kiezen.',
  'signIn.reset.submit': 'Resetlink versturen',
  'signIn.resetSent.heading': 'Kijk in je inbox',
  'signIn.resetSent.body': str`Als ${0} een account heeft, hebben we een link gestuurd om een nieuw wachtwoord te kiezen.`,
  'signIn.backToSignIn': 'Terug naar inloggen',
  'signIn.error.emailMissing': 'Vul je e-mailadres in.',
  'signIn.error.emailInvalid': 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
  'signIn.error.passwordMissing': 'Vul je wachtwoord in.',
  'signIn.error.credentials': 'Het e-mailadres of wachtwoord klopt niet. Controleer beide en probeer het opnieuw.',
};
