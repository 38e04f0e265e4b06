// The bench's baseline: the same book in ONE bare TipTap editor (StarterKit only), loaded from /book.json
// (the ProseMirror JSON Longhand stored for it). Built by bench/run.ts; never part of the app bundle.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

void (async () => {
  const content = await (await fetch('/book.json')).json();
  const editor = new Editor({
    element: document.querySelector<HTMLElement>('#editor')!,
    extensions: [StarterKit],
    content,
    editorProps: { attributes: { 'aria-label': 'Section text', role: 'textbox' } },
  });
  (window as unknown as { benchEditor: Editor }).benchEditor = editor;
})();
