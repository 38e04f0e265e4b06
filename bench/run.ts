// `npm run bench`: builds (npm does that first), then measures every scenario against a baseline measured in
// the same run and writes bench/REPORT.md. `--quick` (or BENCH_QUICK=1): a small document and few repetitions,
// only the workspace scenarios, report to stdout (or BENCH_OUT) — the test that keeps the bench from rotting.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCollab } from './collab';
import { benchCrash } from './crash';
import { benchProxy } from './proxy';
import { benchStreaming } from './streaming';
import { benchLongformPipeline } from './longformPipeline';
import { benchBible } from './bible';
import { benchWriteAllBrowser } from './writeAllBrowser';
import { measureWorkspace, workspaceReport } from './workspace';
import { browserPath } from './support';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const ctx = { browserPath: browserPath(), root };
  const started = Date.now();
  const parts: string[] = [];
  const failures: string[] = [];
  const run = async (name: string, fn: () => Promise<string>) => {
    if (only && !only.includes(name)) return;
    const t0 = Date.now();
    log(`bench: ${name}…`);
    try {
      const md = await fn();
      if (md.trim()) parts.push(md.trim());
      log(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } catch (e) {
      // One broken scenario must not hide the others' figures.
      failures.push(name);
      parts.push(`## ${name}\n\nThe scenario failed: ${(e as Error).stack ?? String(e)}`);
      log(`bench: ${name} FAILED: ${(e as Error).message}`);
    }
  };

  await run('workspace', async () => workspaceReport(await measureWorkspace({ ...ctx, quick, log }), quick));
  if (!quick) {
    await run('proxy', () => benchProxy(ctx));
    await run('streaming', async () => {
      // BENCH_BEFORE_DIST: the same scenario on an earlier build right after, for a before → after pair.
      const before = process.env.BENCH_BEFORE_DIST;
      const after = await benchStreaming(ctx);
      return before ? `${after}\n\n${await benchStreaming({ ...ctx, dist: join(root, before), label: `before: ${before}` })}` : after;
    });
    await run('longform-pipeline', () => benchLongformPipeline(root));
    await run('bible', async () => benchBible(root));
    await run('write-all-browser', () => benchWriteAllBrowser({ ...ctx, log }));
    await run('crash', () => benchCrash({ ...ctx, log }));
    // Needs PostgreSQL and Redis (as the tests do); not in the quick variant.
    await run('collab', () => benchCollab({ root, log }));
  }

  const header = [
    '# Longhand bench report',
    '',
    `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, ` +
      `${ctx.browserPath ?? "Playwright's Chromium"} (headless). Total ${((Date.now() - started) / 1000).toFixed(0)} s. ` +
      'Figures are medians over repetitions unless marked; ratios compare against a baseline measured in the same run ' +
      '(ratio < 1 means Longhand is faster). Regenerate with `npm run bench`.',
  ].join('\n');
  const report = `${[header, ...parts].join('\n\n')}\n`;
  const out = process.env.BENCH_OUT ?? (quick ? null : join(root, 'bench', 'REPORT.md'));
  if (out) { writeFileSync(out, report); log(`bench: wrote ${out}`); } else process.stdout.write(report);
  if (failures.length) process.exitCode = 1;
}

main().catch((e) => { console.error(e); process.exit(1); });
