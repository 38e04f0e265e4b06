// The crash window as a measured number: a streamed section, the browser killed with SIGKILL mid-stream, the
// same profile reopened. What was saved is a prefix of what was shown, the section says "Interrupted", and no
// lost word had been on screen for longer than the bound below (see e2e/support/crash.ts for the method).
import { expect, test } from '@playwright/test';
import { crashOnce } from './support/crash';
import config from '../playwright.config';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
const APP = `http://127.0.0.1:${Number(process.env.E2E_APP_PORT ?? 4599)}`;
const launchOptions = config.projects?.[0]?.use?.launchOptions ?? {};
// The design target is 100 ms (a word is journalled ~25 ms after it shows). On this 2-core machine shared by
// several jobs a killed renderer's last IndexedDB commit can be late by more than that, so the assertion is
// looser; it still fails the old debounced saver, which lost words 400+ ms old. The figure is reported.
const BOUND_MS = 250;

test('a SIGKILL mid-stream loses no word that was on screen for more than the bound', async ({ request }) => {
  test.setTimeout(300_000); // two browser starts and a stream, on a machine that may be heavily loaded
  const r = await crashOnce({
    baseURL: APP, executablePath: launchOptions.executablePath, args: launchOptions.args ?? [], mode: 'stream',
    setRule: async (rule) => { expect((await request.post(`${FAKE}/__control/rules`, { data: rule })).ok()).toBe(true); },
  });
  const line = `crash window (stream): oldest lost word ${r.oldestLostAgeMs} ms old; ${r.lostWords} of ${r.shownWords} shown words lost; ${r.killedPids} processes killed`;
  console.log(line);
  test.info().annotations.push({ type: 'crash-window', description: line });
  expect(r.killedPids).toBeGreaterThan(0);
  expect(r.prefix).toBe(true);
  expect(r.interrupted).toBe(true);
  expect(r.savedWords).toBeGreaterThan(0);
  expect(r.oldestLostAgeMs).toBeLessThanOrEqual(BOUND_MS);
});
