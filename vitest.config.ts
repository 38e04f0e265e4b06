import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { reactAliases } from './reactAliases';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: reactAliases },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    // Pure core and server code run in node; UI tests opt into jsdom with a file comment.
    environment: 'node',
    // Generous for a 2-core machine with both cores busy (CI beside other jobs). Tests wait on conditions, so a
    // passing test never sits out these limits; they only bound how long a broken one hangs. Server harnesses
    // start in beforeAll hooks, whose 10 s default a loaded machine can exceed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['src/testing/setup.ts'],
    // Packages that import React are bundled by Vite for the tests, not loaded by Node, so the aliases above make
    // their `react` Preact too.
    server: { deps: { inline: [/@testing-library\/preact/, 'zustand', /@tanstack\//, /@tiptap\/react/, /use-sync-external-store/] } },
  },
});
