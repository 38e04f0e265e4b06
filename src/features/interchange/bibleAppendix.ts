// The .docx export's "Story bible" appendix: the document's entries as one more section (a Heading 1, then an
// entry per heading with its kind, aliases and progressions), built from the same Markdown the .md export writes.
import type { DocumentMeta } from '../../core/model';
import type { JsonNode } from '../../core/interchange/linkSafety';
import { bibleEntriesMarkdown } from '../../core/interchange/bibleMarkdown';
import { markdownToDoc } from '../../editor/markdown';
import { useStore } from '../../app/store';

export function storyBibleAppendix(doc: DocumentMeta): Array<{ title: string; doc: JsonNode | null }> {
  const entries = doc.bible ?? [];
  if (!entries.length) return [];
  const sections = useStore.getState().sections;
  const md = bibleEntriesMarkdown(entries, doc.sectionIds.map((id) => ({ id, title: sections[id]?.title ?? '' })), 1);
  return [{ title: 'Story bible', doc: markdownToDoc(md) as JsonNode }];
}
