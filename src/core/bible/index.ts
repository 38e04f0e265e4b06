// The story bible core (issue 13): mentions, selection for prompts, extraction and consistency requests and
// their robust parsers, and accepting a suggestion. Pure; the UI, storage and editor marks live elsewhere.
//   mentions.ts     findMentions / createMentionMatcher: whole words, any case, possessives, longest wins
//   select.ts       entryAsOf, renderEntry, selectBibleEntries: mentioned + always, as of a section
//   extraction.ts   buildExtractionRequest / parseExtraction → suggestions (never applied silently)
//   consistency.ts  buildConsistencyRequest / parseConsistency → contradictions with verbatim quotes
//   apply.ts        applySuggestion: pure, for undo
export * from './types';
export { findMentions, createMentionMatcher, type BibleMention, type MentionMatcher } from './mentions';
export { entryAsOf, renderEntry, selectBibleEntries, type BibleSelectionInput, type SelectedEntry } from './select';
export { buildExtractionRequest, parseExtraction, createEntryLookup, EXTRACTION_MARKER, EXTRACTION_SHAPE } from './extraction';
export { buildConsistencyRequest, parseConsistency, locateQuote, CONSISTENCY_MARKER, CONSISTENCY_SHAPE } from './consistency';
export { applySuggestion } from './apply';
