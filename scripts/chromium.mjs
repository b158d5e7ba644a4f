// One place for how Chromium is launched, shared by component and end-to-end tests.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
export const launchOptions = { executablePath: chromiumPath, args: chromiumArgs, headless: true };
