// Story bible in the prompt (issue 13): what a 500-entry bible costs each section request. A 60-section document
// made of Moby-Dick's first 60 chapters (briefs = each chapter's opening, summaries = its first 100 words, the
// texts are the chapters), prompts built through buildSectionRequest — the function the pipeline calls — with
// the pipeline's budget, with and without the bible, in the same run. The bible is 40 of the book's own
// people, places and things (mentioned often), 160 proper nouns of the book (mentioned now and then),
// 295 invented names (never mentioned) and 5 "always include" rules; a tenth of them have progressions.
import { fileURLToPath } from 'node:url';
import { mobyToMarkdown, readCorpusText } from './corpus';
import { median, percentile } from './support';
import { buildSectionRequest } from '../src/core/generation/sectionRequest';
import type { SectionRequest, SectionRequestInput } from '../src/core/generation/sectionTypes';
import { memoryFor, type MemorySection } from '../src/core/generation/memory';
import { PROMPT_BUDGET_TOKENS } from '../src/features/engine/pipeline';
import type { BibleEntry, BibleKind } from '../src/core/bible/types';
import { renderEntry } from '../src/core/bible/select';
import { estimateTokens } from '../src/core/generation/tokens';
import { formatCount } from '../src/core/wordCount';

const SECTIONS = 60;

/** Moby-Dick's own cast and places: the entries real prompts keep meeting. */
const BOOK: [string, BibleKind, string[]][] = [
  ['Ishmael', 'character', []], ['Queequeg', 'character', []], ['Captain Ahab', 'character', ['Ahab', 'the Captain']],
  ['Starbuck', 'character', []], ['Stubb', 'character', []], ['Flask', 'character', []], ['Tashtego', 'character', []],
  ['Daggoo', 'character', []], ['Fedallah', 'character', ['the Parsee']], ['Pip', 'character', []],
  ['Father Mapple', 'character', ['Mapple']], ['Captain Peleg', 'character', ['Peleg']], ['Captain Bildad', 'character', ['Bildad']],
  ['Peter Coffin', 'character', ['Coffin']], ['Elijah', 'character', []], ['Aunt Charity', 'character', []], ['Bulkington', 'character', []],
  ['Moby Dick', 'thing', ['the White Whale', 'the whale']], ['Pequod', 'thing', ['the ship']], ['Rachel', 'thing', []],
  ['Nantucket', 'place', []], ['New Bedford', 'place', []], ['Spouter-Inn', 'place', ['Spouter Inn']], ['Manhattoes', 'place', []],
  ['Cape Horn', 'place', []], ['Sag Harbor', 'place', []], ['Try Pots', 'place', []], ['Kokovoko', 'place', []],
  ['Whaleman’s Chapel', 'place', ['the Chapel']], ['Jonah', 'character', []], ['Sperm Whale', 'term', ['sperm whale', 'Cachalot']],
  ['Right Whale', 'term', []], ['harpoon', 'thing', ['harpoons']], ['try-works', 'term', []], ['lay', 'term', []],
  ['Yojo', 'thing', []], ['Leviathan', 'term', []], ['Pacific', 'place', []], ['Atlantic', 'place', []], ['Indian Ocean', 'place', []],
];

const STOP = new Set(('The And But I It In He His Now For This That What There When They Then So As All Yes No Nor Or If Not By From With ' +
  'Let Upon At Of To A An We You Me My Our Your One Some Such Here Yet Oh Ah Well Still Thus These Those Whether How Why Who ' +
  'Where Which Whose Being Having Nay Aye Sir Mr Mrs Chapter CHAPTER Etymology Extracts Say See Is Was Do Did Had Have Be ' +
  'Are Were Been Go Come Look Though Although Because Before After Only Again Even Else Besides Nevertheless However Like').split(' '));

const SYLLABLES = ['mor', 'ven', 'ta', 'lis', 'dra', 'kor', 'el', 'sa', 'bri', 'nox', 'ul', 'fen', 'gar', 'tho', 'wyn', 'ze', 'quil', 'ran'];

function invented(i: number): string {
  const s = (k: number) => SYLLABLES[(i * 7 + k * 11 + Math.floor(i / (k + 2))) % SYLLABLES.length]!;
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return `${cap(s(0) + s(1))} ${cap(s(2) + s(3) + s(4))}`;
}

function makeBible(book: string, sectionIds: readonly string[]): BibleEntry[] {
  const words = book.split(/\s+/).filter(Boolean);
  const describe = (i: number) => words.slice((i * 997) % (words.length - 60), ((i * 997) % (words.length - 60)) + 45).join(' ');
  const entries: BibleEntry[] = [];
  const add = (name: string, kind: BibleKind, aliases: string[], alwaysInclude = false) => {
    const i = entries.length;
    entries.push({
      id: `b${i}`, kind, name, aliases, description: describe(i), alwaysInclude, createdAt: 0, updatedAt: 0,
      progressions: i % 10 === 3 ? [{ sectionId: sectionIds[(i * 7) % sectionIds.length]!, text: describe(i + 5000).split(' ').slice(0, 15).join(' ') }] : [],
    });
  };
  for (const [name, kind, aliases] of BOOK) add(name, kind, aliases);
  // The book's capitalised words by frequency, skipping sentence words and the names above: places, ships,
  // nations, terms — a writer's bible of this book would hold many of them.
  const counts = new Map<string, number>();
  for (const m of book.matchAll(/(?<=[a-z,;] )([A-Z][a-z]{3,})\b/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const taken = new Set(BOOK.flatMap(([n, , a]) => [n, ...a]).map((s) => s.toLowerCase()));
  // Proper nouns only: words the book never writes in lower case ("Nantucket", not "Whale").
  const lowerWords = new Set(book.match(/\b[a-z]{4,}\b/g) ?? []);
  const frequent = [...counts].filter(([w]) => !STOP.has(w) && !taken.has(w.toLowerCase()) && !lowerWords.has(w.toLowerCase()))
    .sort((a, b) => b[1] - a[1]).slice(0, 160);
  if (frequent.length < 160) throw new Error(`Only ${frequent.length} proper nouns found in the book.`);
  for (const [w] of frequent) add(w, 'term', []);
  for (let i = 0; entries.length < 495; i++) add(invented(i), (['character', 'place', 'thing', 'fact'] as const)[i % 4]!, i % 3 ? [] : [invented(i + 1000).split(' ')[0]!]);
  for (let i = 0; i < 5; i++) add(`House rule ${i + 1}`, 'rule', [], true);
  return entries;
}

interface Doc { ids: string[]; outline: SectionRequestInput['outline']; memory: MemorySection[]; texts: string[] }

function makeDocument(root: string): { doc: Doc; book: string } {
  const book = mobyToMarkdown(readCorpusText(root, 'moby-dick.txt'));
  const chapters = book.split(/^## /m).slice(1).filter((c) => c.startsWith('CHAPTER')).slice(0, SECTIONS);
  if (chapters.length < SECTIONS) throw new Error(`Moby-Dick gave only ${chapters.length} chapters.`);
  const ids = chapters.map((_, i) => `s${i + 1}`);
  const first = (t: string, n: number) => t.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
  const parsed = chapters.map((c) => {
    const nl = c.indexOf('\n');
    return { title: c.slice(0, nl).trim(), text: c.slice(nl + 1).trim() };
  });
  const outline = parsed.map((c) => ({ title: c.title, brief: first(c.text, 40), targetWords: 2000 }));
  const memory: MemorySection[] = parsed.map((c, i) => ({ title: c.title, brief: outline[i]!.brief, text: c.text, summary: first(c.text, 100) }));
  return { doc: { ids, outline, memory, texts: parsed.map((c) => c.text) }, book };
}

function inputFor(doc: Doc, index: number, mode: 'write' | 'continue', bible: BibleEntry[] | null): SectionRequestInput {
  // As Write all leaves it: every earlier section written and summarised, this one empty (write) or half done.
  const memory = doc.memory.map((s, i) => (i < index ? s : { ...s, text: '', summary: '' }));
  const half = doc.texts[index]!.slice(0, Math.floor(doc.texts[index]!.length / 2));
  return {
    document: { title: 'Moby-Dick', brief: 'A sea novel. First person, long sentences, digressions into cetology.' },
    outline: doc.outline, index, memory: memoryFor(memory, index, 'sequential'), mode,
    existingText: mode === 'continue' ? half : undefined,
    budgetTokens: PROMPT_BUDGET_TOKENS,
    ...(bible ? { bible: { entries: bible, sectionId: doc.ids[index]!, sectionOrder: doc.ids } } : {}),
  };
}

interface Figures { times: number[]; requests: SectionRequest[] }

/** Both variants interleaved build by build, so a load spike on the shared machine hits both alike. */
function measure(doc: Doc, mode: 'write' | 'continue', bible: BibleEntry[], rounds: number): { base: Figures; withBible: Figures } {
  const variants = [null, bible].map((b) => ({ inputs: doc.ids.map((_, i) => inputFor(doc, i, mode, b)), f: { times: [] as number[], requests: [] as SectionRequest[] } }));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < doc.ids.length; i++) {
      for (const v of variants) {
        const t0 = performance.now();
        const req = buildSectionRequest(v.inputs[i]!);
        v.f.times.push(performance.now() - t0);
        if (r === rounds - 1) v.f.requests.push(req);
      }
    }
  }
  return { base: variants[0]!.f, withBible: variants[1]!.f };
}

const chars = (r: SectionRequest) => r.messages.reduce((n, m) => n + m.content.length, 0);
const fmt = (x: number, d = 2) => x.toFixed(d);

export function benchBible(root = fileURLToPath(new URL('..', import.meta.url)), opts: { rounds?: number } = {}): string {
  const rounds = opts.rounds ?? 20;
  const { doc, book } = makeDocument(root);
  const bible = makeBible(book, doc.ids);
  // Warm-up: the first builds pay for JIT compilation, which would only blur the comparison.
  measure(doc, 'write', bible, 2);
  const rows: string[] = [];
  const inPrompt: string[] = [];
  for (const mode of ['write', 'continue'] as const) {
    const { base, withBible } = measure(doc, mode, bible, rounds);
    for (const [label, f] of [['no bible (baseline)', base], ['500-entry bible', withBible]] as const) {
      const tokens = f.requests.map((r) => r.estimatedTokens);
      const included = f.requests.map((r) => r.trimmed.bibleIncluded.length);
      const dropped = f.requests.map((r) => r.trimmed.bibleDropped.length);
      rows.push(`| ${mode} | ${label} | ${fmt(median(f.times))} ms | ${fmt(percentile(f.times, 95))} ms | ${formatCount(median(tokens))} (max ${formatCount(Math.max(...tokens))}) | ` +
        `${formatCount(median(f.requests.map(chars)))} | ${median(included)} (${Math.min(...included)}–${Math.max(...included)}) | ${dropped.reduce((a, b) => a + b, 0)} | ` +
        `${f.requests.filter((r) => r.trimmed.summariesDropped.length).length} |`);
    }
    if (mode === 'write') {
      const tokensBase = median(base.requests.map((r) => r.estimatedTokens));
      const tokensBible = median(withBible.requests.map((r) => r.estimatedTokens));
      inPrompt.push(`Write mode: the bible adds a median ${formatCount(tokensBible - tokensBase)} tokens per prompt ` +
        `(${fmt((tokensBible / tokensBase - 1) * 100, 1)}%); build time ×${fmt(median(withBible.times) / median(base.times))} (median).`);
      // What selection saves: the whole bible in every prompt would cost this much.
      const whole = estimateTokens(bible.map((e) => renderEntry(e, doc.ids[30]!, doc.ids)).join('\n'));
      inPrompt.push(`The whole bible rendered would be ${formatCount(whole)} tokens in every prompt${whole > PROMPT_BUDGET_TOKENS ? ', more than the whole prompt budget' : ''}.`);
      const sample = withBible.requests[30]!.trimmed.bibleIncluded;
      inPrompt.push(`Section 31 ("${doc.outline[30]!.title}") carries ${sample.length} entries: ${sample.join(', ')}.`);
    }
  }
  return [
    `## Story bible in the prompt: ${bible.length} entries, ${SECTIONS}-section document`,
    '',
    `Prompts built through \`buildSectionRequest\` (what the pipeline calls) for each of Moby-Dick's first ${SECTIONS} chapters as sections, ` +
      `as Write all leaves them (earlier sections written and summarised; continue mode: this chapter half written), budget ` +
      `${formatCount(PROMPT_BUDGET_TOKENS)} tokens (the pipeline's). Bible: ${BOOK.length} of the book's people, places and things, 160 of its ` +
      `other proper nouns, ${bible.length - BOOK.length - 165} invented names never mentioned, 5 "always include" rules; descriptions ~45 words, ` +
      `a tenth with a progression. ${rounds} rounds × ${SECTIONS} sections per row (after a warm-up); time per build, wall clock, one process, the two variants interleaved build by build.`,
    '',
    '| mode | bible | build median | build p95 | prompt tokens, median | prompt chars, median | entries in prompt, median (min–max) | entries dropped for space (all sections) | prompts with summaries dropped |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...inPrompt.map((l) => `${l}  `),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(benchBible());
}
