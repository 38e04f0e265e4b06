// The metrics worker replies with fresh objects for every section each time (structured clone), even when only
// the section being typed in changed. Keeping the previous object wherever the figures are the same lets
// reference equality stand for "unchanged" downstream: the stats view's 137 memoized rows and each section's
// quality bar re-render only for figures that moved. Pure: tested without the store.
import type { SectionMetricsView } from './slice';

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, Json>, rb = b as Record<string, Json>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameJson(ra[k], rb[k]));
}

/** `next`, with each entry equal in value to `prev`'s replaced by `prev`'s object; `prev` itself when nothing changed. */
export function keepUnchanged(prev: Record<string, SectionMetricsView>, next: Record<string, SectionMetricsView>): Record<string, SectionMetricsView> {
  const out: Record<string, SectionMetricsView> = {};
  let changed = Object.keys(prev).length !== Object.keys(next).length;
  for (const [id, m] of Object.entries(next)) {
    const old = prev[id];
    if (old && sameJson(old as unknown as Json, m as unknown as Json)) out[id] = old;
    else { out[id] = m; changed = true; }
  }
  return changed ? out : prev;
}
