// The sweep of orphaned copies (what it decides; service.ts runs it, session.ts reads and deletes the databases).
// Each shared document this browser opened keeps a Y.Doc copy in a y-indexeddb database named
// `longhand-y-<docId>-<ms>`, <ms> the moment the share was made or the link opened; the kv record `share:<docId>`
// names the current one as its `store`. A copy no record names belongs to no one: left by an earlier version,
// a retirement that failed, a Stop sharing whose clear failed, or a share whose creation was interrupted before
// its record was written. It is swept: deleted when every paragraph of it is still in this browser, else first
// kept as a document of its own. Nothing here touches IndexedDB or Yjs, so it is unit-tested on its own.
import type { RichDoc } from '../../core/model';
import { sectionsWithMissingText } from './earlierCopy';

const STORE_PREFIX = 'longhand-y-';

/**
 * A copy must be this old before the sweep touches it. Between a copy's database being created and its record
 * naming it, another tab is sharing the document (seed, then the record) or opening a link (first sync, then the
 * record): seconds, on a slow network perhaps a minute. Its name alone cannot tell that copy from an abandoned
 * one, but its age can; ten minutes leaves ample room for the slowest of those and still sweeps what is truly
 * left behind at the next page load. (A copy open in a tab is also guarded by its lock: see copyLockName.)
 */
export const SWEEP_SAFETY_AGE_MS = 10 * 60_000;

/** Held by the one tab that sweeps at a time (`ifAvailable`: another tab already sweeping means this one skips). */
export const SWEEP_LOCK = 'longhand-sweep-copies';

/**
 * The Web Lock of one copy: held (shared) by every session that has it open and by a retirement under way, taken
 * (exclusive, `ifAvailable`) by the sweep for the copy it reads and deletes, so it never deletes a copy in use.
 */
export const copyLockName = (store: string) => `longhand-copy:${store}`;

export interface StoredCopy { name: string; docId: string; createdAt: number }

/** `longhand-y-<docId>-<ms>` → its parts; null for any other database (the app's own, or not a copy's name). */
export function parseStoreName(name: string): StoredCopy | null {
  if (!name.startsWith(STORE_PREFIX)) return null;
  // Document ids may hold '-': the creation time is the last part.
  const m = /^(.+)-(\d{1,16})$/.exec(name.slice(STORE_PREFIX.length));
  if (!m) return null;
  const createdAt = Number(m[2]);
  return Number.isSafeInteger(createdAt) ? { name, docId: m[1]!, createdAt } : null;
}

/** The copies among `names` old enough to be swept (see SWEEP_SAFETY_AGE_MS). A time in the future is not. */
export function oldCopies(names: ReadonlyArray<string>, now: number, safetyAgeMs = SWEEP_SAFETY_AGE_MS): StoredCopy[] {
  return names.map(parseStoreName).filter((c): c is StoredCopy => !!c && now - c.createdAt >= safetyAgeMs);
}

/**
 * Of the old copies, those no record names: `current[docId]` is the `store` of that document's record (undefined
 * when it has none, e.g. sharing was stopped). In creation order, oldest first.
 */
export function pickOrphans(copies: ReadonlyArray<StoredCopy>, current: Readonly<Record<string, string | undefined>>): StoredCopy[] {
  return copies.filter((c) => current[c.docId] !== c.name).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * What to do with an orphan whose sections are `copy`, given every text this browser still has of its document
 * (`have`: the local document's sections, and the current shared copy's). 'delete' when nothing of it would be
 * lost: it is empty, or every paragraph of it is part of one of `have`. 'keep' (as a document of its own) else.
 */
export function decideOrphan(copy: ReadonlyArray<{ id: string; doc: RichDoc | null }>, have: ReadonlyArray<RichDoc | null>): 'delete' | 'keep' {
  return sectionsWithMissingText(copy, have).length ? 'keep' : 'delete';
}
