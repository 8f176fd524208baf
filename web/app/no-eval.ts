/**
 * The page's Content Security Policy forbids eval (vite.config.ts). zod compiles object parsers
 * with `new Function` when it can, and finds out whether it can by trying: under the policy that
 * try is refused and reported as a violation, though zod falls back quietly. Telling zod not to
 * compile keeps the page free of violations; Workers have no page policy and keep the fast path.
 * zod decides when a schema is built, as the engine's modules load: so this must run before
 * them. The build puts it first on every page (vite.config.ts), before the page's own script.
 */
import { z } from 'zod';

z.config({ jitless: true });
