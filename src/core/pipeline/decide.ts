// The section pipeline's decisions, pure: the ±10% band, the call cap, how many words the next call asks for,
// the seam between a section and its continuation (AgentWrite's write-to-length with CogWriter's length
// monitor), and the one Fix round for failed checklist items. The runner (src/features/engine/pipeline.ts)
// only carries them out.
import { requirementText } from '../checklist/parseItem';

export const BAND = 0.1;
/** Words one call is asked for at most: models stop near 2,000 words a call whatever they are asked. */
export const PER_CALL_WORDS = 2000;

export interface Band { min: number; max: number }

/** Inclusive at the edges: 4,050..4,950 for 4,500. */
export function band(target: number, tolerance = BAND): Band {
  return { min: Math.ceil(target * (1 - tolerance)), max: Math.floor(target * (1 + tolerance)) };
}

/** Calls one section may spend: ⌈target / 1,500⌉ + 2 (one call when it has no target). */
export function callCap(target: number): number {
  return target > 0 ? Math.ceil(target / 1500) + 2 : 1;
}

/** An even share of the missing words over the calls still needed, so the last call is not a stub. */
export function wordsToAsk(missing: number, perCall = PER_CALL_WORDS): number {
  if (missing <= 0) return 0;
  return Math.round(missing / Math.ceil(missing / perCall));
}

export type NextStep =
  | { action: 'write'; words: number }
  | { action: 'continue'; words: number }
  | { action: 'shorten'; excess: number }
  | { action: 'done'; reason: 'in-band' | 'cap' | 'no-target' | 'stalled' };

export interface PipelineProgress {
  target: number;
  words: number;
  calls: number;
  /** Words the last call added after the seam was cleaned (undefined before the first call). */
  lastAdded?: number;
  /** The first call replaces the section's text. */
  replace?: boolean;
  /** A shorten has already run: never twice. */
  shortened?: boolean;
}

export function nextStep(p: PipelineProgress): NextStep {
  const first = p.calls === 0;
  if (!(p.target > 0)) {
    if (!first) return { action: 'done', reason: 'no-target' };
    return p.replace || p.words === 0 ? { action: 'write', words: 0 } : { action: 'continue', words: 0 };
  }
  if (first && (p.replace || p.words === 0)) return { action: 'write', words: wordsToAsk(p.target) };
  const b = band(p.target);
  if (p.words > b.max) return p.shortened ? { action: 'done', reason: 'cap' } : { action: 'shorten', excess: p.words - p.target };
  if (p.words >= b.min) return { action: 'done', reason: 'in-band' };
  // A call that added nothing new (the model repeated itself or had nothing more): stop paying for it.
  if (!first && p.lastAdded === 0) return { action: 'done', reason: 'stalled' };
  if (p.calls >= callCap(p.target)) return { action: 'done', reason: 'cap' };
  return { action: 'continue', words: wordsToAsk(p.target - p.words) };
}

// ---- the Fix round -------------------------------------------------------------------------------------------

/** How a Fix round is carried out: applied in place (one undo step), proposed for review, or not at all. */
export type FixMode = 'apply' | 'propose' | 'none';

export type FixStep =
  /** recheck: the text changed in place, so the checklist is checked once more (a proposal changes nothing yet). */
  | { action: 'fix'; items: string[]; recheck: boolean }
  | { action: 'skip'; reason: 'stopped' | 'off' | 'passed' | 'done' };

/**
 * After the checklist check: one revision round for the items that failed, never a second (a judge that keeps
 * saying no must not keep the pipeline paying), nothing after Stop.
 */
export function fixStep(p: { failed: readonly string[]; mode: FixMode; fixed: boolean; stopped: boolean }): FixStep {
  if (p.stopped) return { action: 'skip', reason: 'stopped' };
  if (p.mode === 'none') return { action: 'skip', reason: 'off' };
  if (p.fixed) return { action: 'skip', reason: 'done' };
  const items = [...new Set(p.failed.map(requirementText).filter(Boolean))];
  if (!items.length) return { action: 'skip', reason: 'passed' };
  return { action: 'fix', items, recheck: p.mode === 'apply' };
}

/** One revision instruction for every failed item; the length is held by the request's target. */
export function fixInstruction(items: readonly string[]): string {
  if (items.length === 1) return `Revise to satisfy: ${items[0]}. Change only what that needs`;
  // One line: revision instructions are normalised to a single line.
  return `Revise to satisfy each of these requirements, changing only what they need: ${items.map((t, i) => `(${i + 1}) ${t}`).join('; ')}`;
}

// ---- the seam ------------------------------------------------------------------------------------------------

const SENTENCE = /[^.!?\n]+(?:[.!?]+["'”’)\]]*|(?=\n)|$)\s*/g;

function sentences(text: string): Array<{ text: string; end: number }> {
  const out: Array<{ text: string; end: number }> = [];
  SENTENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE.exec(text))) {
    if (!m[0]) { SENTENCE.lastIndex++; continue; }
    if (m[0].trim()) out.push({ text: m[0], end: m.index + m[0].length });
  }
  return out;
}

const norm = (s: string) => s.replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const headingText = (line: string) => /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] ?? null;

/**
 * Cleans a continuation before it is committed: a heading the section already has (or its title) is dropped,
 * and when the model starts by repeating the last sentence(s) of the text so far, that overlap is removed.
 */
export function cleanSeam(existing: string, continuation: string, title = ''): string {
  let text = continuation;
  // Headings: the section title and every heading already present are never written again.
  const seen = new Set<string>();
  if (title.trim()) seen.add(norm(title));
  for (const line of existing.split('\n')) { const h = headingText(line); if (h) seen.add(norm(h)); }
  text = text.split('\n').filter((line) => { const h = headingText(line); return h === null || !seen.has(norm(h)); }).join('\n');
  // The repeated tail: the longest run of the text's last sentences that the continuation starts with.
  const tail = sentences(existing.slice(-4000)).map((s) => norm(s.text));
  const lead = sentences(text);
  let k = Math.min(tail.length, lead.length);
  for (; k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = tail[tail.length - k + i] === norm(lead[i]!.text) && tail[tail.length - k + i] !== '';
    if (same) break;
  }
  if (k > 0) {
    const cut = lead[k - 1]!.end;
    const removed = text.slice(0, cut);
    const rest = text.slice(cut);
    // A paragraph break inside what was removed still separates the new text from the old.
    const gap = removed.slice(removed.trimEnd().length);
    text = rest.trim() ? (/\n\s*\n/.test(gap) ? `\n\n${rest.trimStart()}` : rest.trimStart()) : '';
  }
  return text;
}
