// Which entries a section's prompt gets, and how each reads there. Only the entries mentioned around the
// section (its brief, its text so far, the previous section's tail, the next section's brief) plus the
// "always include" ones: a 200-entry bible must not fill every prompt. Each entry is shown as it stands at that
// section (its progressions up to and including it), so chapter 3 never hears about chapter 12's blind eye.
import { createMentionMatcher } from './mentions';
import type { BibleEntry, BibleKind } from './types';

/** The description with progressions applied up to (and including) section `sectionId` in `sectionOrder`. */
export function entryAsOf(entry: BibleEntry, sectionId: string, sectionOrder: readonly string[]): { description: string; progressions: string[] } {
  return { description: entry.description.trim(), progressions: progressionsAsOf(entry, sectionId, sectionOrder).map((p) => p.text) };
}

/** Progressions that hold at `sectionId`, in outline order; those of a section no longer in the outline are left out. */
function progressionsAsOf(entry: BibleEntry, sectionId: string, sectionOrder: readonly string[]): { at: number; text: string }[] {
  const here = sectionOrder.indexOf(sectionId);
  if (here < 0) return [];
  return entry.progressions
    .map((p, i) => ({ at: sectionOrder.indexOf(p.sectionId), text: p.text.trim(), i }))
    .filter((p) => p.at >= 0 && p.at <= here && p.text)
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ at, text }) => ({ at, text }));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * One entry as the prompt shows it:
 *   - Elspeth Morrow (character; also called: Ellie): Tall, grey-eyed …
 *     From section 12: blind in one eye.
 */
export function renderEntry(entry: BibleEntry, sectionId: string, sectionOrder: readonly string[]): string {
  const aliases = entry.aliases.map(oneLine).filter(Boolean);
  const head = `- ${oneLine(entry.name)} (${entry.kind}${aliases.length ? `; also called: ${aliases.join(', ')}` : ''})`;
  const description = oneLine(entry.description);
  const lines = [description ? `${head}: ${description}` : head];
  for (const p of progressionsAsOf(entry, sectionId, sectionOrder)) lines.push(`  From section ${p.at + 1}: ${oneLine(p.text)}`);
  return lines.join('\n');
}

export interface BibleSelectionInput {
  entries: readonly BibleEntry[];
  sectionId: string;
  sectionOrder: readonly string[];
  /** brief, text so far, previous tail, next brief */
  texts: readonly string[];
}

export interface SelectedEntry {
  id: string;
  name: string;
  kind: BibleKind;
  /** Rendered for the prompt (see renderEntry). */
  text: string;
  always: boolean;
}

/** Mentioned + alwaysInclude entries, in a stable order: the always ones first (bible order), then by first mention. */
export function selectBibleEntries(input: BibleSelectionInput): SelectedEntry[] {
  const { entries, sectionId, sectionOrder } = input;
  if (!entries.length) return [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const chosen: BibleEntry[] = entries.filter((e) => e.alwaysInclude);
  const taken = new Set(chosen.map((e) => e.id));
  const others = entries.filter((e) => !e.alwaysInclude);
  if (others.length) {
    const matcher = createMentionMatcher(others);
    // Texts in the order given: a mention in the brief comes before one in the previous tail.
    for (const text of input.texts) {
      for (const m of matcher.find(text)) {
        if (taken.has(m.entryId)) continue;
        taken.add(m.entryId);
        chosen.push(byId.get(m.entryId)!);
      }
    }
  }
  return chosen.map((e) => ({ id: e.id, name: oneLine(e.name), kind: e.kind, text: renderEntry(e, sectionId, sectionOrder), always: e.alwaysInclude }));
}
