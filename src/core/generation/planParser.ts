// Reads a plan from whatever a model answered: the contract JSON (possibly fenced, wrapped in prose, with
// trailing commas or cut off), a bare array, or AgentWrite lines
// "Section N — Title: … — Main points: … — Words: …". Partial answers keep every entry that parsed;
// garbage gives a message the writer can act on. Also used on a growing stream (entries appear as they close).
import { z } from 'zod';
import { scanObjects, stripFence, repairJson } from './jsonScan';
import { parseWordCount, cleanTitle, toPlanEntry, type PlanEntry } from './planEntry';

export interface ParsedPlan {
  entries: PlanEntry[];
  format: 'json' | 'lines' | 'none';
  /** True when the whole answer parsed (a cut-off answer is partial even if entries were kept). */
  complete: boolean;
  /** Writer-readable problem, when there is one. */
  message?: string;
}

const planSchema = z.union([
  z.object({ sections: z.array(z.unknown()) }).passthrough(),
  z.array(z.unknown()),
]);

function fromWhole(text: string): PlanEntry[] | null {
  const body = stripFence(text);
  const start = body.search(/[[{]/);
  if (start < 0) return null;
  const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
  if (end <= start) return null;
  let value: unknown;
  try { value = JSON.parse(repairJson(body.slice(start, end + 1))); } catch { return null; }
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) return null;
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.sections;
  const entries = list.map(toPlanEntry).filter((e): e is PlanEntry => !!e);
  return entries.length ? entries : null;
}

/** Entries from every closed object that reads as a section, outermost section objects only. */
function fromObjects(text: string): PlanEntry[] {
  const objs = scanObjects(text).map((o) => ({ ...o, entry: toPlanEntry(o.value) })).filter((o) => o.entry);
  objs.sort((a, b) => a.start - b.start);
  const out: PlanEntry[] = [];
  let coveredTo = -1;
  for (const o of objs) {
    if (o.start < coveredTo) continue;
    out.push(o.entry!);
    coveredTo = o.end;
  }
  return out;
}

const LINE = /^\s*(?:[-*]\s*)?\**\s*(?:section|part|chapter)\s*(\d+)\s*\**\s*[—–:-]+\s*(.+)$/i;

/** One AgentWrite line, or null. Fields are separated by dashes; labels are optional except the section number. */
export function parsePlanLine(line: string): PlanEntry | null {
  const m = LINE.exec(line.replace(/\*\*/g, ''));
  if (!m) return null;
  const fields = m[2]!.split(/\s+[—–]\s+|\s+--?\s+|\s*\|\s*/).map((f) => f.trim()).filter(Boolean);
  let title = '', brief = '', words: number | undefined;
  for (const f of fields) {
    const kv = /^(title|main points?|points|brief|summary|words?|word count|target|length)\s*:\s*(.*)$/i.exec(f);
    const key = kv?.[1]?.toLowerCase() ?? '';
    const val = (kv?.[2] ?? f).trim();
    if (key.startsWith('word') || key === 'target' || key === 'length') words = parseWordCount(val);
    else if (key === 'title' || (!key && !title)) title = cleanTitle(val);
    else if (key || !brief) brief = brief ? `${brief} ${val}` : val;
  }
  if (!title) return null;
  return words === undefined ? { title, brief } : { title, brief, words };
}

function fromLines(text: string, final: boolean): PlanEntry[] {
  const lines = text.split(/\r?\n/);
  // While streaming, the last line may be half written.
  if (!final && !/\n\s*$/.test(text)) lines.pop();
  return lines.map(parsePlanLine).filter((e): e is PlanEntry => !!e);
}

/**
 * Parses a plan answer. With `final: false` (streaming) only entries that are complete so far are returned,
 * and no message is given for what is still missing.
 */
export function parsePlan(text: string, opts: { final?: boolean } = {}): ParsedPlan {
  const final = opts.final ?? true;
  if (final) {
    const whole = fromWhole(text);
    if (whole) return { entries: whole, format: 'json', complete: true };
  }
  const objects = fromObjects(text);
  const lines = fromLines(text, final);
  if (objects.length >= lines.length && objects.length) {
    return {
      entries: objects, format: 'json', complete: false,
      message: final ? `The plan came back incomplete or malformed; kept the ${objects.length} section(s) that could be read.` : undefined,
    };
  }
  if (lines.length) return { entries: lines, format: 'lines', complete: final };
  return {
    entries: [], format: 'none', complete: false,
    message: final ? 'The model did not answer with a plan that could be read (no sections found). Try again or another model.' : undefined,
  };
}

/** Streaming helper: feed the text so far, get the entries that were not reported before. */
export function createPlanStream(): { update(full: string): PlanEntry[]; finish(full: string): ParsedPlan; readonly entries: PlanEntry[] } {
  let seen: PlanEntry[] = [];
  return {
    update(full) {
      const { entries } = parsePlan(full, { final: false });
      const fresh = entries.slice(seen.length);
      if (entries.length > seen.length) seen = entries;
      return fresh;
    },
    finish(full) {
      const result = parsePlan(full, { final: true });
      seen = result.entries;
      return result;
    },
    get entries() { return seen; },
  };
}
