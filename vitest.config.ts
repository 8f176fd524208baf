import { defineConfig } from 'vitest/config';

// Tests run from the repository root (vite.config.ts roots the app in web/). Two projects: the
// unit tests, and the browser tests in test/e2e, which build the app and drive Chromium; both
// run under `vitest run`, and `vitest run --project unit` leaves the browser out.
export default defineConfig({
  root: '.',
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the app once for every browser test (inject('appDist')).
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          // Building the app and starting Chromium happen in beforeAll.
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
