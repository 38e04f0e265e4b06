// Reading the list a bible request asks for ({"entries":[…]} or {"contradictions":[…]}) out of whatever the model
// answered, as the plan parser does: code fences, prose around it, trailing commas, a bare array, a single
// item, or an answer cut off mid-list (every item that closed is kept).
import { repairJson, scanObjects, stripFence } from '../generation/jsonScan';

export interface JsonItems {
  items: Record<string, unknown>[];
  /** The whole answer parsed (false: items were recovered from a malformed or cut-off answer). */
  complete: boolean;
  /** Anything list-shaped was found at all (an empty list counts). */
  found: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function parseWhole(text: string): unknown {
  const body = stripFence(text);
  // From the first brace, else the first bracket (prose before the JSON may hold a stray "[").
  for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
    const start = body.indexOf(open);
    const end = body.lastIndexOf(close);
    if (start < 0 || end <= start) continue;
    try { return JSON.parse(repairJson(body.slice(start, end + 1))); } catch { /* try the other */ }
  }
  return undefined;
}

export function readJsonItems(text: string, listKey: string, looksLikeItem: (v: Record<string, unknown>) => boolean): JsonItems {
  const whole = parseWhole(text);
  const list = Array.isArray(whole) ? whole
    : isRecord(whole) && Array.isArray(whole[listKey]) ? whole[listKey] as unknown[]
    : isRecord(whole) && looksLikeItem(whole) ? [whole]
    : null;
  if (list) return { items: list.filter(isRecord), complete: true, found: true };
  // Malformed or cut off: every closed object that reads as an item, outermost ones only.
  const objects = scanObjects(text)
    .filter((o) => isRecord(o.value) && looksLikeItem(o.value))
    .sort((a, b) => a.start - b.start);
  const items: Record<string, unknown>[] = [];
  let coveredTo = -1;
  for (const o of objects) {
    if (o.start < coveredTo) continue;
    items.push(o.value as Record<string, unknown>);
    coveredTo = o.end;
  }
  return { items, complete: false, found: items.length > 0 };
}

/** A trimmed string field, or '' (numbers are accepted as text). */
export function str(v: unknown, max = 4_000): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '';
}

/** A list of names from an array of strings or a comma-separated string. */
export function strList(v: unknown): string[] {
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,;]/) : [];
  return raw.map((x) => str(x, 200)).filter(Boolean);
}

/** Case- and spacing-insensitive key for names. */
export const nameKey = (s: string) => s.replace(/\s+/g, ' ').replace(/\u2019/g, "'").trim().toLowerCase();
