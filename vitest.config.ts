import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    // Pure core and server code run in node; UI tests opt into jsdom with a file comment.
    environment: 'node',
    testTimeout: 20_000,
  },
});
