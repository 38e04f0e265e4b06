// A document as one Markdown file: the title as "#", each section as "##" over its body. Re-importing the
// file at level 2 gives back the same sections and text.

import { defangSchemes } from '../interchange/linkSafety';

export interface ExportSection { title: string; markdown: string }

export function documentToMarkdown(title: string, sections: readonly ExportSection[]): string {
  const parts: string[] = [];
  if (title.trim()) parts.push(`# ${oneLine(title)}`);
  sections.forEach((s, i) => {
    const heading = oneLine(s.title) || (i === 0 ? '' : `Section ${i + 1}`);
    // An untitled first section is the text before the first heading, exactly as import reads it.
    if (heading) parts.push(`## ${heading}`);
    if (s.markdown.trim()) parts.push(s.markdown.trim());
  });
  // No javascript:/vbscript:/data: URL leaves in a file, whatever the text spells: another renderer (marked with
  // default settings) would make it a live link.
  return defangSchemes(parts.join('\n\n') + '\n');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The import side: a leading single "# Title" names the document when sections are deeper headings. */
export function takeDocumentTitle(source: string, level: number): { title: string | null; rest: string } {
  if (level < 2) return { title: null, rest: source };
  const m = /^\s*# +(.+?)[ #]*\n/.exec(source.replace(/\r\n?/g, '\n') + '\n');
  if (!m) return { title: null, rest: source };
  return { title: m[1]!.trim(), rest: source.replace(/\r\n?/g, '\n').slice(m[0].length) };
}
