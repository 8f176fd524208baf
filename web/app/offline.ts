/// <reference types="vite/client" />
/**
 * Offline support: register the service worker that `vite build` writes beside index.html
 * (vite.config.ts). It precaches the whole build, so after the first load the app, its query-string
 * URLs and its Workers keep working with the network off. Only in production builds (the dev
 * server has no sw.js) and only where the browser has service workers (not over plain http other
 * than localhost, not from file://). Never throws: offline is a bonus, and the app must run without it.
 */
export function registerOffline(): void {
  try {
    if (!import.meta.env.PROD || typeof navigator === 'undefined' || !navigator.serviceWorker) return;
    const register = () => {
      // Relative to the page, so the app works from any sub-path; the scope is that folder.
      navigator.serviceWorker.register('./sw.js').catch((err: unknown) => warn(err));
    };
    // After load, so precaching does not compete with the first load.
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  } catch (err) {
    warn(err);
  }
}

function warn(err: unknown): void {
  console.warn('kube-sim: offline use is not available:', err instanceof Error ? err.message : err);
}
