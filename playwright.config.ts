import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// e2e runs against the production build served by the real proxy, which talks to a local fake upstream
// speaking the OpenAI and Anthropic wire formats. Nothing leaves the machine.
export const FAKE_PORT = Number(process.env.FAKE_UPSTREAM_PORT ?? 5599);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4599);
const fake = `http://127.0.0.1:${FAKE_PORT}`;

// Pick whichever browser exists: an explicit path, Debian's Chromium, or Playwright's own download.
function browserPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Parallel runs on one machine each keep their own traces.
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  // Bounds, not waits: every test waits on what the user would see. CI runs on 2 busy cores where a step that
  // takes 1 s on an idle machine can take 10 s, so the bounds leave room for that.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { baseURL: `http://127.0.0.1:${APP_PORT}`, trace: 'retain-on-failure' },
  projects: [{
    name: 'chromium',
    use: {
      ...devices['Desktop Chrome'],
      viewport: { width: 1400, height: 900 },
      launchOptions: {
        executablePath: browserPath(),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    },
  }],
  webServer: [
    {
      command: `npx tsx e2e/support/fake-upstream-cli.ts --port ${FAKE_PORT}`,
      url: `${fake}/v1/models`,
      reuseExistingServer: false,
      stdout: 'ignore',
      timeout: 30_000,
    },
    {
      command: `node ${process.env.LONGHAND_DIST ?? 'dist'}/server/main.js`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        PORT: String(APP_PORT), HOST: '127.0.0.1',
        OPENAI_API_KEY: 'fake-test-e2e-openai-secret-0000000000', OPENAI_BASE_URL: `${fake}/v1`, OPENAI_MODELS: 'gpt-test',
        ANTHROPIC_API_KEY: 'fake-ant-test-e2e-secret-000000000000', ANTHROPIC_BASE_URL: `${fake}/v1`, ANTHROPIC_MODELS: 'claude-test',
        OLLAMA_BASE_URL: 'http://127.0.0.1:9', DEMO_DELAY_MS: '2',
      },
    },
  ],
});
