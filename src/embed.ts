// The one-script-tag entry, built to dist/portico.js (one file, no exports):
//   <script src="https://…/portico.js" data-backend="https://…/portico/v1" async></script>
// Everything it does lives in portico-api.ts; the elements it defines are
// listed in PORTICO_ELEMENTS there. A second copy of the script does nothing.
import { bootEmbed, findOwnScript } from './portico-api.js';

bootEmbed(findOwnScript());
