// Makes the open end of a streaming Markdown text parse as the writer will finally see it: a half-written
// "**bo" renders as bold "bo" rather than the literal asterisks, and a bare "#" or "-" waiting for its text
// is held back. Only for display while streaming; the final commit parses the real text.

const MARKERS = ['**', '__', '~~', '*', '_', '`'] as const;

function unmatched(text: string): { marker: string; at: number }[] {
  const open: { marker: string; at: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const top = open[open.length - 1];
    if (top?.marker === '`') {
      // Inside a code span nothing else is a marker.
      if (text[i] === '`') { open.pop(); }
      i++;
      continue;
    }
    const m = MARKERS.find((k) => text.startsWith(k, i));
    if (!m) { i++; continue; }
    const prev = text[i - 1] ?? ' ', next = text[i + m.length] ?? '';
    // A list bullet, an intraword underscore or a lone spaced asterisk is not emphasis.
    const bullet = m === '*' && /^\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)) && next === ' ';
    const intraword = m[0] === '_' && /\w/.test(prev) && /\w/.test(next);
    if (bullet || intraword) { i += m.length; continue; }
    const k = open.findIndex((o) => o.marker === m);
    if (k >= 0 && !/\s/.test(prev)) open.splice(k);
    else if (!/\s/.test(next) || next === '') open.push({ marker: m, at: i });
    i += m.length;
  }
  return open;
}

export function closeOpenMarkdown(md: string): string {
  // A last line that is only a block marker (heading, bullet, number, quote) has no text to show yet.
  let text = md.replace(/(^|\n)[ \t]*(?:#{1,6}|[-*+]|\d+[.)]|>)[ \t]*$/, '$1');
  const blockStart = text.lastIndexOf('\n\n') + 1;
  const block = text.slice(blockStart);
  if (/^\s*(```|~~~)/m.test(block)) return text;
  const open = unmatched(block);
  if (!open.length) return text;
  let out = block;
  for (const o of [...open].reverse()) {
    if (out.slice(o.at + o.marker.length).trim() === '') out = out.slice(0, o.at) + out.slice(o.at + o.marker.length);
    else out = out.replace(/\s+$/, '') + o.marker;
  }
  return text.slice(0, blockStart) + out;
}
