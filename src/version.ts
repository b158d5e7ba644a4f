/** The bundle's version: `window.Portico.version`, shared by the facade and the app. */
export const VERSION = '0.1.0';
