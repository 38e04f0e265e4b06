// The section content port: read and write a section's text whether or not its editor is mounted. Mounted:
// the stream renders live in the editor (rich text, read-only while streaming, one undo step per call, via
// src/editor/streaming.ts). Not mounted: the text goes to storage (partial text every second or so, so a
// crash keeps it) and the editor shows it when it mounts. No service waits for React.
import type { Editor } from '@tiptap/core';
import { Fragment } from '@tiptap/pm/model';
import { closeHistory } from '@tiptap/pm/history';
import type { RichDoc } from '../../core/model';
import { countWords } from '../../core/wordCount';
import { createStreamRenderer, joiner, ORIGIN_META } from '../../editor/streaming';

export interface ContentDeps {
  getEditor: (sectionId: string) => Editor | undefined;
  load: (sectionId: string) => Promise<RichDoc | null>;
  save: (sectionId: string, doc: RichDoc) => Promise<void>;
  toDoc: (markdown: string) => RichDoc;
  toMarkdown: (doc: RichDoc | null) => string;
  toText: (doc: RichDoc | null) => string;
  /** The section's word count changed by a write that no editor counted. */
  onWords?: (sectionId: string, words: number) => void;
  /** Milliseconds between partial saves of a stream into an unmounted section. */
  partialSaveMs?: number;
}

export interface SectionWriter {
  /** Markdown of the section when the write began. */
  readonly existing: string;
  readonly mounted: boolean;
  /** The streamed text so far. */
  push(soFar: string): void;
  /** Ends the write with `text` (replacing or appended); resolves to the section's Markdown and word count. */
  commit(text: string): Promise<{ markdown: string; words: number }>;
}

export interface SectionContent {
  read(sectionId: string): Promise<string>;
  words(sectionId: string): Promise<number>;
  begin(sectionId: string, mode: 'replace' | 'continue'): Promise<SectionWriter>;
  /** Replaces the whole section with `markdown` (one undo step when mounted). */
  replace(sectionId: string, markdown: string): Promise<{ markdown: string; words: number }>;
}

/** The section's Markdown after appending `text`, the way the stream renderer joins it. */
export function appendMarkdown(existing: string, text: string): string {
  const before = existing.trimEnd();
  if (!before) return text.trimStart();
  if (!text.trim()) return before;
  const lastBlock = before.slice(before.lastIndexOf('\n\n') + 1).trimStart();
  const startsBlock = /^\s*\n/.test(text) || /^\s*(#|[-*+] |\d+\. |>|```)/.test(text);
  const paragraphEnd = !/^(#|[-*+] |\d+\. |>|```)/.test(lastBlock);
  if (startsBlock || !paragraphEnd) return `${before}\n\n${text.trimStart()}`;
  return before + joiner(before, text) + text;
}

const editorText = (e: Editor) => e.state.doc.textBetween(0, e.state.doc.content.size, '\n\n', '\n');

export function createSectionContent(deps: ContentDeps): SectionContent {
  const partialMs = deps.partialSaveMs ?? 1000;

  async function read(sectionId: string): Promise<string> {
    const e = deps.getEditor(sectionId);
    if (e) return deps.toMarkdown(e.getJSON() as RichDoc);
    return deps.toMarkdown(await deps.load(sectionId));
  }

  /** Sets a mounted editor's whole content as one recorded, 'generated' step. */
  function setEditor(e: Editor, markdown: string): void {
    const json = deps.toDoc(markdown);
    const nodes = ((json.content ?? []) as object[]).map((n) => e.schema.nodeFromJSON(n));
    const tr = e.state.tr.replaceWith(0, e.state.doc.content.size, Fragment.fromArray(nodes));
    tr.setMeta(ORIGIN_META, 'generated');
    closeHistory(tr);
    e.view.dispatch(tr);
  }

  async function store(sectionId: string, markdown: string): Promise<{ markdown: string; words: number }> {
    const doc = deps.toDoc(markdown);
    // An editor that mounted meanwhile shows (and saves) it; otherwise storage holds it until one mounts.
    const e = deps.getEditor(sectionId);
    if (e) {
      setEditor(e, markdown);
      return { markdown: deps.toMarkdown(e.getJSON() as RichDoc), words: countWords(editorText(e)) };
    }
    await deps.save(sectionId, doc);
    const words = countWords(deps.toText(doc));
    deps.onWords?.(sectionId, words);
    return { markdown, words };
  }

  async function begin(sectionId: string, mode: 'replace' | 'continue'): Promise<SectionWriter> {
    const editor = deps.getEditor(sectionId);
    const existing = await read(sectionId);
    const compose = (text: string) => (mode === 'replace' ? text.trim() : appendMarkdown(existing, text));
    if (editor) {
      const renderer = createStreamRenderer(editor, { mode, toDoc: deps.toDoc, toMarkdown: (d) => deps.toMarkdown(d) });
      return {
        existing, mounted: true,
        push: (soFar) => renderer.push(soFar),
        async commit(text) {
          renderer.commit(text);
          // The editor closed mid-stream (another document opened): storage gets the whole text.
          if (editor.isDestroyed) return store(sectionId, compose(text));
          return { markdown: deps.toMarkdown(editor.getJSON() as RichDoc), words: countWords(editorText(editor)) };
        },
      };
    }
    let lastSave = Date.now();
    let saving: Promise<unknown> = Promise.resolve();
    return {
      existing, mounted: false,
      push(soFar) {
        if (Date.now() - lastSave < partialMs || deps.getEditor(sectionId)) return;
        lastSave = Date.now();
        const doc = deps.toDoc(compose(soFar));
        saving = saving.then(() => deps.save(sectionId, doc)).then(() => deps.onWords?.(sectionId, countWords(deps.toText(doc))), () => undefined);
      },
      async commit(text) {
        await saving;
        return store(sectionId, compose(text));
      },
    };
  }

  return {
    read,
    async words(sectionId) {
      const e = deps.getEditor(sectionId);
      if (e) return countWords(editorText(e));
      return countWords(deps.toText(await deps.load(sectionId)));
    },
    begin,
    replace: (sectionId, markdown) => store(sectionId, markdown),
  };
}
