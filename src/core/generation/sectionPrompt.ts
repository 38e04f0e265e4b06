// Renders the section prompt from already-chosen parts. Trimming (sectionTrim.ts) decides what goes in;
// this file only decides how it reads. Headings are exported so tests and the request log can find parts.
import type { ChatMessage } from '../../shared/protocol';
import { formatCount } from '../wordCount';

export const HEADINGS = {
  document: '# Document',
  brief: '## Brief and style guide',
  outline: '## Outline',
  bible: '## Story bible (people, places and facts to keep consistent)',
  summaries: '## Summaries of the earlier sections',
  previousEnd: '## End of the previous section (verbatim)',
  next: '## Next section (do not write its material)',
  current: '## This section',
  soFar: '## The section so far',
  task: '## Task',
} as const;

export interface PromptParts {
  mode: 'write' | 'continue';
  docTitle: string;
  docBrief: string;
  /** Outline lines with briefs possibly removed; `brief: null` shows the title only. */
  outline: { title: string; brief: string | null; targetWords: number }[];
  index: number;
  /** Story bible entries chosen for this section (selectBibleEntries), already rendered; trimmed after summaries. */
  bible: { name: string; text: string; always: boolean }[];
  summaries: { index: number; title: string; text: string }[];
  omittedSummaries: number;
  previousTail: string;
  next: { index: number; title: string; brief: string } | null;
  concurrent: number[];
  brief: string;
  targetWords: number;
  words: number;
  checklist: string[];
  soFar: string;
}

export const quote = (s: string) => `"${s.replace(/\s+/g, ' ').trim()}"`;

export function taskLine(p: Pick<PromptParts, 'mode' | 'index' | 'outline' | 'words'>): string {
  const title = quote(p.outline[p.index]!.title);
  return p.mode === 'write'
    ? `Write section ${p.index + 1}: ${title} — about ${formatCount(p.words)} words.`
    : `Write section ${p.index + 1}: ${title} — continue it from exactly where it stops, about ${formatCount(p.words)} words more.`;
}

export function renderSystem(p: PromptParts): string {
  const last = p.index === p.outline.length - 1;
  const rules = [
    "Write only this section's prose, in Markdown: paragraphs, with emphasis, lists or sub-headings only where the material calls for them.",
    'Do not repeat the section title as a heading and add no preface, notes or commentary: begin with the prose itself.',
    last
      ? 'This is the last section: it may close the document as its brief asks.'
      : 'This is not the last section: no wrap-up, conclusion or summary at the end; stop where its material ends.',
    p.next ? "Do not write into the next section's material; leave it for that section." : '',
    "Follow the document's brief and style guide; stay consistent with the outline and with what came before.",
    'Aim for the length asked: do not stop far short of it or run far past it.',
    ...(p.mode === 'continue'
      ? [
          'Your text is appended directly after the last character of the section so far: if it stops mid-sentence, begin with the rest of that sentence; if it ends a paragraph, begin a new one.',
          'Do not repeat, restate or rewrite anything already written; write only the missing part.',
        ]
      : []),
  ].filter(Boolean);
  return [
    `Longhand task: ${p.mode}`,
    'You are writing one section of a long document, section by section, in its author\'s voice.',
    taskLine(p),
    '',
    'Rules:',
    ...rules.map((r) => `- ${r}`),
  ].join('\n');
}

export function outlineLine(p: PromptParts, i: number): string {
  const o = p.outline[i]!;
  const mark = i === p.index ? ' ← this section' : p.concurrent.includes(i) ? ' (being written at the same time)' : '';
  const brief = o.brief && o.brief.trim() ? `: ${o.brief.replace(/\s+/g, ' ').trim()}` : '';
  return `${i + 1}. ${quote(o.title)} (${formatCount(o.targetWords)} words)${mark}${brief}`;
}

export function summaryLine(s: { index: number; title: string; text: string }): string {
  return `${s.index + 1}. ${quote(s.title)}: ${s.text.replace(/\s+/g, ' ').trim()}`;
}

/** The bible block; the note says what the entries are for, so the model neither ignores nor recites them. */
export function bibleBlock(entries: readonly { text: string }[]): string {
  return `${HEADINGS.bible}\nAs they stand at this section. Stay consistent with them; do not restate them.\n${entries.map((e) => e.text).join('\n')}`;
}

export function renderUser(p: PromptParts): string {
  const blocks: string[] = [`${HEADINGS.document}: ${quote(p.docTitle)}`];
  if (p.docBrief.trim()) blocks.push(`${HEADINGS.brief}\n${p.docBrief.trim()}`);
  blocks.push(`${HEADINGS.outline}\n${p.outline.map((_, i) => outlineLine(p, i)).join('\n')}`);
  if (p.bible.length) blocks.push(bibleBlock(p.bible));
  if (p.summaries.length || p.omittedSummaries) {
    const lines = p.summaries.map(summaryLine);
    if (p.omittedSummaries) lines.unshift(`(${p.omittedSummaries} earlier summaries left out for space.)`);
    blocks.push(`${HEADINGS.summaries}\n${lines.join('\n')}`);
  }
  if (p.previousTail.trim()) blocks.push(`${HEADINGS.previousEnd}\n<previous_section_end>\n${p.previousTail.trim()}\n</previous_section_end>`);
  if (p.next) {
    const brief = p.next.brief.trim() ? `: ${p.next.brief.replace(/\s+/g, ' ').trim()}` : '';
    blocks.push(`${HEADINGS.next}\n${p.next.index + 1}. ${quote(p.next.title)}${brief}`);
  }
  const current = [
    `Section ${p.index + 1} of ${p.outline.length}: ${quote(p.outline[p.index]!.title)}`,
    `Brief: ${p.brief.trim() || '(none given: follow the outline and what came before)'}`,
    `Target: ${formatCount(p.targetWords)} words`,
  ];
  if (p.checklist.length) current.push('Make sure the section satisfies:', ...p.checklist.map((c) => `- ${c.trim()}`));
  blocks.push(`${HEADINGS.current}\n${current.join('\n')}`);
  if (p.mode === 'continue') blocks.push(`${HEADINGS.soFar}\n<section_so_far>\n${p.soFar}\n</section_so_far>`);
  blocks.push(`${HEADINGS.task}\n${taskLine(p)}`);
  return blocks.join('\n\n');
}

export function renderMessages(p: PromptParts): ChatMessage[] {
  return [
    { role: 'system', content: renderSystem(p) },
    { role: 'user', content: renderUser(p) },
  ];
}
