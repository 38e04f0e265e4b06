// The crash window as a measured number: a streamed section, the browser killed with SIGKILL mid-stream, the
// same profile reopened. What was saved is a prefix of what was shown, the section says "Interrupted", and no
// lost word had been on screen for longer than the bound below (see e2e/support/crash.ts for the method).
import { expect, test } from '@playwright/test';
import { crashOnce } from './support/crash';
import config from '../playwright.config';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
const APP = `http://127.0.0.1:${Number(process.env.E2E_APP_PORT ?? 4599)}`;
const launchOptions = config.projects?.[0]?.use?.launchOptions ?? {};
// The design target is 100 ms (a word is journalled ~25 ms after it shows), and `npm run bench` measures the
// window over several kills. This test is a guard, not the measurement: on a 2-core machine shared with other
// jobs a starved renderer's last IndexedDB commit was seen 104 ms and (once, before a fix) 294 ms late, so the
// bound is 400 ms. The old debounced saver could lose words up to ~500 ms old (400 ms debounce + up to 100 ms
// idle wait; 267 ms in the one run measured), so a regression to it shows up here only sometimes; the bench
// and the figure this test prints are what to read.
const BOUND_MS = 400;

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
