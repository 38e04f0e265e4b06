// How a parsed plan lands on an outline. Replace reuses the existing sections in order (their text stays),
// adds sections for extra entries and lists the untouched ones; fill only sets briefs and targets that are
// missing. Targets are normalised to the total either way.
import type { PlanEntry } from './planEntry';
import { normalizeTargets } from './targets';

export interface OutlineSection { id: string; title: string; brief: string; targetWords: number; hasText: boolean }

export type PlanPatch =
  | { kind: 'update'; id: string; title?: string; brief?: string; targetWords?: number }
  | { kind: 'add'; title: string; brief: string; targetWords: number }
  | { kind: 'remove'; id: string };

/** Replace: entry i goes into existing section i; extra empty sections are removed, sections with text kept. */
export function replacePlan(existing: readonly OutlineSection[], entries: readonly PlanEntry[], total: number): PlanPatch[] {
  const sized = normalizeTargets(entries, total);
  const patches: PlanPatch[] = sized.map((e, i) => existing[i]
    ? { kind: 'update', id: existing[i]!.id, title: e.title, brief: e.brief, targetWords: e.words }
    : { kind: 'add', title: e.title, brief: e.brief, targetWords: e.words });
  for (const s of existing.slice(entries.length)) if (!s.hasText && !s.brief.trim()) patches.push({ kind: 'remove', id: s.id });
  return patches;
}

/** Fill: only missing briefs and missing (zero) targets; entries are matched by position. */
export function fillPlan(existing: readonly OutlineSection[], entries: readonly PlanEntry[], total: number): PlanPatch[] {
  const fixed = existing.reduce((n, s) => n + (s.targetWords > 0 ? s.targetWords : 0), 0);
  const missing = existing.map((s, i) => ({ i, s })).filter(({ s }) => !(s.targetWords > 0));
  const left = total > 0 ? Math.max(0, total - fixed) : 0;
  const sized = normalizeTargets(missing.map(({ i }) => ({ words: entries[i]?.words })), left);
  const patches: PlanPatch[] = [];
  existing.forEach((s, i) => {
    const p: PlanPatch & { kind: 'update' } = { kind: 'update', id: s.id };
    if (!s.brief.trim() && entries[i]?.brief) p.brief = entries[i]!.brief;
    const k = missing.findIndex((m) => m.i === i);
    if (k >= 0 && sized[k]!.words > 0) p.targetWords = sized[k]!.words;
    if (p.brief !== undefined || p.targetWords !== undefined) patches.push(p);
  });
  return patches;
}
