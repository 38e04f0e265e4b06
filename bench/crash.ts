// The crash window: a section streams (5 words every 50 ms from the fake upstream) or is typed, every Chromium
// process of its profile is killed with SIGKILL, the same profile is reopened, and the age of the oldest word
// that had been on screen but was not saved is measured (method: e2e/support/crash.ts). Several kills each;
// median and worst.
import { startFakeUpstream } from '../e2e/support/fake-upstream';
import { crashOnce, type CrashResult } from '../e2e/support/crash';
import { BROWSER_ARGS, median, startLonghand } from './support';

const STREAM_KILLS = 5;
const TYPED_KILLS = 3;

export async function benchCrash(ctx: { browserPath?: string; root: string; log?: (line: string) => void }): Promise<string> {
  const fake = await startFakeUpstream();
  const app = await startLonghand(ctx.root, {
    OPENAI_API_KEY: 'fake-bench-0000000000000000', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODELS: 'gpt-bench',
    ANTHROPIC_API_KEY: '', OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  });
  const rows: string[] = [];
  try {
    for (const [mode, kills] of [['stream', STREAM_KILLS], ['type', TYPED_KILLS]] as const) {
      const results: CrashResult[] = [];
      for (let i = 0; i < kills; i++) {
        const r = await crashOnce({
          baseURL: app.url, executablePath: ctx.browserPath, args: BROWSER_ARGS, mode,
          setRule: async (rule) => fake.setRule(rule),
        });
        ctx.log?.(`bench: crash ${mode} #${i + 1}: oldest lost word ${r.oldestLostAgeMs} ms, ${r.lostWords}/${r.shownWords} lost, prefix ${r.prefix}`);
        results.push(r);
      }
      const ages = results.map((r) => r.oldestLostAgeMs);
      rows.push(`| ${mode === 'stream' ? 'streamed (5 words / 50 ms)' : 'typed (15 ms a key)'} | ${kills} | ${median(ages).toFixed(0)} ms | ` +
        `${Math.max(...ages).toFixed(0)} ms | ${results.map((r) => `${r.lostWords}/${r.shownWords}`).join(', ')} | ` +
        `${results.every((r) => r.prefix) ? 'yes' : 'NO'} |`);
    }
  } finally {
    await app.close();
    await fake.close();
  }
  return [
    '## Crash window',
    '',
    'Chromium with a persistent profile, killed with SIGKILL (every process of the profile) while a section streams or',
    'is typed into, then reopened on the same profile. "Oldest lost word" is how long the oldest word that was on',
    'screen but not saved had been visible at the kill (0: nothing lost). Saved text must be a prefix of what was shown.',
    '',
    '| Text | Kills | Oldest lost word, median | Oldest lost word, worst | Lost / shown words | Saved is a prefix |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
