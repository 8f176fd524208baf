import { defineConfig } from 'vitest/config';

// Tests run from the repository root (vite.config.ts roots the app in web/).
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
