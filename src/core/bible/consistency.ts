// "Check consistency": a judge request asks whether a section contradicts any of its relevant entries. Each
// finding quotes the section's sentence verbatim; a quote that is not in the section is dropped (a model that
// paraphrases would send the writer looking for a sentence that does not exist, and Fix could not target it).
import type { ChatMessage } from '../../shared/protocol';
import { createEntryLookup } from './extraction';
import { readJsonItems, str } from './json';
import { renderEntry } from './select';
import type { BibleContradiction, BibleEntry } from './types';

/** The system message's marker (the e2e fake upstream keys on it). */
export const CONSISTENCY_MARKER = 'story bible consistency check';
const MAX_PASSAGE_CHARS = 200_000;

export const CONSISTENCY_SHAPE = '{"contradictions":[{"entry":"<entry name>","quote":"<the sentence of the passage, verbatim>","explanation":"<what the entry says instead>"}]}';

const SYSTEM = [
  'Longhand task: consistency',
  `This is a ${CONSISTENCY_MARKER}. You compare one section of a long document with the entries of its story`,
  'bible (people, places, things, terms, facts and rules established elsewhere in the document).',
  'Report every sentence of the passage that contradicts an entry: a different eye colour, name, date, figure,',
  'place, relation or rule. Each entry is described as it stands at this section (its progressions included).',
  'Rules:',
  '- Only real contradictions. Something an entry does not mention is not a contradiction.',
  '- "quote" is one sentence of the passage copied exactly, character for character.',
  '- "entry" is the exact name of the entry it contradicts; "explanation" says in one sentence what the entry says instead.',
  'Answer with JSON only, in this shape:',
  CONSISTENCY_SHAPE,
  'Answer {"contradictions":[]} when the passage contradicts nothing.',
].join('\n');

export function buildConsistencyRequest(input: {
  section: { id: string; title: string };
  text: string;
  /** Already selected as relevant (selectBibleEntries). */
  entries: readonly BibleEntry[];
  sectionOrder: readonly string[];
}): { messages: ChatMessage[]; maxOutputTokens: number } {
  const { section, sectionOrder } = input;
  const at = sectionOrder.indexOf(section.id);
  const user = [
    `Section${at >= 0 ? ` ${at + 1}` : ''}: "${section.title.replace(/\s+/g, ' ').trim() || 'Untitled section'}"`,
    `Story bible entries:\n${input.entries.map((e) => renderEntry(e, section.id, sectionOrder)).join('\n') || '(none)'}`,
    `<passage>\n${input.text.trim().slice(0, MAX_PASSAGE_CHARS)}\n</passage>`,
  ].join('\n\n');
  return { messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], maxOutputTokens: 2_000 };
}

/**
 * Where `quote` occurs in `text`, comparing with whitespace collapsed, typographic quotes as plain ones and
 * Markdown emphasis marks ignored; the original span of `text`, or null.
 */
export function locateQuote(text: string, quote: string): { from: number; to: number } | null {
  const norm = (c: string) => (/\s/.test(c) ? ' ' : c === '\u2018' || c === '\u2019' ? "'" : c === '\u201c' || c === '\u201d' ? '"' : c);
  // The text, normalised, with each normalised character's offset in the original.
  let flat = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '*' || c === '_') continue;
    const n = norm(c);
    if (n === ' ' && (flat.endsWith(' ') || !flat)) continue;
    flat += n;
    at.push(i);
  }
  let q = '';
  for (const c of quote.trim()) {
    if (c === '*' || c === '_') continue;
    const n = norm(c);
    if (n === ' ' && (q.endsWith(' ') || !q)) continue;
    q += n;
  }
  q = q.trim();
  if (!q) return null;
  let k = flat.indexOf(q);
  // Models often wrap the quote in quotation marks or drop the sentence's final stop.
  if (k < 0 && /^["']/.test(q) && /["']$/.test(q) && q.length > 2) { q = q.slice(1, -1).trim(); k = flat.indexOf(q); }
  if (k < 0 && /[.!?]$/.test(q)) { q = q.slice(0, -1); k = flat.indexOf(q); }
  if (k < 0 || !q) return null;
  return { from: at[k]!, to: at[k + q.length - 1]! + 1 };
}

const looksLikeContradiction = (v: Record<string, unknown>) => typeof v.quote === 'string';

/** Quote must occur in the section text (normalised whitespace) or it is dropped with an error. */
export function parseConsistency(text: string, entries: readonly BibleEntry[], sectionText: string): { contradictions: BibleContradiction[]; errors: string[] } {
  const errors: string[] = [];
  const { items, complete, found } = readJsonItems(text, 'contradictions', looksLikeContradiction);
  if (!found) return { contradictions: [], errors: ['The model did not answer with a consistency report that could be read. Try again or another model.'] };
  const lookup = createEntryLookup(entries);
  const out: BibleContradiction[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const name = str(item.entry ?? item.name, 200);
    const quoted = typeof item.quote === 'string' ? item.quote : '';
    const entry = name ? lookup(name) : undefined;
    if (!entry) { errors.push(`A contradiction of “${name || '(no entry named)'}” was skipped: there is no such entry.`); continue; }
    const span = locateQuote(sectionText, quoted);
    if (!span) { errors.push(`A contradiction of “${entry.name}” was skipped: its quote is not in the section (“${str(quoted, 120)}”).`); continue; }
    // The section's own words, so the writer (and Fix) find exactly that sentence.
    const quote = sectionText.slice(span.from, span.to);
    const key = `${entry.id}\u0000${quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ entryId: entry.id, entryName: entry.name, quote, explanation: str(item.explanation ?? item.reason, 1_000) });
  }
  if (!complete) errors.unshift(`The answer came back incomplete or malformed; kept the ${out.length} contradiction(s) that could be read.`);
  return { contradictions: out, errors };
}
