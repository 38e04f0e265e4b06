// Locks ranges of a section while something works on them (a pending revision proposal): edits that touch a
// locked range are rejected, edits elsewhere go through, and the locked ranges follow those edits (positions
// are mapped through every transaction). Policy is injected: which transactions may pass anyway (programmatic
// ones such as a generation stream) and what to tell the writer when a keystroke is refused.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Step } from '@tiptap/pm/transform';

export interface LockedRange {
  id: string;
  from: number;
  to: number;
  /** Set when a transaction allowed past the lock changed the range's text: its content is not what was locked. */
  stale: boolean;
}

type LockMeta =
  | { add: { id: string; from: number; to: number } }
  | { remove: string }
  /** Lets the one transaction that applies the locked work (e.g. accepting a revision) through. */
  | { bypass: true; remove?: string };

export const rangeLockKey = new PluginKey<LockedRange[]>('longhandRangeLock');

export interface RangeLockOptions {
  /** Transactions that may change locked text anyway (the range is then marked stale). */
  allow: (tr: Transaction) => boolean;
  /** Called when a user edit was refused because it touched a locked range. */
  onBlocked: (range: LockedRange) => void;
  /** CSS class of the locked text. */
  className: string;
}

/** Does `step` (in the coordinates of the document it applies to) change anything inside [from, to)? */
export function stepTouches(step: Step, from: number, to: number): boolean {
  let hit = false, mapped = 0;
  // Replace steps report the ranges they replace; an insertion is an empty range, so it touches only when it
  // lands strictly inside (typing right before or after a locked passage is allowed).
  step.getMap().forEach((oldStart, oldEnd) => {
    mapped++;
    if (oldStart < to && oldEnd > from) hit = true;
  });
  if (hit || mapped) return hit;
  // Mark and attribute steps change content without moving positions, so their map is empty.
  const s = step as unknown as { from?: number; to?: number; pos?: number };
  if (typeof s.from === 'number' && typeof s.to === 'number') return s.from < to && s.to > from;
  if (typeof s.pos === 'number') return s.pos >= from && s.pos < to;
  return false;
}

/** Which locked range (if any) the transaction's steps touch, following the ranges step by step. */
export function touchedRange(tr: Transaction, ranges: readonly LockedRange[]): LockedRange | null {
  if (!ranges.length || !tr.docChanged) return null;
  let cur = ranges.map((r) => ({ ...r }));
  for (const step of tr.steps) {
    const hit = cur.find((r) => stepTouches(step, r.from, r.to));
    if (hit) return ranges.find((r) => r.id === hit.id) ?? null;
    const map = step.getMap();
    cur = cur.map((r) => ({ ...r, from: map.map(r.from, 1), to: map.map(r.to, -1) }));
  }
  return null;
}

export function lockedRanges(state: EditorState): readonly LockedRange[] {
  return rangeLockKey.getState(state) ?? [];
}

export function lockedRange(state: EditorState, id: string): LockedRange | undefined {
  return lockedRanges(state).find((r) => r.id === id);
}

export function overlapsLock(state: EditorState, from: number, to: number): boolean {
  return lockedRanges(state).some((r) => from < r.to && to > r.from);
}

export const lockMeta = {
  add: (tr: Transaction, id: string, from: number, to: number) =>
    tr.setMeta(rangeLockKey, { add: { id, from, to } } satisfies LockMeta).setMeta('addToHistory', false),
  remove: (tr: Transaction, id: string) => tr.setMeta(rangeLockKey, { remove: id } satisfies LockMeta).setMeta('addToHistory', false),
  /** For the transaction that replaces the locked text with the finished work; also releases the lock. */
  apply: (tr: Transaction, id: string) => tr.setMeta(rangeLockKey, { bypass: true, remove: id } satisfies LockMeta),
};

function decorate(state: EditorState, ranges: readonly LockedRange[], className: string): DecorationSet {
  if (!ranges.length) return DecorationSet.empty;
  const decos = ranges.filter((r) => r.to > r.from).map((r) =>
    Decoration.inline(r.from, r.to, { class: className, title: 'Locked while its revision is pending' }));
  return DecorationSet.create(state.doc, decos);
}

export const RangeLock = Extension.create<RangeLockOptions>({
  name: 'longhandRangeLock',
  addOptions() {
    return { allow: () => false, onBlocked: () => {}, className: 'range-locked' };
  },
  addProseMirrorPlugins() {
    const opts = this.options;
    return [new Plugin<LockedRange[]>({
      key: rangeLockKey,
      state: {
        init: () => [],
        apply(tr, ranges) {
          const meta = tr.getMeta(rangeLockKey) as LockMeta | undefined;
          let next = ranges;
          if (tr.docChanged && ranges.length) {
            const touched = new Set<string>();
            // Only transactions let past the filter can touch a range; remember that its text changed.
            if (!(meta && 'bypass' in meta)) {
              let cur = ranges;
              for (const step of tr.steps) {
                for (const r of cur) if (stepTouches(step, r.from, r.to)) touched.add(r.id);
                const map = step.getMap();
                cur = cur.map((r) => ({ ...r, from: map.map(r.from, 1), to: map.map(r.to, -1) }));
              }
            }
            next = ranges.map((r) => {
              const from = tr.mapping.map(r.from, 1);
              const to = Math.max(from, tr.mapping.map(r.to, -1));
              return { ...r, from, to, stale: r.stale || touched.has(r.id) };
            });
          }
          if (meta && 'add' in meta) next = [...next.filter((r) => r.id !== meta.add.id), { ...meta.add, stale: false }];
          if (meta && 'remove' in meta && meta.remove) next = next.filter((r) => r.id !== meta.remove);
          return next;
        },
      },
      filterTransaction(tr, state) {
        const ranges = rangeLockKey.getState(state) ?? [];
        if (!ranges.length || !tr.docChanged) return true;
        const meta = tr.getMeta(rangeLockKey) as LockMeta | undefined;
        if ((meta && 'bypass' in meta) || opts.allow(tr)) return true;
        const hit = touchedRange(tr, ranges);
        if (hit) opts.onBlocked(hit);
        return !hit;
      },
      props: {
        decorations(state) {
          return decorate(state, rangeLockKey.getState(state) ?? [], opts.className);
        },
      },
    })];
  },
});
