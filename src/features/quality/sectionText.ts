// A section's plain text, the way the counter and the metrics read it: from the live editor when mounted
// (its text may not be saved yet), else from storage. The live path reads the ProseMirror document directly
// (blocks separated by blank lines, as docToText does) instead of serializing it to JSON first: a few
// milliseconds for a 6,000-word section instead of tens, so idle-time metrics stay off the typing path.
import { getEditor } from '../../editor/registry';
import { docToText } from '../../editor/markdown';
import { loadContent } from '../../app/workspace';

export async function sectionPlainText(sectionId: string): Promise<string> {
  const editor = getEditor(sectionId);
  if (editor) {
    const { doc } = editor.state;
    return doc.textBetween(0, doc.content.size, '\n\n', '\n');
  }
  return docToText(await loadContent(sectionId));
}
