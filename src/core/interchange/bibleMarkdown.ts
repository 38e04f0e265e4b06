// The story bible in a Markdown file: a trailing "## Story bible" section, marked by an HTML comment so that
// import recognises it (and a writer's own chapter called "Story bible" stays a chapter). Each entry is a "###"
// heading, a short list of fields, then its description. Progressions name their section by number (1-based),
// which survives the import's new section ids.
//
//   ## Story bible
//
//   <!-- longhand:story-bible -->
//
//   ### Elspeth Morrow
//
//   - Kind: character
//   - Aliases: Ellie, Els
//   - Always include: yes
//   - From section 12 (The Storm): blind in one eye
//
//   Grey-eyed harbourmaster's daughter.
import { BIBLE_KINDS, type BibleEntry, type BibleKind } from '../bible/types';

export const BIBLE_MARKER = '<!-- longhand:story-bible -->';
export const BIBLE_HEADING = 'Story bible';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The bible as a Markdown section (empty string for no entries). `sections` are the document's, in order. */
export function bibleToMarkdown(entries: readonly BibleEntry[], sections: ReadonlyArray<{ id: string; title: string }>, level = 2): string {
  if (!entries.length) return '';
  const lvl = Math.min(5, Math.max(1, level));
  return `${'#'.repeat(lvl)} ${BIBLE_HEADING}\n\n${BIBLE_MARKER}\n\n${bibleEntriesMarkdown(entries, sections, lvl + 1)}`;
}

/** The entries alone, each under a heading of `level` (the .docx appendix puts them under its own heading). */
export function bibleEntriesMarkdown(entries: readonly BibleEntry[], sections: ReadonlyArray<{ id: string; title: string }>, level = 3): string {
  const h = '#'.repeat(Math.min(6, Math.max(1, level)));
  const parts: string[] = [];
  for (const e of entries) {
    const fields = [`- Kind: ${e.kind}`];
    const aliases = e.aliases.map(oneLine).filter(Boolean);
    if (aliases.length) fields.push(`- Aliases: ${aliases.join(', ')}`);
    if (e.alwaysInclude) fields.push('- Always include: yes');
    for (const p of e.progressions) {
      const i = sections.findIndex((s) => s.id === p.sectionId);
      if (i < 0 || !p.text.trim()) continue; // a deleted section: nothing to attach it to on the way back
      const title = oneLine(sections[i]!.title).replace(/[()]/g, '');
      fields.push(`- From section ${i + 1}${title ? ` (${title})` : ''}: ${oneLine(p.text)}`);
    }
    parts.push(`${h} ${oneLine(e.name) || 'Untitled entry'}`, fields.join('\n'));
    // A description line that looks like a heading or a field would end the entry on the way back: escaped.
    const description = e.description.trim().replace(/\r\n?/g, '\n').replace(/^(\s*)(#|- (?:Kind|Aliases|Always include|From section))/gm, '$1\\$2');
    if (description) parts.push(description);
  }
  return parts.length ? parts.join('\n\n') + '\n' : '';
}

/** A bible entry read from Markdown: progressions still by section number. */
export interface ParsedBibleEntry extends Omit<BibleEntry, 'id' | 'progressions' | 'createdAt' | 'updatedAt'> {
  progressions: Array<{ section: number; text: string }>;
}

/**
 * Splits the bible section off a Markdown file: `rest` is the document without it (unchanged when there is none),
 * `entries` what it held. Only a heading "Story bible" followed by the marker comment counts.
 */
export function takeBibleMarkdown(source: string): { rest: string; entries: ParsedBibleEntry[] | null } {
  const text = source.replace(/\r\n?/g, '\n');
  const m = new RegExp(`^(#{1,5}) +${BIBLE_HEADING} *#* *\\n\\s*${BIBLE_MARKER.replace(/[-!]/g, '\\$&')}[ \\t]*(?:\\n|$)`, 'mi').exec(text);
  if (!m) return { rest: source, entries: null };
  const body = text.slice(m.index + m[0].length);
  const entryLevel = m[1]!.length + 1;
  const head = new RegExp(`^#{${entryLevel}} +(.+?)[ #]*$`);
  const entries: ParsedBibleEntry[] = [];
  let cur: { name: string; lines: string[] } | null = null;
  const flush = () => { if (cur) entries.push(parseEntry(cur.name, cur.lines)); cur = null; };
  for (const line of body.split('\n')) {
    const h = head.exec(line);
    if (h) { flush(); cur = { name: h[1]!.trim(), lines: [] }; continue; }
    cur?.lines.push(line);
  }
  flush();
  return { rest: text.slice(0, m.index).replace(/\s+$/, '') + '\n', entries };
}

function parseEntry(name: string, lines: string[]): ParsedBibleEntry {
  const e: ParsedBibleEntry = { kind: 'thing', name, aliases: [], description: '', progressions: [], alwaysInclude: false };
  let i = 0;
  while (i < lines.length && !lines[i]!.trim()) i++;
  // The field list: "- Key: value" lines up to the first line that is not one.
  for (; i < lines.length; i++) {
    const f = /^\s*[-*] +(Kind|Aliases|Always include|From section (\d+)(?: \([^)]*\))?) *: *(.*)$/i.exec(lines[i]!);
    if (!f) break;
    const key = f[1]!.toLowerCase(), value = f[3]!.trim();
    if (key === 'kind') e.kind = BIBLE_KINDS.includes(value.toLowerCase() as BibleKind) ? value.toLowerCase() as BibleKind : 'thing';
    else if (key === 'aliases') e.aliases = value.split(',').map((a) => a.trim()).filter(Boolean);
    else if (key === 'always include') e.alwaysInclude = /^(yes|true|y|1)$/i.test(value);
    else if (f[2] && value) e.progressions.push({ section: Number(f[2]), text: value });
  }
  e.description = lines.slice(i).join('\n').trim().replace(/^(\s*)\\(#|- (?:Kind|Aliases|Always include|From section))/gm, '$1$2');
  return e;
}

/** Parsed entries as document data: progressions attached to the imported sections by number (others dropped). */
export function resolveBibleEntries(parsed: readonly ParsedBibleEntry[], sectionIds: readonly string[], newId: () => string, now: number): BibleEntry[] {
  return parsed.map((p) => ({
    ...p,
    id: newId(),
    progressions: p.progressions.filter((q) => q.section >= 1 && q.section <= sectionIds.length)
      .map((q) => ({ sectionId: sectionIds[q.section - 1]!, text: q.text })),
    createdAt: now,
    updatedAt: now,
  }));
}
