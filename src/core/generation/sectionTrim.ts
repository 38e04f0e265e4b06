// Fits a section prompt into its budget. Order (issue 4): summaries oldest first — clipped, then dropped —
// then story bible entries (issue 13: the ones mentioned, last-mentioned first, then the "always include"
// ones), then the previous section's tail, then what is least about this section (other sections' briefs, the next
// brief, the far part of the text so far, the document brief). This section's brief, its target, the
// checklist and the rules are never touched: when those alone do not fit, the report says overBudget.
import type { PromptParts } from './sectionPrompt';
import { bibleBlock, renderSystem, renderUser, summaryLine } from './sectionPrompt';
import type { TrimReport } from './sectionTypes';
import { estimateTokens } from './tokens';
import { clipWords, headChars, roughWordCount, tailChars } from './words';

const SHORT_SUMMARY_WORDS = 25;
const MIN_TAIL_WORDS = 60;
const MIN_SO_FAR_WORDS = 80;
const MIN_DOC_BRIEF_WORDS = 60;
const MESSAGE_OVERHEAD = 4;

export function emptyReport(): TrimReport {
  return {
    summariesShortened: [], summariesDropped: [], previousTail: 'none', outlineBriefsDropped: 0,
    nextBriefShortened: false, existingTextShortened: false, documentBriefShortened: false,
    bibleIncluded: [], bibleDropped: [], overBudget: false,
  };
}

export function fitToBudget(input: PromptParts, budgetTokens: number): { parts: PromptParts; report: TrimReport } {
  const p: PromptParts = {
    ...input,
    summaries: input.summaries.map((s) => ({ ...s })),
    outline: input.outline.map((o) => ({ ...o })),
    bible: [...input.bible],
  };
  const report = emptyReport();
  report.previousTail = p.previousTail.trim() ? 'kept' : 'none';
  const done = () => {
    report.bibleIncluded = p.bible.map((e) => e.name);
    return { parts: p, report };
  };
  // The system message never shrinks, so the user message has a fixed character allowance.
  const maxUser = (budgetTokens - estimateTokens(renderSystem(p)) - 2 * MESSAGE_OVERHEAD) * 4;
  let excess = renderUser(p).length - maxUser;
  const recompute = () => (excess = renderUser(p).length - maxUser);
  if (excess <= 0) return done();

  // 1. Clip summaries to their first words, oldest first.
  for (const s of p.summaries) {
    if (excess <= 0) break;
    const short = clipWords(s.text, SHORT_SUMMARY_WORDS);
    if (short.length >= s.text.length) continue;
    excess -= s.text.length - short.length;
    s.text = short;
    report.summariesShortened.push(s.index);
  }
  recompute();
  // 2. Drop summaries, oldest first (the note saying how many were left out costs a few characters).
  while (excess > 0 && p.summaries.length) {
    while (excess > 0 && p.summaries.length) {
      const s = p.summaries.shift()!;
      excess -= summaryLine(s).length + 1;
      report.summariesDropped.push(s.index);
      p.omittedSummaries++;
    }
    recompute();
  }
  // 2b. Story bible entries: the mentioned ones, last mentioned first (the next brief's before this brief's),
  // then the "always include" ones, last first. The heading goes with the last entry.
  if (excess > 0 && p.bible.length) {
    const order = [...p.bible.filter((e) => !e.always).reverse(), ...p.bible.filter((e) => e.always).reverse()];
    const dropped = new Set<typeof p.bible[number]>();
    for (const e of order) {
      if (excess <= 0) break;
      dropped.add(e);
      excess -= e.text.length + 1;
      if (dropped.size === p.bible.length) excess -= bibleBlock([]).length + 2;
    }
    report.bibleDropped = p.bible.filter((e) => dropped.has(e)).map((e) => e.name);
    p.bible = p.bible.filter((e) => !dropped.has(e));
    recompute();
  }
  // 3. Shorten, then drop, the previous section's verbatim tail.
  if (excess > 0 && p.previousTail.trim()) {
    const kept = tailChars(p.previousTail, p.previousTail.length - excess - 1);
    if (roughWordCount(kept) >= MIN_TAIL_WORDS) {
      p.previousTail = `…${kept}`;
      report.previousTail = 'shortened';
    } else {
      p.previousTail = '';
      report.previousTail = 'dropped';
    }
    recompute();
  }
  // 4. Other sections' briefs in the outline, farthest from this section first; titles stay.
  if (excess > 0) {
    const order = p.outline.map((_, i) => i).filter((i) => i !== p.index && p.outline[i]!.brief)
      .sort((a, b) => Math.abs(b - p.index) - Math.abs(a - p.index));
    for (const i of order) {
      if (excess <= 0) break;
      excess -= p.outline[i]!.brief!.length + 2;
      p.outline[i]!.brief = null;
      report.outlineBriefsDropped++;
    }
    recompute();
  }
  // 5. The next section's brief: its first words are enough to mark the boundary.
  if (excess > 0 && p.next && roughWordCount(p.next.brief) > 40) {
    p.next = { ...p.next, brief: clipWords(p.next.brief, 40) };
    report.nextBriefShortened = true;
    recompute();
  }
  // 6. Continue mode: keep the end of the section so far, where the model picks up.
  if (excess > 0 && p.mode === 'continue' && roughWordCount(p.soFar) > MIN_SO_FAR_WORDS) {
    const kept = tailChars(p.soFar, p.soFar.length - excess - 1);
    const floor = tailChars(p.soFar, Math.ceil(p.soFar.length * MIN_SO_FAR_WORDS / roughWordCount(p.soFar)));
    p.soFar = `…${roughWordCount(kept) >= MIN_SO_FAR_WORDS ? kept : floor}`;
    report.existingTextShortened = true;
    recompute();
  }
  // 7. Last resort: the start of the document brief (voice and subject come first in most briefs).
  if (excess > 0 && roughWordCount(p.docBrief) > MIN_DOC_BRIEF_WORDS) {
    const kept = headChars(p.docBrief, p.docBrief.length - excess - 1);
    p.docBrief = `${roughWordCount(kept) >= MIN_DOC_BRIEF_WORDS ? kept : clipWords(p.docBrief, MIN_DOC_BRIEF_WORDS)}…`;
    report.documentBriefShortened = true;
    recompute();
  }
  report.overBudget = excess > 0;
  return done();
}
