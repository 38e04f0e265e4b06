// The judge request for an item that needs a reader, and a forgiving parser for its answer: models say
// "Yes.", "**No**", "Answer: yes" or "No — the lighthouse is never named", and all of those must count.
import type { ChatMessage } from '../../shared/protocol';
import { requirementText } from './parseItem';

/** Longest passage sent to a judge (characters); well inside the proxy's 400k per-message limit. */
export const JUDGE_MAX_CHARS = 200_000;

export const JUDGE_SYSTEM = 'Longhand task: judge. You check whether a passage of a manuscript meets one requirement. ' +
  'Read the whole passage, then answer with one word: yes or no.';

export function judgeQuestion(item: string): string {
  return `Does the text include this: ${requirementText(item)}? Answer yes or no.`;
}

export function judgeMessages(item: string, text: string): ChatMessage[] {
  const passage = text.length > JUDGE_MAX_CHARS ? text.slice(0, JUDGE_MAX_CHARS) : text;
  return [
    { role: 'system', content: JUDGE_SYSTEM },
    { role: 'user', content: `<passage>\n${passage}\n</passage>\n\n${judgeQuestion(item)}` },
  ];
}

const YES = /^(?:yes|yeah|yep|y|true|correct|pass|passes|passed|it does|included|present)$/;
const NO = /^(?:no|nope|n|false|incorrect|fail|fails|failed|it does not|it doesn't|not included|absent|missing)$/;

/** true for yes, false for no, null when the answer says neither (or both) in its first words. */
export function parseYesNo(answer: string): boolean | null {
  const clean = answer
    .replace(/<think>[\s\S]*?<\/think>/gi, ' ') // reasoning models' visible thoughts
    .toLowerCase()
    .replace(/[*_`#>"'\u201c\u201d\u2018\u2019]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return null;
  const lead = clean.replace(/^(?:(?:the\s+)?answer(?:\s+is)?|verdict|result)\s*[:\-–—]?\s*/, '');
  const firstPhrase = lead.split(/[.,;:!?\n()\-–—]/)[0]!.trim();
  if (/\byes\b/.test(firstPhrase) && /\bno\b/.test(firstPhrase)) return null; // "yes and no"
  if (YES.test(firstPhrase) || /^yes\b/.test(lead)) return true;
  if (NO.test(firstPhrase) || /^no\b/.test(lead)) return false;
  // Otherwise look for a lone yes or no anywhere in a short answer ("I would say yes").
  if (clean.length <= 80) {
    const yes = /\byes\b/.test(clean), no = /\bno\b/.test(clean);
    if (yes !== no) return yes;
  }
  return null;
}
