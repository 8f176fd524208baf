import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page lives in web/ and imports the engine from src/ and scenarios/ (one level up).
// `base: './'` keeps asset URLs relative, so dist/ works from any static server or sub-path.
// The root is absolute so that the config also works when loaded from another directory (tests).
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: './',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
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
