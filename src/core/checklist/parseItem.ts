// What kind of check a checklist item needs. Quoted text ("must contain \"Pemberley\"") is checked by plain
// string search: exact, free and instant. Everything else ("Elizabeth refuses the proposal") needs a reader,
// so it becomes a yes/no question for a judge model.

export type CheckKind =
  /** All phrases must appear (or, when negated, none may), case-insensitively. */
  | { kind: 'contains'; phrases: string[]; negated: boolean }
  | { kind: 'judge'; requirement: string };

// Straight double quotes, curly double quotes and guillemets. Single quotes are left out: apostrophes
// ("Ahab's") would open false quotes.
const QUOTED = /"([^"\n]+)"|\u201c([^\u201d\n]+)\u201d|\u00ab\s?([^\u00bb\n]+?)\s?\u00bb/g;
// A negation before the first quote: must not contain "x", never "x", avoid "x", without "x", no "x".
const NEGATION = /\b(?:not|never|avoid|avoids|without|no|don't|doesn't|mustn't|exclude|excludes)\b/i;

export function parseChecklistItem(text: string): CheckKind {
  const phrases: string[] = [];
  let first = -1;
  for (const m of text.matchAll(QUOTED)) {
    const phrase = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!phrase) continue;
    if (first < 0) first = m.index;
    phrases.push(phrase);
  }
  if (!phrases.length) return { kind: 'judge', requirement: requirementText(text) };
  return { kind: 'contains', phrases, negated: NEGATION.test(text.slice(0, first)) };
}

/** The item as a requirement: trimmed, without a trailing full stop or its "every Nth section" rule. */
export function requirementText(text: string): string {
  return stripPeriodic(text).replace(/\s+/g, ' ').trim().replace(/[.;:,]+$/, '');
}

const PERIODIC = /[,;]?\s*\b(?:in\s+)?every\s+(?:(\d+)(?:st|nd|rd|th)?|(other|second)|(third)|(fourth)|(fifth))\s+(?:section|chapter|part)s?\b/i;
const EVERY_SECTION = /[,;]?\s*\b(?:in\s+)?(?:every|each)\s+(?:section|chapter|part)\b/i;

/** "a weather note every 5th section" → 5; "every other chapter" → 2; "in each section" → 1; else null. */
export function parsePeriodic(text: string): number | null {
  const m = PERIODIC.exec(text);
  if (m) {
    if (m[1]) return Math.max(1, Number(m[1]));
    if (m[2]) return 2;
    if (m[3]) return 3;
    if (m[4]) return 4;
    if (m[5]) return 5;
  }
  return EVERY_SECTION.test(text) ? 1 : null;
}

export function stripPeriodic(text: string): string {
  return text.replace(PERIODIC, '').replace(EVERY_SECTION, '');
}
