// Models wrap a replacement in chatter despite the prompt ("Here is the revised text:", code fences, quotes,
// echoed tags). Strip only wrappers, never content: it runs on every streamed prefix, so it must be safe on
// partial text and idempotent.

const PREAMBLE = /^(?:(?:sure|certainly|of course|okay|ok)[!.,]?\s*)?(?:here(?:'s| is| are)\b[^\n]{0,80}|(?:the )?(?:revised|rewritten|edited|updated|simplified|shortened|expanded|paraphrased|improved|corrected)\b[^\n]{0,60}|revision|result|output)[:：]\s*\n/i;
const POSTAMBLE = /\n+\s*(?:let me know\b|i hope (?:this|that)\b|feel free to\b|i(?:'ve| have) (?:kept|made|revised|preserved|changed)\b)[^\n]*\s*$/i;
const QUOTE_PAIRS: ReadonlyArray<[string, string]> = [['"', '"'], ['\u201c', '\u201d'], ["'", "'"], ['\u2018', '\u2019']];

export function cleanRevisionOutput(text: string, original?: string): string {
  let t = text.replace(/^\uFEFF/, '').replace(/<think>[\s\S]*?(?:<\/think>|$)/g, '').trim();
  const keepFirstLine = original !== undefined && firstLine(t) === firstLine(original);
  if (!keepFirstLine) t = t.replace(PREAMBLE, '').trim();
  t = stripFence(t);
  if (!keepFirstLine) t = t.replace(PREAMBLE, '').trim();
  if (/^<passage>/i.test(t)) t = stripTrailingTag(t.replace(/^<passage>\s*/i, ''));
  t = t.replace(POSTAMBLE, '').trim();
  return stripQuotes(t, original);
}

// An echoed closing tag may be cut anywhere while streaming ("</pass").
function stripTrailingTag(t: string): string {
  const m = /\s*(<\/?[a-z]*>?)$/i.exec(t);
  if (m && m[1]!.length >= 2 && '</passage>'.startsWith(m[1]!.toLowerCase())) return t.slice(0, m.index);
  return t;
}

function firstLine(t: string): string {
  return t.trim().split('\n', 1)[0]!.trim().toLowerCase();
}

function stripFence(t: string): string {
  const open = /^```[\w-]*[ \t]*\n/.exec(t);
  if (!open) return t;
  const body = t.slice(open[0].length);
  // A partial stream has no closing fence yet; an unterminated closing fence may be half-arrived too.
  return body.replace(/\n?`{1,3}\s*$/, '').trim();
}

function stripQuotes(t: string, original?: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (t.length < 2 || !t.startsWith(open) || !t.endsWith(close)) continue;
    if (original?.trim().startsWith(open)) return t;
    const inner = t.slice(1, -1);
    // `"Yes," she said. "No."` starts and ends with quotes that belong to the prose.
    if (inner.includes(open) || inner.includes(close)) return t;
    return inner.trim();
  }
  return t;
}
