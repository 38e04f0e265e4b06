// One planned section, from whatever shape a model gave it: keys are matched loosely (wordCount, target,
// main_points, …), "words" may be "1,200 words" or "800–1,000", points may be a list. zod checks the result.
import { z } from 'zod';

export interface PlanEntry {
  title: string;
  brief: string;
  /** Target in words; undefined when the model gave none (normalizeTargets fills it). */
  words?: number;
}

export const planEntrySchema = z.object({
  title: z.string().trim().min(1).max(300),
  brief: z.string().trim().max(5000),
  words: z.number().int().positive().max(1_000_000).optional(),
});

const TITLE_KEYS = ['title', 'name', 'heading', 'sectiontitle', 'section', 'chapter', 'chaptertitle'];
const BRIEF_KEYS = ['brief', 'mainpoints', 'mainpoint', 'points', 'keypoints', 'summary', 'description',
  'content', 'focus', 'synopsis', 'outline', 'notes'];
const WORD_KEYS = ['words', 'wordcount', 'targetwords', 'wordtarget', 'target', 'length', 'wordstarget',
  'numwords', 'approxwords', 'wordlimit', 'count'];

/** "1,200 words" → 1200, "~1.5k" → 1500, "800–1,000" → 900; undefined when there is no number. */
export function parseWordCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const nums = [...value.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(k\b)?/gi)].map((m) => {
    const n = Number(m[1]!.replace(/,/g, ''));
    return m[2] ? n * 1000 : n;
  }).filter((n) => Number.isFinite(n) && n > 0);
  if (!nums.length) return undefined;
  const isRange = nums.length >= 2 && /\d\s*(?:[-–—]|to)\s*~?\d/i.test(value);
  return Math.round(isRange ? (nums[0]! + nums[1]!) / 2 : nums[0]!);
}

/** Strips numbering and decoration a model adds to titles: "**Section 3: The Storm**" → "The Storm". */
export function cleanTitle(title: string): string {
  return title
    .replace(/\*\*|__/g, '')
    .replace(/^\s*(?:#+\s*)?/, '')
    .replace(/^(?:section|part|paragraph)\s*\d+\s*(?:[:.)—–-]\s*|$)/i, '')
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim();
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    return parts.length ? parts.map((x) => x.trim().replace(/[.;]$/, '')).join('; ') + '.' : undefined;
  }
  return undefined;
}

/** A normalised entry, or null when the object is not a section (no usable title). */
export function toPlanEntry(raw: unknown): PlanEntry | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const byKey = new Map<string, unknown>();
  for (const [k, v] of Object.entries(raw)) byKey.set(k.toLowerCase().replace(/[^a-z]/g, ''), v);
  const pick = (keys: string[], read: (v: unknown) => unknown) => {
    for (const k of keys) {
      const got = read(byKey.get(k));
      if (got !== undefined) return got;
    }
    return undefined;
  };
  const title = pick(TITLE_KEYS, (v) => (typeof v === 'string' && cleanTitle(v) ? cleanTitle(v) : undefined));
  const parsed = planEntrySchema.safeParse({
    title,
    brief: pick(BRIEF_KEYS, textOf) ?? '',
    words: pick(WORD_KEYS, parseWordCount),
  });
  if (!parsed.success) return null;
  const { words, ...rest } = parsed.data;
  return words === undefined ? rest : { ...rest, words };
}
