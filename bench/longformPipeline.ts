// Long form through the product: the section pipeline the buttons call (src/features/engine/pipeline.ts,
// built as src/app/services.ts builds it: gateway → real proxy → fake upstream) over a 25-section,
// 50,000-word plan (targets 500–6,000), with a fake model that writes what it is asked but never more than
// 2,000 words a call. Write all's order (sequential, each section's summary before the next) is kept.
// Text lives in an in-memory content port (no browser here); everything else is the product's code.
import { fileURLToPath } from 'node:url';
import { startFakeUpstream } from '../e2e/support/fake-upstream';
import { startLonghand } from './support';
import { useStore } from '../src/app/store';
import { createGateway } from '../src/features/engine/gateway';
import { createSectionContent } from '../src/features/engine/sectionContent';
import { createPipeline } from '../src/features/engine/pipeline';
import { createSummaryService } from '../src/features/generation/summaries';
import { streamGenerate } from '../src/shared/generateClient';
import { lengthScore } from '../src/core/metrics/lengthScore';
import { countWords, formatCount } from '../src/core/wordCount';
import type { DocumentMeta, RichDoc, SectionMeta } from '../src/core/model';

/** The 25-section, 50,000-word plan (targets 500–6,000). */
export const TARGETS = [500, 6000, 1200, 800, 3500, 600, 2500, 1500, 5000, 700, 900, 2000, 4000, 1000, 650, 3000, 1800, 550,
  2200, 6000, 750, 1400, 1100, 850, 1500];

export async function benchLongformPipeline(root = fileURLToPath(new URL('..', import.meta.url))): Promise<string> {
  const fake = await startFakeUpstream();
  const app = await startLonghand(root, {
    OPENAI_API_KEY: 'fake-test-bench-openai-secret-000000000', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODELS: 'gpt-test',
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  });
  try {
    const mark = `LF${Date.now()}`;
    fake.setRule({ match: mark, writeAsked: { maxWords: 2000, tag: mark }, chunkSize: 2000 });
    const docId = 'd_bench';
    const ids = TARGETS.map((_, i) => `s${i + 1}`);
    const doc: DocumentMeta = { id: docId, title: `Bench ${mark}`, brief: 'A long report.', targetWords: 50_000, sectionIds: ids,
      checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0 };
    const sections: SectionMeta[] = ids.map((id, i) => ({ id, docId, title: `Part ${i + 1}`, brief: `Part ${i + 1} of the report.`,
      targetWords: TARGETS[i]!, status: 'empty', wordCount: 0, summary: '', checklist: [], updatedAt: 0 }));
    useStore.getState().setOpenDocument(doc, sections);
    // Markdown kept as one text node: the bench measures words, not rich text.
    const texts = new Map<string, string>();
    const toDoc = (md: string): RichDoc => ({ type: 'doc', content: [{ type: 'text', text: md }] });
    const toMd = (d: RichDoc | null) => ((d?.content?.[0] as { text?: string } | undefined)?.text ?? '');
    const content = createSectionContent({
      getEditor: () => undefined,
      load: async (id) => (texts.has(id) ? toDoc(texts.get(id)!) : null),
      save: async (id, d) => { texts.set(id, toMd(d)); },
      toDoc, toMarkdown: toMd, toText: toMd,
      onWords: (id, wordCount) => useStore.getState().updateSection(id, { wordCount }),
    });
    const calls: string[] = [];
    const gateway = createGateway({
      resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }),
      stream: (req, opts) => streamGenerate(req, { ...opts, baseUrl: app.url }),
      log: async (e) => { calls.push(e.kind); },
    });
    const summaries = createSummaryService({ gateway, readMarkdown: (id) => content.read(id) });
    const pipeline = createPipeline({ gateway, content, store: useStore, summarize: (id) => summaries.summarize(id) });
    const t0 = performance.now();
    for (const id of ids) await pipeline.run(id, { awaitSummary: true });
    const wall = (performance.now() - t0) / 1000;
    const words = ids.map((id) => countWords(texts.get(id) ?? ''));
    const scores = words.map((w, i) => lengthScore(TARGETS[i]!, w) ?? 0);
    const total = words.reduce((a, b) => a + b, 0);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const inBand = words.filter((w, i) => w >= TARGETS[i]! * 0.9 && w <= TARGETS[i]! * 1.1).length;
    const writeCalls = calls.filter((k) => k === 'generate' || k === 'continue' || k === 'revise').length;
    const minCalls = TARGETS.reduce((n, t) => n + Math.ceil(t / 2000), 0);
    return [
      '## Long form through the product pipeline: 25 sections, 50,000 words, a model capped at 2,000 words per call',
      '',
      'The section pipeline the buttons call (`src/features/engine/pipeline.ts`: write → continue to the ±10% band → shorten → summary), ' +
        'its gateway streaming through the real proxy (`dist/server/main.js`) to the fake upstream, whose model writes what a prompt asks ' +
        '("about N words") but never more than 2,000 words a call. Sections written in order, each summary before the next (Write all sequential). ' +
        'Text held by an in-memory content port (no browser).',
      '',
      '| figure | measured | goal |',
      '|---|---|---|',
      `| total words | **${formatCount(total)}** | ≥ 47,500 ${total >= 47_500 ? '✓' : '✗'} |`,
      `| mean length score | **${mean.toFixed(1)}** | ≥ 95 ${mean >= 95 ? '✓' : '✗'} |`,
      `| sections within ±10% | ${inBand}/25 | |`,
      `| write/continue/shorten calls vs minimum Σ⌈target/2,000⌉ | ${writeCalls} vs ${minCalls} (${(writeCalls / minCalls).toFixed(2)}×) | ≤ 1.5× ${writeCalls <= minCalls * 1.5 ? '✓' : '✗'} |`,
      `| summary calls | ${calls.filter((k) => k === 'summary').length} | |`,
      `| wall time | ${wall.toFixed(1)} s | |`,
      '',
    ].join('\n');
  } finally {
    await app.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchLongformPipeline().then((r) => { console.log(r); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
}
