// Test kit: the real section content port over an in-memory store of Markdown (no editor, no IndexedDB).
// Each section's document is one text node holding its Markdown, which is all the pipeline tests look at.
import type { RichDoc } from '../../core/model';
import { createSectionContent } from './sectionContent';

export function memoryContent() {
  const texts = new Map<string, string>();
  const toDoc = (md: string): RichDoc => ({ type: 'doc', content: [{ type: 'text', text: md }] });
  const toMd = (d: RichDoc | null) => ((d?.content?.[0] as { text?: string } | undefined)?.text ?? '');
  const content = createSectionContent({
    getEditor: () => undefined, load: async (id) => (texts.has(id) ? toDoc(texts.get(id)!) : null),
    save: async (id, d) => { texts.set(id, toMd(d)); }, toDoc, toMarkdown: toMd, toText: toMd,
  });
  return { content, texts };
}
