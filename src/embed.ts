// The one-script-tag entry, built to dist/portico.js (a few kB, a classic script):
//   <script src="https://…/portico.js" data-backend="https://…/portico/v1" async></script>
// It draws the launcher button and installs a queueing window.Portico; the
// full app (dist/portico-app.js + chunks) loads on the first interaction.
// See facade/boot-facade.ts. A second copy of the script does nothing.
import { bootFacade } from './facade/boot-facade.js';
import { findOwnScript } from './facade/own-script.js';

bootFacade(findOwnScript());
