// Keeps `npm run bench` from rotting: runs its quick variant (a few chapters, one repetition) against the
// same build the e2e tests use and checks that every figure came out. Not a performance gate.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

test('bench quick variant runs and reports open and typing figures against bare TipTap', async () => {
  test.setTimeout(180_000);
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'bench/run.ts', '--quick'], {
    env: { ...process.env, BENCH_OUT: '' }, maxBuffer: 10 * 1024 * 1024, timeout: 170_000,
  });
  expect(stdout).toContain('## Workspace: long manuscripts (quick variant');
  expect(stdout).not.toContain('The scenario failed');
  const row = (label: string) => stdout.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '';
  for (const label of ['open: navigation', 'typing: keydown → next paint, p50', 'typing: keydown → next paint, p95']) {
    expect(row(label), label).toMatch(/\| [\d.]+ ms \| [\d.]+ ms \| [\d.]+× \|/);
  }
});
