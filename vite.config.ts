import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The page lives in web/ and imports the engine from src/ and scenarios/ (one level up).
// `base: './'` keeps asset URLs relative, so dist/ works from any static server or sub-path.
// The root is absolute so that the config also works when loaded from another directory (tests).
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: './',
  plugins: [offline(), contentSecurityPolicy()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // Pages of one app: the planners' (index.html), trainer mode (trainer.html), and the
    // workshop's phone and projector pages, served by `kube-sim workshop` (src/server/).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        trainer: fileURLToPath(new URL('./web/trainer.html', import.meta.url)),
        'workshop-phone': fileURLToPath(new URL('./web/workshop-phone.html', import.meta.url)),
        'workshop-projector': fileURLToPath(new URL('./web/workshop-projector.html', import.meta.url)),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
  },
});

/**
 * The Content Security Policy of every built page. Each directive is what the app needs and no more:
 * - scripts, module Workers and the service worker only from the site itself (no inline script, no
 *   eval: the boot-error handler is public/boot-error.js, not inline);
 * - styles from the site's CSS files; d3 sets element.style through the CSSOM, which a policy does
 *   not restrict, so no 'unsafe-inline' (a style="" attribute in markup is refused);
 * - images from the site, `data:` (the page's empty favicon) and `blob:` (PNG export draws the
 *   chart's SVG from a blob URL);
 * - nothing from any other origin, no plugins, no <base>, no form submission anywhere.
 * frame-ancestors is not here: a <meta> policy cannot carry it (browsers ignore it with a warning).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy as a <meta http-equiv> at the top of every built HTML page (index.html, trainer.html
 * and any page added later), before any script or stylesheet. Build only: the dev server's HMR
 * client is injected inline and talks over a WebSocket, which the policy would refuse.
 */
function contentSecurityPolicy(): Plugin[] {
  return [
    {
      name: 'kube-sim:csp',
      apply: 'build',
      transformIndexHtml: {
        order: 'post',
        handler(html) {
          if (html.includes('http-equiv="Content-Security-Policy"')) return html;
          const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
          // Right after <meta charset> (which must stay first), else first in <head>.
          const charset = /<meta\s+charset=[^>]*>/i.exec(html);
          if (charset) return html.slice(0, charset.index + charset[0].length) + `\n    ${meta}` + html.slice(charset.index + charset[0].length);
          return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`);
        },
      },
    },
    {
      // Before the page's own module (Vite bundles a page's module scripts in order): zod must be
      // told not to try eval before the engine's schemas are built (see web/app/no-eval.ts).
      name: 'kube-sim:no-eval',
      apply: 'build',
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          if (html.includes('/app/no-eval.ts')) return html;
          return html.replace(/<script type="module"/, '<script type="module" src="/app/no-eval.ts"></script>\n    $&');
        },
      },
    },
  ];
}

/** The service worker's file name, beside index.html (web/app/offline.ts registers it). */
export const SERVICE_WORKER = 'sw.js';

/**
 * Offline after the first load: once the build is written, write `sw.js` beside index.html. It
 * precaches every file of the build (index.html, JS chunks including module Worker chunks, CSS,
 * assets, public files; not source maps) into a cache named after the build's content, so a new
 * build gets a new cache and the old one is dropped when the new worker takes over.
 *
 * Hand-written rather than vite-plugin-pwa/workbox: the app needs precache + cache-first and
 * nothing else, and this is ~60 lines with no dependency, no runtime library and no request
 * outside the site.
 */
function offline(): Plugin {
  let publicDir = '';
  let copyPublicDir = true;
  return {
    name: 'kube-sim:offline',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      copyPublicDir = config.build.copyPublicDir;
    },
    writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) return;
      const files = new Map<string, string | Uint8Array>();
      for (const [name, out] of Object.entries(bundle)) files.set(name, out.type === 'chunk' ? out.code : out.source);
      if (copyPublicDir && publicDir && existsSync(publicDir)) {
        for (const path of walk(publicDir)) files.set(relative(publicDir, path).split(sep).join('/'), readFileSync(path));
      }
      const names = [...files.keys()].filter((n) => n !== SERVICE_WORKER && !n.endsWith('.map') && !n.startsWith('.vite/')).sort();
      const hash = createHash('sha256');
      for (const n of names) hash.update(n).update('\0').update(files.get(n)!).update('\0');
      writeFileSync(join(outDir, SERVICE_WORKER), serviceWorker(hash.digest('hex').slice(0, 16), names));
    },
  };
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

/**
 * The worker's source. Files are relative to the worker's own folder (the site's root, wherever
 * it is served). Cache-first for every same-origin GET inside that folder; a navigation to the
 * folder or its index.html, with any query string (`./?preset=tulip&seed=3`), gets the cached
 * index.html. No skipWaiting(): a new build takes over once every tab of the old one is closed,
 * so an open page never loses the chunks it was built with.
 */
function serviceWorker(version: string, files: string[]): string {
  return `// kube-sim offline service worker: generated by vite.config.ts at build time.
const FILES = ${JSON.stringify(files)};
const BASE = new URL('./', self.location.href);
const PREFIX = 'kube-sim:' + BASE.pathname + ':';
const CACHE = PREFIX + ${JSON.stringify(version)};
const INDEX = new URL('index.html', BASE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, BASE).href, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== BASE.origin || !url.pathname.startsWith(BASE.pathname)) return;
  const page = request.mode === 'navigate' && (url.pathname === BASE.pathname || url.href.split('?')[0] === INDEX);
  const key = page ? INDEX : url.origin + url.pathname;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
`;
}
