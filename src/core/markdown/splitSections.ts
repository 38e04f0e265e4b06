// Cuts a Markdown file into sections at headings of one level. Text before the first heading becomes an
// untitled first section, never dropped: front matter and prologues are part of the book.

export interface SplitSection { title: string; body: string }

const FENCE = /^\s{0,3}(```|~~~)/;

export function splitMarkdownSections(source: string, level: number): SplitSection[] {
  const heading = new RegExp(`^ {0,3}#{${level}}[ \\t]+(.*?)[ \\t#]*$`);
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const sections: SplitSection[] = [];
  let current: { title: string; lines: string[] } | null = null;
  let preamble: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = inFence ? null : heading.exec(line);
    if (m) {
      if (current) sections.push(finish(current));
      current = { title: m[1]!.trim(), lines: [] };
    } else if (current) current.lines.push(line);
    else preamble.push(line);
  }
  if (current) sections.push(finish(current));
  const pre = preamble.join('\n').trim();
  if (pre) sections.unshift({ title: '', body: pre });
  return sections;
}

function finish(s: { title: string; lines: string[] }): SplitSection {
  return { title: s.title, body: s.lines.join('\n').trim() };
}

/** The heading level that most likely marks sections: the shallowest level used more than once. */
export function guessSectionLevel(source: string): number {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  let inFence = false;
  for (const line of source.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = !inFence && /^ {0,3}(#{1,6})[ \t]+\S/.exec(line);
    if (m) counts[m[1]!.length]! += 1;
  }
  // A single "# Book title" over "## Chapter" headings: the chapters are the sections.
  if (counts[1] === 1) for (let l = 2; l <= 6; l++) if (counts[l]! > 0) return l;
  for (let l = 1; l <= 6; l++) if (counts[l]! > 1) return l;
  for (let l = 1; l <= 6; l++) if (counts[l]! > 0) return l;
  return 2;
}
