// The story bible's data: the people, places and facts of one document, kept outside the model's window and
// fed back into the prompts where they are mentioned. Plain data; the document meta is its one home.

export type BibleKind = 'character' | 'place' | 'thing' | 'term' | 'fact' | 'rule';
export const BIBLE_KINDS: readonly BibleKind[] = ['character', 'place', 'thing', 'term', 'fact', 'rule'];

/** A change that holds from a section on ("from section 12: blind in one eye"). */
export interface BibleProgression {
  /** The section it starts in (id, so reordering the outline keeps it attached to the right section). */
  sectionId: string;
  text: string;
}

export interface BibleEntry {
  id: string;
  kind: BibleKind;
  name: string;
  /** Other names the entry is mentioned by ("Ellie" for "Elspeth Morrow"). */
  aliases: string[];
  description: string;
  progressions: BibleProgression[];
  /** Goes into every section's prompt (style rules, the narrator's voice, a report's key figures). */
  alwaysInclude: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What an extraction request proposes; the writer accepts or rejects each one. Nothing is applied silently. */
export type BibleSuggestion =
  | { id: string; action: 'add'; entry: Pick<BibleEntry, 'kind' | 'name' | 'aliases' | 'description'>; sourceSectionId: string }
  | {
      id: string;
      action: 'update';
      entryId: string;
      /** Only the fields the model proposes to change; aliases are added, not replaced. */
      changes: { description?: string; addAliases?: string[]; progression?: string };
      sourceSectionId: string;
    };

/** A judge's finding: the section says something an entry contradicts. */
export interface BibleContradiction {
  entryId: string;
  entryName: string;
  /** The sentence of the section, quoted verbatim. */
  quote: string;
  explanation: string;
}
