// The generation core at a glance. Prompt builder parts, in the order a section request is assembled:
//   memory.ts        what a section remembers (earlier summaries, previous tail, next brief, siblings)
//   sectionRequest.ts buildSectionRequest: parts → prompt, fitted to the model's budget
//   sectionPrompt.ts  how the parts read (headings, rules, task line)
//   sectionTrim.ts    budget trimming order: oldest summaries clipped, then dropped, then story bible entries
//                     (mentioned ones, then "always"), the previous tail, other briefs, the next brief, text so
//                     far, document brief — never this section's brief
//   (story bible selection: ../bible/select.ts, called by sectionRequest.ts when the input has a bible)
//   summaryPrompt.ts  the ≤120-word memory of a finished section; contentHash.ts its cache key
//   planRequest.ts / planParser.ts / planMerge.ts  plan an outline, parse it robustly (streaming too), apply it
//   targets.ts        targets that sum exactly to the total
//   writeQueue.ts     Write all: sequential / parallel with a limit, pause, resume, cancel, retry
//   tokens.ts, words.ts  estimates and word-boundary cuts
export { memoryFor, TAIL_WORDS, type MemorySection, type QueueState } from './memory';
export { buildSectionRequest, continueWordsFor, DEFAULT_SECTION_WORDS } from './sectionRequest';
export { HEADINGS } from './sectionPrompt';
export { fitToBudget } from './sectionTrim';
export type { SectionRequest, SectionRequestInput, TrimReport, OutlineItem } from './sectionTypes';
export { buildSummaryRequest, needsSummary, SUMMARY_MAX_WORDS } from './summaryPrompt';
export { contentHash } from './contentHash';
export { buildPlanRequest, DEFAULT_PLAN_WORDS } from './planRequest';
export { parsePlan, parsePlanLine, createPlanStream, type ParsedPlan } from './planParser';
export { replacePlan, fillPlan, type PlanPatch, type OutlineSection } from './planMerge';
export type { PlanEntry } from './planEntry';
export { normalizeTargets, apportion, splitTarget } from './targets';
export { createWriteQueue, type WriteQueue, type QueueSnapshot, type QueueMode } from './writeQueue';
export { estimateTokens, estimateMessagesTokens, maxOutputTokensFor } from './tokens';
