// Word-boundary cuts for prompt context: the tail of the previous section, the head of a long passage, a
// shortened summary. Words here are whitespace-separated runs — a cut must never split one, and the
// approximate size is all a prompt needs (exact counts use countWords).

const WORD = /\S+/g;

function wordStarts(text: string): number[] {
  const starts: number[] = [];
  for (const m of text.matchAll(WORD)) starts.push(m.index);
  return starts;
}

/** The last `n` words of `text`, starting at a word boundary (verbatim, including line breaks). */
export function lastWords(text: string, n: number): string {
  if (n <= 0) return '';
  const starts = wordStarts(text);
  if (starts.length <= n) return text.trim();
  return text.slice(starts[starts.length - n]).trimEnd();
}

/** The first `n` words of `text`, ending at a word boundary. */
export function firstWords(text: string, n: number): string {
  if (n <= 0) return '';
  let count = 0;
  for (const m of text.matchAll(WORD)) {
    count++;
    if (count === n) return text.slice(0, m.index + m[0].length).trim();
  }
  return text.trim();
}

/** Whitespace word count, cheap and close enough for budgeting. */
export function roughWordCount(text: string): number {
  return wordStarts(text).length;
}

/** First `n` words plus an ellipsis when anything was cut. */
export function clipWords(text: string, n: number): string {
  const head = firstWords(text, n);
  return head.length < text.trim().length ? `${head.replace(/[\s,;:.—–-]+$/u, '')}…` : head;
}

/**
 * The last ~`words` words of a Markdown text for use as verbatim context. When the cut falls inside a
 * paragraph and that paragraph starts no more than 25% further back, the tail starts at the paragraph instead,
 * so the model sees whole blocks (and no half-open `**`); otherwise it starts with "…" to show the cut.
 */
export function markdownTail(text: string, words: number): string {
  const trimmed = text.trimEnd();
  const starts = wordStarts(trimmed);
  if (starts.length <= words) return trimmed.trim();
  const cut = starts[starts.length - words]!;
  const blockStart = trimmed.lastIndexOf('\n', cut - 1) + 1;
  if (blockStart === cut || /^\s*$/.test(trimmed.slice(blockStart, cut))) return trimmed.slice(cut);
  const extra = roughWordCount(trimmed.slice(blockStart, cut));
  if (extra <= Math.ceil(words * 0.25)) return trimmed.slice(blockStart);
  return `…${trimmed.slice(cut)}`;
}

/** The end of `text` in at most `maxChars` characters, starting at a word boundary. */
export function tailChars(text: string, maxChars: number): string {
  const t = text.trimEnd();
  if (t.length <= maxChars) return t.trim();
  if (maxChars <= 0) return '';
  const from = t.length - maxChars;
  const m = /\s\S/.exec(t.slice(from - 1));
  return m ? t.slice(from - 1 + m.index + 1) : '';
}

/** The start of `text` in at most `maxChars` characters, ending at a word boundary. */
export function headChars(text: string, maxChars: number): string {
  const t = text.trim();
  if (t.length <= maxChars) return t;
  if (maxChars <= 0) return '';
  const cut = t.slice(0, maxChars + 1);
  const end = cut.search(/\s\S*$/);
  return end > 0 ? t.slice(0, end).trimEnd() : '';
}
