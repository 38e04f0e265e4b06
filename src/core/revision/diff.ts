// Word-level diff between an original passage and a revision proposal, grouped into hunks the review view
// shows and the writer accepts or rejects one by one. Joining the before/after sides of all hunks gives the
// original / proposal back exactly, so Reject-all is byte-for-byte and Accept-all is the proposal.
import { myersDiff, Op, type Edit } from './myers';
import { tokenize } from './tokenize';

export type HunkType = 'equal' | 'delete' | 'insert' | 'replace';
export interface Hunk {
  /** Deterministic for the same (original, proposal): `h<beforeStart>-<afterStart>` in characters. */
  id: string;
  type: HunkType;
  before: string;
  after: string;
  beforeStart: number;
  afterStart: number;
}

/** A runaway diff (two unrelated long texts) degrades to coarser hunks after this much work (diagonals examined,
 *  roughly 100 ms on a laptop core). Work, not time: the same texts always give the same hunks. */
export const DIFF_BUDGET_DIAGONALS = 12_000_000;

export function diffWords(original: string, proposal: string): Hunk[] {
  const a = tokenize(original), b = tokenize(proposal);
  const ids = new Map<string, number>();
  const idOf = (t: string) => { let id = ids.get(t); if (id === undefined) ids.set(t, (id = ids.size)); return id; };
  const edits = myersDiff(Int32Array.from(a, idOf), Int32Array.from(b, idOf), { left: DIFF_BUDGET_DIAGONALS });
  return absorbSpaces(group(edits, a, b));
}

function group(edits: Edit[], a: string[], b: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let aPos = 0, bPos = 0;
  for (const e of edits) {
    const before = a.slice(e.a0, e.a1).join(''), after = b.slice(e.b0, e.b1).join('');
    const last = hunks[hunks.length - 1];
    if (e.op !== Op.Equal && last && last.type !== 'equal') {
      last.before += before; last.after += after;
    } else {
      hunks.push({ id: '', type: e.op === Op.Equal ? 'equal' : 'replace', before, after, beforeStart: aPos, afterStart: bPos });
    }
    aPos += before.length; bPos += after.length;
  }
  return hunks;
}

// "big cat" → "small dog" reads as one change, not two changes around an unchanged space. Line breaks stay
// as their own equal hunk so paragraphs remain visible in the review.
function absorbSpaces(hunks: Hunk[]): Hunk[] {
  const out: Hunk[] = [];
  for (let i = 0; i < hunks.length; i++) {
    const h = hunks[i]!, prev = out[out.length - 1], next = hunks[i + 1];
    if (h.type === 'equal' && /^[^\S\n]+$/.test(h.before) && prev && prev.type !== 'equal' && next && next.type !== 'equal') {
      prev.before += h.before + next.before;
      prev.after += h.after + next.after;
      i++;
    } else out.push({ ...h });
  }
  for (const h of out) {
    if (h.type !== 'equal') h.type = !h.after ? 'delete' : !h.before ? 'insert' : 'replace';
    h.id = `h${h.beforeStart}-${h.afterStart}`;
  }
  return out;
}

/** The changed hunks, in order: what the review view lists. */
export function changes(hunks: readonly Hunk[]): Hunk[] {
  return hunks.filter((h) => h.type !== 'equal');
}

/** Builds text from hunks taking the proposal's side only for accepted changes. */
export function joinHunks(hunks: readonly Hunk[], acceptedIds: Iterable<string>): string {
  const accepted = new Set(acceptedIds);
  return hunks.map((h) => (h.type !== 'equal' && accepted.has(h.id) ? h.after : h.before)).join('');
}

export function applyHunks(original: string, proposal: string, acceptedIds: Iterable<string>): string {
  return joinHunks(diffWords(original, proposal), acceptedIds);
}
