// The extraction request: after a section is written (or on "Extract entries"), a model proposes new entries
// and changes to existing ones as JSON. The answer only ever becomes suggestions: the writer accepts or rejects
// each one (applySuggestion), so nothing the writer wrote is overwritten silently.
import type { ChatMessage } from '../../shared/protocol';
import { clipWords } from '../generation/words';
import { nameKey, readJsonItems, str, strList } from './json';
import { createMentionMatcher } from './mentions';
import { renderEntry } from './select';
import { BIBLE_KINDS, type BibleEntry, type BibleKind, type BibleSuggestion } from './types';

/** The system message's marker (the e2e fake upstream keys on it). */
export const EXTRACTION_MARKER = 'story bible extraction';
const MAX_PASSAGE_CHARS = 200_000;
const MAX_DESCRIPTION_CHARS = 2_000;

export const EXTRACTION_SHAPE = '{"entries":[' +
  '{"action":"add","kind":"character|place|thing|term|fact|rule","name":"…","aliases":["…"],"description":"…"},' +
  '{"action":"update","name":"<exact name of an existing entry>","description":"<new description, only when it must change>","addAliases":["…"],"progression":"<what changes from this section on>"}' +
  ']}';

const SYSTEM = [
  'Longhand task: extract',
  `This is a ${EXTRACTION_MARKER}. You keep the story bible of a long document written section by section: its`,
  'people, places, things, terms, facts and rules, so that later sections stay consistent with earlier ones.',
  'Read the passage (one section) and propose:',
  '- new entries for the people, places, things, terms, facts or rules it introduces that later sections will need;',
  '- updates to existing entries: a new alias, a corrected description, or a progression — something that',
  '  changes from this section on ("loses the sight of her left eye").',
  'Rules:',
  '- Use only what the passage states. No guesses, no interpretation.',
  '- Refer to an existing entry by its exact name. Do not propose what an entry already says.',
  '- Descriptions: plain facts, at most 60 words. Leave out one-off details that will not matter again.',
  'Answer with JSON only, in this shape:',
  EXTRACTION_SHAPE,
  'Answer {"entries":[]} when there is nothing to add or change.',
].join('\n');

export function buildExtractionRequest(input: {
  document: { title: string; brief: string };
  section: { id: string; title: string };
  text: string;
  entries: readonly BibleEntry[];
  sectionOrder: readonly string[];
}): { messages: ChatMessage[]; maxOutputTokens: number } {
  const { entries, sectionOrder, section } = input;
  const at = sectionOrder.indexOf(section.id);
  // Entries the passage mentions are shown whole (as they stand here), so the model can see what is new;
  // the rest by name only, so it does not add them twice. A 500-entry bible stays a short list of names.
  const mentioned = new Set(createMentionMatcher(entries).find(input.text).map((m) => m.entryId));
  const shown = entries.filter((e) => mentioned.has(e.id));
  const named = entries.filter((e) => !mentioned.has(e.id));
  const blocks = [
    `Document: "${oneLine(input.document.title) || 'Untitled'}"`,
    input.document.brief.trim() ? `Brief and style guide: ${clipWords(oneLine(input.document.brief), 200)}` : '',
    `Section${at >= 0 ? ` ${at + 1}` : ''}: "${oneLine(section.title) || 'Untitled section'}"`,
    shown.length ? `Existing entries this passage mentions (as they stand at this section):\n${shown.map((e) => renderEntry(e, section.id, sectionOrder)).join('\n')}` : '',
    named.length ? `Other existing entries (names only): ${named.map(nameWithAliases).join('; ')}` : '',
    entries.length ? '' : 'The story bible is empty so far.',
    `<passage>\n${input.text.trim().slice(0, MAX_PASSAGE_CHARS)}\n</passage>`,
  ].filter(Boolean);
  return {
    messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: blocks.join('\n\n') }],
    maxOutputTokens: 3_000,
  };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const nameWithAliases = (e: BibleEntry) => e.aliases.length ? `${oneLine(e.name)} (${e.aliases.map(oneLine).join(', ')})` : oneLine(e.name);

const KIND_WORDS: Record<string, BibleKind> = {
  person: 'character', people: 'character', characters: 'character', persona: 'character', narrator: 'character',
  location: 'place', setting: 'place', places: 'place',
  object: 'thing', item: 'thing', artifact: 'thing', artefact: 'thing', things: 'thing',
  concept: 'term', jargon: 'term', terms: 'term', word: 'term', definition: 'term',
  event: 'fact', figure: 'fact', number: 'fact', facts: 'fact',
  style: 'rule', voice: 'rule', constraint: 'rule', rules: 'rule',
};

function kindOf(v: unknown): BibleKind {
  const k = str(v, 40).toLowerCase();
  if ((BIBLE_KINDS as readonly string[]).includes(k)) return k as BibleKind;
  // Anything unrecognised is a fact: the writer sees the kind on the suggestion and can change it.
  return KIND_WORDS[k] ?? 'fact';
}

/** Looks up an entry by id, exact name or alias (any case). */
export function createEntryLookup(entries: readonly BibleEntry[]): (nameOrId: string) => BibleEntry | undefined {
  const byKey = new Map<string, BibleEntry>();
  for (const e of entries) byKey.set(nameKey(e.name), e);
  // Names win over aliases: an alias another entry uses as its name never redirects that name.
  for (const e of entries) for (const a of e.aliases) if (!byKey.has(nameKey(a))) byKey.set(nameKey(a), e);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (s) => byId.get(s) ?? byKey.get(nameKey(s));
}

const looksLikeSuggestion = (v: Record<string, unknown>) => typeof v.name === 'string' || typeof v.entry === 'string' || v.action === 'add' || v.action === 'update';

/** Aliases not yet known for the entry (or among themselves), and not the name itself. */
function newAliases(list: string[], name: string, existing: readonly string[]): string[] {
  const seen = new Set([name, ...existing].map(nameKey));
  const out: string[] = [];
  for (const a of list) {
    const k = nameKey(a);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

export function parseExtraction(text: string, entries: readonly BibleEntry[], sourceSectionId: string, newId: () => string): { suggestions: BibleSuggestion[]; errors: string[] } {
  const errors: string[] = [];
  const { items, complete, found } = readJsonItems(text, 'entries', looksLikeSuggestion);
  if (!found) {
    return { suggestions: [], errors: ['The model did not answer with story bible entries that could be read. Try again or another model.'] };
  }
  const lookup = createEntryLookup(entries);
  const suggestions: BibleSuggestion[] = [];
  const added = new Set<string>();
  const updated = new Map<string, Extract<BibleSuggestion, { action: 'update' }>>();
  for (const item of items) {
    const name = str(item.name ?? item.entry, 200);
    if (!name) { errors.push('A suggested entry without a name was skipped.'); continue; }
    const action = str(item.action, 20).toLowerCase();
    const existing = lookup(name);
    const description = str(item.description, MAX_DESCRIPTION_CHARS);
    const aliases = strList(item.addAliases ?? item.aliases);
    if (existing) {
      // An "add" of an entry the bible already has is read as an update: it can only add, never replace silently.
      const changes: { description?: string; addAliases?: string[]; progression?: string } = {};
      const fresh = newAliases(aliases, existing.name, existing.aliases);
      if (fresh.length) changes.addAliases = fresh;
      if (description && nameKey(description) !== nameKey(existing.description)) changes.description = description;
      const progression = str(item.progression ?? item.change, MAX_DESCRIPTION_CHARS);
      if (progression) changes.progression = progression;
      if (!Object.keys(changes).length) continue;
      const prior = updated.get(existing.id);
      if (prior) {
        // Two updates of one entry in one answer: one suggestion with both.
        if (changes.addAliases) prior.changes.addAliases = newAliases([...(prior.changes.addAliases ?? []), ...changes.addAliases], existing.name, existing.aliases);
        if (changes.description) prior.changes.description = changes.description;
        if (changes.progression) prior.changes.progression = prior.changes.progression ? `${prior.changes.progression} ${changes.progression}` : changes.progression;
        continue;
      }
      const s = { id: newId(), action: 'update' as const, entryId: existing.id, changes, sourceSectionId };
      updated.set(existing.id, s);
      suggestions.push(s);
      continue;
    }
    if (action === 'update' && !description) {
      errors.push(`An update of “${name}” was skipped: there is no such entry.`);
      continue;
    }
    if (added.has(nameKey(name))) continue;
    added.add(nameKey(name));
    suggestions.push({
      id: newId(), action: 'add', sourceSectionId,
      entry: { kind: kindOf(item.kind ?? item.type), name, aliases: newAliases(aliases, name, []), description },
    });
  }
  if (!complete) {
    errors.unshift(`The answer came back incomplete or malformed; kept the ${suggestions.length} suggestion(s) that could be read.`);
  }
  return { suggestions, errors };
}
